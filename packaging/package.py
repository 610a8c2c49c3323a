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
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "matrixdesk"
BUILD = ROOT / "build"
APP_ID = "org.matrixdesk.MatrixDesk"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION = PROJECT["version"]
# The packaging's own revision of a version: bump it to rebuild the same version's .deb.
DEB_REVISION = "1"
DEB_VERSION = f"{VERSION}-{DEB_REVISION}"


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
    # A fixed hash seed: PyInstaller orders base_library.zip by iterating a set of names, which
    # would otherwise differ from one build of the same commit to the next.
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller",
        ROOT / "packaging" / "pyinstaller" / "matrixdesk.spec",
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    # Links PyInstaller made to libraries the spec then left out point nowhere: remove them.
    for link in BUNDLE.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
    clear_build_machine_runpaths(BUNDLE)
    not_executable(BUNDLE)
    add_notices(BUNDLE)
    print(f"bundle: {BUNDLE} ({size(BUNDLE)})")


def add_notices(bundle: Path) -> None:
    """The licences where a person unpacking the tarball or looking in /opt sees them: the app's
    own, the third-party notices, and the copyright files of the system libraries the bundle
    carries (taken from the Debian packages they were copied from)."""
    licences = ROOT / "resources" / "licences"
    shutil.copy(ROOT / "LICENSE", bundle / "LICENSE.txt")
    shutil.copy(licences / "THIRD-PARTY-NOTICES.txt", bundle / "THIRD-PARTY-NOTICES.txt")
    parts = [
        "Libraries in this bundle copied from the Debian packages of the machine it was built\n"
        "on, and their copyright files. (Qt, ICU and Python: THIRD-PARTY-NOTICES.txt.)\n"
    ]
    for package in bundled_system_packages(bundle):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
        parts.append(f"{'=' * 72}\n{package}\n{'=' * 72}\n{text}")
    (bundle / "SYSTEM-LIBRARIES.txt").write_text("\n".join(parts), encoding="utf-8")


def bundled_system_packages(bundle: Path) -> list[str]:
    """The Debian packages whose libraries PyInstaller copied into the bundle's top folder
    (Python's own library and Qt's links into PySide6/ are not from the system)."""
    packages = set()
    for library in (bundle / "_internal").glob("lib*.so*"):
        if library.is_symlink() or library.name.startswith("libpython"):
            continue
        found = subprocess.run(
            ["dpkg", "-S", f"*/{library.name}"], capture_output=True, text=True, check=False
        )
        if found.returncode == 0:
            packages.add(found.stdout.split(":")[0].strip())
    return sorted(packages)


def not_executable(bundle: Path) -> None:
    """Shared libraries are loaded, never run: PyInstaller copies them with the execute bits
    some wheels give them (lintian: shared-library-is-executable). Only the program runs."""
    for path in bundle.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o644)


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
        # Only the libraries the file names itself (as dpkg-shlibdeps does): a system library's
        # own dependencies come with its package (libcups2 brings GnuTLS, Kerberos, Avahi).
        needed = _needed(path)
        for line in lines:
            if "not found" in line:
                raise SystemExit(f"{path} needs {line.split()[0]}, which this machine lacks")
            parts = line.split("=>")
            target = parts[1].split("(")[0].strip() if len(parts) == 2 else ""
            if parts[0].strip() not in needed:
                continue
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


