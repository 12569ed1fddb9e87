/* Preloading: the pool's warmer thread loads the runtime modules recent
   executions used (chosen in Python, engine/preload.py) into each context it
   builds, through the bootstrap harness, so a request no longer pays for
   reading and evaluating them. The modules land in the same cache the lazy
   globals and require() use, exactly as if the script had loaded them first;
   the context is still one nothing else has run in. */
#include <string.h>

#include "preload.h"

/* Module names are paths such as `node/buffer`: restricting the characters
   keeps the JSON trivially correct without an escaper. */
static int name_ok(const char *s, Py_ssize_t n)
{
    if (n == 0 || n > 200)
        return 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '/' || c == '.'))
            return 0;
    }
    return 1;
}

int fg_preload_json(PyObject *names, char **out)
{
    *out = NULL;
    if (!PyList_Check(names) && !PyTuple_Check(names)) {
        PyErr_SetString(PyExc_TypeError, "preload names must be a list or tuple of str");
        return -1;
    }
    PyObject *seq = PySequence_Fast(names, "preload names must be a list or tuple of str");
    if (!seq)
        return -1;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq), total = 3;
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < count; i++) {
        Py_ssize_t n;
        const char *s = PyUnicode_Check(items[i]) ? PyUnicode_AsUTF8AndSize(items[i], &n) : NULL;
        if (!s || !name_ok(s, n)) {
            Py_DECREF(seq);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "preload: not a module name");
            return -1;
        }
        total += n + 3;
    }
    char *json = count ? malloc((size_t)total) : NULL;
    if (count && !json) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0, at = 0; i < count; i++) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(items[i], &n);
        at += sprintf(json + at, "%c\"%.*s\"", i ? ',' : '[', (int)n, s);
        if (i == count - 1)
            strcpy(json + at, "]");
    }
    Py_DECREF(seq);
    *out = json;
    return 0;
}

int fg_preload_run(JSContext *ctx, JSValueConst harness, const char *json)
{
    JSValue fn = JS_GetPropertyStr(ctx, harness, "preload");
    if (!JS_IsFunction(ctx, fn)) { /* a harness without preload (tests, tools) */
        JS_FreeValue(ctx, fn);
        JS_FreeValue(ctx, JS_GetException(ctx));
        return -1;
    }
    JSValue arg = JS_NewString(ctx, json);
    JSValue r = JS_Call(ctx, fn, harness, 1, &arg);
    int32_t loaded = -1;
    if (JS_IsException(r))
        JS_FreeValue(ctx, JS_GetException(ctx));
    else
        JS_ToInt32(ctx, &loaded, r);
    JS_FreeValue(ctx, r);
    JS_FreeValue(ctx, arg);
    JS_FreeValue(ctx, fn);
    return loaded;
}
