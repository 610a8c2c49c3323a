"""Whose packs are used: signatures checked against the keys trusted here.

A key is trusted when its public key file (`*.pub`, from `matrixdesk keygen`) is in one of three
`keys` folders: the one bundled with MatrixDesk (empty until the publisher has a key), the
machine-wide one IT manages, and the reader's own. A pack signed by a trusted key is used. A pack
that is unsigned, or signed by a key not trusted here, is refused unless it was explicitly allowed:
by the machine policy (`allow_unsigned`), or when it was installed with --allow-unsigned (or the
reader said yes in the app), which leaves a note of that very pack's seal beside it. A signature
that does not verify is never allowed: the pack was altered after it was signed.
"""

from __future__ import annotations

from pathlib import Path

from matrixdesk.core.seal import Seal
from matrixdesk.core.signing import (
    PUBLIC_KEY_PREFIX,
    BadSignatureError,
    KeyFileError,
    NoSigningLibraryError,
    PublicKey,
    read_key_file,
    signer_of,
)
from matrixdesk.editions.places import Places

ALLOWED_SUFFIX = ".allowed"
_MAX_KEYS = 200


class UntrustedError(Exception):
    """The pack may not be used here: `problem` says why, `advice` what to do."""

    def __init__(self, problem: str, advice: str, allowable: bool = True) -> None:
        super().__init__(f"{problem} {advice}")
        self.problem = problem
        self.advice = advice
        self.allowable = allowable
        """The reader may allow it (unsigned, or an unknown key); never a broken signature."""


class Origin:
    """Who signed a pack (`signer`, None if nobody), which keys folder trusts that key
    (`trusted_by`), and what allowed it if it is unsigned or untrusted (`allowed_by`).
    A plain class: see `places`."""

    __slots__ = ("allowed_by", "signer", "trusted_by")

    def __init__(
        self, signer: PublicKey | None, trusted_by: str | None, allowed_by: str | None = None
    ) -> None:
        self.signer, self.trusted_by, self.allowed_by = signer, trusted_by, allowed_by

    def describe(self) -> str:
        if self.signer is None and self.trusted_by:  # the bundled pack
            return self.trusted_by
        if self.signer is None:
            signed = "unsigned"
        else:
            signed = f"signed by key {self.signer.fingerprint}"
            signed += f" (trusted: {self.trusted_by})" if self.trusted_by else " (not trusted here)"
        return f"{signed}; allowed by {self.allowed_by}" if self.allowed_by else signed


def trusted_keys(where: Places) -> dict[str, str]:
    """Every trusted public key (hex), with the folder that trusts it; bundled keys first."""
    trusted: dict[str, str] = {}
    for folder, name in (
        (where.bundled_keys, "bundled with MatrixDesk"),
        (where.machine_keys, "machine-wide"),
        (where.user_keys, "yours"),
    ):
        for key_file in sorted(folder.glob("*.pub"))[:_MAX_KEYS] if folder.is_dir() else ():
            try:
                trusted.setdefault(read_key_file(key_file, PUBLIC_KEY_PREFIX), name)
            except KeyFileError:
                continue  # `matrixdesk pack trust` writes only good ones; others are not keys
    return trusted


def origin(seal: Seal, where: Places, allowance: Path | None, allow: bool = False) -> Origin:
    """Who made the pack sealed `seal`, if it may be used; UntrustedError if not. `allowance`:
    where an installed pack's --allow-unsigned note would be; `allow`: the reader allows it now."""
    try:
        signer = signer_of(seal)
    except NoSigningLibraryError as error:  # pragma: no cover - a damaged installation
        raise UntrustedError(
            f"This copy of MatrixDesk cannot check signatures ({error}).",
            "Reinstall MatrixDesk.",
            allowable=False,
        ) from None
    except BadSignatureError:
        raise UntrustedError(
            "The pack's signature does not match its contents: it was changed after it was signed.",
            "Do not use it; get the pack again from its publisher.",
            allowable=False,
        ) from None
    trusted_by = trusted_keys(where).get(signer.hex) if signer else None
    if trusted_by:
        return Origin(signer, trusted_by)
    if where.policy.allow_unsigned:
        return Origin(signer, None, f"the machine policy ({where.policy.source})")
    if allow:
        return Origin(signer, None, "you")
    if allowance is not None and _allowed(allowance, seal):
        return Origin(signer, None, "you, when it was installed")
    if signer is None:
        raise UntrustedError(
            "The pack is not signed, so where it comes from cannot be checked.",
            "Use a signed edition, or allow it explicitly (pack install --allow-unsigned).",
        )
    raise UntrustedError(
        f"The pack is signed by key {signer.fingerprint}, which is not trusted here.",
        "Trust its publisher's key (matrixdesk pack trust KEY.pub), or allow the pack "
        "explicitly (pack install --allow-unsigned).",
    )


def allowance_of(pack: Path) -> Path:
    return pack.with_name(pack.name + ALLOWED_SUFFIX)


def allowance_text(seal: Seal) -> str:
    return f"allowed unsigned or untrusted: {seal}\n"


def _allowed(allowance: Path, seal: Seal) -> bool:
    try:
        return allowance.read_text(encoding="ascii", errors="replace") == allowance_text(seal)
    except OSError:
        return False
