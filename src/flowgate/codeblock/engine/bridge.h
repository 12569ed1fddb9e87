/* The host bridge: `host.call(op, ...args)` from a code block into Python.
   See bridge.c and src/flowgate/codeblock/bridge/registry.py. */
#ifndef FLOWGATE_BRIDGE_H
#define FLOWGATE_BRIDGE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "quickjs.h"

typedef struct FgBridge {
    PyObject *fn;   /* borrowed from the executor: fn(token, op, args) -> (ok, value) */
    uint64_t token; /* the execution asking (owns its async operations) */
    JSValue bigint; /* the BigInt constructor captured at boot (user code may replace the global) */
} FgBridge;

/* Run one synchronous host operation; returns its result or throws. Called on an
   engine thread that does not hold the GIL. */
JSValue fg_bridge_call(JSContext *ctx, const FgBridge *b, int argc, JSValueConst *argv);

/* Called by an engine thread as it ends (the executor is closing and has
   released the GIL): drops the Python thread state the bridge kept for it. */
void fg_bridge_thread_exit(void);

#endif
