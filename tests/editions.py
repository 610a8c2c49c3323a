"""Pack editions for tests: the bundled content (or the synthetic features cell) built as a given
edition, signed with a key made for the test. The key is a development key, named as such, and
never trusted anywhere but in a test's own folders."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from matrixdesk.authoring.compiler import build_pack
from matrixdesk.core.signing import PUBLIC_KEY_PREFIX, key_file_text, new_key_pair
from matrixdesk.editions.choose import choose
from matrixdesk.editions.places import MACHINE_DIR_ENV, Places, places
from tests.conftest import CONTENT
from tests.synthetic import content_with_features_cell

FORMAT3_PACK = Path(__file__).resolve().parent / "packs" / "format3.sqlite"


@dataclass(frozen=True)
class DevKey:
    seed: str
    public: str

    def write_public(self, path: Path) -> Path:
        path.write_text(
            key_file_text(PUBLIC_KEY_PREFIX, self.public, "TEST-ONLY development key"), "ascii"
        )
        return path


def make_dev_key() -> DevKey:
    return DevKey(*new_key_pair())


def edition_pack(
    folder: Path,
    edition: str,
    key: DevKey | None,
    features: bool = False,
    name: str | None = None,
) -> Path:
    """The bundled content (with the synthetic features cell as drug A1 if `features`), built
    as `edition` and signed by `key` (unsigned if None), at `folder/name`."""
    base = folder / f"sources-{edition}-{int(features)}"
    sources = base / "content"
    if not sources.exists():
        if features:
            content_with_features_cell(base)
        else:
            shutil.copytree(CONTENT, sources)
        toml = sources / "pack.toml"
        text = toml.read_text(encoding="utf-8")
        toml.write_text(text.replace('edition = "2026-11-26"', f'edition = "{edition}"'), "utf-8")
    out = folder / (name or f"edition-{edition}{'-signed' if key else ''}.sqlite")
    assert build_pack(sources, out, key.seed if key else None) == []
    return out


def in_use(where: Places) -> str:
    """The edition the reader would use now."""
    chosen = choose(where)
    assert chosen.store is not None
    edition = chosen.store.summary().edition
    chosen.store.close()
    return edition


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Places:
    """Private per-user and machine-wide folders (through the environment, so child processes
    use them too)."""
    monkeypatch.setenv(MACHINE_DIR_ENV, str(tmp_path / "machine"))
    monkeypatch.setenv("MATRIXDESK_CONFIG_DIR", str(tmp_path / "user"))
    return places(None)


@pytest.fixture
def key(where: Places) -> DevKey:
    """A test key, trusted in the user's own keys folder."""
    made = make_dev_key()
    where.user_keys.mkdir(parents=True)
    made.write_public(where.user_keys / "test-only.pub")
    return made
