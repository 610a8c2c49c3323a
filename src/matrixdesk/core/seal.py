"""A pack's seal: the SHA-256 of the whole file, kept inside the file itself.

The pack writer stores `SEAL_PLACEHOLDER` (a prefix, then 64 zeros) in `pack_info.seal`, finishes
the file, hashes every byte of it, and writes the digest over the zeros (`write_seal`). To verify,
a reader finds the one seal in the file, hashes the file with the seal's digits read as zeros, and
compares (`verify_seal`). One changed byte anywhere, the seal included, and the pack is refused: a
damaged pack is never read as if it were whole.

The seal is found in the raw bytes, before SQLite reads anything. It is plain UTF-8 text in a short
row, which SQLite keeps in one piece within a page. Files are read in chunks, so verifying a large
pack takes little memory.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import BinaryIO

SEAL_PREFIX = b"matrixdesk-seal:sha256:"
_DIGITS = 64
_ZEROS = b"0" * _DIGITS
SEAL_PLACEHOLDER = (SEAL_PREFIX + _ZEROS).decode("ascii")
_SEAL = re.compile(re.escape(SEAL_PREFIX) + rb"[0-9a-f]{64}")
_CHUNK = 1 << 20


class SealError(Exception):
    """The file holds no seal, more than one, or one that does not match its bytes."""


@dataclass(frozen=True, slots=True)
class Seal:
    digest: str
    """The 64 hex digits."""
    offset: int
    """Where the digits start in the file."""

    def __str__(self) -> str:
        return f"sha256:{self.digest}"


def verify_seal(handle: BinaryIO) -> Seal:
    """The seal of the file `handle` reads, if its bytes match it; SealError if not."""
    offset = _seal_digits_offset(handle)
    handle.seek(offset)
    written = handle.read(_DIGITS).decode("ascii")
    if _digest(handle, offset) != written:
        raise SealError("the bytes do not match the seal")
    return Seal(written, offset)


def write_seal(handle: BinaryIO) -> Seal:
    """Write into the file (open for reading and writing) the seal its bytes call for, where its
    placeholder (or an older seal) is."""
    offset = _seal_digits_offset(handle)
    seal = Seal(_digest(handle, offset), offset)
    handle.seek(offset)
    handle.write(seal.digest.encode("ascii"))
    handle.flush()
    return seal


def _seal_digits_offset(handle: BinaryIO) -> int:
    """Where the digits of the file's one seal start; SealError unless there is exactly one.
    Chunks overlap by a seal's length less one byte, so a seal across two is found once."""
    overlap = len(SEAL_PREFIX) + _DIGITS - 1
    found: list[int] = []
    handle.seek(0)
    position, carry = 0, b""
    while chunk := handle.read(_CHUNK):
        buffer = carry + chunk
        start = position - len(carry)
        # bytes.find runs at memory speed; the pattern is tried only where the prefix is.
        at = buffer.find(SEAL_PREFIX)
        while at != -1:
            if _SEAL.match(buffer, at):
                found.append(start + at)
            at = buffer.find(SEAL_PREFIX, at + 1)
        carry = buffer[-overlap:]
        position += len(chunk)
    if len(found) != 1:
        raise SealError("no seal" if not found else "more than one seal")
    return found[0] + len(SEAL_PREFIX)


def _digest(handle: BinaryIO, offset: int) -> str:
    """SHA-256 of the whole file with the seal's digits (at `offset`) read as zeros."""
    digest = hashlib.sha256()
    handle.seek(0)
    position = 0
    while chunk := handle.read(_CHUNK):
        end = position + len(chunk)
        low, high = max(offset, position), min(offset + _DIGITS, end)
        if low < high:
            chunk = chunk[: low - position] + _ZEROS[: high - low] + chunk[high - position :]
        digest.update(chunk)
        position = end
    return digest.hexdigest()
