"""The pack file itself: deterministic, stamped, described by `matrixdesk info`, searchable."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from matrixdesk.app import main
from matrixdesk.authoring.compiler import build_pack
from matrixdesk.core.schema import APPLICATION_ID, OLDEST_READ_VERSION, SCHEMA_VERSION
from tests.conftest import CONTENT, make_bad_pack


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert build_pack(CONTENT, first) == []
    assert build_pack(CONTENT, second) == []
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_pack_file_is_readable_by_every_user(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert build_pack(CONTENT, tmp_path / "pack.sqlite") == []
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "pack.sqlite").stat().st_mode) == 0o644


def test_pack_is_stamped_with_application_id_and_schema_version(pack_path: Path) -> None:
    with sqlite3.connect(pack_path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        title, edition, content_hash, builder = connection.execute(
            "SELECT title, edition, content_hash, builder_version FROM pack_info"
        ).fetchone()
    assert title == "Effectiveness Bank Alcohol and Drug Treatment Matrices"
    assert edition and builder.startswith("matrixdesk ")
    assert content_hash.startswith("sha256:") and len(content_hash) == len("sha256:") + 64


def test_content_hash_follows_the_sources(content_copy: Path, tmp_path: Path) -> None:
    def content_hash(pack: Path) -> str:
        with sqlite3.connect(pack) as connection:
            return connection.execute("SELECT content_hash FROM pack_info").fetchone()[0]

    assert build_pack(content_copy, tmp_path / "a.sqlite") == []
    b5 = content_copy / "alcohol" / "B5.md"
    b5.write_text(b5.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build_pack(content_copy, tmp_path / "b.sqlite") == []
    assert content_hash(tmp_path / "a.sqlite") != content_hash(tmp_path / "b.sqlite")


def test_info_prints_the_metadata(pack_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(pack_path)]) == 0
    out = capsys.readouterr().out
    assert "Title:          Effectiveness Bank Alcohol and Drug Treatment Matrices" in out
    assert f"Application id: 0x{APPLICATION_ID:08X} (MatrixDesk pack)" in out
    assert f"Schema version: {SCHEMA_VERSION}" in out
    assert "Content hash:   sha256:" in out
    assert "Cells:          50 (1 with content)" in out


@pytest.mark.parametrize(
    ("damage", "message", "advice"),
    [
        ("missing", "The content pack does not exist.", "name no pack to read the installed one"),
        ("not sqlite", "is not an SQLite database", "Check the file"),
        ("truncated", "the file has been cut short", "Check the file"),
        (
            "wrong application id",
            "This SQLite database is not a MatrixDesk content pack.",
            "Check the file",
        ),
        ("newer schema", "needs a newer MatrixDesk", "Update MatrixDesk"),
        (
            "older schema",
            f"is in an old format ({OLDEST_READ_VERSION - 1}) that this version no longer reads",
            "Check the file",
        ),
    ],
)
def test_info_refuses_a_bad_pack_with_a_plain_reason(
    damage: str,
    message: str,
    advice: str,
    pack_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = make_bad_pack(damage, pack_path, tmp_path)
    assert main(["info", str(bad)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert advice in err


def test_search_index_covers_titles_studies_and_commentary(pack_path: Path) -> None:
    def hits(query: str) -> set[tuple[str, str]]:
        with sqlite3.connect(pack_path) as connection:
            rows = connection.execute(
                "SELECT kind, address FROM search_index WHERE search_index MATCH ?", (query,)
            )
            return set(rows)

    assert ("cell", "matrixdesk:/alcohol/B5") in hits('"jailer"')
    assert ("cell", "matrixdesk:/drug/E3") in hits("commissioners recognise")
    assert ("entry", "matrixdesk:/alcohol/B5/entry/supervision-manual") in hits("manual")
    assert ("commentary", "matrixdesk:/alcohol/B5#trickier-situation") in hits("juggling")
    # English stemming: one form finds the other.
    assert ("entry", "matrixdesk:/alcohol/B5/entry/therapist-relationship-offenders") in hits(
        "offender"
    )


def test_the_pack_is_opened_read_only(pack_path: Path) -> None:
    from matrixdesk.core.pack import PackFile

    before = pack_path.read_bytes()
    pack = PackFile(pack_path)
    connection = pack.connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("DELETE FROM cells")
    connection.close()
    pack.close()
    assert pack_path.read_bytes() == before
