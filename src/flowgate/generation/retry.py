"""When to try again: exponential backoff with full jitter, never sooner than the upstream's
`Retry-After`, and the callback schedule of the contract."""

from __future__ import annotations

import random

_rng = random.SystemRandom()

# Callback attempts: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (contract).
WEBHOOK_SCHEDULE_S: tuple[float, ...] = (0, 5, 300, 1800, 7200, 18000, 36000, 36000)


def backoff_s(
    attempt: int, *, base_s: float = 1.0, cap_s: float = 60.0, retry_after: float | None = None
) -> float:
    """Delay before attempt `attempt + 1` (attempt counts from 1)."""
    ceiling = min(cap_s, base_s * 2.0 ** max(0, attempt - 1))
    delay = ceiling / 2 + _rng.uniform(0, ceiling / 2)
    if retry_after is not None:
        delay = max(delay, min(retry_after, 3600.0))
    return delay


def webhook_delay_s(attempts_made: int) -> float | None:
    """Delay before the next callback attempt, or None when the schedule is exhausted.
    Jitter of +-10 % keeps a burst of failed deliveries from retrying in lockstep."""
    if attempts_made >= len(WEBHOOK_SCHEDULE_S):
        return None
    delay = WEBHOOK_SCHEDULE_S[attempts_made]
    return delay * _rng.uniform(0.9, 1.1)
