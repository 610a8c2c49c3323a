"""Pack editions from the terminal: two editions signed with a generated key, the newer in use,
the older refused unless forced, a flipped byte or a missing signature refused, an upgrade from
a format-3 pack, machine-wide packs and policy, and what `info` says about all of it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from matrixdesk.app import main
from matrixdesk.core.pack import PackFile
from matrixdesk.editions import choose as choosing
from matrixdesk.editions.choose import choose
from matrixdesk.editions.places import POLICY_FILE, Places
from tests.editions import FORMAT3_PACK, DevKey, edition_pack, in_use, key, make_dev_key, where

__all__ = ["key", "where"]  # fixtures


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_editions_signed_with_a_generated_key(
    tmp_path: Path, where: Places, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "dev-test-key"
    code, out, _ = _run(capsys, "keygen", str(secret))
    assert code == 0 and "fingerprint" in out
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert "matrixdesk-public-key:ed25519:" in Path(f"{secret}.pub").read_text()
    code, _, err = _run(capsys, "keygen", str(secret))
    assert code == 1 and "already exists; keygen never overwrites a key" in err

    sources = edition_pack(tmp_path, "2027-01-01", None).parent / "sources-2027-01-01-0"
    older, newer = tmp_path / "older.sqlite", tmp_path / "newer.sqlite"
    assert (
        _run(capsys, "build", str(sources / "content"), "-o", str(newer), "--sign", str(secret))[0]
        == 0
    )
    edition_pack(tmp_path, "2026-12-15", None)  # its sources, then built signed:
    code, out, _ = _run(
        capsys,
        "build",
        str(tmp_path / "sources-2026-12-15-0" / "content"),
        "-o",
        str(older),
        "--sign",
        str(secret),
    )
    assert code == 0 and "signed by key" in out

    # Not trusted yet: refused, saying how to trust it.
    code, _, err = _run(capsys, "pack", "install", str(newer))
    assert code == 1 and "which is not trusted here" in err and "pack trust" in err
    assert _run(capsys, "pack", "trust", f"{secret}.pub")[0] == 0

    code, out, _ = _run(capsys, "pack", "install", str(newer))
    assert code == 0 and "Installed edition 2027-01-01" in out
    code, out, _ = _run(capsys, "info")
    assert code == 0
    assert f"In use:         {where.user_packs / 'matrices-2027-01-01.sqlite'}" in out
    assert "Edition:        2027-01-01" in out
    assert "Origin:         signed by key" in out and "(trusted: yours)" in out

    code, _, err = _run(capsys, "pack", "install", str(older))
    assert code == 1 and "2026-12-15 is older than edition 2027-01-01, which is in use" in err
    assert not (where.user_packs / "matrices-2026-12-15.sqlite").exists()
    code, out, _ = _run(capsys, "pack", "install", str(older), "--force")
    assert code == 0 and in_use(where) == "2027-01-01"  # forced in, but not newer

    # Rolling back: remove the newer edition, and the older is used.
    assert _run(capsys, "pack", "remove", "2027-01-01")[0] == 0
    assert in_use(where) == "2026-12-15"
    code, out, _ = _run(capsys, "pack", "list")
    assert "2026-12-15    installed for you         in use" in out


def test_a_signing_key_file_that_is_not_one_is_refused_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    public = make_dev_key().write_public(tmp_path / "k.pub")
    out = tmp_path / "p.sqlite"
    code, _, err = _run(capsys, "build", "data/content", "-o", str(out), "--sign", str(public))
    assert code == 1 and "it is a public key: give the secret key file" in err
    assert "Traceback" not in err and not out.exists()


def test_one_flipped_byte_anywhere_is_refused_by_install_and_verify(
    tmp_path: Path, where: Places, key: DevKey, capsys: pytest.CaptureFixture[str]
) -> None:
    good = edition_pack(tmp_path, "2027-01-01", key)
    data = good.read_bytes()
    seal_at = PackFile(good)
    seal, signature_at = seal_at.seal, data.index(b"matrixdesk-signature:ed25519:") + 29
    seal_at.close()
    positions = [*range(0, len(data), len(data) // 23), seal.offset + 5, signature_at + 70]
    for position in positions:
        flipped = tmp_path / "flipped.sqlite"
        flipped.write_bytes(data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :])
        for command in ("verify", "install"):
            code, _, err = _run(capsys, "pack", command, str(flipped))
            assert code == 1, (command, position)
            assert err.count("\n") == 1 and "Traceback" not in err
            assert "damaged" in err or "changed after it was signed" in err or "not" in err
    assert not where.user_packs.exists() or not any(where.user_packs.iterdir())
    assert in_use(where) == "2026-11-26"  # the bundled edition


def test_a_changed_signature_is_refused_even_when_unsigned_packs_are_allowed(
    tmp_path: Path, where: Places, key: DevKey, capsys: pytest.CaptureFixture[str]
) -> None:
    good = edition_pack(tmp_path, "2027-01-01", key)
    data = bytearray(good.read_bytes())
    at = data.index(b"matrixdesk-signature:ed25519:") + 29 + 100
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    bad = tmp_path / "bad-signature.sqlite"
    bad.write_bytes(bytes(data))
    code, _, err = _run(capsys, "pack", "install", str(bad), "--allow-unsigned")
    assert code == 1 and "it was changed after it was signed" in err


def test_an_unsigned_pack_needs_the_explicit_allowance(
    tmp_path: Path, where: Places, capsys: pytest.CaptureFixture[str]
) -> None:
    unsigned = edition_pack(tmp_path, "2027-01-01", None)
    code, _, err = _run(capsys, "pack", "install", str(unsigned))
    assert code == 1 and "The pack is not signed" in err and "--allow-unsigned" in err
    code, _, err = _run(capsys, "pack", "verify", str(unsigned))
    assert code == 1 and "The pack is not signed" in err
    assert in_use(where) == "2026-11-26"
    code, out, _ = _run(capsys, "pack", "install", str(unsigned), "--allow-unsigned")
    assert code == 0 and "unsigned; allowed by you" in out
    assert in_use(where) == "2027-01-01"
    code, out, _ = _run(capsys, "info")
    assert "Origin:         unsigned; allowed by you, when it was installed" in out


def test_an_allowance_is_for_that_very_pack(
    tmp_path: Path, where: Places, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pack put in place of an allowed one (same name, other bytes) is not allowed."""
    allowed = edition_pack(tmp_path, "2027-01-01", None)
    assert _run(capsys, "pack", "install", str(allowed), "--allow-unsigned")[0] == 0
    other = edition_pack(tmp_path, "2027-01-01", None, features=True, name="other.sqlite")
    installed = where.user_packs / "matrices-2027-01-01.sqlite"
    installed.unlink()
    installed.write_bytes(other.read_bytes())
    chosen = choose(where)
    assert chosen.path == where.bundled_pack and chosen.store is not None
    chosen.store.close()
    assert chosen.skipped == [
        (installed, "The pack is not signed, so where it comes from cannot be checked.")
    ]
    _, out, _ = _run(capsys, "info")
    assert f"Skipped:        {installed}: The pack is not signed" in out


