"""Job states and the transitions the store allows.

A job moves queued -> running -> (completed | failed | canceled), and running -> queued when a
retry is scheduled or a lease is lost. Terminal states are final: nothing ever rewrites them,
which is what makes completion idempotent and a zombie worker harmless.
"""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELED = "canceled"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL


TERMINAL = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELED})
