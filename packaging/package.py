"""`make package`: the frozen bundle, then a .deb, a portable .tar.gz and a wixl-built MSI.

Steps, each printing what it made and its size:
1. icons from the SVG; 2. PyInstaller (packaging/pyinstaller/matrixdesk.spec); 3. the .deb (its
Depends line worked out from the libraries the bundle links against outside itself);
4. the portable .tar.gz; 5. the MSI, over the Linux bundle as a stand-in payload (the real one is
built on Windows by .github/workflows/release.yml).
"""

from __future__ import annotations

import datetime
import gzip
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "matrixdesk"
BUILD = ROOT / "build"
APP_ID = "org.matrixdesk.MatrixDesk"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = PROJECT["version"]


def run(*command: str | Path, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], check=True, text=True, **options)  # type: ignore[call-overload]


def size(path: Path) -> str:
    total = (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
        if path.is_dir()
        else path.stat().st_size
    )
    return f"{total / 1e6:.1f} MB"


def source_date_epoch() -> int:
    """The time every date in the artifacts is taken from: $SOURCE_DATE_EPOCH, else the last
    commit's, so that building the same commit again gives the same metadata."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        last_commit = run("git", "log", "-1", "--format=%ct", capture_output=True, cwd=ROOT)
        os.environ["SOURCE_DATE_EPOCH"] = last_commit.stdout.strip()
    return int(os.environ["SOURCE_DATE_EPOCH"])


def release_date() -> str:
    return datetime.datetime.fromtimestamp(source_date_epoch(), datetime.UTC).date().isoformat()


def freeze() -> None:
    run(sys.executable, ROOT / "packaging" / "make_icons.py", BUILD / "icons")
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller",
        ROOT / "packaging" / "pyinstaller" / "matrixdesk.spec",
    )  # fmt: skip
    # Links PyInstaller made to libraries the spec then left out point nowhere: remove them.
    for link in BUNDLE.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    clear_build_machine_runpaths(BUNDLE)
    print(f"bundle: {BUNDLE} ({size(BUNDLE)})")


def clear_build_machine_runpaths(bundle: Path) -> None:
    """Python's own libraries carry the build machine's library folder as their RUNPATH (e.g.
    /root/.pyenv/versions/3.11.7/lib): where nobody's copy of the app should look, and a trace
    of the build machine. Remove such absolute folders and keep $ORIGIN-relative ones, which
    point inside the bundle."""
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink() or not _is_elf(path):
            continue
        found = run("patchelf", "--print-rpath", path, capture_output=True).stdout.strip()
        if not found:
            continue
        kept = [folder for folder in found.split(":") if folder.startswith("$ORIGIN")]
        if kept == found.split(":"):
            continue
        if kept:
            run("patchelf", "--set-rpath", ":".join(kept), path)
        else:
            run("patchelf", "--remove-rpath", path)


def system_dependencies(bundle: Path) -> list[str]:
    """Debian packages providing the libraries the bundle's ELF files load from outside it."""
    paths: set[str] = set()
    # The frozen app's launcher puts _internal/ on the library path: ask ldd the same way, so
    # that libraries the bundle carries itself are not counted as the system's.
    environment = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink() or not _is_elf(path):
            continue
        lines = run("ldd", path, capture_output=True, env=environment).stdout.splitlines()
        for line in lines:
            if "not found" in line:
                raise SystemExit(f"{path} needs {line.split()[0]}, which this machine lacks")
            parts = line.split("=>")
            target = parts[1].split("(")[0].strip() if len(parts) == 2 else ""
            if target.startswith("/") and not target.startswith(str(bundle.resolve())):
                paths.add(str(Path(target).resolve()))
    packages = set()
    for path in sorted(paths):
        found = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if found.returncode != 0:  # /lib vs /usr/lib: ask for the other spelling
            alternative = path.replace("/usr/lib/", "/lib/", 1)
            found = subprocess.run(["dpkg", "-S", alternative], capture_output=True, text=True)
        if found.returncode != 0:
            raise SystemExit(f"no Debian package owns {path}")
        packages.add(found.stdout.split(":")[0].strip())
    return sorted(_with_minimum_libc(package) for package in packages)


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def _with_minimum_libc(package: str) -> str:
    """Binaries built against this machine's C library need at least its version."""
    if package != "libc6":
        return package
    version = run("dpkg-query", "-W", "-f=${Version}", "libc6", capture_output=True).stdout
    return f"libc6 (>= {version.split('-')[0]})"


