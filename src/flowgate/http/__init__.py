"""HTTP plumbing shared by both services: middleware, envelopes, /health."""