def _needed(path: Path) -> set[str]:
    """The libraries an ELF file names in its dynamic section (DT_NEEDED)."""
    dynamic = run("readelf", "-d", path, capture_output=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def minimum_libc() -> str:
    """Binaries built against this machine's C library need at least its version (2.36)."""
    version = run("dpkg-query", "-W", "-f=${Version}", "libc6", capture_output=True).stdout
    return version.split("-")[0]


def _with_minimum_libc(package: str) -> str:
    return f"libc6 (>= {minimum_libc()})" if package == "libc6" else package


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
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo(), encoding="utf-8")
    docs = share / "doc" / "matrixdesk"
    docs.mkdir(parents=True)
    (docs / "copyright").write_text(deb_copyright(), encoding="utf-8")
    with gzip.GzipFile(docs / "changelog.Debian.gz", "wb", mtime=0) as changelog:
        changelog.write(deb_changelog().encode("utf-8"))
    architecture = run("dpkg", "--print-architecture", capture_output=True).stdout.strip()
    # fontconfig reads the system's configuration, which fontconfig-config provides.
    depends = [*system_dependencies(opt), "fontconfig-config"]
    fields = {
        "Package": "matrixdesk",
        "Version": DEB_VERSION,
        "Architecture": architecture,
        "Maintainer": maintainer(),
        "Installed-Size": str(installed_size_kib(root)),
        "Depends": ", ".join(depends),
        "Section": "education",
        "Priority": "optional",
        "Homepage": homepage(),
        "Description": f"{PROJECT['description']}\n"
        " Reads the Alcohol and Drug Treatment Matrices from a bundled content pack,\n"
        " with search, and makes no network connections.",
    }
    control = root / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        "".join(f"{name}: {value}\n" for name, value in fields.items() if value),
        encoding="utf-8",
    )
    clamp_times(root, source_date_epoch())
    deb = DIST / f"matrixdesk_{DEB_VERSION}_{architecture}.deb"
    run("dpkg-deb", "--build", "--root-owner-group", "-Zxz", root, deb, capture_output=True)
    print(f"deb: {deb} ({size(deb)}); Depends: {', '.join(depends)}")
    return deb


def maintainer() -> str:
    """Who answers for the package: $DEBFULLNAME <$DEBEMAIL> as Debian's tools read them (the
    release workflow sets them), else the author of the commit being packaged."""
    if os.environ.get("DEBEMAIL"):
        return (
            f"{os.environ.get('DEBFULLNAME', 'MatrixDesk developers')} <{os.environ['DEBEMAIL']}>"
        )
    return run(
        "git", "log", "-1", "--format=%an <%ae>", capture_output=True, cwd=ROOT
    ).stdout.strip()


def homepage() -> str:
    """The project's home: its repository on GitHub when built there (GitHub Actions names it),
    else [project.urls] Homepage in pyproject.toml; empty when neither is known."""
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    if server and repository:
        return f"{server}/{repository}"
    return str(PROJECT.get("urls", {}).get("Homepage", ""))


def installed_size_kib(root: Path) -> int:
    """As dpkg-gencontrol counts it: each regular file and symlink by its own size in KiB,
    rounded up, every other entry 1 KiB; a symlinked library is not counted twice."""
    total = 0
    for path in root.rglob("*"):
        if "DEBIAN" in path.relative_to(root).parts:
            continue
        status = path.lstat()
        is_data = path.is_symlink() or path.is_file()
        total += -(-status.st_size // 1024) if is_data else 1
    return total


def metainfo() -> str:
    template = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml.in"
    text = template.read_text(encoding="utf-8")
    link = f'  <url type="homepage">{homepage()}</url>\n' if homepage() else ""
    return (
        text.replace("@VERSION@", VERSION)
        .replace("@DATE@", release_date())
        .replace("  @HOMEPAGE@\n", link)
    )


def deb_changelog() -> str:
    # Debian's changelog wants RFC 2822 with a numeric zone: +0000, not GMT.
    when = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(source_date_epoch()))
    return (
        f"matrixdesk ({DEB_VERSION}) stable; urgency=medium\n\n"
        f"  * MatrixDesk {VERSION}, packaged from its release build.\n\n"
        f" -- {maintainer()}  {when}\n"
    )


def clamp_times(folder: Path, epoch: int) -> None:
    """No file newer than the source: dpkg-deb takes the files' own times into the package."""
    for path in [folder, *folder.rglob("*")]:
        if path.lstat().st_mtime > epoch:
            os.utime(path, (epoch, epoch), follow_symlinks=False)