def build_deb() -> Path:
    root = BUILD / "deb" / "root"
    shutil.rmtree(root.parent, ignore_errors=True)
    opt = root / "opt" / "matrixdesk"
    shutil.copytree(BUNDLE, opt, symlinks=True)
    linux = ROOT / "packaging" / "linux"
    launcher = root / "usr" / "bin" / "matrixdesk"
    launcher.parent.mkdir(parents=True)
    shutil.copy(linux / "matrixdesk.launcher", launcher)
    launcher.chmod(0o755)
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(linux / f"{APP_ID}.desktop", share / "applications")
    for png in (BUILD / "icons").glob("matrixdesk-*.png"):
        pixels = png.stem.split("-")[1]
        target = share / "icons" / "hicolor" / f"{pixels}x{pixels}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True)
        shutil.copy(png, target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "matrixdesk.svg", scalable)
    (share / "metainfo").mkdir()
    metainfo = (linux / f"{APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", VERSION).replace("@DATE@", release_date())
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo, encoding="utf-8")
    docs = share / "doc" / "matrixdesk"
    docs.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "fonts" / "OFL.txt", docs / "fonts-OFL.txt")
    architecture = run("dpkg", "--print-architecture", capture_output=True).stdout.strip()
    depends = system_dependencies(opt)
    installed_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: matrixdesk\nVersion: {VERSION}\nArchitecture: {architecture}\n"
        "Maintainer: MatrixDesk contributors <matrixdesk@localhost>\n"
        f"Installed-Size: {installed_kb}\nDepends: {', '.join(depends)}\n"
        "Section: education\nPriority: optional\n"
        f"Description: {PROJECT['description']}\n"
        " Reads the Alcohol and Drug Treatment Matrices from a bundled content pack,\n"
        " with search, and makes no network connections.\n",
        encoding="utf-8",
    )
    clamp_times(root, source_date_epoch())
    deb = DIST / f"matrixdesk_{VERSION}_{architecture}.deb"
    run("dpkg-deb", "--build", "--root-owner-group", "-Zxz", root, deb, capture_output=True)
    print(f"deb: {deb} ({size(deb)}); Depends: {', '.join(depends)}")
    return deb


def clamp_times(folder: Path, epoch: int) -> None:
    """No file newer than the source: dpkg-deb takes the files' own times into the package."""
    for path in [folder, *folder.rglob("*")]:
        if path.lstat().st_mtime > epoch:
            os.utime(path, (epoch, epoch), follow_symlinks=False)


def build_tarball() -> Path:
    name = f"matrixdesk-{VERSION}-linux-{run('uname', '-m', capture_output=True).stdout.strip()}"
    tarball = DIST / f"{name}.tar.gz"
    marker = BUILD / "portable"
    marker.write_text(
        "This file makes MatrixDesk keep its settings in the folder beside it\n"
        "(for a copy carried on a USB stick). Delete it to use your user account's folder.\n",
        encoding="utf-8",
    )
    epoch = source_date_epoch()

    def normalised(member: tarfile.TarInfo) -> tarfile.TarInfo:
        # Who built it and when says nothing to the user, and would make every build differ.
        member.uid = member.gid = 0
        member.uname = member.gname = "root"
        member.mtime = min(member.mtime, epoch)
        return member

    with (
        tarball.open("wb") as file,
        gzip.GzipFile(filename="", mode="wb", fileobj=file, mtime=epoch) as compressed,
        tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        archive.add(BUNDLE, arcname=name, filter=normalised)
        archive.add(marker, arcname=f"{name}/portable", filter=normalised)
    print(f"tar.gz: {tarball} ({size(tarball)})")
    return tarball


def build_msi() -> Path:
    """The MSI from packaging/windows/matrixdesk.wxs, over the Linux bundle as a stand-in."""
    windows = ROOT / "packaging" / "windows"
    work = BUILD / "msi"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    files = sorted(
        str(p.relative_to(BUNDLE))
        for p in BUNDLE.rglob("*")
        if p.is_file() and p.name != "matrixdesk"
    )
    harvested = run(
        "wixl-heat", "--prefix", "", "--directory-ref", "INSTALLDIR",
        "--component-group", "BundleFiles", "--var", "var.SourceDir",
        input="\n".join(files) + "\n", capture_output=True, cwd=BUNDLE,
    ).stdout  # fmt: skip
    (work / "files.wxs").write_text(harvested, encoding="utf-8")
    msi = DIST / f"MatrixDesk-{VERSION}-standin.msi"
    # wixl wants sources as paths relative to where it runs.
    run(
        "wixl", "--arch", "x64", "-D", f"SourceDir={BUNDLE.relative_to(ROOT)}",
        "-D", f"Version={VERSION}", "-D", "ExeName=matrixdesk",
        "-D", f"IconFile={(BUILD / 'icons' / 'matrixdesk.ico').relative_to(ROOT)}",
        "-o", msi, windows / "matrixdesk.wxs", work / "files.wxs", cwd=ROOT,
    )  # fmt: skip
    print(f"msi: {msi} ({size(msi)})")
    return msi


def main() -> int:
    freeze()
    build_deb()
    build_tarball()
    build_msi()
    return 0


if __name__ == "__main__":
    sys.exit(main())
