"""Preload groups of the npm packages (see `preload.py` for the mechanism).

Each package is split so that a script loads only what it touches (docs/libraries/), so
besides one group per package entry point, the scan names single modules: a required
subpath (`dayjs/plugin/utc` -> `vendor/dayjs/plugin/utc`) and the lodash methods a script
calls (`_.groupBy(` -> `vendor/lodash/groupBy`). Such a module is its own group,
`mod:<module>`, counted like the others.

Only modules whose loading changes nothing a script can observe are preloaded: a lodash
method module or a dayjs plugin is inert until used, but a dayjs locale registers itself
in dayjs's locale table when it loads, so a preloaded locale would let `dayjs.locale('x')`
work without its `require` (and only on some executions). Locales are never preloaded.

The module lists were measured by the helpers that built each package (the runtime
modules a typical script loads, in load order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GROUPS: dict[str, tuple[str, ...]] = {
    "lodash": ("npm/lodash_lazy", "npm/lodash"),
    "dayjs": ("vendor/dayjs",),
    "qs": (
        "vendor/qs",
        "vendor/qs/lib/stringify",
        "vendor/qs/lib/parse",
        "vendor/qs/lib/formats",
        "vendor/qs/lib/utils",
        "vendor/qs-impl/parse",
        "vendor/qs-impl/stringify",
    ),
    "uuid": ("vendor/uuid",),
    "xml": ("vendor/fast-xml-parser", "vendor/fast-xml-parser-impl/parser"),
    "cryptojs": ("vendor/crypto-js", "vendor/crypto-js/core", "vendor/crypto-js/lib-typedarrays"),
    "sm": ("vendor/sm-crypto-v2",),
    "axios": ("npm/axios", "vendor/axios", "npm/form-data", "internal/io"),
    "formdata": ("npm/form-data",),
    "pinyin": ("npm/pinyin",),
    "xlsx": ("npm/xlsx", "vendor/xlsx-core", "npm/xlsx_read"),
    # dayjs's timezone plugin asks web/intl for offsets; the Intl global's
    # DateTimeFormat is web/intl_format, loaded only by scripts that read `Intl`
    "intl": ("web/intl",),
    "intl_format": ("web/intl_format",),
}

#: group -> groups its modules load too (names of preload.py's groups).
DEPENDS: dict[str, tuple[str, ...]] = {
    "uuid": ("webcrypto",),
    "cryptojs": ("bridge",),
    "axios": ("timers", "bridge"),
    "pinyin": ("bridge",),
    "xlsx": ("bridge", "buffer"),
    "intl": ("bridge",),
    "intl_format": ("intl",),
}

#: `require('<package>')` -> group.
REQUIRED = {
    "lodash": "lodash",
    "dayjs": "dayjs",
    "qs": "qs",
    "uuid": "uuid",
    "fast-xml-parser": "xml",
    "crypto-js": "cryptojs",
    "sm-crypto-v2": "sm",
    "axios": "axios",
    "form-data": "formdata",
    "pinyin": "pinyin",
    "xlsx": "xlsx",
}

#: subpaths never preloaded (their loading has effects a script can see; see above).
_NEVER = re.compile(r"^dayjs/locale/")
_LODASH_CALL = re.compile(r"(?<![\w$.])(?:_|lodash)\.([A-Za-z]\w*)\s*\(")
#: crypto-js members that load a file of their own -> that file (the common ones).
_CRYPTOJS_MEMBERS = {
    "MD5": ("md5",),
    "SHA1": ("sha1",),
    "SHA256": ("sha256",),
    "SHA512": ("sha512",),
    "HmacMD5": ("md5", "hmac"),
    "HmacSHA1": ("sha1", "hmac"),
    "HmacSHA256": ("sha256", "hmac"),
    "HmacSHA512": ("sha512", "hmac"),
    "Base64": ("enc-base64",),
    "AES": ("aes",),
}
_CRYPTOJS_MEMBER = re.compile(r"\.(" + "|".join(_CRYPTOJS_MEMBERS) + r")\b")
_SM_PART = re.compile(r"\b(sm[234])\b")

#: Every runtime module name (set by the engine from its compiled runtime, else read from
#: the runtime directory on first use): a group is only ever made for a module that exists.
_known: frozenset[str] | None = None


def set_known_modules(names: Iterable[str]) -> None:
    global _known
    _known = frozenset(names)


def module_group(name: str) -> str | None:
    """`mod:<name>` when the runtime has that module, else None."""
    if _known is None:
        from flowgate.codeblock.engine.bundle import discover_modules

        set_known_modules(discover_modules())
    assert _known is not None
    return f"mod:{name}" if name in _known else None


def subpath_groups(required: Iterable[str]) -> set[str]:
    """Single-module groups of required npm subpaths (`dayjs/plugin/utc`)."""
    out: set[str] = set()
    for name in required:
        package = name.split("/", 1)[0]
        if package not in REQUIRED or "/" not in name or _NEVER.match(name):
            continue
        path = name.removesuffix(".js")
        for root in ("npm/", "vendor/"):
            group = module_group(root + path)
            if group is not None:
                out.add(group)
                break
    return out


def member_groups(text: str, groups: set[str]) -> set[str]:
    """Single-module groups of the package members a script uses, for packages it requires
    (and the fixed groups such a member needs: `intl` for dayjs's timezone plugin)."""
    out: set[str] = set()
    if "lodash" in groups:
        out.update(_each(f"vendor/lodash/{m}" for m in _LODASH_CALL.findall(text)))
    if "cryptojs" in groups:
        files = {f for m in _CRYPTOJS_MEMBER.findall(text) for f in _CRYPTOJS_MEMBERS[m]}
        out.update(_each(f"vendor/crypto-js/{f}" for f in files))
    if "sm" in groups:
        out.update(_each(f"vendor/sm-crypto-v2/parts/{p}" for p in _SM_PART.findall(text)))
    if "mod:vendor/dayjs/plugin/timezone" in groups:
        out.add("intl")
    return out


def _each(names: Iterable[str]) -> set[str]:
    return {g for g in map(module_group, names) if g is not None}