def test_an_upgrade_from_a_format_3_pack(
    tmp_path: Path, where: Places, key: DevKey, capsys: pytest.CaptureFixture[str]
) -> None:
    # The previous format still reads, page for page as the current one.
    code, out_old, _ = _run(
        capsys, "render", "alcohol/B5", "--unfold-all", "--pack", str(FORMAT3_PACK)
    )
    assert code == 0
    assert _run(capsys, "render", "alcohol/B5", "--unfold-all")[1] == out_old
    assert "Schema version: 3" in _run(capsys, "info", str(FORMAT3_PACK))[1]
    # It has no signature slot: it is installed only when allowed, and then used.
    code, _, err = _run(capsys, "pack", "install", str(FORMAT3_PACK))
    assert code == 1 and "not signed" in err
    assert _run(capsys, "pack", "install", str(FORMAT3_PACK), "--allow-unsigned")[0] == 0
    chosen = choose(where)
    assert chosen.path == where.user_packs / "matrices-2026-11-26.sqlite"
    assert chosen.store is not None and chosen.store.summary().schema_version == 3
    chosen.store.close()
    # A newer, signed edition in the current format takes over.
    newer = edition_pack(tmp_path, "2027-01-01", key)
    assert _run(capsys, "pack", "install", str(newer))[0] == 0
    code, out, _ = _run(capsys, "info")
    assert "Edition:        2027-01-01" in out and "Schema version: 4" in out


