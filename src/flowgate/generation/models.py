"""The model table: which upstream route serves which client model name.

It is data, not code: a row names a wire style (`kind`) the project already speaks, so an
operator adds a model of an existing kind with `GENERATION_MODELS` (a JSON list, or a path to
a JSON file) and no release. Rows given there replace the built-in row of the same `name`.
"""

from __future__ import annotations

import fnmatch
from enum import StrEnum
from pathlib import Path

import msgspec


class RouteKind(StrEnum):
    CHAT_IMAGE = "chat_image"  # POST /v1/chat/completions, image URL in markdown
    IMAGES = "images"  # POST /v1/images/generations, data[0].url | b64_json
    GEMINI = "gemini"  # POST /v1beta/models/{model}:generateContent
    VIDEO = "video"  # task style: create, then poll


class VideoApi(StrEnum):
    UNIFIED = "unified"  # POST /v1/video/create, GET /v1/video/query?id=
    OPENAI = "openai"  # POST /v1/videos, GET /v1/videos/{id}


class ModelRoute(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One row. `name` is an exact client name or an fnmatch pattern (`flux-*`)."""

    name: str
    kind: RouteKind
    # Sent upstream; None sends the client's own model name (pattern rows).
    upstream_model: str | None = None
    aliases: tuple[str, ...] = ()
    deadline_s: float = 600.0
    # Upstream calls of this model in flight at once (per process in embedded mode); the
    # default leaves the bound to MAX_RUNNING_TASKS / PER_KEY_CONCURRENCY.
    concurrency: int = 1_000_000
    # Retry a call whose outcome is unknown (sent, then timeout/dropped)? Risks double billing.
    retry_ambiguous: bool = False
    # Attempts for failures that provably never reached the upstream (connect, 429, 503).
    max_attempts: int = 5
    # Read timeout of one upstream call (images take 1-4 minutes).
    request_timeout_s: float = 300.0
    video_api: VideoApi = VideoApi.UNIFIED
    poll_interval_s: float = 5.0

    def upstream_name(self, requested: str) -> str:
        return self.upstream_model or requested

    @property
    def is_pattern(self) -> bool:
        return any(ch in self.name for ch in "*?[")


DEFAULT_MODELS: tuple[ModelRoute, ...] = (
    ModelRoute("sora_image", RouteKind.CHAT_IMAGE, "sora_image", aliases=("sora",)),
    ModelRoute("flux-*", RouteKind.IMAGES),
    ModelRoute(
        "gemini",
        RouteKind.GEMINI,
        "gemini-2.5-flash-image-preview",
        aliases=("gemini-2.5-flash-image",),
    ),
    ModelRoute("gemini-*-image*", RouteKind.GEMINI),
    ModelRoute("sora-2", RouteKind.VIDEO, "sora-2", deadline_s=3600.0, video_api=VideoApi.OPENAI),
    ModelRoute(
        "sora-2-pro", RouteKind.VIDEO, "sora-2-pro", deadline_s=3600.0, video_api=VideoApi.OPENAI
    ),
    ModelRoute("veo*", RouteKind.VIDEO, deadline_s=3600.0, video_api=VideoApi.UNIFIED),
)


class ModelTable:
    """Exact names and aliases win over patterns; patterns are tried in table order."""

    def __init__(self, rows: tuple[ModelRoute, ...]) -> None:
        self.rows = rows
        self._exact: dict[str, ModelRoute] = {}
        for row in rows:
            if not row.is_pattern:
                self._exact[row.name.lower()] = row
            for alias in row.aliases:
                self._exact[alias.lower()] = row
        self._patterns = [row for row in rows if row.is_pattern]

    def resolve(self, model: str) -> ModelRoute | None:
        key = model.lower()
        row = self._exact.get(key)
        if row is not None:
            return row
        for row in self._patterns:
            if fnmatch.fnmatchcase(key, row.name.lower()):
                return row
        return None

    def concurrency_of(self, name: str) -> int:
        """Limit of the row called `name` (jobs are grouped by row name, not client name)."""
        for row in self.rows:
            if row.name == name:
                return row.concurrency
        return 1 << 30

    def names(self) -> list[str]:
        return [row.name for row in self.rows]

    @classmethod
    def load(cls, spec: str) -> ModelTable:
        """Built-in rows, overridden/extended by `spec` (JSON list or path to a JSON file)."""
        if not spec.strip():
            return cls(DEFAULT_MODELS)
        text = spec
        try:
            if not spec.lstrip().startswith("["):
                text = Path(spec).read_text("utf-8")
            extra = msgspec.json.decode(text, type=tuple[ModelRoute, ...])
        except (OSError, msgspec.DecodeError) as exc:
            raise ValueError(
                f"GENERATION_MODELS must be a JSON list of model rows or a path to one: {exc}"
            ) from None
        names = {row.name for row in extra}
        # The operator's rows come first so their patterns win over built-in ones.
        return cls(extra + tuple(r for r in DEFAULT_MODELS if r.name not in names))
