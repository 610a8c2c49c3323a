"""The Linux desktop files (packaging/linux) and the .deb's metadata as package.py writes them:
what a software centre, a menu and apt show an IT admin."""

from __future__ import annotations

import configparser
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "packaging"))
import package

LINUX = REPO / "packaging" / "linux"
# The freedesktop.org menu's main categories: an entry belongs in exactly one.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
    "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def test_the_menu_entry_starts_the_app_without_arguments_it_would_refuse() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(LINUX / "org.matrixdesk.MatrixDesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    # %U would hand it files or addresses from a file manager, which its command line refuses.
    assert desktop["Exec"] == "matrixdesk"
    categories = set(filter(None, desktop["Categories"].split(";")))
    assert len(categories & MAIN_CATEGORIES) == 1, categories


def test_the_software_centre_is_told_the_content_refers_to_alcohol_and_drugs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/matrixdesk")
    component = ET.fromstring(package.metainfo())
    rating = component.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    attributes = {a.get("id"): a.text for a in rating.findall("content_attribute")}
    assert attributes == {"drugs-alcohol": "mild", "drugs-narcotics": "mild"}
    assert component.findtext("url[@type='homepage']") == "https://github.com/owner/matrixdesk"
    (release,) = component.iter("release")
    assert release.get("version") == package.VERSION


def test_the_deb_names_a_maintainer_and_a_homepage_when_built_for_a_release(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEBFULLNAME", "MatrixDesk releases")
    monkeypatch.setenv("DEBEMAIL", "releases@example.org")
    assert package.maintainer() == "MatrixDesk releases <releases@example.org>"
    monkeypatch.delenv("DEBEMAIL")
    assert "localhost" not in package.maintainer() and "@" in package.maintainer()
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert "<url" not in package.metainfo()  # no homepage invented when none is known
    changelog = package.deb_changelog()
    assert changelog.startswith(f"matrixdesk ({package.VERSION}-1) stable; urgency=medium")
