/* Preloading runtime modules into pre-warmed contexts (preload.c).
   See docs/architecture.md ("Preloaded modules"). */
#ifndef FLOWGATE_PRELOAD_H
#define FLOWGATE_PRELOAD_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "quickjs.h"

/* Validate a list/tuple of module names and encode it as a JSON array (malloc'ed
   into *out; NULL for an empty list). With the GIL. Returns 0, or -1 with an
   exception set. */
int fg_preload_json(PyObject *names, char **out);

/* Load the listed modules into a booted context through its harness
   (`harness.preload(json)`), without the GIL, before any execution. A failing
   module is skipped. Returns how many modules are now loaded, or -1. */
int fg_preload_run(JSContext *ctx, JSValueConst harness, const char *json);

#endif
