"""The QuickJS engine: our C binding, the context pool and the error mapping."""
