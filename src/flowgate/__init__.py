"""Flowgate: sandboxed JavaScript code blocks and durable AI generation jobs behind one HTTP API."""

__version__ = "0.1.0"

__all__ = ["__version__"]
