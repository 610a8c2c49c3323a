"""Where packs and trusted keys live, and the machine-wide policy IT may set.

- Per user: `packs/` and `keys/` in the application-data folder (the user database's), or in the
  folder chosen for settings (--config-dir, $MATRIXDESK_CONFIG_DIR, portable mode).
- Machine-wide, for IT: `packs/` in /var/lib/matrixdesk, %ProgramData%\\MatrixDesk or
  /Library/Application Support/MatrixDesk, unless the policy names another folder; `keys/` and
  `policy.toml` in /etc/matrixdesk (Linux) or that same folder (Windows, macOS). On Windows the
  policy may also be set in the registry (HKLM\\SOFTWARE\\Policies\\MatrixDesk), which wins.
  $MATRIXDESK_MACHINE_DIR puts all three in one folder instead (tests, trials).
- Bundled: the pack and keys inside the installation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from matrixdesk.paths import app_data_dir, bundled_pack_path, chosen_config_dir, resources_dir

MACHINE_DIR_ENV = "MATRIXDESK_MACHINE_DIR"
PACKS = "packs"
KEYS = "keys"
POLICY_FILE = "policy.toml"
POLICY_KEY = r"SOFTWARE\Policies\MatrixDesk"
MAX_POLICY_BYTES = 65536


class Policy:
    """`pack_folder`: the machine-wide packs folder, if IT named one; `allow_unsigned`: packs
    that are unsigned, or signed by a key not trusted here, may be used; `source`: where it was
    read; `problem`: why the policy file could not be used (it is then ignored, and said so).
    (Plain classes here, not dataclasses: they are defined on the way to the first paint.)"""

    __slots__ = ("allow_unsigned", "pack_folder", "problem", "source")

    def __init__(
        self,
        pack_folder: Path | None = None,
        allow_unsigned: bool = False,
        source: str | None = None,
        problem: str | None = None,
    ) -> None:
        self.pack_folder, self.allow_unsigned = pack_folder, allow_unsigned
        self.source, self.problem = source, problem


class Places:
    __slots__ = (
        "bundled_keys",
        "bundled_pack",
        "machine_keys",
        "machine_packs",
        "policy",
        "user_keys",
        "user_packs",
    )

    def __init__(
        self,
        user_packs: Path,
        machine_packs: Path,
        bundled_pack: Path,
        user_keys: Path,
        machine_keys: Path,
        bundled_keys: Path,
        policy: Policy,
    ) -> None:
        self.user_packs, self.machine_packs, self.bundled_pack = (
            user_packs,
            machine_packs,
            bundled_pack,
        )
        self.user_keys, self.machine_keys, self.bundled_keys = user_keys, machine_keys, bundled_keys
        self.policy = policy

    def packs_folder(self, machine: bool) -> Path:
        return self.machine_packs if machine else self.user_packs

    def keys_folder(self, machine: bool) -> Path:
        return self.machine_keys if machine else self.user_keys


def machine_folders() -> tuple[Path, Path]:
    """The machine-wide folder for settings (keys, policy) and for data (packs)."""
    if chosen := os.environ.get(MACHINE_DIR_ENV):
        return Path(chosen), Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "MatrixDesk"
        return base, base
    if sys.platform == "darwin":
        base = Path("/Library/Application Support/MatrixDesk")
        return base, base
    return Path("/etc/matrixdesk"), Path("/var/lib/matrixdesk")


def places(config_dir: Path | None = None) -> Places:
    """Every place packs and keys are looked for, for the settings folder chosen as the reader
    chooses it (`config_dir`: --config-dir or --portable's folder, None if neither)."""
    user = chosen_config_dir(config_dir) or app_data_dir()
    settings, data = machine_folders()
    policy = read_policy(settings / POLICY_FILE)
    return Places(
        user_packs=user / PACKS,
        machine_packs=policy.pack_folder or data / PACKS,
        bundled_pack=bundled_pack_path(),
        user_keys=user / KEYS,
        machine_keys=settings / KEYS,
        bundled_keys=resources_dir() / KEYS,
        policy=policy,
    )


def read_policy(path: Path) -> Policy:
    """The machine-wide policy: the registry's on Windows if set there, else the file's."""
    if sys.platform == "win32" and (registry := _registry_policy()) is not None:
        return registry
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_POLICY_BYTES + 1)
    except FileNotFoundError:
        return Policy()
    except OSError as error:
        return Policy(problem=f"{path}: cannot be read ({error.strerror}); it is ignored")
    import tomllib  # only when there is a policy: most machines have none

    try:
        if len(data) > MAX_POLICY_BYTES:
            raise ValueError("it is far larger than a policy file")
        values = tomllib.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        return Policy(problem=f"{path}: not a policy file MatrixDesk reads ({error}); ignored")
    folder, allow = values.get("pack_folder"), values.get("allow_unsigned", False)
    if (folder is not None and not (isinstance(folder, str) and Path(folder).is_absolute())) or (
        not isinstance(allow, bool)
    ):
        return Policy(
            problem=f"{path}: pack_folder must be an absolute path in quotes and allow_unsigned "
            "true or false; the file is ignored"
        )
    return Policy(Path(folder) if folder else None, allow, str(path))


def _registry_policy() -> Policy | None:  # pragma: no cover - Windows only
    """HKLM\\SOFTWARE\\Policies\\MatrixDesk: PackFolder (text) and AllowUnsignedPacks (a
    DWORD, 1 to allow), as Group Policy sets them; None if the key is not there."""
    if sys.platform != "win32":  # so mypy checks what follows only for Windows
        return None
    import winreg

    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY)
    except OSError:
        return None
    with key:
        values: dict[str, object] = {}
        for name in ("PackFolder", "AllowUnsignedPacks"):
            try:
                values[name] = winreg.QueryValueEx(key, name)[0]
            except OSError:
                continue
    folder = values.get("PackFolder")
    folder = os.path.expandvars(folder) if isinstance(folder, str) and folder else None
    return Policy(
        Path(folder) if folder else None,
        values.get("AllowUnsignedPacks") == 1,
        "HKEY_LOCAL_MACHINE\\" + POLICY_KEY,
    )
