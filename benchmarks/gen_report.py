"""The generation benchmark's Markdown: one table per measure, the bars of quality-bars.md
("Generation jobs") with pass/fail, and the "Generation" section of docs/benchmarks.md."""

from __future__ import annotations

import statistics
from typing import Any

from gen_results import GenResults
from report import DOCS_FILE, Bar, verdict

SECTION = "## Generation"
BAR_P50_MS, BAR_P99_MS = 2.0, 10.0
BAR_SUBMITS = 2000.0
BAR_RSS_MB = 300.0
BAR_CALLBACK_P99_MS = 50.0
BAR_STARTUP_S = 1.0


def ms(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def cores(c: dict[str, float]) -> str:
    return " / ".join(f"{k} {v:.2f}" for k, v in c.items())


def proxy_row(workers: int, conns: int, name: str, load: dict[str, Any], cpu: str) -> str:
    lat = load["latency_ms"]
    return (
        f"| {workers} | {conns} | {name} | {load['ok_rps']:,.0f} | {ms(lat['p50'])} | "
        f"{ms(lat['p90'])} | {ms(lat['p99'])} | {load['failed']} | {cpu} |"
    )


def proxy_table(res: GenResults) -> list[str]:
    out = [
        "| workers | connections | target | ok req/s | p50 ms | p90 ms | p99 ms | failed | "
        "CPU cores |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in res.proxy:
        c = r.connections
        out.append(proxy_row(r.workers, c, "simulator directly", r.direct, cores(r.cpu_direct)))
        out.append(proxy_row(r.workers, c, "through Flowgate", r.proxy, cores(r.cpu_proxy)))
        o = r.overhead_ms
        out.append(
            f"| {r.workers} | {c} | **overhead** | | **{o['p50']:+.2f}** | {o['p90']:+.2f} | "
            f"**{o['p99']:+.2f}** | | Flowgate peak RSS {r.flowgate_peak_rss_mb:.0f} MB |"
        )
        for name, load in r.sequential.items():
            label = "simulator directly" if name == "direct" else "through Flowgate"
            out.append(proxy_row(r.workers, 1, label, load, ""))
    return out


def submit_table(res: GenResults) -> list[str]:
    out = [
        "| workers | ok submits/s | p50 ms | p99 ms | failed | ids returned | "
        "missing after SIGKILL + restart | upstream calls held | peak RSS MB | CPU cores |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in res.submit:
        lat = s.load["latency_ms"]
        out.append(
            f"| {s.workers} | {s.load['ok_rps']:,.0f} | {ms(lat['p50'])} | {ms(lat['p99'])} | "
            f"{s.load['failed']} | {s.ids_returned:,} (of {s.ok_total:,} ok) | {s.missing} | "
            f"{s.upstream_calls:,} | {s.flowgate_peak_rss_mb:.0f} | {cores(s.cpu)} |"
        )
    return out


def inflight_table(res: GenResults) -> list[str]:
    r = res.inflight
    if r is None:
        return []
    plateau = statistics.median(r.rss_at_plateau_mb) if r.rss_at_plateau_mb else float("nan")
    reached = f"{r.reached_s:.1f} s" if r.reached_s is not None else f"no ({r.active_seen})"
    done = f"{r.done_s:.1f} s" if r.done_s is not None else "not within the limit"
    return [
        "| tasks | submitted in | all in flight after | RSS in flight (median of 10) | "
        "peak RSS | simulator RSS | upstream calls | all done after | statuses |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {r.tasks:,} | {r.submit_s:.1f} s | {reached} | {plateau:.0f} MB | "
        f"{r.peak_rss_mb:.0f} MB | {r.simulator_rss_mb:.0f} MB | {r.upstream_calls:,} | {done} | "
        f"{r.status_counts} |",
        "",
        "Per process at the plateau (RSS counts pages shared by the granian master and its "
        "worker in both; PSS divides them): "
        + "; ".join(
            f"{p['role']} RSS {p['rss_mb']:.0f} MB / PSS {p['pss_mb']:.0f} MB / USS "
            f"{p['uss_mb']:.0f} MB, {p['threads']} threads, {p['fds']} fds"
            for p in r.processes
        )
        + f" (sum of PSS: {sum(p['pss_mb'] for p in r.processes):.0f} MB).",
    ]


def callback_table(res: GenResults) -> list[str]:
    c = res.callback
    if c is None:
        return []
    lat, warm = c.latency_ms, c.warmup_ms
    return [
        "| tasks measured (+ warm-up) | submits/s | received | duplicates | unmatched | "
        "p50 ms | p90 ms | p99 ms | max ms | warm-up tasks: p50 / max ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {c.tasks} (+ {c.warmup_tasks}) | {c.rate_per_s:g} | {c.received} | {c.duplicates} | "
        f"{c.unmatched} | {ms(lat.get('p50'))} | {ms(lat.get('p90'))} | {ms(lat.get('p99'))} | "
        f"{ms(lat.get('max'))} | {ms(warm.get('p50'))} / {ms(warm.get('max'))} |",
    ]


def crash_table(res: GenResults) -> list[str]:
    c = res.crash
    if c is None:
        return []
    rec = f"{c.recovery_s:.2f} s" if c.recovery_s is not None else "not within 120 s"
    return [
        "| tasks | upstream calls / answered at the kill | restart (/health) | recovery | "
        "statuses after | lost | upstream calls per task | duplicated |",
        "|---|---|---|---|---|---|---|---|",
        f"| {c.tasks:,} | {c.before_kill.get('upstream_calls')} / {c.before_kill.get('answered')} "
        f"| {c.restart_s:.2f} s | {rec} | {c.status_counts} | {c.lost} | {c.calls_per_task} | "
        f"{c.duplicated} |",
    ]


def load_bars(res: GenResults) -> list[Bar]:
    out: list[Bar] = []
    for r in res.proxy:
        o, failed = r.overhead_ms, r.proxy["failed"] + r.direct["failed"]
        extra = f", {failed} failed" if failed else ""
        out.append(
            Bar(
                f"proxy overhead, 50 concurrent sync calls, workers={r.workers}",
                "p50 ≤ 2 ms, p99 ≤ 10 ms over direct",
                f"p50 {o['p50']:+.2f} ms, p99 {o['p99']:+.2f} ms{extra}",
                o["p50"] <= BAR_P50_MS and o["p99"] <= BAR_P99_MS and failed == 0,
            )
        )
    for r in res.proxy:
        if {"direct", "proxy"} <= r.sequential.keys():
            d, q = r.sequential["direct"]["latency_ms"], r.sequential["proxy"]["latency_ms"]
            measured = f"p50 {q['p50'] - d['p50']:+.2f} ms, p99 {q['p99'] - d['p99']:+.2f} ms"
            label = f"(context) the same over 1 connection, no queueing, workers={r.workers}"
            out.append(Bar(label, "—", measured, None))
    for s in res.submit:
        out.append(
            Bar(
                f"durable async submits, workers={s.workers}",
                "≥ 2,000/s, each committed before its reply",
                f"{s.load['ok_rps']:,.0f}/s, {s.missing} of {s.ids_returned:,} ids missing",
                s.load["ok_rps"] >= BAR_SUBMITS and s.missing == 0 and s.load["failed"] == 0,
            )
        )
    return out


def task_bars(res: GenResults) -> list[Bar]:
    out: list[Bar] = []
    if (inf := res.inflight) is not None:
        held = inf.active_seen >= inf.tasks
        ok = held and inf.peak_rss_mb < BAR_RSS_MB and inf.failures == 0
        measured = f"{inf.active_seen:,} held, peak RSS {inf.peak_rss_mb:.0f} MB, "
        measured += f"{inf.failures} failures"
        # A smaller run (--inflight N) is not the bar's measure: no verdict.
        verdict_ = ok if inf.tasks >= 10_000 else None
        bar = "10,000, RSS < 300 MB, 0 failures"
        out.append(Bar("tasks in flight in one process", bar, measured, verdict_))
    if (c := res.callback) is not None:
        p99, total = c.latency_ms.get("p99"), c.tasks + c.warmup_tasks
        ok = p99 is not None and p99 <= BAR_CALLBACK_P99_MS and c.received == total
        measured = f"p99 {ms(p99)} ms ({c.received}/{total} received)"
        out.append(Bar("callback latency after the upstream answers", "p99 ≤ 50 ms", measured, ok))
    if (k := res.crash) is not None:
        ok = k.lost == 0 and k.duplicated == 0 and k.recovery_s is not None
        measured = f"{k.lost} lost, {k.duplicated} duplicated"
        bar = "0 lost, 0 duplicated upstream calls beyond the retry policy"
        out.append(Bar("SIGKILL with 1,000 tasks queued or in flight", bar, measured, ok))
    if res.startups:
        med = statistics.median(res.startups)
        measured = f"median {med:.3f} s of {len(res.startups)}"
        out.append(Bar("start-up (/health after spawn)", "< 1.0 s", measured, med < BAR_STARTUP_S))
    return out


def markdown(res: GenResults) -> str:
    cfg: dict[str, Any] = res.config
    out: list[str] = []
    parts = (
        (
            f"**1. Proxy overhead**: wrk, {cfg['connections']} connections, "
            f"{cfg['warmup']:g} s warm-up + {cfg['duration']:g} s per target, simulator delay 0, "
            "same fresh simulator for both targets.",
            proxy_table(res),
        ),
        (
            "**2. Durable async submits**: wrk at `POST /api/generate/async`, simulator delay "
            "60 s, `MAX_QUEUED_TASKS=1000000`, `MAX_RUNNING_TASKS=2000`: each process runs "
            "2,000 tasks at once (claimed at submit, held upstream) and queues the rest; both "
            "commit before replying. Then SIGKILL, restart on the same DATA_DIR and "
            "`GET /api/status` for every id.",
            submit_table(res),
        ),
        (
            "**3. Tasks in flight in one process** (workers=1, simulator delay "
            f"{cfg['inflight_delay']:g} s, MAX_RUNNING_TASKS and PER_KEY_CONCURRENCY 10,000).",
            inflight_table(res),
        ),
        (
            "**4. Callback latency**: callback arrival at a local receiver − the simulator's "
            "answer time of that task's call (one clock), simulator delay 1 s, workers=2.",
            callback_table(res),
        ),
        (
            "**5. Crash recovery**: MAX_RUNNING_TASKS=200, simulator delay 2 s, workers=2, "
            "SIGKILL of the process group 3 s after the first submit, restart on the same "
            "DATA_DIR.",
            crash_table(res),
        ),
    )
    for title, table in parts:
        if len(table) > 2 or (table and not table[0].startswith("| workers")):
            out += [title, "", *table, ""]
    if res.startups:
        out += [
            f"**6. Start-up** (workers=2, fresh DATA_DIR each): "
            f"{', '.join(f'{s:.3f}' for s in res.startups)} s.",
            "",
        ]
    if res.errors:
        out += ["**Errors during the run**:", "", *[f"- {e}" for e in res.errors], ""]
    out += [
        "**Bars** (`quality-bars.md`, generation jobs):",
        "",
        "| measure | bar | measured | result |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {b.measure} | {b.floor} | {b.measured} | {verdict(b.passed)} |"
        for b in load_bars(res) + task_bars(res)
    ]
    return "\n".join(out) + "\n"


def docs_section(res: GenResults) -> str:
    m = res.machine
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {res.started_utc} with `{res.command}`.",
            "",
            f"Machine: `nproc` = {m['nproc']}, `uname -r` = {m['uname_r']}, {m['cpu_model']}; "
            f"Python {m['python']}, {m['wrk']}; flowgate {m['flowgate']} (commit "
            f"{m['git_commit']}); before the run: load average {m['loadavg_before']}, CPUs "
            f"{m['cpu_busy_percent_before']:.0f}% busy; cores busy before each measure: "
            f"{res.busy_before}.",
            "",
            f"Raw figures: `benchmarks/results/{res.started_utc.replace(':', '')}.gen.json` "
            "(not committed). Load: wrk (`benchmarks/gen.lua`) for 1 and 2, a raw-asyncio "
            "HTTP/1.1 client (`benchmarks/gen_http.py`) for 3–5.",
            "",
            markdown(res),
        ]
    )


NOTES = "### Notes"  # a hand-written subsection at the end of the section, kept on rewrite


def write_docs(res: GenResults) -> None:
    replace_section(SECTION, docs_section(res))


def replace_section(heading: str, section: str, after: str | None = None) -> None:
    """Replaces the ``heading`` section of docs/benchmarks.md (up to the next "## "), keeping
    everything before and after it, and its hand-written "### Notes..." subsection
    (diagnosis of missed bars), if any. A section not there yet goes after the ``after``
    section, or at the end."""
    text = DOCS_FILE.read_text()
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip() == heading), None)
    if start is None:
        pos = _section_end(lines, after) if after is not None else len(lines)
        head, tail = "".join(lines[:pos]).rstrip("\n"), "".join(lines[pos:])
        body = head + "\n\n" + section.rstrip("\n") + "\n"
        DOCS_FILE.write_text(body + ("\n" + tail if tail else ""))
        return
    end = _section_end(lines, heading)
    notes = next((j for j in range(start, end) if lines[j].startswith(NOTES)), end)
    kept = "".join(lines[notes:end]).rstrip("\n")
    section = section.rstrip("\n") + "\n" + ("\n" + kept + "\n" if kept else "")
    tail = "".join(lines[end:])
    DOCS_FILE.write_text("".join(lines[:start]) + section + ("\n" + tail if tail else ""))


def _section_end(lines: list[str], heading: str) -> int:
    """Index of the line after the ``heading`` section (its next "## "); the end if absent."""
    start = next((i for i, ln in enumerate(lines) if ln.rstrip() == heading), None)
    if start is None:
        return len(lines)
    return next((j for j in range(start + 1, len(lines)) if lines[j].startswith("## ")), len(lines))
