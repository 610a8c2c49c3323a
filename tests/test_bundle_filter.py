"""Which of Qt's plugins the frozen app keeps (packaging/pyinstaller/bundle_filter.py), read from
the PySide6 this machine has installed and from the names the Windows and macOS wheels use. A
plugin dropped by mistake is a feature lost only in the installed app: dead keys (compose), input
methods (IBus), OpenGL on X11 (GLX, EGL) or Windows' native look."""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "packaging" / "pyinstaller"))
from bundle_filter import keep_binary

PLUGINS = Path(PySide6.__file__).parent / "Qt" / "plugins"

# What the Linux bundle must hold, and nothing else of Qt's plugins.
LINUX_PLUGINS = {
    "iconengines/libqsvgicon.so",
    "imageformats/libqico.so",
    "imageformats/libqsvg.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "platforminputcontexts/libibusplatforminputcontextplugin.so",
    "platforms/libqoffscreen.so",
    "platforms/libqxcb.so",
    "platformthemes/libqxdgdesktopportal.so",
    "printsupport/libcupsprintersupport.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
}


def kept(names: list[str]) -> set[str]:
    return {name for name in names if keep_binary(f"PySide6/Qt/plugins/{name}")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux wheel's plugins")
def test_linux_keeps_input_contexts_gl_integrations_and_only_what_it_uses() -> None:
    installed = [str(p.relative_to(PLUGINS)) for p in PLUGINS.rglob("*.so")]
    assert set(installed) >= LINUX_PLUGINS, "the installed PySide6 lacks a plugin we rely on"
    assert kept(installed) == LINUX_PLUGINS


def test_windows_keeps_its_platform_and_its_style() -> None:
    names = [
        "platforms/qwindows.dll",
        "platforms/qdirect2d.dll",
        "styles/qmodernwindowsstyle.dll",
        "imageformats/qsvg.dll",
        "imageformats/qjpeg.dll",
        "iconengines/qsvgicon.dll",
        "tls/qschannelbackend.dll",
    ]
    assert kept(names) == {
        "platforms/qwindows.dll",
        "styles/qmodernwindowsstyle.dll",
        "imageformats/qsvg.dll",
        "iconengines/qsvgicon.dll",
    }


def test_macos_keeps_cocoa_and_its_style() -> None:
    names = ["platforms/libqcocoa.dylib", "styles/libqmacstyle.dylib", "imageformats/libqgif.dylib"]
    assert kept(names) == {"platforms/libqcocoa.dylib", "styles/libqmacstyle.dylib"}
