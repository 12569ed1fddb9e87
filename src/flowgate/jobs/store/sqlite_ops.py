"""The SQLite store's operations: plain functions of a connection, run on its thread.

Each runs inside the writer's transaction (a SAVEPOINT of the group commit), so an operation
is atomic on its own and a raised exception undoes only that operation.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

import orjson

from flowgate.jobs.state import TERMINAL, JobStatus
from flowgate.jobs.store.base import (
    MAX_CLAIM,
    Claim,
    Finish,
    Job,
    JobConflict,
    JobSpec,
    ListQuery,
    decode_cursor,
    encode_cursor,
)
from flowgate.jobs.store.sqlite_schema import COLUMNS, add_event, row_to_job

TERMINAL_SQL = "('completed', 'failed', 'canceled')"


def get(c: sqlite3.Connection, job_id: str) -> Job | None:
    row = c.execute(f"SELECT {COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return row_to_job(row) if row else None


def submit(c: sqlite3.Connection, spec: JobSpec, now: float) -> tuple[Job, bool]:
    """Insert-if-absent; the new job is built from the spec, not read back (hot path)."""
    found = c.execute("SELECT payload_hash FROM jobs WHERE id = ?", (spec.id,)).fetchone()
    if found is not None:
        if found[0] != spec.payload_hash:
            raise JobConflict(f"id {spec.id!r} already exists with a different request")
        existing = get(c, spec.id)
        assert existing is not None
        return existing, False
    run_at = spec.run_at if spec.run_at is not None else now
    owned = spec.lease_owner is not None
    c.execute(
        "INSERT INTO jobs(id, kind, status, payload, payload_hash, run_at, deadline, "
        "created_at, updated_at, secret, model, key_id, parent_id, lease_owner, lease_until, "
        "attempts, version, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            spec.id,
            spec.kind,
            "running" if owned else "queued",
            orjson.dumps(spec.payload),
            spec.payload_hash,
            run_at,
            spec.deadline,
            now,
            now,
            spec.secret,
            spec.model,
            spec.key_id,
            spec.parent_id,
            spec.lease_owner,
            now + spec.lease_s if owned else None,
            1 if owned else 0,
            2 if owned else 1,
            orjson.dumps(spec.state or {}),
        ),
    )
    add_event(c, spec.id, 1, now, "queued", {"status": "queued"})
    if owned:
        add_event(c, spec.id, 2, now, "running", {"status": "running", "attempt": 1})
    job = Job(
        id=spec.id,
        kind=spec.kind,
        status=JobStatus.RUNNING if owned else JobStatus.QUEUED,
        payload=spec.payload,
        payload_hash=spec.payload_hash,
        state=dict(spec.state or {}),
        attempts=1 if owned else 0,
        version=2 if owned else 1,
        lease_owner=spec.lease_owner,
        lease_until=now + spec.lease_s if owned else None,
        run_at=run_at,
        deadline=spec.deadline,
        created_at=now,
        updated_at=now,
        secret=spec.secret,
        model=spec.model,
        key_id=spec.key_id,
        parent_id=spec.parent_id,
    )
    return job, True


def list_jobs(c: sqlite3.Connection, q: ListQuery) -> tuple[list[Job], str | None]:
    where = ["kind = ?"]
    args: list[Any] = [q.kind]
    for column, value in (("status", q.status), ("model", q.model), ("parent_id", q.parent_id)):
        if value is not None:
            where.append(f"{column} = ?")
            args.append(str(value))
    if q.cursor:
        created, job_id = decode_cursor(q.cursor)
        where.append("(created_at < ? OR (created_at = ? AND id < ?))")
        args += [created, created, job_id]
    rows = c.execute(
        f"SELECT {COLUMNS} FROM jobs WHERE {' AND '.join(where)} "
        "ORDER BY created_at DESC, id DESC LIMIT ?",
        (*args, q.limit + 1),
    ).fetchall()
    jobs = [row_to_job(r) for r in rows[: q.limit]]
    more = len(rows) > q.limit
    return jobs, (encode_cursor(jobs[-1].created_at, jobs[-1].id) if more and jobs else None)


def _bump(
    c: sqlite3.Connection,
    job: Job,
    now: float,
    kind: str,
    data: dict[str, Any],
    version: int | None = None,
) -> None:
    if version is None:
        version = c.execute("SELECT version FROM jobs WHERE id = ?", (job.id,)).fetchone()[0]
    add_event(c, job.id, version, now, kind, data)


def cancel(c: sqlite3.Connection, job_id: str, now: float) -> Job | None:
    job = get(c, job_id)
    if job is None or job.status in TERMINAL:
        return job
    if job.status is JobStatus.QUEUED:
        c.execute(
            "UPDATE jobs SET status = 'canceled', error_code = 'canceled', "
            "error_message = 'canceled by the client', finished_at = ?, updated_at = ?, "
            "secret = NULL, version = version + 1 WHERE id = ?",
            (now, now, job_id),
        )
        _bump(c, job, now, "canceled", {"status": "canceled"})
    else:
        c.execute(
            "UPDATE jobs SET cancel_requested = 1, updated_at = ? WHERE id = ?", (now, job_id)
        )
    return get(c, job_id)


def claim_jobs(c: sqlite3.Connection, claim: Claim, now: float) -> list[Job]:
    """Saturated limit groups are excluded in SQL, so a deep queue of one saturated model
    costs nothing per claim; the candidate scan is bounded whatever `n` is."""
    where = ["kind = ?", "status = 'queued'", "run_at <= ?"]
    args: list[Any] = [claim.kind, now]
    for column, capacity in (("model", claim.model_capacity), ("key_id", claim.key_capacity)):
        full = [name for name, free in capacity.items() if free <= 0]
        if full:
            where.append(f"COALESCE({column}, '') NOT IN ({','.join('?' * len(full))})")
            args += full
    rows = c.execute(
        f"SELECT id, model, key_id FROM jobs WHERE {' AND '.join(where)} ORDER BY run_at LIMIT ?",
        (*args, min(claim.n, MAX_CLAIM) * 2 + 16),
    ).fetchall()
    models = dict(claim.model_capacity)
    keys = dict(claim.key_capacity)
    chosen: list[str] = []
    for job_id, model, key_id in rows:
        m_free = models.get(model, claim.default_model_capacity)
        k_free = keys.get(key_id, claim.default_key_capacity)
        if m_free <= 0 or k_free <= 0:
            continue
        models[model] = m_free - 1
        keys[key_id] = k_free - 1
        chosen.append(job_id)
        if len(chosen) >= min(claim.n, MAX_CLAIM):
            break
    jobs: list[Job] = []
    for job_id in chosen:
        c.execute(
            "UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, "
            "attempts = attempts + 1, version = version + 1, updated_at = ? WHERE id = ?",
            (claim.owner, now + claim.lease_s, now, job_id),
        )
        job = get(c, job_id)
        assert job is not None
        add_event(
            c, job_id, job.version, now, "running", {"status": "running", "attempt": job.attempts}
        )
        jobs.append(job)
    return jobs


def _fence(job: Job) -> tuple[str, tuple[Any, ...]]:
    return (
        "id = ? AND lease_owner = ? AND attempts = ? AND status = 'running'",
        (job.id, job.lease_owner, job.attempts),
    )


def checkpoint(
    c: sqlite3.Connection, job: Job, state: dict[str, Any], event: dict[str, Any] | None, now: float
) -> bool:
    where, args = _fence(job)
    cur = c.execute(
        f"UPDATE jobs SET state = ?, updated_at = ?, version = version + 1 WHERE {where}",
        (orjson.dumps(state), now, *args),
    )
    if cur.rowcount != 1:
        return False
    if event is not None:
        _bump(c, job, now, str(event.get("type", "progress")), event)
    return True


def finish(c: sqlite3.Connection, job: Job, out: Finish, now: float) -> bool:
    where, args = _fence(job)
    state = orjson.dumps(out.state) if out.state is not None else None
    if out.retry_at is not None:
        cur = c.execute(
            "UPDATE jobs SET status = 'queued', run_at = ?, lease_owner = NULL, lease_until = NULL, "
            "state = COALESCE(?, state), error_code = ?, error_message = ?, error_raw = ?, "
            f"updated_at = ?, version = version + 1 WHERE {where} RETURNING version",
            (out.retry_at, state, out.error_code, out.error_message, out.error_raw, now, *args),
        )
        kind = "retrying"
    else:
        result = orjson.dumps(out.result) if out.result is not None else None
        cur = c.execute(
            "UPDATE jobs SET status = ?, result = ?, state = COALESCE(?, state), error_code = ?, "
            "error_message = ?, error_raw = ?, finished_at = ?, updated_at = ?, lease_owner = NULL, "
            f"lease_until = NULL, secret = NULL, version = version + 1 WHERE {where} "
            "RETURNING version",
            (
                out.status,
                result,
                state,
                out.error_code,
                out.error_message,
                out.error_raw,
                now,
                now,
                *args,
            ),
        )
        kind = str(out.status)
    row = cur.fetchone()
    if row is None:
        return False
    data = {"status": "queued" if out.retry_at else str(out.status), **out.event}
    _bump(c, job, now, kind, data, version=row[0])
    for spec in out.spawn:
        submit(c, spec, now)
    return True


def requeue_where(
    c: sqlite3.Connection, where: str, args: tuple[Any, ...], reason: str
) -> list[str]:
    now = time.time()
    rows = c.execute(
        "UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_until = NULL, run_at = ?, "
        f"updated_at = ?, version = version + 1 WHERE status = 'running' AND {where} "
        "RETURNING id, version",
        (now, now, *args),
    ).fetchall()
    for job_id, version in rows:
        add_event(c, job_id, version, now, "requeued", {"status": "queued", "reason": reason})
    return [r[0] for r in rows]
