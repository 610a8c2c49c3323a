"""The frozen app gives the programs it starts (the web browser) the user's own environment,
not the library path PyInstaller's bootloader set for the bundle. The frozen app itself is
tested starting a browser in tests/test_frozen_desktop.py."""

from __future__ import annotations

from matrixdesk.frozen_environment import restore_original_environment

BUNDLE = "/opt/matrixdesk/_internal"


def test_the_users_library_path_comes_back() -> None:
    environ = {
        "LD_LIBRARY_PATH": f"{BUNDLE}:/home/me/lib",
        "LD_LIBRARY_PATH_ORIG": "/home/me/lib",
        "_PYI_ARCHIVE_FILE": "/opt/matrixdesk/matrixdesk",
        "_PYI_PARENT_PROCESS_LEVEL": "1",
        "HOME": "/home/me",
    }
    restore_original_environment(environ)
    assert environ == {"LD_LIBRARY_PATH": "/home/me/lib", "HOME": "/home/me"}


def test_a_library_path_the_user_never_set_is_unset() -> None:
    environ = {"LD_LIBRARY_PATH": BUNDLE, "PATH": "/usr/bin"}
    restore_original_environment(environ)
    assert environ == {"PATH": "/usr/bin"}
