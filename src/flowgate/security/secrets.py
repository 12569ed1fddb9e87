"""Encryption at rest for upstream API keys stored with tasks.

The key comes from `SECRET_KEY` when the operator sets one; otherwise it is
generated into the data directory on first run, so a single-node install is
safe by default. Several workers start at once, so first-run generation must
leave every process with the same key: each writes a complete private temp
file and publishes it with an exclusive hard link, and losers read the winner's.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_FILE_NAME = "secret.key"
_VERSION = b"\x01"
_NONCE_BYTES = 12
_TAG_BYTES = 16
_HKDF_SALT = b"flowgate/secretbox/v1"
# How long a reader waits for a key file another process is still writing
# (only possible on filesystems without hard links, see `_publish`).
READ_RETRY_SECONDS = 2.0


class SecretError(Exception):
    """A token cannot be decrypted (tampered, truncated, other key) or a key file is unusable."""


def _derive(material: bytes, purpose: bytes) -> bytes:
    """Independent 32-byte keys per purpose, so the fingerprint key never encrypts."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=purpose)
    return hkdf.derive(material)


class SecretBox:
    """AES-256-GCM for stored upstream keys plus a keyed fingerprint for grouping."""

    __slots__ = ("_aead", "_fingerprint_key")

    def __init__(self, material: bytes) -> None:
        if not material:
            raise ValueError("secret key material must not be empty")
        self._aead = AESGCM(_derive(material, b"encrypt"))
        self._fingerprint_key = _derive(material, b"fingerprint")

    @classmethod
    def open(cls, secret_key: str | None, data_dir: Path) -> SecretBox:
        """Key from `SECRET_KEY` if set (empty counts as unset), else `data_dir/secret.key`."""
        if secret_key is not None and secret_key.strip():
            return cls(secret_key.encode("utf-8"))
        stored = load_or_create_text_secret(data_dir / KEY_FILE_NAME, nbytes=32)
        return cls(stored.encode("ascii"))

    def encrypt(self, plaintext: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext.encode("utf-8"), _VERSION)

    def decrypt(self, token: bytes) -> str:
        if len(token) < 1 + _NONCE_BYTES + _TAG_BYTES or token[:1] != _VERSION:
            raise SecretError("encrypted secret is malformed")
        nonce, body = token[1 : 1 + _NONCE_BYTES], token[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, body, _VERSION).decode("utf-8")
        except (InvalidTag, UnicodeDecodeError):
            raise SecretError("encrypted secret was tampered with or uses another key") from None

    def fingerprint(self, value: str) -> str:
        """Stable per key, so per-upstream-key limits work without storing the upstream key."""
        mac = hmac.new(self._fingerprint_key, value.encode("utf-8"), hashlib.sha256)
        return mac.hexdigest()[:16]

    def __repr__(self) -> str:
        return "SecretBox(<redacted>)"

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("SecretBox holds key material and cannot be pickled")


def load_or_create_text_secret(path: Path, *, prefix: str = "", nbytes: int = 32) -> str:
    """Read the secret at `path`, generating `prefix + base64(random)` on first run.

    Safe when several processes start together: exactly one value is published
    (mode 0600) and all of them return it.
    """
    existing = _read_existing(path)
    if existing is not None:
        return existing
    path.parent.mkdir(parents=True, exist_ok=True)
    token = base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode("ascii").rstrip("=")
    if _publish(path, f"{prefix}{token}\n".encode("ascii")):
        return prefix + token
    winner = _read_existing(path)
    if winner is None:
        raise SecretError(f"secret file {path} disappeared while being created")
    return winner


def _read_existing(path: Path) -> str | None:
    """The stored value, None if absent; waits briefly for a writer mid-way."""
    deadline = time.monotonic() + READ_RETRY_SECONDS
    while True:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        if raw.endswith(b"\n") and raw.strip():
            return raw.decode("ascii").strip()
        if time.monotonic() >= deadline:
            raise SecretError(
                f"secret file {path} is empty or truncated; delete it to generate a new one"
            )
        time.sleep(0.01)


def _publish(path: Path, content: bytes) -> bool:
    """Create `path` with `content` exclusively; False if another process got there first.

    A complete temp file is hard-linked into place (link(2) fails if the name
    exists), so no reader ever sees a half-written key. Filesystems without hard
    links fall back to O_CREAT|O_EXCL plus the reader's wait for the newline.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
    _write_new(tmp, content)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:
        try:
            _write_new(path, content)
        except FileExistsError:
            return False
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
    return True


def _write_new(path: Path, content: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    """Make the new name durable; not every platform can open a directory."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
