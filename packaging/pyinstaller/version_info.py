"""The Windows version resource (what Explorer's Properties > Details shows) for the .exe."""

from __future__ import annotations


def windows_version_info(version: str, description: str):
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = (*(int(part) for part in version.split(".")[:3]), 0)
    strings = StringTable(
        "080904B0",  # English (United Kingdom), Unicode
        [
            StringStruct("ProductName", "MatrixDesk"),
            StringStruct("FileDescription", description),
            StringStruct("FileVersion", version),
            StringStruct("ProductVersion", version),
            StringStruct("InternalName", "matrixdesk"),
            StringStruct("OriginalFilename", "matrixdesk.exe"),
            StringStruct("LegalCopyright", "MatrixDesk contributors"),
        ],
    )
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[StringFileInfo([strings]), VarFileInfo([VarStruct("Translation", [0x0809, 1200])])],
    )
