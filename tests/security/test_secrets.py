"""Encryption at rest: round trips, tamper detection, first-run key generation."""

from __future__ import annotations

import base64
import multiprocessing
import os
import pickle
import stat
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from flowgate.security import secrets as secrets_mod
from flowgate.security.secrets import SecretBox, SecretError, load_or_create_text_secret

_RACE_DIRS = 12
_RACE_PROCS = 4


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("plaintext", ["sk-live-abc123", "", "ключ-🔑", "x" * 10_000])
def test_round_trip(tmp_path: Path, plaintext: str) -> None:
    box = SecretBox.open("operator key", tmp_path)
    token = box.encrypt(plaintext)
    assert plaintext.encode() not in token or not plaintext
    assert box.decrypt(token) == plaintext


def test_encryption_is_randomised(tmp_path: Path) -> None:
    box = SecretBox.open("operator key", tmp_path)
    assert box.encrypt("same") != box.encrypt("same")


def test_tampering_is_detected(tmp_path: Path) -> None:
    box = SecretBox.open("operator key", tmp_path)
    token = box.encrypt("sk-live-abc123")
    for i in range(len(token)):
        flipped = bytearray(token)
        flipped[i] ^= 0x01
        with pytest.raises(SecretError):
            box.decrypt(bytes(flipped))
    for bad in (b"", token[:10], token[:-1], token + b"\x00"):
        with pytest.raises(SecretError):
            box.decrypt(bad)


def test_wrong_key_is_refused_without_leaking(tmp_path: Path) -> None:
    token = SecretBox.open("key one", tmp_path).encrypt("sk-live-abc123")
    with pytest.raises(SecretError) as info:
        SecretBox.open("key two", tmp_path).decrypt(token)
    assert "sk-live" not in str(info.value)


def test_secret_key_boxes_interoperate_and_write_no_file(tmp_path: Path) -> None:
    token = SecretBox.open("shared", tmp_path).encrypt("v")
    assert SecretBox.open("shared", tmp_path).decrypt(token) == "v"
    assert not (tmp_path / "secret.key").exists()


@pytest.mark.parametrize("unset", [None, "", "   "])
def test_key_file_created_once_private_and_reused(tmp_path: Path, unset: str | None) -> None:
    data_dir = tmp_path / "data"
    token = SecretBox.open(unset, data_dir).encrypt("sk-live-abc123")
    key_file = data_dir / "secret.key"
    first = key_file.read_bytes()
    assert _mode(key_file) == 0o600
    assert SecretBox.open(None, data_dir).decrypt(token) == "sk-live-abc123"
    assert key_file.read_bytes() == first
    assert sorted(p.name for p in data_dir.iterdir()) == ["secret.key"]


def test_fingerprint(tmp_path: Path) -> None:
    box = SecretBox.open(None, tmp_path)
    fp = box.fingerprint("sk-live-abc123")
    assert len(fp) == 16
    assert int(fp, 16) >= 0
    assert SecretBox.open(None, tmp_path).fingerprint("sk-live-abc123") == fp
    assert box.fingerprint("sk-live-abc124") != fp
    assert SecretBox.open("other", tmp_path).fingerprint("sk-live-abc123") != fp


def test_secret_never_in_repr_or_pickle(tmp_path: Path) -> None:
    box = SecretBox.open("super-secret-operator-key", tmp_path)
    assert "super-secret" not in repr(box)
    assert "super-secret" not in str(box)
    with pytest.raises(TypeError):
        pickle.dumps(box)
    file_box = SecretBox.open(None, tmp_path / "d")
    stored = (tmp_path / "d" / "secret.key").read_text().strip()
    assert stored not in repr(file_box)


def test_text_secret_format_and_reuse(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "webhook.secret"
    value = load_or_create_text_secret(path, prefix="whsec_", nbytes=32)
    assert value.startswith("whsec_")
    raw = value.removeprefix("whsec_")
    assert len(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))) == 32
    assert _mode(path) == 0o600
    assert load_or_create_text_secret(path, prefix="whsec_") == value


def test_truncated_key_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets_mod, "READ_RETRY_SECONDS", 0.05)
    (tmp_path / "secret.key").write_bytes(b"")
    with pytest.raises(SecretError, match="empty or truncated"):
        SecretBox.open(None, tmp_path)


def test_falls_back_to_exclusive_create_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    value = load_or_create_text_secret(tmp_path / "k")
    assert load_or_create_text_secret(tmp_path / "k") == value
    assert [p.name for p in tmp_path.iterdir()] == ["k"]
    assert _mode(tmp_path / "k") == 0o600


RaceResult = dict[int, tuple[str, bytes]]


def _race_worker(root: str, barrier: Barrier, results: Queue[RaceResult]) -> None:
    """Child process: race the others on every directory, report what each call returned."""
    barrier.wait()
    seen: RaceResult = {}
    for i in range(_RACE_DIRS):
        data_dir = Path(root) / str(i)
        box = SecretBox.open(None, data_dir)
        seen[i] = (
            (data_dir / "secret.key").read_text(),
            box.encrypt(f"from-{i}"),
        )
    results.put(seen)


def test_concurrent_first_run_yields_one_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(_RACE_PROCS)
    results: Queue[RaceResult] = ctx.Queue()
    procs = [
        ctx.Process(target=_race_worker, args=(str(tmp_path), barrier, results))
        for _ in range(_RACE_PROCS)
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    results.close()
    results.join_thread()
    for i in range(_RACE_DIRS):
        data_dir = tmp_path / str(i)
        assert [p.name for p in data_dir.iterdir()] == ["secret.key"]
        key_text = (data_dir / "secret.key").read_text()
        box = SecretBox.open(None, data_dir)
        for outcome in outcomes:
            seen_key, token = outcome[i]
            assert seen_key == key_text
            assert box.decrypt(token) == f"from-{i}"
