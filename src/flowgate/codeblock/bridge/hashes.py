"""Bridge ops: hashes (see registry.py). Filled in by its capability."""

from __future__ import annotations
