"""The model table as configuration, and the result store's naming and retention rules."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from flowgate.config import load_settings
from flowgate.generation.models import ModelTable, RouteKind
from flowgate.generation.results import ResultStore


def test_builtin_rows_resolve_names_aliases_and_patterns() -> None:
    table = ModelTable.load("")
    assert table.resolve("sora").name == "sora_image"  # type: ignore[union-attr]
    assert table.resolve("FLUX-Kontext-Pro").kind is RouteKind.IMAGES  # type: ignore[union-attr]
    gemini = table.resolve("gemini")
    assert gemini is not None and gemini.upstream_name("gemini") == "gemini-2.5-flash-image-preview"
    assert table.resolve("gemini-3-pro-image-preview").kind is RouteKind.GEMINI  # type: ignore[union-attr]
    assert table.resolve("veo3-fast").kind is RouteKind.VIDEO  # type: ignore[union-attr]
    assert table.resolve("gpt-4o") is None


def test_operator_rows_override_and_extend_without_code(tmp_path: Path) -> None:
    rows = '[{"name": "flux-*", "kind": "images", "concurrency": 3}, {"name": "kling-v1", "kind": "video", "deadline_s": 900}]'
    table = ModelTable.load(rows)
    assert table.resolve("flux-dev").concurrency == 3  # type: ignore[union-attr]
    assert table.resolve("kling-v1").deadline_s == 900  # type: ignore[union-attr]
    assert table.concurrency_of("flux-*") == 3
    path = tmp_path / "models.json"
    path.write_text(rows)
    assert ModelTable.load(str(path)).resolve("kling-v1") is not None


@pytest.mark.parametrize(
    "bad", ["[{", '[{"name": "x", "kind": "telepathy"}]', "/nonexistent.json", '[{"name": "x"}]']
)
def test_a_bad_model_table_is_a_clear_configuration_error(bad: str) -> None:
    with pytest.raises(ValidationError, match="GENERATION_MODELS"):
        load_settings(GENERATION_MODELS=bad)


async def test_results_are_random_names_served_only_by_exact_name(tmp_path: Path) -> None:
    store = ResultStore(tmp_path, "https://gw.example/", inline=False)
    url = await store.save(b"\x89PNG...", "image/png")
    assert url.startswith("https://gw.example/results/") and url.endswith(".png")
    name = url.rsplit("/", 1)[1]
    assert store.path_of(name) is not None
    for evil in ("../secret.key", "..", "a.png", name + "/x", "%2e%2e"):
        assert store.path_of(evil) is None


async def test_inline_results_and_retention(tmp_path: Path) -> None:
    inline = ResultStore(tmp_path, "", inline=True)
    assert (await inline.save(b"abc", "image/webp")) == "data:image/webp;base64,YWJj"
    store = ResultStore(tmp_path / "r", "http://x", inline=False)
    old = (await store.save(b"old", "image/png")).rsplit("/", 1)[1]
    new = (await store.save(b"new", "image/png")).rsplit("/", 1)[1]
    past = time.time() - 7200
    os.utime(tmp_path / "r" / old, (past, past))
    assert store.purge(3600) == 1
    assert store.path_of(old) is None and store.path_of(new) is not None
