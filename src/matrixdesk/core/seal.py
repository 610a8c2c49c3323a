"""A pack's seal: the SHA-256 of the whole file, kept inside the file itself; and, from pack
format 4, the place beside it for the publisher's signature of that seal.

The pack writer stores `SEAL_PLACEHOLDER` (a prefix, then 64 zeros) in `pack_info.seal` and
`SIGNATURE_PLACEHOLDER` in `pack_info.signature`, finishes the file, hashes every byte of it with
both placeholders' digits read as zeros, and writes the digest over the seal's zeros
(`write_seal`). A signature (`core.signing`) is written over the signature's zeros afterwards
(`write_signature`); as the seal reads those digits as zeros, signing a pack leaves its seal as it
was, and the seal is what is signed. To verify, a reader finds the one seal (and the one
signature slot) in the file, hashes the file the same way, and compares (`verify_seal`). One
changed byte anywhere outside the signature's digits, the seal included, and the pack is refused;
a changed signature no longer verifies against the seal (`core.signing`).

Both are found in the raw bytes, before SQLite reads anything. They are plain ASCII text in one
short row, which SQLite keeps in one piece within a page. Files are read in chunks, so verifying a
large pack takes little memory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

SEAL_PREFIX = b"matrixdesk-seal:sha256:"
_DIGITS = 64
SEAL_PLACEHOLDER = (SEAL_PREFIX + b"0" * _DIGITS).decode("ascii")
# The signer's public key (64 hex digits), then the Ed25519 signature (128): all zeros, unsigned.
SIGNATURE_PREFIX = b"matrixdesk-signature:ed25519:"
SIGNATURE_DIGITS = 192
SIGNATURE_PLACEHOLDER = (SIGNATURE_PREFIX + b"0" * SIGNATURE_DIGITS).decode("ascii")
_CHUNK = 1 << 20


class SealError(Exception):
    """The file holds no seal, more than one, or one that does not match its bytes."""


class _Marker:
    # A plain class: this module is on the way to the first paint, and a dataclass costs a
    # millisecond to define.
    __slots__ = ("digits", "prefix")

    def __init__(self, prefix: bytes, digits: int) -> None:
        self.prefix, self.digits = prefix, digits


_SEAL = _Marker(SEAL_PREFIX, _DIGITS)
_SIGNATURE = _Marker(SIGNATURE_PREFIX, SIGNATURE_DIGITS)


def _pattern(marker: _Marker) -> re.Pattern[bytes]:
    return re.compile(re.escape(marker.prefix) + rb"[0-9a-f]{%d}" % marker.digits)


@dataclass(frozen=True, slots=True)
class Seal:
    digest: str
    """The 64 hex digits."""
    offset: int
    """Where the digits start in the file."""
    signature: str | None = None
    """The signature slot's 192 hex digits (signer's key, then signature); None if the pack has
    no slot (format 3) or an empty one (all zeros: unsigned)."""

    def __str__(self) -> str:
        return f"sha256:{self.digest}"


def verify_seal(handle: BinaryIO, signature_slot: bool = False) -> Seal:
    """The seal of the file `handle` reads, if its bytes match it; SealError if not.
    `signature_slot`: the format has one (4 and later), which must be there exactly once."""
    markers = (_SEAL, _SIGNATURE) if signature_slot else (_SEAL,)
    offsets = _digit_offsets(handle, markers)
    written = _read_digits(handle, offsets[0], _DIGITS)
    if _digest(handle, offsets, markers) != written:
        raise SealError("the bytes do not match the seal")
    signature = _read_digits(handle, offsets[1], SIGNATURE_DIGITS) if signature_slot else None
    return Seal(
        written, offsets[0], None if signature is None or not signature.strip("0") else signature
    )


def write_seal(handle: BinaryIO) -> Seal:
    """Write into the file (open for reading and writing) the seal its bytes call for, where its
    placeholder (or an older seal) is. A signature slot, if the file has one, is left as it is
    (and read as zeros)."""
    markers = (_SEAL, _SIGNATURE) if _count(handle, _SIGNATURE) else (_SEAL,)
    offsets = _digit_offsets(handle, markers)
    seal = Seal(_digest(handle, offsets, markers), offsets[0])
    handle.seek(offsets[0])
    handle.write(seal.digest.encode("ascii"))
    handle.flush()
    return seal


def write_signature(handle: BinaryIO, digits: str) -> None:
    """Write a signature slot's 192 hex digits into the file's one slot."""
    if len(digits) != SIGNATURE_DIGITS or not _pattern(_SIGNATURE).fullmatch(
        _SIGNATURE.prefix + digits.encode("ascii")
    ):
        raise ValueError("a signature slot holds 192 lower-case hex digits")
    (offset,) = _digit_offsets(handle, (_SIGNATURE,))
    handle.seek(offset)
    handle.write(digits.encode("ascii"))
    handle.flush()


def _read_digits(handle: BinaryIO, offset: int, length: int) -> str:
    handle.seek(offset)
    return handle.read(length).decode("ascii")


def _count(handle: BinaryIO, marker: _Marker) -> int:
    return len(_find(handle, (marker,))[0])


def _digit_offsets(handle: BinaryIO, markers: Sequence[_Marker]) -> list[int]:
    """Where the digits of each marker start; SealError unless each is there exactly once."""
    found = _find(handle, markers)
    for marker, places in zip(markers, found, strict=True):
        if len(places) != 1:
            what = "seal" if marker is _SEAL else "signature slot"
            raise SealError(f"no {what}" if not places else f"more than one {what}")
    return [places[0] + len(marker.prefix) for marker, places in zip(markers, found, strict=True)]


def _find(handle: BinaryIO, markers: Sequence[_Marker]) -> list[list[int]]:
    """Where each marker starts in the file, in one pass. Chunks overlap by the longest marker's
    length less one byte, so a marker across two is found once."""
    overlap = max(len(m.prefix) + m.digits for m in markers) - 1
    patterns = [_pattern(m) for m in markers]
    found: list[list[int]] = [[] for _ in markers]
    handle.seek(0)
    position, carry = 0, b""
    while chunk := handle.read(_CHUNK):
        buffer = carry + chunk
        start = position - len(carry)
        for marker, pattern, places in zip(markers, patterns, found, strict=True):
            # bytes.find runs at memory speed; the pattern is tried only where the prefix is.
            at = buffer.find(marker.prefix)
            while at != -1:
                # A marker wholly inside the carried bytes was found with the chunk before.
                if at + len(marker.prefix) + marker.digits > len(carry) and pattern.match(
                    buffer, at
                ):
                    places.append(start + at)
                at = buffer.find(marker.prefix, at + 1)
        carry = buffer[-overlap:]
        position += len(chunk)
    return found


def _digest(handle: BinaryIO, offsets: Sequence[int], markers: Sequence[_Marker]) -> str:
    """SHA-256 of the whole file with each marker's digits (at `offsets`) read as zeros."""
    spans = [(at, at + m.digits) for at, m in zip(offsets, markers, strict=True)]
    digest = hashlib.sha256()
    handle.seek(0)
    position = 0
    while chunk := handle.read(_CHUNK):
        end = position + len(chunk)
        for low, high in spans:
            low, high = max(low, position), min(high, end)
            if low < high:
                chunk = chunk[: low - position] + b"0" * (high - low) + chunk[high - position :]
        digest.update(chunk)
        position = end
    return digest.hexdigest()
