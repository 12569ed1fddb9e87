"""Adaptive preloading: which runtime modules pre-warmed contexts should already hold.

A fresh context loads a runtime module (Buffer, crypto, ...) on first use, inside
the execution: 0.5-1.6 ms of the request's critical path. The pool's warmer
thread can load them ahead of time instead (`_quickjs.Pool.set_preload`), but
only for modules the workload actually uses: preloading what nobody touches
would spend warmer CPU (and ~200 KiB per context) for nothing. So the engine
scans each submitted code text for the names that would load a module group
(a static scan: cheap, known before the run, no engine instrumentation), keeps
a decaying share per group over the last ~200 executions, and preloads the
groups above a threshold. A plain-script workload preloads nothing.

The module lists were measured (the bootstrap's module cache keys after a script
ran); a group names only its own modules, its dependencies are other groups. A
wrong guess costs speed only: a preloaded module is exactly what the script
would have loaded, and a missing one still loads lazily.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from flowgate.codeblock.engine import preload_npm

#: group -> the runtime modules it loads (in load order), measured.
GROUP_MODULES: dict[str, tuple[str, ...]] = {
    "require": ("internal/require",),
    "timers": ("internal/timers",),
    "text": ("web/text_encoding",),
    "url": ("web/url", "vendor/url-impl"),
    "buffer": ("node/buffer", "node/buffer_codec", "node/buffer_proto"),
    "crypto": ("node/crypto", "node/crypto_util", "internal/bridge"),
    "crypto_hash": ("node/crypto_hash",),
    "crypto_random": ("node/crypto_kdf",),
    "crypto_cipher": ("node/crypto_cipher", "node/crypto_cipher_modes", "node/crypto_cipher_table"),
    "crypto_keys": (
        "node/util_errors",
        "node/crypto_keys",
        "node/crypto_keys_util",
        "node/crypto_keys_object",
        "node/crypto_keys_sign",
        "node/crypto_keys_dh",
    ),
    "webcrypto": ("internal/crypto",),
    "bridge": ("internal/bridge",),
    "subtle": (
        "internal/bridge",
        "web/common",
        "web/subtle",
        "web/subtle_keys",
        "web/subtle_algos",
        "web/subtle_impl",
    ),
    "util": ("internal/inspect", "node/util_types", "node/util_errors", "node/util"),
    "events": ("internal/inspect", "node/util_errors", "node/events", "node/events_listeners"),
    "fetch": (
        "internal/errors",
        "internal/bridge",
        "internal/io",
        "web/common",
        "web/fetch",
        "web/fetch_headers",
        "web/fetch_request",
        "web/fetch_body",
        "web/blob",
        "web/events",
        "web/fetch_stream",
        "web/fetch_response",
    ),
    **preload_npm.GROUPS,
}

#: group -> groups its modules load too.
_DEPENDS: dict[str, tuple[str, ...]] = {
    "url": ("text",),
    "crypto": ("require", "timers", "buffer"),
    "crypto_hash": ("crypto",),
    "crypto_random": ("crypto",),
    "crypto_cipher": ("crypto",),
    "crypto_keys": ("crypto",),
    "subtle": ("webcrypto",),
    "util": ("require", "timers"),
    "events": ("require",),
    "fetch": ("text", "url"),
    **preload_npm.DEPENDS,
}

#: `require('<name>')` (with or without `node:`) -> group; other names load `require` only.
_REQUIRED = {
    "buffer": "buffer",
    "string_decoder": "buffer",
    "crypto": "crypto",
    "util": "util",
    "util/types": "util",
    "events": "events",
    "url": "url",
    "timers": "timers",
    **preload_npm.REQUIRED,
}

#: Cheap first: a substring test per entry (str.find is a fast scan), then, only
#: where the substring occurs, a regex anchored on it (literal prefix: also a
#: fast scan). One alternation regex over all names took ~0.7 ms per 16 KiB here,
#: since it tries every name at every word boundary. Names too cheap to matter
#: (timers, console: < 30 us to load) are not looked for.
#: (substring, regex whose first group names the match, or None, group or None).
_PROBES: tuple[tuple[str, re.Pattern[str] | None, str | None], ...] = (
    ("require", re.compile(r"require\s*\(\s*['\"`](?:node:)?([\w./@-]+)"), None),
    ("Buffer", None, "buffer"),
    ("Text", re.compile(r"Text((?:En|De)coder)\b"), "text"),
    ("URL", None, "url"),
    ("create", re.compile(r"create(Hash|Hmac)\b"), "crypto_hash"),
    ("create", re.compile(r"create((?:Dec|C)ipheriv)\b"), "crypto_cipher"),
    ("create", re.compile(r"create(Sign|Verify|PrivateKey|PublicKey|SecretKey)\b"), "crypto_keys"),
    ("generateKeyPair", None, "crypto_keys"),
    ("andom", re.compile(r"random(Bytes|Int)\b"), "crypto_random"),
    ("andom", re.compile(r"(randomUUID|getRandomValues)\b"), "webcrypto"),
    ("subtle", None, "subtle"),
    ("fetch", None, "fetch"),
    ("Intl", None, "intl_format"),
    ("toLocale", re.compile(r"toLocale((?:Date|Time)?String)\b"), "intl_format"),
)
_NEEDLES = tuple(dict.fromkeys(needle for needle, _, _ in _PROBES))

#: Only the start of a code text is scanned, so the cost per request is bounded
#: (it runs on the event loop); a name past it only loses the speed-up.
SCAN_CHARS = 16 * 1024

#: Scans remembered by the hash of the scanned text: a service sees the same code
#: blocks again and again. A collision would only mis-guess, never mis-run.
_CACHE_SIZE = 1024
_cache: dict[int, frozenset[str]] = {}


def _closure(group: str) -> frozenset[str]:
    """The group and every group it depends on."""
    out = {group}
    for dep in _DEPENDS.get(group, ()):
        out |= _closure(dep)
    return frozenset(out)


_CLOSURE = {group: _closure(group) for group in GROUP_MODULES}


def groups_used(code: str) -> frozenset[str]:
    """The module groups the code would load, judged from its text (first SCAN_CHARS)."""
    text = code if len(code) <= SCAN_CHARS else code[:SCAN_CHARS]
    key = hash(text)
    found = _cache.get(key)
    if found is None:
        found = _scan(text)
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = found
    return found


def _scan(text: str) -> frozenset[str]:
    found: set[str] = set()
    present = {needle for needle in _NEEDLES if needle in text}
    for needle, pattern, group in _PROBES:
        if needle not in present:
            continue
        if pattern is None:
            assert group is not None
            found |= _CLOSURE[group]
            continue
        names = set(pattern.findall(text))
        if group is not None:
            if names:
                found |= _CLOSURE[group]
            continue
        if names:  # require('<name>')
            found |= _CLOSURE["require"]
        for name in names:
            required = _REQUIRED.get(name)
            if required is not None:
                found |= _CLOSURE[required]
        found |= preload_npm.subpath_groups(names)
    for group in preload_npm.member_groups(text, found):
        found |= _CLOSURE.get(group, {group})
    return frozenset(found)


def modules_of(groups: Iterable[str]) -> tuple[str, ...]:
    """Runtime modules of the groups, without repeats, dependencies first (single-module
    groups `mod:<name>`, see preload_npm.py, last: they load their own dependencies)."""
    wanted = set(groups)
    names: dict[str, None] = {}
    for group, modules in GROUP_MODULES.items():  # declared dependencies-first
        if group in wanted:
            names.update(dict.fromkeys(modules))
    names.update(dict.fromkeys(sorted(g[4:] for g in wanted if g.startswith("mod:"))))
    return tuple(names)


#: At most this many groups are counted (the fixed ones plus single-module groups,
#: `preload_npm.py`); a share below FORGET_BELOW (about 20 batches unused) is dropped.
MAX_GROUPS = 512
FORGET_BELOW = 0.001


class PreloadPolicy:
    """Decaying share of executions that used each group; decides the preload set.

    Counting per batch keeps the per-request work to a few dict increments: every
    `batch` executions each share becomes `share * decay + batch_share * (1 - decay)`
    (with 50 and 0.75, about the last 200 executions weigh). A group is turned on
    above `on` and off below `off` (hysteresis, so a share near the threshold does
    not flap the warmer's work); `apply` is called only when the set changes.
    """

    def __init__(
        self,
        apply: Callable[[tuple[str, ...]], None],
        *,
        batch: int = 50,
        decay: float = 0.75,
        on: float = 0.2,
        off: float = 0.1,
    ) -> None:
        self._apply = apply
        self._batch = batch
        self._decay = decay
        self._on = on
        self._off = off
        self._counts: dict[str, int] = dict.fromkeys(GROUP_MODULES, 0)
        self.shares: dict[str, float] = dict.fromkeys(GROUP_MODULES, 0.0)
        self._seen = 0
        self.active: frozenset[str] = frozenset()

    @property
    def modules(self) -> tuple[str, ...]:
        """What contexts are preloaded with now."""
        return modules_of(self.active)

    def observe(self, code: str) -> None:
        """Count one submitted execution (on the event loop: bounded, a regex pass)."""
        counts = self._counts
        for group in groups_used(code):
            if group in counts:
                counts[group] += 1
            elif len(counts) < MAX_GROUPS:  # a single-module group seen for the first time
                counts[group] = 1
                self.shares[group] = 0.0
        self._seen += 1
        if self._seen >= self._batch:
            self._recompute()

    def _recompute(self) -> None:
        keep = self._decay
        active = set(self.active)
        for group, count in self._counts.items():
            share = self.shares[group] * keep + (count / self._seen) * (1 - keep)
            self.shares[group] = share
            self._counts[group] = 0
            if share > self._on:
                active.add(group)
            elif share < self._off:
                active.discard(group)
        self._seen = 0
        self._forget_unused(active)
        if active != self.active:
            self.active = frozenset(active)
            self._apply(self.modules)

    def _forget_unused(self, active: set[str]) -> None:
        """Drop single-module groups whose share has decayed to nothing, so that code
        naming many different modules over time cannot grow the tables without bound."""
        for group in [g for g, share in self.shares.items() if share < FORGET_BELOW]:
            if group not in GROUP_MODULES and group not in active:
                del self.shares[group], self._counts[group]
