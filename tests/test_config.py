"""Settings are validated at start with messages that name the environment variable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from flowgate.codeblock.limits import ENV_NAMES, CodeLimits
from flowgate.config import Settings, describe_validation_error, load_settings


def test_defaults_are_the_original_services() -> None:
    settings = load_settings()
    assert (settings.port, settings.execution_timeout_ms, settings.max_code_length) == (
        3002,
        5000,
        65535,
    )
    assert (settings.max_input_size, settings.max_result_size) == (2097152, 5242880)
    assert settings.max_concurrent_executions == 1000
    assert settings.enabled_services == {"codeblock", "generation"}


def test_environment_names_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXECUTION_TIMEOUT_MS", "1234")
    monkeypatch.setenv("ALLOW_EVAL", "true")
    monkeypatch.setenv("SERVICES", "codeblock")
    settings = Settings()
    assert settings.execution_timeout_ms == 1234 and settings.allow_eval is True
    assert settings.enabled_services == {"codeblock"}


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"EXECUTION_TIMEOUT_MS": 0}, "EXECUTION_TIMEOUT_MS"),
        ({"PORT": 70000}, "PORT"),
        ({"SERVICES": "codeblock,mail"}, "mail"),
        ({"MEMORY_LIMIT_MB": "lots"}, "MEMORY_LIMIT_MB"),
    ],
)
def test_invalid_values_are_explained(overrides: dict[str, object], needle: str) -> None:
    with pytest.raises(ValidationError) as info:
        load_settings(**overrides)
    assert needle in describe_validation_error(info.value)


def test_limits_list_every_setting_with_its_env_name() -> None:
    settings = load_settings(MEMORY_LIMIT_MB=32)
    limits = CodeLimits.from_settings(settings)
    described = limits.describe()
    assert described["memory_limit_mb"]["value"] == 32
    assert {v["env"] for v in described.values()} == set(ENV_NAMES.values())
    assert limits.max_body_bytes > limits.max_input_size


def test_serve_refuses_a_bad_configuration_clearly(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("flowgate")
    result = subprocess.run(
        [str(exe), "serve", "--port", "3"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "EXECUTION_TIMEOUT_MS": "-5"},
    )
    assert result.returncode == 2
    assert "EXECUTION_TIMEOUT_MS" in result.stderr and "Traceback" not in result.stderr
