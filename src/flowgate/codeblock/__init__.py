"""The code-block service: run a user's JavaScript on a JSON input, sandboxed."""
