"""The scale-out run's saved figures, its Markdown, and the "Scale-out (Redis)" section of
docs/benchmarks.md (rewritten with `gen_report.replace_section`, placed after "Generation")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from gen_report import SECTION as GENERATION_SECTION
from gen_report import ms, replace_section
from scale_load import LoadRow, ScaleRow
from scale_recovery import RecoveryResult

SECTION = "## Scale-out (Redis)"


@dataclass
class ScaleResults:
    """Everything one run measured; written to ``benchmarks/results/<stamp>.scale.json``."""

    started_utc: str
    command: str
    machine: dict[str, Any]
    config: dict[str, Any]
    redis: dict[str, Any] = field(default_factory=dict)
    rows: list[ScaleRow] = field(default_factory=list)
    recovery: list[RecoveryResult] = field(default_factory=list)
    busy_before: dict[str, float] = field(default_factory=dict)  # machine cores busy
    errors: list[str] = field(default_factory=list)
    finished_utc: str = ""


def to_jsonable(res: ScaleResults) -> dict[str, Any]:
    return asdict(res)


def seconds(v: float | None, limit: str = "not within the limit") -> str:
    return limit if v is None else f"{v:.1f} s"


def load_line(n: int, row: LoadRow, base: float | None) -> str:
    load, c = row.load, row.cpu_cores
    lat = load["latency_ms"]
    ratio = f"×{load['ok_rps'] / base:.2f}" if base else "—"
    per = load["ok_rps"] / n
    cpu = (
        f"{c.get('instances', 0):.2f} / {c.get('redis', 0):.2f} / {c.get('wrk', 0):.2f} / "
        f"{c.get('other', 0):.2f}"
    )
    rss = ", ".join(f"{v:.0f}" for v in row.peak_rss_mb)
    return (
        f"| {n} | {row.what} | {load['ok_rps']:,.0f} | {ratio} | {per:,.0f} | {ms(lat['p50'])} | "
        f"{ms(lat['p90'])} | {ms(lat['p99'])} | {load['failed']} | {cpu} | {rss} |"
    )


def load_table(res: ScaleResults) -> list[str]:
    out = [
        "| instances | measure | ok req/s | vs 1 instance | per instance | p50 ms | p90 ms | "
        "p99 ms | failed | CPU cores: instances / Redis / wrk / other | peak RSS MB per instance |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    base: dict[str, float] = {}
    for row in res.rows:
        for load in (row.submit, row.status):
            if load is None:
                continue
            if row.instances == 1:
                base[load.what] = load.load["ok_rps"]
            out.append(load_line(row.instances, load, base.get(load.what)))
    return out


def recovery_table(res: ScaleResults) -> list[str]:
    out = [
        "| A lost by | LEASE_SECONDS | tasks (held by A) | expected takeover | all of A's claimed "
        "by B | A's tasks all terminal | B's own tasks all terminal | lost | finished twice | "
        "re-queued because | attempts | upstream creates per task | statuses |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in res.recovery:
        how = "SIGKILL" if r.mode == "kill" else "SIGSTOP (frozen)"
        out.append(
            f"| {how} | {r.lease_s:g} | {r.tasks} ({r.held_by_a}) | {r.expected_s} | "
            f"**{seconds(r.claimed_s)}** | {seconds(r.held_terminal_s)} | "
            f"{seconds(r.others_terminal_s)} | {r.lost} | {r.duplicated} | "
            f"{r.requeue_reasons} | {r.attempts} | {r.upstream_creates} | {r.status_counts} |"
        )
    return out


def scaling_note(res: ScaleResults) -> str:
    """The ratios the rows show, in words, with the CPU that explains them."""
    parts = []
    for what in ("submit", "status"):
        rates = {
            r.instances: getattr(r, what).load["ok_rps"]
            for r in res.rows
            if getattr(r, what) is not None
        }
        if 1 in rates and len(rates) > 1:
            shown = ", ".join(f"{n}: ×{v / rates[1]:.2f}" for n, v in sorted(rates.items()))
            parts.append(f"{what} throughput relative to 1 instance — {shown}")
    return "; ".join(parts) + "." if parts else ""


def markdown(res: ScaleResults) -> str:
    cfg, out = res.config, []
    if res.rows:
        out += [
            f"**Submit and status-read throughput** (`GENERATION_WORKERS=false`: API only, "
            f"nothing runs the tasks): one wrk, {cfg['connections']} connections over "
            f"{max(4, max(r.instances for r in res.rows))} threads, thread *i* on instance "
            f"*i mod N*; {cfg['warmup']:g} s warm-up + {cfg['duration']:g} s measured per "
            f"row. Status reads: `GET /api/status/<id>` for random ids of "
            f"{cfg['status_ids']:,} tasks submitted round-robin. Each instance count has its "
            "own fresh instances and namespace.",
            "",
            *load_table(res),
            "",
            scaling_note(res),
            "",
        ]
    if res.recovery:
        out += [
            f"**Recovery after losing instance A** (2 instances, workers on, {cfg['share_a']:.0%}"
            " of the video tasks submitted to A, which claims them at submit; simulator polls "
            "answered at once, 1 s poll interval; times from the loss). *Claimed by B*: the "
            "task runs under B's lease (attempt 2) or has ended; *lost*: not terminal within "
            "the limit; *finished twice*: more than one terminal event in the task's log.",
            "",
            *recovery_table(res),
            "",
        ]
    if res.errors:
        out += ["**Errors during the run**:", "", *[f"- {e}" for e in res.errors], ""]
    return "\n".join(out) + "\n"


def docs_section(res: ScaleResults) -> str:
    m, r = res.machine, res.redis
    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {res.started_utc} with `{res.command}`.",
            "",
            f"Machine: `nproc` = {m['nproc']}, {m['cpu_model']}; Python {m['python']}, "
            f"{m['wrk']}; flowgate {m['flowgate']} (commit {m['git_commit']}); Redis "
            f"{r.get('version')} on the same machine; before the run: load average "
            f"{m['loadavg_before']}, CPUs {m['cpu_busy_percent_before']:.0f}% busy; cores busy "
            f"before each measure: {res.busy_before}.",
            "",
            f"Raw figures: `benchmarks/results/{res.started_utc.replace(':', '')}.scale.json` "
            "(not committed). Every instance is `flowgate serve --workers 1` on its own "
            "DATA_DIR; all share one Redis database and a namespace used by this run only "
            "(its keys are deleted afterwards).",
            "",
            f"**Read with care**: the machine has {m['nproc']} cores, shared by every instance, "
            "Redis and wrk, so more instances cannot add CPU here: the rows show the cost of "
            "spreading the same CPU over more processes (and whether anything breaks), not the "
            "scaling a deployment with one machine per instance would get. The CPU column says "
            "where the cores went.",
            "",
            markdown(res),
        ]
    )


def write_docs(res: ScaleResults) -> None:
    replace_section(SECTION, docs_section(res), after=GENERATION_SECTION)
