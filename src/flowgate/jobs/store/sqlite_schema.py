"""The embedded store's schema and row mapping (one table of jobs, one of their events)."""

from __future__ import annotations

import sqlite3
from typing import Any

import orjson

from flowgate.jobs.state import JobStatus
from flowgate.jobs.store.base import Job

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    payload BLOB NOT NULL,
    payload_hash TEXT NOT NULL,
    state BLOB NOT NULL DEFAULT '{}',
    result BLOB,
    error_code TEXT,
    error_message TEXT,
    error_raw TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    lease_owner TEXT,
    lease_until REAL,
    run_at REAL NOT NULL,
    deadline REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    finished_at REAL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    secret BLOB,
    model TEXT,
    key_id TEXT,
    parent_id TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS jobs_ready ON jobs(kind, status, run_at);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(kind, created_at, id);
CREATE INDEX IF NOT EXISTS jobs_parent ON jobs(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_owner ON jobs(lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
    job_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at REAL NOT NULL,
    type TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;
"""

COLUMNS = (
    "id, kind, status, payload, payload_hash, state, result, error_code, error_message, "
    "error_raw, attempts, version, lease_owner, lease_until, run_at, deadline, created_at, "
    "updated_at, finished_at, cancel_requested, secret, model, key_id, parent_id"
)


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(SCHEMA)


def row_to_job(row: tuple[Any, ...]) -> Job:
    return Job(
        id=row[0],
        kind=row[1],
        status=JobStatus(row[2]),
        payload=orjson.loads(row[3]),
        payload_hash=row[4],
        state=orjson.loads(row[5]),
        result=orjson.loads(row[6]) if row[6] is not None else None,
        error_code=row[7],
        error_message=row[8],
        error_raw=row[9],
        attempts=row[10],
        version=row[11],
        lease_owner=row[12],
        lease_until=row[13],
        run_at=row[14],
        deadline=row[15],
        created_at=row[16],
        updated_at=row[17],
        finished_at=row[18],
        cancel_requested=bool(row[19]),
        secret=row[20],
        model=row[21],
        key_id=row[22],
        parent_id=row[23],
    )


def add_event(
    conn: sqlite3.Connection, job_id: str, seq: int, at: float, kind: str, data: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO events(job_id, seq, at, type, data) VALUES (?, ?, ?, ?, ?)",
        (job_id, seq, at, kind, orjson.dumps(data)),
    )
