"""Task-level generation measures, driven by the raw asyncio client (`gen_http`): 10,000
tasks in flight in one process, callback latency after the upstream answers, and crash
recovery (SIGKILL of the whole process group with 1,000 tasks queued or in flight)."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import psutil

from gen_http import Receiver, json_req, poll_until, run_all, run_paced, statuses, task_ids
from gen_servers import (
    Stack,
    generate_body,
    health,
    kill_group,
    restarted,
    sim_calls,
    stack,
)
from servers import HOST, BenchError, RssSampler, tree_rss

MB = 1024 * 1024
SUBMIT_LANES = 50
TERMINAL = ("completed", "failed", "canceled")


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    xs = sorted(values)

    def pick(q: float) -> float:
        return round(xs[min(len(xs) - 1, int(q * len(xs)))], 3)

    return {"p50": pick(0.50), "p90": pick(0.90), "p99": pick(0.99), "max": round(xs[-1], 3)}


async def submit(
    st: Stack, prompts: list[str], callback: str | None = None, rate: float | None = None
) -> tuple[list[str], list[str], float]:
    """Async submits with one unique prompt each → (ids in prompt order, errors, seconds)."""
    reqs = [json_req("POST", "/api/generate/async", generate_body(p, callback)) for p in prompts]
    t0 = time.monotonic()
    if rate is None:
        results = await run_all(HOST, st.port, reqs, SUBMIT_LANES)
    else:
        results = await run_paced(HOST, st.port, reqs, rate)
    ids, errors = task_ids(results)
    if errors:
        raise BenchError(f"{len(errors)} submits failed, e.g. {errors[:3]}")
    return ids, errors, time.monotonic() - t0


def count_status(found: dict[str, dict[str, object]]) -> dict[str, int]:
    counts = Counter(
        f"{b.get('status')}:{b.get('errorCode')}" if b.get("errorCode") else str(b.get("status"))
        for b in found.values()
    )
    return dict(counts)


# --- 3. tasks in flight ---------------------------------------------------------------


@dataclass
class InflightResult:
    tasks: int
    submit_s: float
    reached_s: float | None  # submit start → /health activeTasks >= tasks
    active_seen: int
    rss_at_plateau_mb: list[float]
    peak_rss_mb: float
    simulator_rss_mb: float
    upstream_calls: int
    done_s: float | None  # submit start → every task terminal
    status_counts: dict[str, int]
    settings: dict[str, str]
    # Each process of the tree at the plateau: RSS counts pages shared between the granian
    # master and its worker twice; PSS splits them (their sum is the tree's real footprint).
    processes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return self.tasks - self.status_counts.get("completed", 0)


INFLIGHT_SETTINGS = {
    # The defaults today; set explicitly because this measure needs them (a per-model cap
    # in GENERATION_MODELS would also limit it: the built-in rows have none).
    "MAX_RUNNING_TASKS": "10000",
    "PER_KEY_CONCURRENCY": "10000",
}


def breakdown(proc: psutil.Process) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in [proc, *proc.children(recursive=True)]:
        try:
            mem = p.memory_full_info()
            role = "master" if p.pid == proc.pid else "worker"
            out.append(
                {
                    "pid": p.pid,
                    "role": role,
                    "rss_mb": round(mem.rss / MB, 1),
                    "pss_mb": round(getattr(mem, "pss", 0) / MB, 1),
                    "uss_mb": round(mem.uss / MB, 1),
                    "threads": p.num_threads(),
                    "fds": p.num_fds(),
                }
            )
        except psutil.Error:
            continue
    return out


async def _plateau(st: Stack, n: int, t0: float, limit_s: float) -> tuple[float | None, int]:
    seen = 0

    async def full() -> bool:
        nonlocal seen
        seen = int((await health(st.flowgate))["activeTasks"])
        return seen >= n

    await poll_until(full, max(1.0, t0 + limit_s - time.monotonic()), 0.25)
    return (time.monotonic() - t0 if seen >= n else None), seen


async def _inflight(st: Stack, n: int, delay_s: float, res: InflightResult) -> None:
    assert st.flowgate.proc is not None and st.sim.proc is not None
    proc, sim = psutil.Process(st.flowgate.proc.pid), psutil.Process(st.sim.proc.pid)
    run = uuid.uuid4().hex[:8]
    t0 = time.monotonic()
    ids, _, res.submit_s = await submit(st, [f"inflight {run} {i}" for i in range(n)])
    res.reached_s, res.active_seen = await _plateau(st, n, t0, delay_s * 0.8)
    for _ in range(10):  # 2 s of samples while everything is held upstream
        res.rss_at_plateau_mb.append(round(tree_rss(proc) / MB, 1))
        await asyncio.sleep(0.2)
    res.simulator_rss_mb = round(tree_rss(sim) / MB, 1)
    res.processes = breakdown(proc)

    async def finished() -> bool:
        h = await health(st.flowgate)
        return int(h["activeTasks"]) == 0 and int(h.get("queued") or 0) == 0

    if await poll_until(finished, delay_s + 120, 0.5) is not None:
        res.done_s = time.monotonic() - t0
    found = await statuses(HOST, st.port, ids)
    res.status_counts = count_status(found)
    res.upstream_calls = len(await sim_calls(st.sim))


def tasks_in_flight(n: int, delay_s: float, log: Path) -> InflightResult:
    """One Flowgate process (workers=1) holding ``n`` upstream calls for ``delay_s`` each."""
    res = InflightResult(n, 0.0, None, 0, [], 0.0, 0.0, 0, None, {}, INFLIGHT_SETTINGS)
    with stack(delay_s, 1, log, INFLIGHT_SETTINGS) as st:
        assert st.flowgate.proc is not None
        with RssSampler(st.flowgate.proc.pid) as rss:
            asyncio.run(_inflight(st, n, delay_s, res))
        res.peak_rss_mb = round(rss.peak / MB, 1)
    return res


# --- 4. callback latency ----------------------------------------------------------------


@dataclass
class CallbackResult:
    tasks: int
    rate_per_s: float
    sim_delay_s: float
    workers: int
    received: int
    duplicates: int
    unmatched: int  # callbacks with no answered upstream call to compare with
    latency_ms: dict[str, float] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    slowest: list[tuple[int, float]] = field(default_factory=list)  # (submit index, ms)
    # The first tasks of the stream pay for cold paths (first delivery connection etc.);
    # they are reported apart, as the warm-up of the other measures is.
    warmup_tasks: int = 20
    warmup_ms: dict[str, float] = field(default_factory=dict)


async def _callbacks(st: Stack, res: CallbackResult) -> list[tuple[int, float]]:
    receiver = Receiver()
    await receiver.start(HOST)
    try:
        run = uuid.uuid4().hex[:8]
        prompts = [f"callback {run} {i}" for i in range(res.warmup_tasks + res.tasks)]
        hook = f"http://{HOST}:{receiver.port}/hook"
        ids, _, _ = await submit(st, prompts, hook, res.rate_per_s)

        async def all_in() -> bool:
            return len(receiver.arrivals) >= len(ids)

        await poll_until(all_in, len(ids) / res.rate_per_s + res.sim_delay_s + 60, 0.2)
        await asyncio.sleep(0.5)  # late duplicates, if any
    finally:
        await receiver.close()
    answered = {c["prompt"]: c.get("answered_at") for c in await sim_calls(st.sim)}
    return _latencies(res, ids, [answered.get(p) for p in prompts], receiver.arrivals)


def _latencies(
    res: CallbackResult,
    ids: list[str],
    answered: list[float | None],
    arrivals: list[tuple[float, bytes]],
) -> list[tuple[int, float]]:
    """(submit index, first arrival − its upstream answer in ms) per task; fills the counts."""
    index = {task_id: i for i, task_id in enumerate(ids)}
    seen: Counter[str] = Counter()
    per_task: list[tuple[int, float]] = []
    for arrived, body in arrivals:
        payload = orjson.loads(body)
        task_id = str(payload.get("taskId"))
        seen[task_id] += 1
        status = str(payload.get("status"))
        res.statuses[status] = res.statuses.get(status, 0) + 1
        i = index.get(task_id)
        if seen[task_id] > 1:
            continue
        if i is None or answered[i] is None:
            res.unmatched += 1
            continue
        per_task.append((i, (arrived - float(answered[i] or 0)) * 1000))
    res.received = len(seen)
    res.duplicates = sum(seen.values()) - len(seen)
    return per_task


def callback_latency(
    n: int, rate: float, delay_s: float, workers: int, log: Path
) -> CallbackResult:
    """Callback arrival (receiver's clock) − the simulator's answer for that task's call."""
    res = CallbackResult(n, rate, delay_s, workers, 0, 0, 0)
    with stack(delay_s, workers, log) as st:
        per_task = asyncio.run(_callbacks(st, res))
    latencies = [v for i, v in per_task if i >= res.warmup_tasks]
    res.warmup_ms = percentiles([v for i, v in per_task if i < res.warmup_tasks])
    res.latency_ms = percentiles(latencies)
    if latencies:
        res.latency_ms["mean"] = round(statistics.fmean(latencies), 3)
    worst = sorted(per_task, key=lambda t: -t[1])[:10]
    res.slowest = [(i, round(v, 2)) for i, v in worst]
    return res


# --- 5. crash recovery ------------------------------------------------------------------


@dataclass
class CrashResult:
    tasks: int
    workers: int
    sim_delay_s: float
    kill_after_s: float
    settings: dict[str, str]
    before_kill: dict[str, int] = field(default_factory=dict)  # upstream calls, answered
    restart_s: float = float("nan")  # spawn → /health 200
    recovery_s: float | None = None  # spawn → every task terminal
    status_counts: dict[str, int] = field(default_factory=dict)
    lost: int = 0
    calls_per_task: dict[str, int] = field(default_factory=dict)  # "0"/"1"/"2+" → tasks
    duplicated: int = 0  # tasks with more than one upstream call
    duplicated_detail: list[dict[str, Any]] = field(default_factory=list)


async def _wait_terminal(st: Stack, ids: list[str], limit_s: float) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    pending = list(ids)
    deadline = time.monotonic() + limit_s
    while pending and time.monotonic() < deadline:
        found.update(await statuses(HOST, st.port, pending))
        pending = [i for i in pending if found[i].get("status") not in (*TERMINAL, "not_found")]
        if pending:
            await asyncio.sleep(0.1)
    return found


def _tally(
    res: CrashResult, ids: list[str], prompts: list[str], calls: list[dict[str, Any]]
) -> None:
    per_prompt = Counter(c["prompt"] for c in calls if c["path"] == "/v1/images/generations")
    buckets: Counter[str] = Counter()
    for task_id, prompt in zip(ids, prompts, strict=True):
        k = per_prompt.get(prompt, 0)
        buckets["2+" if k > 1 else str(k)] += 1
        if k > 1:
            res.duplicated_detail.append({"taskId": task_id, "calls": k})
    res.calls_per_task = dict(buckets)
    res.duplicated = buckets.get("2+", 0)


def crash_recovery(
    n: int, delay_s: float, kill_after_s: float, workers: int, log: Path
) -> CrashResult:
    """Submit ``n``, SIGKILL the process group ``kill_after_s`` after the first submit,
    restart on the same DATA_DIR, wait until every task is terminal."""
    settings = {"MAX_RUNNING_TASKS": "200"}
    res = CrashResult(n, workers, delay_s, kill_after_s, settings)
    run = uuid.uuid4().hex[:8]
    prompts = [f"crash {run} {i}" for i in range(n)]
    with stack(delay_s, workers, log, settings) as st:
        t0 = time.monotonic()
        ids, _, _ = asyncio.run(submit(st, prompts))
        time.sleep(max(0.0, t0 + kill_after_s - time.monotonic()))
        kill_group(st.flowgate)
        calls = asyncio.run(sim_calls(st.sim))
        answered = sum(1 for c in calls if c.get("answered_at"))
        res.before_kill = {"upstream_calls": len(calls), "answered": answered}
        with restarted(st, workers, log) as server:
            ready = time.monotonic()
            res.restart_s = server.startup_s
            found = asyncio.run(_wait_terminal(st, ids, 120.0))
            if all(b.get("status") in TERMINAL for b in found.values()):
                res.recovery_s = round(server.startup_s + time.monotonic() - ready, 3)
        _tally(res, ids, prompts, asyncio.run(sim_calls(st.sim)))
    res.status_counts = count_status(found)
    res.lost = sum(1 for b in found.values() if b.get("status") == "not_found")
    return res
