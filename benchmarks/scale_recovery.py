"""Recovery after an instance is lost: two instances (workers on) share one Redis; instance A
holds most of the running video tasks; A is lost; how long until B has claimed every one of
them, until all are terminal, and were any lost or finished twice?

Two ways to lose A, because they take different paths in the service:

- ``kill``: SIGKILL of A's process group. On one machine B's maintenance sees that the pid in
  A's lease-owner id is gone (`jobs/ownership.dead_local_owners`) and takes A's tasks back at
  once: recovery ≈ one maintenance interval, max(0.5, min(5, LEASE_SECONDS / 3)).
- ``freeze``: SIGSTOP of A's process group (then SIGKILL at the end). A's processes still
  exist, so only lease expiry frees its tasks, which is what peers on other machines see when
  a host dies or is cut off: the last heartbeat (every LEASE_SECONDS / 3) + LEASE_SECONDS, then
  B's next maintenance pass, i.e. between 2/3 × LEASE_SECONDS and LEASE_SECONDS + one
  maintenance interval after the loss.

Video tasks (`[sim:video_slow=N]`: N polls before done) are used because a taken-over video
task resumes polling its stored upstream id and completes; an image call cut mid-flight ends
`upstream_ambiguous` by design. Claims are read from the job hashes in Redis (lease owner,
attempt), duplicates from each task's event log (`<ns>:e:<id>`), statuses through B's API.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import signal
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import psutil
import redis

from gen_http import json_req, run_all, statuses, task_ids
from gen_servers import API_KEY, kill_group, sim_calls, sim_spec, started
from gen_tasks import TERMINAL, count_status, percentiles
from scale_servers import Cluster, cluster, drop_namespace, new_namespace
from servers import HOST, BenchError, Server

VIDEO_MODEL = "veo3"  # the built-in `veo*` row: the unified video API
POLL_INTERVAL_S = 1.0
TASK_MARGIN_S = 15.0  # tasks keep polling this long after the worst-case takeover
CREATE_PATH = "/v1/video/create"
WATCH_EVERY_S = 0.1


def maintenance_s(lease_s: float) -> float:
    """The service's reclaim interval (`GenerationService._maintain`)."""
    return max(0.5, min(5.0, lease_s / 3))


def video_models() -> str:
    row = {"name": "veo*", "kind": "video", "video_api": "unified"}
    return orjson.dumps([{**row, "poll_interval_s": POLL_INTERVAL_S, "deadline_s": 1800}]).decode()


@dataclass
class RecoveryResult:
    mode: str  # "kill" (SIGKILL) | "freeze" (SIGSTOP)
    lease_s: float
    tasks: int
    submitted_to_a: int
    polls_per_task: int
    maintenance_s: float = 0.0
    expected_s: str = ""
    held_by_a: int = 0  # A's tasks running under A's lease at the loss
    without_upstream_id: int = 0  # held by A but not yet accepted upstream (would be ambiguous)
    claimed_s: float | None = None  # loss → B holds (or has finished) every task A held
    claim_times_s: dict[str, float] = field(default_factory=dict)  # per task: first/p50/last
    terminal_s: float | None = None  # loss → every task of the run terminal
    held_terminal_s: float | None = None  # loss → every task A held terminal
    # loss → the run's other tasks (B's own) terminal: when A's would have ended, unharmed
    others_terminal_s: float | None = None
    status_counts: dict[str, int] = field(default_factory=dict)  # through B's API
    lost: int = 0  # not terminal within the limit
    duplicated: int = 0  # tasks with more than one terminal event
    requeue_reasons: dict[str, int] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    upstream_creates: dict[str, int] = field(default_factory=dict)  # per task: "1" / "2+"


def job_fields(client: redis.Redis, ns: str, ids: list[str], names: list[str]) -> list[list[str]]:
    """HMGET of the named fields of every job hash, in one pipeline."""
    pipe = client.pipeline(transaction=False)
    for task_id in ids:
        pipe.hmget(f"{ns}:j:{task_id}", names)
    return [[(v or b"").decode() for v in row] for row in pipe.execute()]


