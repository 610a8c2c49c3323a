"""The release workflow (.github/workflows/release.yml), which cannot run here: read as GitHub
would read it, and checked for what an IT admin downloading a release relies on. On a tag it
publishes every artifact with SHA256SUMS, signs when the secrets are there and says so when
they are not; the Windows MSI's components keep their GUIDs; the disk image has Applications."""

from __future__ import annotations

from typing import Any

import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "release.yml"


def _workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _script(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _uploads(job: dict[str, Any]) -> str:
    return "\n".join(
        step["with"]["path"] for step in job["steps"] if "upload-artifact" in step.get("uses", "")
    )


def test_a_tag_publishes_a_release_with_every_artifact_and_their_checksums() -> None:
    workflow = _workflow()
    # YAML 1.1 reads the key "on" as True.
    assert workflow[True]["push"]["tags"] == ["v*"]
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    release = jobs["release"]
    assert set(release["needs"]) == {"linux", "windows", "macos"}
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert release["permissions"] == {"contents": "write"}  # only the job that publishes
    script = _script(release)
    assert "sha256sum -- * > SHA256SUMS" in script and "sha256sum --check SHA256SUMS" in script
    assert 'gh release create "$GITHUB_REF_NAME"' in script and "artifacts/*" in script
    uploaded = "\n".join(_uploads(jobs[name]) for name in ("linux", "windows", "macos"))
    for artifact in ("*.deb", "*.tar.gz", "*.msi", "*.zip", "*.dmg"):
        assert f"dist/{artifact}" in uploaded, artifact


def test_unsigned_builds_are_said_plainly_in_the_release_notes() -> None:
    jobs = _workflow()["jobs"]
    notes = _script(jobs["release"])
    assert "are not signed.**" in notes and "is not signed or notarized.**" in notes
    windows, macos = jobs["windows"], jobs["macos"]
    # Signing steps run only with their secrets, which the job's environment carries.
    assert windows["env"]["WINDOWS_CERTIFICATE"] == "${{ secrets.WINDOWS_CERTIFICATE }}"
    signing = [step for step in windows["steps"] if "sign /fd SHA256" in step.get("run", "")]
    assert len(signing) == 2 and all(s["if"] == "env.WINDOWS_CERTIFICATE != ''" for s in signing)
    notarizing = [step for step in macos["steps"] if "notarytool" in step.get("run", "")]
    # The app (its ticket stapled, for Macs with no internet) and then the disk image.
    assert [step["if"] for step in notarizing] == ["env.MACOS_CERTIFICATE != ''"] * 2
    assert "xcrun stapler staple dist/MatrixDesk.app" in _script(macos)
    assert "signing-windows.txt" in _uploads(windows) and "signing-macos.txt" in _uploads(macos)


def test_windows_builds_an_msi_that_upgrades_in_place_and_a_portable_zip() -> None:
    script = _script(_workflow()["jobs"]["windows"])
    assert " -ag " in script and " -gg " not in script  # stable component GUIDs
    assert "drop-main-exe.xslt" in script and '"-dToolset=wix3"' in script
    assert "Compress-Archive" in script and "\\portable" in script
    assert "MatrixDesk-rebuilt.msi" in script and "$entries.Count -ne 1" in script


def test_macos_disk_image_has_the_applications_folder_and_needs_macos_13() -> None:
    script = _script(_workflow()["jobs"]["macos"])
    assert "ln -s /Applications build/dmg/Applications" in script
    assert "-srcfolder build/dmg" in script
    spec = (REPO / "packaging" / "pyinstaller" / "matrixdesk.spec").read_text(encoding="utf-8")
    assert '"LSMinimumSystemVersion": "13.0"' in spec
