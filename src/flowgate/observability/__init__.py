"""Logging, statistics and (later) metrics shared by both services."""