def deb_copyright() -> str:
    """/usr/share/doc/matrixdesk/copyright, in Debian's machine-readable format: the program,
    then what the bundle in /opt carries, each with its licence or where its full text is."""
    texts = "/opt/matrixdesk/_internal/matrixdesk/resources"
    internal = "opt/matrixdesk/_internal"
    _, holder, mit = (ROOT / "LICENSE").read_text(encoding="utf-8").split("\n\n", 2)
    paragraphs = [
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: MatrixDesk\n"
        "Comment: What ships with MatrixDesk, and what the LGPL lets you do with Qt:\n"
        " /opt/matrixdesk/THIRD-PARTY-NOTICES.txt. The text of the Matrices it shows is\n"
        " the Effectiveness Bank's, published by Drug and Alcohol Findings; the licence\n"
        " below covers the program, not the content.",
        f"Files: *\nCopyright: {holder.removeprefix('Copyright (c) ')}\nLicense: Expat",
        f"Files: {internal}/PySide6/* {internal}/shiboken6/* {internal}/libQt6*\n"
        "Copyright: The Qt Company Ltd. and other contributors\n"
        "License: LGPL-3\n"
        " On Debian systems, the complete text of the GNU Lesser General Public License\n"
        " version 3 can be found in /usr/share/common-licenses/LGPL-3.",
        f"Files: {internal}/PySide6/Qt/lib/libicu* {internal}/libicu*\n"
        "Copyright: Unicode, Inc. and others\n"
        f"License: ICU\n The full text is in {texts}/licences/ICU.txt.",
        f"Files: {internal}/libpython* {internal}/python3* {internal}/base_library.zip\n"
        "Copyright: Python Software Foundation\n"
        f"License: PSF-2.0\n The full text is in {texts}/licences/Python.txt.",
        f"Files: {internal}/sqlalchemy/*\n"
        "Copyright: SQLAlchemy authors and contributors\n"
        "License: Expat",
        f"Files: {internal}/matrixdesk/resources/fonts/*\n"
        "Copyright: The Noto Project Authors\n"
        f"License: OFL-1.1\n The full text is in {texts}/fonts/OFL.txt.",
        f"Files: {internal}/libxcb* {internal}/libxkbcommon*\n"
        "Copyright: The X.Org Foundation, the libxcb and libxkbcommon authors\n"
        "License: X11\n Their copyright notices are in /opt/matrixdesk/SYSTEM-LIBRARIES.txt.",
        "License: Expat\n" + "\n".join(f" {line}" if line else " ." for line in mit.splitlines()),
    ]
    return "\n\n".join(paragraphs) + "\n"


# What the portable folder's README asks a minimal Debian or Ubuntu system to install: the
# libraries the bundle leaves to the system that a desktop installation has but a minimal one
# may not (the C library and the rest of the base system are always there).
PORTABLE_APT_PACKAGES = (
    "libgl1 libegl1 libx11-6 libx11-xcb1 libxcb1 libfontconfig1 libfreetype6 libglib2.0-0 "
    "libdbus-1-3"
)


def portable_readme() -> Path:
    """README.txt of the portable folder: what it needs, and where it keeps settings."""
    text = (ROOT / "packaging" / "linux" / "README-portable.txt").read_text(encoding="utf-8")
    readme = BUILD / "README-portable.txt"
    readme.write_text(
        text.replace("@VERSION@", VERSION)
        .replace("@GLIBC@", minimum_libc())
        .replace("@APT_PACKAGES@", PORTABLE_APT_PACKAGES),
        encoding="utf-8",
    )
    return readme


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
        archive.add(portable_readme(), arcname=f"{name}/README.txt", filter=normalised)
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
        "wixl", "--arch", "x64", "-D", "Toolset=wixl",
        "-D", f"SourceDir={BUNDLE.relative_to(ROOT)}",
        "-D", f"Version={VERSION}", "-D", "ExeName=matrixdesk",
        "-D", f"IconFile={(BUILD / 'icons' / 'matrixdesk.ico').relative_to(ROOT)}",
        "-o", msi, windows / "matrixdesk.wxs", work / "files.wxs", cwd=ROOT,
    )  # fmt: skip
    print(f"msi: {msi} ({size(msi)})")
    return msi


def main() -> int:
    # Artifacts of an earlier build would be listed, and checksummed, with the new ones.
    for stale in (*DIST.glob("*.deb"), *DIST.glob("*.tar.gz"), *DIST.glob("*.msi")):
        stale.unlink()
    source_date_epoch()  # set for PyInstaller too, before anything is built
    freeze()
    artifacts = [build_deb(), build_tarball(), build_msi()]
    write_checksums(artifacts)
    return 0


def write_checksums(artifacts: list[Path]) -> None:
    """dist/SHA256SUMS, in the format `sha256sum --check` reads, and printed."""
    lines = []
    for artifact in artifacts:
        digest = hashlib.sha256()
        with artifact.open("rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
        lines.append(f"{digest.hexdigest()}  {artifact.name}\n")
    (DIST / "SHA256SUMS").write_text("".join(lines), encoding="utf-8")
    print("SHA256SUMS:\n" + "".join(lines), end="")


if __name__ == "__main__":
    sys.exit(main())
