"""The Windows MSI's sources, checked on Linux: heat's harvest of the bundle, passed through
packaging/windows/drop-main-exe.xslt (run here with xsltproc, as heat runs it on Windows),
leaves matrixdesk.exe to the component matrixdesk.wxs gives it, so no file is installed by two
components (light's ICE30 would refuse the MSI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO

WINDOWS = REPO / "packaging" / "windows"
WIX = "{http://schemas.microsoft.com/wix/2006/wi}"

# What `heat dir dist\matrixdesk -cg BundleFiles -dr INSTALLDIR -srd -sreg -ag
# -var var.SourceDir` writes for a bundle with both executables, a library and a data file.
HARVEST = r"""<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
    <Fragment>
        <DirectoryRef Id="INSTALLDIR">
            <Component Id="cmp0A1B" Guid="*">
                <File Id="fil0A1B" KeyPath="yes" Source="$(var.SourceDir)\matrixdesk-cli.exe" />
            </Component>
            <Component Id="cmp2C3D" Guid="*">
                <File Id="fil2C3D" KeyPath="yes" Source="$(var.SourceDir)\matrixdesk.exe" />
            </Component>
            <Directory Id="dir4E5F" Name="_internal">
                <Component Id="cmp6A7B" Guid="*">
                    <File Id="fil6A7B" KeyPath="yes"
                          Source="$(var.SourceDir)\_internal\python311.dll" />
                </Component>
                <Directory Id="dir8C9D" Name="matrixdesk">
                    <Component Id="cmpAEBF" Guid="*">
                        <File Id="filAEBF" KeyPath="yes"
                              Source="$(var.SourceDir)\_internal\matrixdesk\notmatrixdesk.exe" />
                    </Component>
                </Directory>
            </Directory>
        </DirectoryRef>
    </Fragment>
    <Fragment>
        <ComponentGroup Id="BundleFiles">
            <ComponentRef Id="cmp0A1B" />
            <ComponentRef Id="cmp2C3D" />
            <ComponentRef Id="cmp6A7B" />
            <ComponentRef Id="cmpAEBF" />
        </ComponentGroup>
    </Fragment>
</Wix>
"""


def _xsltproc() -> str:
    found = shutil.which("xsltproc")
    if found:
        return found
    if getattr(os, "geteuid", lambda: -1)() == 0 and Path("/etc/debian_version").exists():
        pytest.fail("xsltproc is missing: run scripts/install-system-deps.sh (make test does)")
    pytest.skip("xsltproc is missing: sudo scripts/install-system-deps.sh installs it")


def _transformed(tmp_path: Path) -> ET.Element:
    harvest = tmp_path / "files.wxs"
    harvest.write_text(HARVEST, encoding="utf-8")
    result = subprocess.run(
        [_xsltproc(), str(WINDOWS / "drop-main-exe.xslt"), str(harvest)],
        capture_output=True,
        text=True,
        check=True,
    )
    return ET.fromstring(result.stdout)


def _sources(root: ET.Element, exe_name: str) -> list[str]:
    """Each file a WiX source installs, as one spelling: variables filled in, backslashes."""
    return [
        file.attrib["Source"]
        .replace("$(var.ExeName)", exe_name)
        .replace("$(var.SourceDir)", "SOURCE")
        .replace("/", "\\")
        for file in root.iter(f"{WIX}File")
    ]


def test_the_harvest_leaves_matrixdesk_exe_to_its_own_component(tmp_path: Path) -> None:
    harvested = _transformed(tmp_path)
    sources = _sources(harvested, "matrixdesk.exe")
    assert "SOURCE\\matrixdesk.exe" not in sources
    # Everything else stays, the console executable and a look-alike name included.
    assert "SOURCE\\matrixdesk-cli.exe" in sources
    assert "SOURCE\\_internal\\python311.dll" in sources
    assert "SOURCE\\_internal\\matrixdesk\\notmatrixdesk.exe" in sources
    components = {c.attrib["Id"] for c in harvested.iter(f"{WIX}Component")}
    references = {r.attrib["Id"] for r in harvested.iter(f"{WIX}ComponentRef")}
    assert references == components  # no reference left to the dropped component


def test_no_file_is_installed_by_two_components(tmp_path: Path) -> None:
    """ICE30: the product's own matrixdesk.exe and the harvest's files, together, once each."""
    product = ET.parse(WINDOWS / "matrixdesk.wxs").getroot()
    everything = _sources(product, "matrixdesk.exe") + _sources(
        _transformed(tmp_path), "matrixdesk.exe"
    )
    assert "SOURCE\\matrixdesk.exe" in everything
    assert len(everything) == len(set(everything)), sorted(everything)


def test_a_rebuilt_msi_of_the_same_version_replaces_it_and_old_windows_is_refused() -> None:
    """What WiX 3 builds on Windows (wixl, for the stand-in, knows neither)."""
    product = ET.parse(WINDOWS / "matrixdesk.wxs").getroot()
    upgrades = [u.attrib for u in product.iter(f"{WIX}MajorUpgrade")]
    assert {"AllowSameVersionUpgrades": "yes"}.items() <= upgrades[-1].items()
    (condition,) = product.iter(f"{WIX}Condition")
    assert condition.attrib["Message"] == "MatrixDesk needs 64-bit Windows 10 or later."
    assert (condition.text or "").strip() == "Installed OR (VersionNT64 AND WINDOWSMAJORVERSION)"
    (search,) = product.iter(f"{WIX}RegistrySearch")
    assert search.attrib["Name"] == "CurrentMajorVersionNumber"  # there from Windows 10 on
