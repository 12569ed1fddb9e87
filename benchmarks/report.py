"""The Markdown report: tables, Flowgate/Node ratios, pass/fail against quality-bars.md."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from loadgen import WRK_TIMEOUT_S, LoadResult
from measures import LOOP_CODE, TIME_LIMIT_MS, TIME_LIMIT_SAMPLES
from results import RunResults
from seed import SEED_SCRIPTS

DOCS_FILE = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"

BAR_50_RPS = 5000.0
BAR_50_RATIO = 2.5
BAR_50_P99_MS = 25.0
BAR_1000_RATIO = 4.0
BAR_1000_RSS_MB = 400.0
BAR_ENGINE_MS = 0.3
BAR_STARTUP_S = 1.0
BAR_TIME_LIMIT_S = (1.0, 1.3)
NOISY_OTHER_CORES = 0.25


@dataclass
class Bar:
    measure: str
    floor: str
    measured: str
    passed: bool | None
    connections: int | None = None  # the load-table row the bar belongs to


def find_load(res: RunResults, server: str, conns: int) -> LoadResult | None:
    return next((r for r in res.load if r.server == server and r.connections == conns), None)


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def load_bars(res: RunResults) -> list[Bar]:
    bars: list[Bar] = []
    f50, n50 = find_load(res, "flowgate", 50), find_load(res, "node", 50)
    if f50 is not None:
        bars.append(
            Bar(
                "throughput, 50 connections",
                "≥ 5,000 req/s",
                f"{f50.ok_rps:,.0f} req/s",
                f50.ok_rps >= BAR_50_RPS,
                50,
            )
        )
        if n50 is not None:
            r = ratio(f50.ok_rps, n50.ok_rps)
            bars.append(
                Bar(
                    "throughput vs Node vm, 50 connections",
                    "≥ 2.5×",
                    f"{r:.2f}×",
                    r >= BAR_50_RATIO,
                    50,
                )
            )
        p99 = f50.latency_ms["p99"]
        bars.append(
            Bar(
                "p99 latency, 50 connections",
                "≤ 25 ms",
                f"{p99:.1f} ms" + (f" ({f50.failed} failed)" if f50.failed else ""),
                p99 <= BAR_50_P99_MS and f50.failed == 0,
                50,
            )
        )
    f1k, n1k = find_load(res, "flowgate", 1000), find_load(res, "node", 1000)
    if f1k is not None:
        bars.append(
            Bar("failed requests, 1,000 connections", "0", str(f1k.failed), f1k.failed == 0, 1000)
        )
        if n1k is not None:
            r = ratio(f1k.ok_rps, n1k.ok_rps)
            bars.append(
                Bar(
                    "throughput vs Node vm, 1,000 connections",
                    "≥ 4×",
                    f"{r:.2f}×",
                    r >= BAR_1000_RATIO,
                    1000,
                )
            )
        bars.append(
            Bar(
                "peak RSS of all server processes, 1,000 connections",
                "< 400 MB",
                f"{f1k.peak_rss_mb:.0f} MB",
                f1k.peak_rss_mb < BAR_1000_RSS_MB,
                1000,
            )
        )
    return bars


def other_bars(res: RunResults) -> list[Bar]:
    bars: list[Bar] = []
    eng = res.engine.get("flowgate")
    if eng is not None:
        worst = max(eng.per_script_median_ms.values())
        bars.append(
            Bar(
                "engine time per seed script (median executionTime)",
                "< 0.3 ms",
                f"worst script {worst:.3f} ms",
                worst < BAR_ENGINE_MS,
            )
        )
    starts = res.startups.get("flowgate")
    if starts:
        bars.append(
            Bar(
                "start-up (/health after spawn)",
                "< 1.0 s",
                f"median {statistics.median(starts):.3f} s, worst {max(starts):.3f} s "
                f"({len(starts)} start{'s' if len(starts) != 1 else ''})",
                max(starts) < BAR_STARTUP_S,
            )
        )
    tl = res.time_limit.get("flowgate")
    if tl is not None and tl.seconds:
        lo, hi = BAR_TIME_LIMIT_S
        ok = tl.all_timeout_errors and all(lo <= s <= hi for s in tl.seconds)
        bars.append(
            Bar(
                "1 s time limit under 50 connections",
                "fires in 1.0–1.3 s",
                f"{min(tl.seconds):.3f}–{max(tl.seconds):.3f} s"
                + ("" if tl.all_timeout_errors else " (not all TimeoutError)"),
                ok,
            )
        )
    bars.append(
        Bar(
            "with libraries (lodash/dayjs)",
            "≥ 25% of plain throughput",
            "not measured by this suite yet",
            None,
        )
    )
    return bars


def verdict(passed: bool | None) -> str:
    return "—" if passed is None else ("pass" if passed else "**FAIL**")


def row_bars(res: RunResults, r: LoadResult) -> str:
    """Pass/fail of the bars that apply to one row of the load table."""
    bars = [b for b in load_bars(res) if b.connections == r.connections]
    if r.server != "flowgate" or not bars:
        return "—"
    failed = [b.measure.split(",")[0] for b in bars if b.passed is False]
    return "pass" if not failed else "**FAIL**: " + "; ".join(failed)


def fmt_ms(v: float) -> str:
    return f"{v:.2f}" if v < 100 else f"{v:,.0f}"


def cpu_cell(r: LoadResult) -> str:
    c = r.cpu_cores
    if not c:
        return "—"
    return f"{c['server']:.2f} / {c['wrk']:.2f} / {c['other']:.2f}"


def load_table(res: RunResults) -> list[str]:
    lines = [
        "| server | connections | ok req/s | p50 ms | p99 ms | failed (non-200 + socket) "
        "| success | peak RSS MB | CPU cores: server / wrk / other | bars |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in sorted(res.load, key=lambda r: (r.connections, r.server != "flowgate")):
        lines.append(
            f"| {r.server} | {r.connections:,} | {r.ok_rps:,.0f} | {fmt_ms(r.latency_ms['p50'])} "
            f"| {fmt_ms(r.latency_ms['p99'])} | {r.failed:,} | {r.success_rate:.2%} "
            f"| {r.peak_rss_mb:,.0f} | {cpu_cell(r)} | {row_bars(res, r)} |"
        )
    return lines


def ratio_table(res: RunResults) -> list[str]:
    lines = [
        "| connections | throughput Flowgate/Node | p99 Flowgate/Node | peak RSS Flowgate/Node |",
        "|---:|---:|---:|---:|",
    ]
    for conns in sorted({r.connections for r in res.load}):
        f, n = find_load(res, "flowgate", conns), find_load(res, "node", conns)
        if f is None or n is None:
            continue
        lines.append(
            f"| {conns:,} | {ratio(f.ok_rps, n.ok_rps):.2f}× "
            f"| {ratio(f.latency_ms['p99'], n.latency_ms['p99']):.2f}× "
            f"| {ratio(f.peak_rss_mb, n.peak_rss_mb):.2f}× |"
        )
    return lines


def engine_tables(res: RunResults) -> list[str]:
    names = list(res.engine)
    if not names:
        return []
    lines = [
        f"Median `timing.executionTime` over {res.config['sequential']} sequential requests "
        "per script (ms; in brackets the client's median round trip):",
        "",
        "| script | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for script in SEED_SCRIPTS:
        cells = [
            f"{res.engine[n].per_script_median_ms[script.name]:.3f} "
            f"({res.engine[n].per_script_client_median_ms[script.name]:.2f})"
            for n in names
        ]
        lines.append(f"| `{script.name}` | " + " | ".join(cells) + " |")
    lines.append(
        "| all | " + " | ".join(f"{res.engine[n].overall_median_ms:.3f}" for n in names) + " |"
    )
    lines.append(
        "| other CPU (cores) meanwhile | "
        + " | ".join(f"{res.engine[n].cpu_cores.get('other', float('nan')):.2f}" for n in names)
        + " |"
    )
    summary = res.engine.get("flowgate", None)
    if summary is not None and summary.stats_summary:
        last = max(res.config["connections"])
        lines += [
            "",
            f"Flowgate `GET /stats` after its {last:,}-connection row (selected fields):",
            "",
        ]
        lines += [f"- `{k}`: {v}" for k, v in summary.stats_summary.items()]
    return lines


def startup_table(res: RunResults) -> list[str]:
    lines = ["| server | median s | worst s | starts |", "|---|---:|---:|---:|"]
    for name, starts in res.startups.items():
        lines.append(
            f"| {name} | {statistics.median(starts):.3f} | {max(starts):.3f} | {len(starts)} |"
        )
    return lines


def time_limit_table(res: RunResults) -> list[str]:
    if not res.time_limit:
        return []
    lines = [
        "| server | min s | median s | max s | all TimeoutError | background ok req/s "
        "| background p99 ms | background failed |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for name, tl in res.time_limit.items():
        bg = tl.background
        s = tl.seconds or [float("nan")]
        lines.append(
            f"| {name} | {min(s):.3f} | {statistics.median(s):.3f} | {max(s):.3f} "
            f"| {'yes' if tl.all_timeout_errors else 'no'} "
            f"| {bg.ok_rps if bg else float('nan'):,.0f} "
            f"| {fmt_ms(bg.latency_ms['p99']) if bg else '—'} | {bg.failed if bg else '—'} |"
        )
    return lines


def noise_warning(res: RunResults) -> list[str]:
    others = [r.cpu_cores["other"] for r in res.load if "other" in r.cpu_cores]
    if not others or statistics.median(others) < NOISY_OTHER_CORES:
        return []
    return [
        f"**Caution: a noisy run.** Other processes used {statistics.median(others):.2f} cores "
        f"(median over the rows, up to {max(others):.2f}) of the machine's "
        f"{res.machine.get('nproc', '?')} while this ran: the absolute figures are depressed; "
        "the side-by-side ratios are more trustworthy, but not immune.",
        "",
    ]


def markdown(res: RunResults) -> str:
    cfg = res.config
    out = [
        *noise_warning(res),
        f"Seed scripts round-robin (`benchmarks/seed.lua`) to `POST /execute`, "
        f"{cfg['workers']} workers each, wrk {cfg['wrk_threads']} thread(s), "
        f"{cfg['warmup_s']:g} s warm-up + {cfg['duration_s']:g} s per row, "
        f"`--timeout {WRK_TIMEOUT_S}s`; a fresh server process per row.",
        "",
        *load_table(res),
        "",
        "CPU cores: CPU seconds per second of the measured run used by the server's process "
        "tree, by wrk, and by everything else on the machine (noise: a row with much *other* "
        "is suspect).",
        "",
        "Ratios (Flowgate ÷ Node; throughput: higher is better, p99 and RSS: lower is better):",
        "",
        *ratio_table(res),
        "",
        "**Start-up** (spawn until `GET /health` is 200, polled every 10 ms, every start above):",
        "",
        *startup_table(res),
        "",
        "**Engine time**",
        "",
        *engine_tables(res),
    ]
    if res.time_limit:
        out += [
            "",
            f"**Time limit under load**: a separate instance of each server with "
            f"`EXECUTION_TIMEOUT_MS={TIME_LIMIT_MS}`; while wrk drives 50 connections of seed "
            f"scripts, {TIME_LIMIT_SAMPLES} sequential `{LOOP_CODE}` requests, timed from send "
            "to the error response:",
            "",
            *time_limit_table(res),
        ]
    bars = load_bars(res) + other_bars(res)
    if res.errors:
        out += ["", "**Errors during the run**:", "", *[f"- {e}" for e in res.errors]]
    out += [
        "",
        "**Bars** (`quality-bars.md`, code blocks):",
        "",
        "| measure | floor | measured | result |",
        "|---|---|---|---|",
        *[f"| {b.measure} | {b.floor} | {b.measured} | {verdict(b.passed)} |" for b in bars],
    ]
    return "\n".join(out) + "\n"


def docs_section(res: RunResults) -> str:
    m = res.machine
    return "\n".join(
        [
            "## Code blocks",
            "",
            f"Measured {res.started_utc} with:",
            "",
            "```sh",
            res.command,
            "```",
            "",
            f"Machine: `nproc` = {m['nproc']}, `uname -r` = {m['uname_r']}, {m['cpu_model']}; "
            f"Python {m['python']}, Node {m['node']}, {m['wrk']}; flowgate {m['flowgate']} "
            f"(commit {m['git_commit']}); before the run: load average {m['loadavg_before']}, "
            f"CPUs {m['cpu_busy_percent_before']:.0f}% busy.",
            "",
            "```",
            "$ free -g",
            m["free_g"],
            "```",
            "",
            f"Raw figures: `benchmarks/results/{res.started_utc.replace(':', '')}.json` "
            "(not committed).",
            "",
            markdown(res),
        ]
    )


def write_docs(res: RunResults) -> None:
    section = docs_section(res)
    text = DOCS_FILE.read_text() if DOCS_FILE.exists() else "# Benchmarks\n\n## Code blocks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip() == "## Code blocks"), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next(
            (j for j in range(start + 1, len(lines)) if lines[j].startswith("## ")), len(lines)
        )
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + section + ("\n" + tail if tail else "")
    DOCS_FILE.write_text(new)
