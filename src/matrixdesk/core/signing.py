"""Publisher signatures: Ed25519 (PyNaCl) over a pack's seal, and the key files editors keep.

What is signed is the seal (`core.seal`): the SHA-256 of every byte of the pack but the seal's
and the signature's own digits. So a signature vouches for the whole file, and checking it costs
one Ed25519 verification once the seal has been checked. The signature slot holds the signer's
public key and the signature, so a pack says who signed it; whether that key is trusted is for
whoever opens the pack to decide (`editions.trust`).

Key files are one line of text each (comments, `#`, allowed): `matrixdesk-secret-key:ed25519:`
and the 32-byte seed in hex for a secret key, `matrixdesk-public-key:ed25519:` and the public key
for a public one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from matrixdesk.core.seal import Seal

SECRET_KEY_PREFIX = "matrixdesk-secret-key:ed25519:"
PUBLIC_KEY_PREFIX = "matrixdesk-public-key:ed25519:"
_KEY_LINE = re.compile(r"^(matrixdesk-(?:secret|public)-key:ed25519:)([0-9a-f]{64})$")
# What a pack's signature signs: its seal, under a name no other use of the key would sign.
_SIGNED_PREFIX = b"matrixdesk-pack-seal:sha256:"
MAX_KEY_FILE_BYTES = 4096


class KeyFileError(Exception):
    """A key file cannot be used: the message says why and what to do."""


class BadSignatureError(Exception):
    """The pack's signature does not match its seal: it was altered after it was signed."""


class NoSigningLibraryError(Exception):
    """PyNaCl cannot be loaded, so signatures cannot be checked (a broken installation)."""


class PublicKey:
    """An Ed25519 public key (`hex`: its 32 bytes in hex). A plain class: see `core.edition`."""

    __slots__ = ("hex",)

    def __init__(self, hex: str) -> None:
        self.hex = hex

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.hex == self.hex

    def __hash__(self) -> int:
        return hash(self.hex)

    @property
    def fingerprint(self) -> str:
        """A short name for the key, as people compare them: 4 groups of 4 hex digits."""
        digest = hashlib.sha256(bytes.fromhex(self.hex)).hexdigest()
        return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def signed_message(seal: Seal) -> bytes:
    return _SIGNED_PREFIX + seal.digest.encode("ascii")


def signer_of(seal: Seal) -> PublicKey | None:
    """Who signed the pack whose seal is `seal`: None if it is unsigned; BadSignatureError if its
    signature does not verify (one changed byte in it, or a signature meant for another pack)."""
    if seal.signature is None:
        return None
    key, signature = bytes.fromhex(seal.signature[:64]), bytes.fromhex(seal.signature[64:])
    if not _verifies(key, signature, signed_message(seal)):
        raise BadSignatureError("the signature does not match the pack")
    return PublicKey(seal.signature[:64])


def _verifies(key: bytes, signature: bytes, message: bytes) -> bool:
    """Ed25519 verification."""
    fast = fast_verifies(key, signature, message)
    if fast is not None:
        return fast
    try:  # pragma: no cover - a PyNaCl that moved its binding
        from nacl.exceptions import BadSignatureError as NaclBadSignature
        from nacl.signing import VerifyKey
    except ImportError as error:  # pragma: no cover
        raise NoSigningLibraryError(str(error)) from None
    try:  # pragma: no cover
        VerifyKey(key).verify(message, signature)
    except NaclBadSignature:  # pragma: no cover
        return False
    return True  # pragma: no cover


def fast_verifies(key: bytes, signature: bytes, message: bytes) -> bool | None:
    """Ed25519 verification through PyNaCl's own binding of libsodium, which loads in about
    1.5 ms where the public `nacl.signing` (all of PyNaCl's bindings) takes 10 to 15: the reader
    checks the installed pack it opens at every start. None if a PyNaCl release moved the
    binding (`_verifies` then uses the public API; a test checks this path is the one taken)."""
    try:
        # libsodium's binding loads cffi's backend from C, where PyInstaller cannot see it:
        # named here, so the frozen app carries it.
        import _cffi_backend  # noqa: F401
        from nacl._sodium import ffi, lib
    except ImportError:  # pragma: no cover
        return None
    if len(key) != 32 or len(signature) != 64 or not hasattr(lib, "crypto_sign_open"):
        return None if len(key) == 32 and len(signature) == 64 else False
    lib.sodium_init()  # idempotent; libsodium asks for it before any other call
    signed = signature + message  # libsodium's "combined" form: the signature, then the message
    opened = ffi.new("unsigned char[]", len(signed))
    length = ffi.new("unsigned long long *")
    return bool(lib.crypto_sign_open(opened, length, signed, len(signed), key) == 0)


def sign(seal: Seal, secret_seed_hex: str) -> str:
    """The signature slot's digits for the pack whose seal is `seal`: public key, signature."""
    from nacl.signing import SigningKey

    key = SigningKey(bytes.fromhex(secret_seed_hex))
    signature = key.sign(signed_message(seal)).signature
    return bytes(key.verify_key).hex() + signature.hex()


def new_key_pair() -> tuple[str, str]:
    """A fresh secret seed and its public key, both in hex."""
    from nacl.signing import SigningKey

    key = SigningKey.generate()
    return bytes(key).hex(), bytes(key.verify_key).hex()


def public_key_of(secret_seed_hex: str) -> str:
    from nacl.signing import SigningKey

    return bytes(SigningKey(bytes.fromhex(secret_seed_hex)).verify_key).hex()


def key_file_text(prefix: str, key_hex: str, comment: str) -> str:
    return f"# {comment}\n{prefix}{key_hex}\n"


def read_key_file(path: Path, prefix: str) -> str:
    """The key (hex) in the key file `path` of the kind `prefix` names; KeyFileError if none."""
    kind = "secret" if prefix == SECRET_KEY_PREFIX else "public"
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileError(f"{path}: there is no such key file") from None
    except IsADirectoryError:
        raise KeyFileError(f"{path}: this is a folder, not a key file") from None
    except OSError as error:
        raise KeyFileError(f"{path}: the key file cannot be read ({error.strerror})") from None
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        lines = []
    keys = [m for line in lines if (m := _KEY_LINE.match(line.strip()))]
    if len(data) > MAX_KEY_FILE_BYTES or len(keys) != 1 or keys[0].group(1) != prefix:
        other = PUBLIC_KEY_PREFIX if prefix == SECRET_KEY_PREFIX else SECRET_KEY_PREFIX
        if len(keys) == 1 and keys[0].group(1) == other:
            hint = (
                "it is a public key: give the secret key file (the one without .pub)"
                if kind == "secret"
                else "it is a secret key: give its .pub file, and keep the secret one private"
            )
        else:
            hint = "make one with `matrixdesk keygen KEYFILE`"
        raise KeyFileError(f"{path}: this is not a MatrixDesk {kind} key file ({hint})")
    return keys[0].group(2)