def owner_pid(owner: str) -> int | None:
    """`host:pid:start:random` (`jobs/ownership.process_owner`) → pid."""
    parts = owner.split("/", 1)[0].split(":")
    return int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else None


def tree_pids(server: Server) -> set[int]:
    assert server.proc is not None
    proc = psutil.Process(server.proc.pid)
    return {proc.pid, *(c.pid for c in proc.children(recursive=True))}


async def submit_split(cl: Cluster, prompts: list[str], to_a: int) -> tuple[list[str], list[str]]:
    """The first ``to_a`` prompts to A, the rest to B → (A's ids, B's ids)."""
    body = {"model": VIDEO_MODEL, "apiKey": API_KEY}
    reqs = [json_req("POST", "/api/generate/async", {**body, "prompt": p}) for p in prompts]
    a, b = cl.ports
    res_a, res_b = await asyncio.gather(
        run_all(HOST, a, reqs[:to_a], 32), run_all(HOST, b, reqs[to_a:], 32)
    )
    (ids_a, err_a), (ids_b, err_b) = task_ids(res_a), task_ids(res_b)
    if err_a or err_b:
        raise BenchError(f"{len(err_a) + len(err_b)} submits failed, e.g. {(err_a + err_b)[:3]}")
    return ids_a, ids_b


def wait_accepted(client: redis.Redis, ns: str, ids: list[str], limit_s: float) -> int:
    """Waits until every task has its upstream id stored; returns how many still have none."""
    deadline = time.monotonic() + limit_s
    while True:
        states = [orjson.loads(s or "{}") for (s,) in job_fields(client, ns, ids, ["state"])]
        missing = sum(1 for s in states if not s.get("upstreamId"))
        if missing == 0 or time.monotonic() > deadline:
            return missing
        time.sleep(0.2)


def watch_takeover(
    client: redis.Redis,
    ns: str,
    tasks: tuple[list[str], list[str]],
    owners_a: set[str],
    t0: float,
    limit_s: float,
) -> tuple[dict[str, float], dict[str, float]]:
    """From ``t0`` (the loss) until every task is terminal or ``limit_s`` passed: per task A
    held, seconds until it runs under another owner (or has ended); per task of the run,
    seconds until it is terminal. ``tasks``: (the ones A held, every task of the run)."""
    held, every = tasks
    claimed: dict[str, float] = {}
    ended: dict[str, float] = {}
    while time.monotonic() - t0 < limit_s and len(ended) < len(every):
        rows = dict(
            zip(every, job_fields(client, ns, every, ["status", "lease_owner"]), strict=True)
        )
        now = time.monotonic() - t0
        for task_id, (status, _) in rows.items():
            if status in TERMINAL:
                ended.setdefault(task_id, now)
        for task_id in held:
            status, owner = rows[task_id]
            moved = status == "running" and owner not in owners_a and owner != ""
            if status in TERMINAL or moved:
                claimed.setdefault(task_id, now)
        time.sleep(WATCH_EVERY_S)
    return claimed, ended


def last(times: dict[str, float], ids: list[str]) -> float | None:
    """Seconds until the last of ``ids`` (None: not all of them)."""
    got = [times[i] for i in ids if i in times]
    return round(max(got), 2) if ids and len(got) == len(ids) else None


def tally(client: redis.Redis, ns: str, res: RecoveryResult, ids: list[str]) -> None:
    """From each task's event log: terminal events (more than one = finished twice), why it
    was re-queued; from its hash: attempts."""
    pipe = client.pipeline(transaction=False)
    for task_id in ids:
        pipe.zrange(f"{ns}:e:{task_id}", 0, -1)
    reasons: Counter[str] = Counter()
    for raw in pipe.execute():
        events = [orjson.loads(e) for e in raw]
        if sum(1 for e in events if e.get("type") in TERMINAL) > 1:
            res.duplicated += 1
        for e in events:
            if e.get("type") == "requeued":
                reasons[str(e.get("data", {}).get("reason"))] += 1
    res.requeue_reasons = dict(reasons)
    attempts = Counter(a for (a,) in job_fields(client, ns, ids, ["attempts"]))
    res.attempts = dict(sorted(attempts.items()))