def test_machine_wide_packs_keys_and_policy(
    tmp_path: Path, where: Places, capsys: pytest.CaptureFixture[str]
) -> None:
    key = make_dev_key()
    public = key.write_public(tmp_path / "publisher-test-only.pub")
    assert _run(capsys, "pack", "trust", str(public), "--machine")[0] == 0
    assert list(where.machine_keys.glob("*.pub"))
    pack = edition_pack(tmp_path, "2027-01-01", key)
    code, out, _ = _run(capsys, "pack", "install", str(pack), "--machine")
    assert code == 0 and "trusted: machine-wide" in out
    assert (where.machine_packs / "matrices-2027-01-01.sqlite").is_file()
    code, out, _ = _run(capsys, "info")
    assert "the newest edition, installed machine-wide" in out
    # The user's own removal does not touch the machine's packs.
    code, _, err = _run(capsys, "pack", "remove", "2027-01-01")
    assert code == 1 and "no such edition is installed for you" in err

    # A policy file names another folder and allows unsigned packs.
    elsewhere = tmp_path / "it-share"
    (where.machine_keys.parent / POLICY_FILE).write_text(
        f'pack_folder = "{elsewhere}"\nallow_unsigned = true\n', encoding="utf-8"
    )
    unsigned = edition_pack(tmp_path, "2027-02-01", None)
    code, out, _ = _run(capsys, "pack", "install", str(unsigned), "--machine")
    assert code == 0 and "allowed by the machine policy" in out
    assert (elsewhere / "matrices-2027-02-01.sqlite").is_file()
    assert not (elsewhere / "matrices-2027-02-01.sqlite.allowed").exists()
    code, out, _ = _run(capsys, "info")
    assert f"In use:         {elsewhere / 'matrices-2027-02-01.sqlite'}" in out


def test_a_policy_file_that_cannot_be_read_is_said_and_ignored(
    where: Places, capsys: pytest.CaptureFixture[str]
) -> None:
    where.machine_keys.parent.mkdir(parents=True)
    (where.machine_keys.parent / POLICY_FILE).write_text("allow_unsigned = maybe\n", "utf-8")
    code, _, err = _run(capsys, "pack", "list")
    assert code == 0 and "not a policy file MatrixDesk reads" in err


def test_pack_overrides_the_editions(
    tmp_path: Path, where: Places, key: DevKey, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "pack", "install", str(edition_pack(tmp_path, "2027-01-01", key)))[0] == 0
    _, out, _ = _run(capsys, "--pack", str(FORMAT3_PACK), "info")
    assert "Edition:        2026-11-26" in out and "In use" not in out
    assert "Signature:      The pack is not signed" in out


def test_a_renamed_pack_is_skipped(
    tmp_path: Path, where: Places, key: DevKey, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older edition renamed as a newer one is not used as the newer."""
    pack = edition_pack(tmp_path, "2027-01-01", key)
    where.user_packs.mkdir(parents=True)
    os.link(pack, where.user_packs / "matrices-2099-01-01.sqlite")
    chosen = choose(where)
    assert chosen.path == where.bundled_pack and chosen.store is not None
    chosen.store.close()
    assert (
        "Its name says edition 2099-01-01 but it holds edition 2027-01-01" in chosen.skipped[0][1]
    )


def test_choosing_hashes_only_the_pack_it_uses(
    tmp_path: Path, where: Places, key: DevKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    for edition in ("2027-01-01", "2027-02-01", "2027-03-01.2", "2027-03-01"):
        pack = edition_pack(tmp_path, edition, key)
        where.user_packs.mkdir(parents=True, exist_ok=True)
        (where.user_packs / f"matrices-{edition}.sqlite").write_bytes(pack.read_bytes())
    opened: list[Path] = []
    real = choosing.ContentStore.open
    monkeypatch.setattr(
        choosing.ContentStore, "open", lambda path: opened.append(path) or real(path)
    )
    chosen = choose(where)
    assert chosen.store is not None
    chosen.store.close()
    assert opened == [where.user_packs / "matrices-2027-03-01.2.sqlite"]


def test_signatures_are_checked_through_the_fast_binding_and_agree_with_pynacl() -> None:
    from nacl.signing import SigningKey

    from matrixdesk.core.signing import fast_verifies

    secret = SigningKey(bytes(range(32)))
    message = b"matrixdesk-pack-seal:sha256:" + b"ab" * 32
    signature, public = secret.sign(message).signature, bytes(secret.verify_key)
    assert fast_verifies(public, signature, message) is True
    assert fast_verifies(public, signature, message[:-1] + b"c") is False
    assert fast_verifies(public, bytes(64), message) is False
    assert fast_verifies(bytes(32), signature, message) is False


def test_packs_are_installed_beside_the_user_database(monkeypatch: pytest.MonkeyPatch) -> None:
    from matrixdesk.editions.places import places
    from matrixdesk.userdata.location import user_data_path

    monkeypatch.delenv("MATRIXDESK_CONFIG_DIR", raising=False)
    assert places(None).user_packs.parent == user_data_path(None).parent


def test_verify_says_who_signed_a_pack_not_trusted_here(
    tmp_path: Path, where: Places, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = edition_pack(tmp_path, "2027-01-01", make_dev_key())
    code, _, err = _run(capsys, "pack", "verify", str(pack))
    assert code == 1 and "signed by key" in err and "which is not trusted here" in err
    code, out, _ = _run(capsys, "pack", "verify", str(pack), "--allow-unsigned")
    assert code == 0 and "intact" in out and "(not trusted here); allowed by you" in out
