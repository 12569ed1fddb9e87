"""The Node built-ins run's saved figures, its Markdown and the "Node built-ins" section of
docs/benchmarks.md (rewritten with `gen_report.replace_section`, placed after "Scale-out
(Redis)"; a hand-written ``### Notes`` subsection at its end is kept)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from gen_report import ms, replace_section
from scale_report import SECTION as SCALE_SECTION

SECTION = "## Node built-ins"
#: suite -> its section of docs/benchmarks.md (npm libraries follow the built-ins).
SECTIONS = {"builtins": SECTION, "libraries": "## npm libraries"}


@dataclass
class BuiltinRow:
    """One script against one fresh server: the wrk run, RSS, CPU and engine time."""

    script: str
    server: str
    load: dict[str, Any]  # loadgen.LoadResult as a dict
    peak_rss_mb: float
    cpu_cores: dict[str, float]
    startup_s: float
    engine_ms: float  # median timing.executionTime over the sequential requests
    client_ms: float  # median round trip of the same requests, seen by the client

    @property
    def cpu_ms_per_request(self) -> float:
        """Server CPU per successful request: throughput corrected for the cores it got."""
        ok = self.load["ok_rps"]
        return self.cpu_cores.get("server", 0.0) * 1000 / ok if ok else float("nan")


@dataclass
class BuiltinResults:
    """Everything one run measured; written to ``benchmarks/results/<stamp>.builtins.json``."""

    started_utc: str
    command: str
    machine: dict[str, Any]
    config: dict[str, Any]
    scripts: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → title, code
    rows: list[BuiltinRow] = field(default_factory=list)
    busy_before: dict[str, float] = field(default_factory=dict)  # machine cores busy
    errors: list[str] = field(default_factory=list)
    finished_utc: str = ""
    suite: str = "builtins"  # or "libraries" (builtins_run.py --suite)


def to_jsonable(res: BuiltinResults) -> dict[str, Any]:
    data = asdict(res)
    for row, raw in zip(res.rows, data["rows"], strict=True):
        raw["cpu_ms_per_request"] = round(row.cpu_ms_per_request, 4)
    return data


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "—"


def find(res: BuiltinResults, script: str, server: str) -> BuiltinRow | None:
    return next((r for r in res.rows if r.script == script and r.server == server), None)


def ordered(res: BuiltinResults) -> list[BuiltinRow]:
    """Rows by script (the run's order), Flowgate before Node (the run alternates them)."""
    names = list(res.scripts)
    return sorted(res.rows, key=lambda r: (names.index(r.script), r.server != "flowgate"))


def load_table(res: BuiltinResults) -> list[str]:
    out = [
        "| script | server | ok req/s | vs plain | p50 ms | p90 ms | p99 ms | failed | "
        "peak RSS MB | engine ms | server CPU ms/req | CPU/req vs plain | "
        "CPU cores: server / wrk / other |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in ordered(res):
        load, lat, c = row.load, row.load["latency_ms"], row.cpu_cores
        plain = find(res, "plain", row.server)
        vs = ratio(load["ok_rps"], plain.load["ok_rps"] if plain else None)
        vs_cpu = ratio(row.cpu_ms_per_request, plain.cpu_ms_per_request if plain else None)
        cpu = f"{c.get('server', 0):.2f} / {c.get('wrk', 0):.2f} / {c.get('other', 0):.2f}"
        out.append(
            f"| `{row.script}` | {row.server} | {load['ok_rps']:,.0f} | {vs} | {ms(lat['p50'])} | "
            f"{ms(lat['p90'])} | {ms(lat['p99'])} | {load['failed']} | {row.peak_rss_mb:.0f} | "
            f"{row.engine_ms:.3f} | {row.cpu_ms_per_request:.3f} | {vs_cpu} | {cpu} |"
        )
    return out


def ratio_table(res: BuiltinResults) -> list[str]:
    out = [
        "| script | throughput Flowgate/Node | p99 Flowgate/Node | peak RSS Flowgate/Node | "
        "engine time Flowgate/Node | server CPU per request Flowgate/Node |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in res.scripts:
        fg, nd = find(res, name, "flowgate"), find(res, name, "node")
        if fg is None or nd is None:
            missing = " and ".join(s for s, r in (("Flowgate", fg), ("Node", nd)) if r is None)
            out.append(f"| `{name}` | no {missing} row (see the errors) | | | | |")
            continue
        out.append(
            f"| `{name}` | {ratio(fg.load['ok_rps'], nd.load['ok_rps'])} | "
            f"{ratio(fg.load['latency_ms']['p99'], nd.load['latency_ms']['p99'])} | "
            f"{ratio(fg.peak_rss_mb, nd.peak_rss_mb)} | {ratio(fg.engine_ms, nd.engine_ms)} | "
            f"{ratio(fg.cpu_ms_per_request, nd.cpu_ms_per_request)} |"
        )
    return out


def scripts_list(res: BuiltinResults) -> list[str]:
    return [f"- `{name}`: {s['title']}" for name, s in res.scripts.items()]


def markdown(res: BuiltinResults) -> str:
    cfg = res.config
    out = [
        f"Each script alone to `POST /execute` (wrk `benchmarks/gen.lua`, {cfg['connections']} "
        f"connections, {cfg['wrk_threads']} threads, {cfg['warmup']:g} s warm-up + "
        f"{cfg['duration']:g} s measured, `--timeout 10s`), a fresh server per row, "
        f"{cfg['workers']} workers each; Flowgate is `flowgate serve`, Node the `node:vm` peer "
        "(`benchmarks/node_vm_server.js`: fresh context per request holding `input`, `Buffer`, "
        "`crypto` and a `require` of Node's built-in modules"
        + (
            " and of the npm packages pinned in `tests/node/package.json`, each loaded once per "
            "process and shared by every context, as a Node service would; Flowgate loads "
            "them into each execution's fresh context"
            if res.suite == "libraries"
            else ""
        )
        + "). A 200 counts as ok only if its "
        'body holds `"success":true,"result":` followed by the expected result, computed '
        "in Python (hashlib, hmac, cryptography, zoneinfo, openpyxl); the rest are *failed*.",
        "",
        *scripts_list(res),
        "",
        *load_table(res),
        "",
        "*vs plain*: the row's throughput (*CPU/req vs plain*: its server CPU per request) ÷ "
        "the plain script's on the same server. *engine ms*: "
        f"median `timing.executionTime` of {cfg['sequential']} sequential requests after the "
        "load (Flowgate's pre-warmed context is outside it; Node's includes creating its "
        "context). *server CPU ms/req*: the server's CPU seconds ÷ ok requests during the "
        "measured run (less sensitive to a busy machine than req/s). *CPU cores*: CPU seconds "
        "per second of the measured run; *other* is the rest of the machine (noise).",
        "",
        "Ratios (Flowgate ÷ Node; throughput: higher is better, the others: lower is better):",
        "",
        *ratio_table(res),
        "",
    ]
    if res.errors:
        out += ["**Errors during the run**:", "", *[f"- {e}" for e in res.errors], ""]
    return "\n".join(out) + "\n"


BUSY_CORES = 0.25  # "other" CPU above this during a measured row: a busy machine


def busy_note(res: BuiltinResults) -> list[str]:
    """A warning when something else used the CPUs during the measured rows."""
    other = max((r.cpu_cores.get("other", 0.0) for r in res.rows), default=0.0)
    if other < BUSY_CORES:
        return []
    return [
        f"**Busy machine**: other processes used up to {other:.2f} of the "
        f"{res.machine['nproc']} cores during the measured rows (column *other*), so the "
        "absolute req/s and latencies are low and noisy; the per-request CPU columns and the "
        "ratios are the figures to read.",
        "",
    ]


def docs_section(res: BuiltinResults) -> str:
    m = res.machine
    return "\n".join(
        [
            SECTIONS[res.suite],
            "",
            f"Measured {res.started_utc} with `{res.command}`.",
            "",
            f"Machine: `nproc` = {m['nproc']}, {m['cpu_model']}; Python {m['python']}, Node "
            f"{m['node']}, {m['wrk']}; flowgate {m['flowgate']} (commit {m['git_commit']}); "
            f"before the run: load average {m['loadavg_before']}, CPUs "
            f"{m['cpu_busy_percent_before']:.0f}% busy; cores busy before each row: "
            f"{res.busy_before}.",
            "",
            f"Raw figures: `benchmarks/results/{res.started_utc.replace(':', '')}.{res.suite}.json` "
            "(not committed).",
            "",
            *busy_note(res),
            markdown(res),
        ]
    )


def write_docs(res: BuiltinResults) -> None:
    after = SCALE_SECTION if res.suite == "builtins" else SECTION
    replace_section(SECTIONS[res.suite], docs_section(res), after=after)