def count_creates(calls: list[dict[str, Any]], prompts: list[str]) -> dict[str, int]:
    """Upstream video creations per task: more than one would be a second paid generation."""
    per = Counter(c["prompt"] for c in calls if c["path"] == CREATE_PATH)
    return dict(Counter("2+" if per[p] > 1 else str(per[p]) for p in prompts))


def lose(server: Server, mode: str) -> float:
    """Loses instance A now; returns the monotonic time of the loss."""
    assert server.proc is not None
    t0 = time.monotonic()
    if mode == "kill":
        kill_group(server)
    else:
        os.killpg(server.proc.pid, signal.SIGSTOP)
    return t0


def expected(mode: str, lease_s: float) -> str:
    m = maintenance_s(lease_s)
    if mode == "kill":
        return f"≤ {m:.1f} s (one maintenance pass finds the dead pid)"
    return f"{2 * lease_s / 3:.1f}–{lease_s + m:.1f} s (lease expiry + one maintenance pass)"


def _run(cl: Cluster, sim: Server, client: redis.Redis, res: RecoveryResult) -> None:
    run = uuid.uuid4().hex[:8]
    prompts = [
        f"scale recovery {run} {i} [sim:video_slow={res.polls_per_task}]" for i in range(res.tasks)
    ]
    ns, a = cl.namespace, cl.servers[0]
    ids_a, ids_b = asyncio.run(submit_split(cl, prompts, res.submitted_to_a))
    every = ids_a + ids_b
    wait_accepted(client, ns, every, 30.0)
    pids_a = tree_pids(a)
    rows = job_fields(client, ns, ids_a, ["status", "lease_owner"])
    pairs = list(zip(ids_a, rows, strict=True))
    held = [i for i, (st, o) in pairs if st == "running" and owner_pid(o) in pids_a]
    owners_a = {o for _, o in rows if owner_pid(o) in pids_a}
    res.held_by_a = len(held)
    states = job_fields(client, ns, held, ["state"])
    res.without_upstream_id = sum(
        1 for (s,) in states if not orjson.loads(s or "{}").get("upstreamId")
    )
    limit = res.lease_s + res.maintenance_s + res.polls_per_task * POLL_INTERVAL_S + 60
    t0 = lose(a, res.mode)
    claimed, ended = watch_takeover(client, ns, (held, every), owners_a, t0, limit)
    res.claimed_s, res.terminal_s = last(claimed, held), last(ended, every)
    res.held_terminal_s = last(ended, held)
    held_set = set(held)
    res.others_terminal_s = last(ended, [i for i in every if i not in held_set])
    res.claim_times_s = percentiles(list(claimed.values()))
    found = asyncio.run(statuses(HOST, cl.servers[1].port, every))
    res.status_counts = count_status(found)
    res.lost = sum(1 for b in found.values() if b.get("status") not in TERMINAL)
    tally(client, ns, res, every)
    res.upstream_creates = count_creates(asyncio.run(sim_calls(sim)), prompts)


def recovery(
    mode: str,
    lease_s: float,
    tasks: int,
    share_a: float,
    redis_url: str,
    client: redis.Redis,
    log: Path,
) -> RecoveryResult:
    """One recovery measure on a fresh namespace (dropped in ``finally``)."""
    m = maintenance_s(lease_s)
    polls = math.ceil((lease_s + m + TASK_MARGIN_S) / POLL_INTERVAL_S)
    res = RecoveryResult(
        mode, lease_s, tasks, round(tasks * share_a), polls, m, expected(mode, lease_s)
    )
    namespace = new_namespace(f"rec{mode}{lease_s:g}")
    try:
        with started(sim_spec(0.0), 1, log) as sim:
            extra = {
                "UPSTREAM_BASE_URL": sim.url,
                "GENERATION_MODELS": video_models(),
                "LEASE_SECONDS": f"{lease_s:g}",
            }
            with cluster(2, redis_url, namespace, extra, log) as cl:
                try:
                    _run(cl, sim, client, res)
                finally:
                    # A frozen group ignores SIGTERM until continued: kill it outright.
                    with contextlib.suppress(BenchError):
                        kill_group(cl.servers[0])
    finally:
        drop_namespace(client, namespace)
    return res
