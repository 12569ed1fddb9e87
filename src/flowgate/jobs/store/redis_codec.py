"""How jobs look in Redis: one hash per job, every value a string ('' = absent).

Kept apart from the store so the mapping can be read (and tested) on its own; the Lua scripts
in `lua/` rely on the same field names.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import orjson

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Event, Finish, Job, JobSpec

SCRIPTS = (
    "submit",
    "claim",
    "heartbeat",
    "checkpoint",
    "finish",
    "cancel",
    "release",
    "reclaim",
    "list",
    "purge",
    "gc",
)


def load_scripts() -> dict[str, str]:
    """Each script is `common.lua` + its own body (Redis has no `require` for EVAL)."""
    lua = resources.files("flowgate.jobs.store") / "lua"
    common = (lua / "common.lua").read_text("utf-8")
    return {name: common + "\n" + (lua / f"{name}.lua").read_text("utf-8") for name in SCRIPTS}


def _text(raw: dict[bytes, bytes], name: bytes) -> str | None:
    value = raw.get(name, b"")
    return value.decode() if value else None


def _float(raw: dict[bytes, bytes], name: bytes) -> float | None:
    value = raw.get(name, b"")
    return float(value) if value else None


def pairs_to_dict(flat: list[bytes]) -> dict[bytes, bytes]:
    return dict(zip(flat[::2], flat[1::2], strict=True))


def decode_job(flat: list[bytes] | dict[bytes, bytes]) -> Job | None:
    """From a script's HGETALL (a flat list) or the client's (a dict)."""
    raw = flat if isinstance(flat, dict) else pairs_to_dict(flat)
    if not raw.get(b"id"):
        return None
    result = raw.get(b"result", b"")
    return Job(
        id=raw[b"id"].decode(),
        kind=raw[b"kind"].decode(),
        status=JobStatus(raw[b"status"].decode()),
        payload=orjson.loads(raw[b"payload"]),
        payload_hash=raw[b"payload_hash"].decode(),
        state=orjson.loads(raw.get(b"state") or b"{}"),
        result=orjson.loads(result) if result else None,
        error_code=_text(raw, b"error_code"),
        error_message=_text(raw, b"error_message"),
        error_raw=_text(raw, b"error_raw"),
        attempts=int(raw.get(b"attempts", b"0")),
        version=int(raw.get(b"version", b"0")),
        lease_owner=_text(raw, b"lease_owner"),
        lease_until=_float(raw, b"lease_until"),
        run_at=_float(raw, b"run_at") or 0.0,
        deadline=_float(raw, b"deadline"),
        created_at=_float(raw, b"created_at") or 0.0,
        updated_at=_float(raw, b"updated_at") or 0.0,
        finished_at=_float(raw, b"finished_at"),
        cancel_requested=raw.get(b"cancel_requested") == b"1",
        secret=raw.get(b"secret") or None,
        model=_text(raw, b"model"),
        key_id=_text(raw, b"key_id"),
        parent_id=_text(raw, b"parent_id"),
    )


def _opt(value: float | None) -> str:
    return "" if value is None else repr(value)


def spec_args(spec: JobSpec, *, owned: bool = True) -> list[Any]:
    """The SPEC_FIELDS values `submit_spec` in common.lua reads, in its order."""
    return [
        spec.id,
        spec.kind,
        orjson.dumps(spec.payload),
        spec.payload_hash,
        _opt(spec.run_at),
        _opt(spec.deadline),
        spec.secret or b"",
        spec.model or "",
        spec.key_id or "",
        spec.parent_id or "",
        (spec.lease_owner or "") if owned else "",
        int(spec.lease_s * 1000),
        orjson.dumps(spec.state or {}),
    ]


def finish_args(job: Job, out: Finish) -> list[Any]:
    """Field updates for finish.lua: values to set, then fields to clear."""
    retry = out.retry_at is not None
    values: dict[str, Any] = {}
    clear: list[str] = []
    for name, value in (
        ("error_code", out.error_code),
        ("error_message", out.error_message),
        ("error_raw", out.error_raw),
    ):
        if value is None:
            clear.append(name)
        else:
            values[name] = value
    if out.state is not None:
        values["state"] = orjson.dumps(out.state)
    if not retry:
        if out.result is None:
            clear.append("result")
        else:
            values["result"] = orjson.dumps(out.result)
    status = "queued" if retry else str(out.status)
    data = {"status": status, **out.event}
    args: list[Any] = [
        job.id,
        job.lease_owner or "",
        job.attempts,
        status,
        _opt(out.retry_at),
        "retrying" if retry else str(out.status),
        orjson.dumps(data),
        len(values),
    ]
    for name, value in values.items():
        args += [name, value]
    args += [len(clear), *clear]
    for spec in out.spawn:
        args += spec_args(spec, owned=False)
    return args


def decode_event(job_id: str, raw: bytes) -> Event:
    item = orjson.loads(raw)
    return Event(job_id, int(item["seq"]), float(item["at"]), item["type"], item["data"])
