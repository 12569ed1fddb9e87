/*
 * Flowgate's thin binding to quickjs-ng.
 *
 * Why our own binding instead of the PyPI ones (see docs/architecture.md):
 *  - the time limit must belong to one execution: the interrupt handler here
 *    compares a per-context wall-clock deadline, not process CPU time;
 *  - the memory limit must not be swallowed by a try/catch: our allocator
 *    counts bytes per runtime and, once the limit is hit, the interrupt
 *    handler makes the failure uncatchable;
 *  - the bootstrap and library modules are loaded from bytecode compiled once
 *    per process, never parsed per execution;
 *  - execution is step-wise (start / step / finish) so a script waiting on a
 *    timer holds no thread: the caller sleeps on its event loop instead;
 *  - the GIL is released for everything that touches only the engine
 *    (context creation, evaluation, teardown).
 *
 * One Context owns one JSRuntime. A Context must not be used by two threads
 * at once (guarded by `busy`), but may move between threads between calls.
 * All JS-level policy (timers, console, error description) lives in the
 * bootstrap script's harness object; this file only drives it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <malloc.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "quickjs.h"

/* ---------------------------------------------------------------- utils */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static PyObject *EngineError; /* flowgate.codeblock.engine._quickjs.EngineError */

/* ------------------------------------------------------- module table */

typedef struct {
    PyObject_HEAD
    Py_ssize_t count;
    char **names;
    uint8_t **codes;
    size_t *sizes;
} ModuleTableObject;

static void ModuleTable_dealloc(ModuleTableObject *self)
{
    for (Py_ssize_t i = 0; i < self->count; i++) {
        PyMem_RawFree(self->names[i]);
        PyMem_RawFree(self->codes[i]);
    }
    PyMem_RawFree(self->names);
    PyMem_RawFree(self->codes);
    PyMem_RawFree(self->sizes);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int ModuleTable_init(ModuleTableObject *self, PyObject *args, PyObject *kw)
{
    PyObject *mapping, *key, *value;
    Py_ssize_t pos = 0, i = 0;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &mapping))
        return -1;
    if (self->count) {
        PyErr_SetString(PyExc_RuntimeError, "ModuleTable is immutable");
        return -1;
    }
    Py_ssize_t n = PyDict_Size(mapping);
    self->names = PyMem_RawCalloc(n ? n : 1, sizeof(char *));
    self->codes = PyMem_RawCalloc(n ? n : 1, sizeof(uint8_t *));
    self->sizes = PyMem_RawCalloc(n ? n : 1, sizeof(size_t));
    if (!self->names || !self->codes || !self->sizes) {
        PyErr_NoMemory();
        return -1;
    }
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        Py_ssize_t name_len;
        char *buf;
        Py_ssize_t buf_len;
        const char *name = PyUnicode_AsUTF8AndSize(key, &name_len);
        if (!name)
            return -1;
        if (PyBytes_AsStringAndSize(value, &buf, &buf_len) < 0)
            return -1;
        self->names[i] = PyMem_RawMalloc(name_len + 1);
        self->codes[i] = PyMem_RawMalloc(buf_len ? buf_len : 1);
        if (!self->names[i] || !self->codes[i]) {
            PyErr_NoMemory();
            return -1;
        }
        memcpy(self->names[i], name, name_len + 1);
        memcpy(self->codes[i], buf, buf_len);
        self->sizes[i] = (size_t)buf_len;
        i++;
        self->count = i;
    }
    return 0;
}

static int ModuleTable_find(ModuleTableObject *t, const char *name)
{
    for (Py_ssize_t i = 0; t && i < t->count; i++)
        if (strcmp(t->names[i], name) == 0)
            return (int)i;
    return -1;
}

static PyTypeObject ModuleTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "flowgate.codeblock.engine._quickjs.ModuleTable",
    .tp_doc = "Immutable name -> bytecode table shared by every context of a process.",
    .tp_basicsize = sizeof(ModuleTableObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)ModuleTable_init,
    .tp_dealloc = (destructor)ModuleTable_dealloc,
};

/* ------------------------------------------------------------ allocator */

typedef struct {
    size_t used;  /* bytes currently held by this runtime */
    size_t limit; /* 0 = unlimited */
    int oom;      /* the limit was hit at least once */
} FgMem;

static int fg_mem_admit(FgMem *m, size_t more)
{
    if (m->limit && m->used + more > m->limit) {
        m->oom = 1;
        return 0;
    }
    return 1;
}

static void *fg_calloc(void *opaque, size_t count, size_t size)
{
    FgMem *m = opaque;
    if (!fg_mem_admit(m, count * size))
        return NULL;
    void *p = calloc(count, size);
    if (p)
        m->used += malloc_usable_size(p);
    return p;
}

static void *fg_malloc(void *opaque, size_t size)
{
    FgMem *m = opaque;
    if (!fg_mem_admit(m, size))
        return NULL;
    void *p = malloc(size);
    if (p)
        m->used += malloc_usable_size(p);
    return p;
}

static void fg_free(void *opaque, void *ptr)
{
    FgMem *m = opaque;
    if (!ptr)
        return;
    m->used -= malloc_usable_size(ptr);
    free(ptr);
}

static void *fg_realloc(void *opaque, void *ptr, size_t size)
{
    FgMem *m = opaque;
    size_t old = ptr ? malloc_usable_size(ptr) : 0;
    if (size > old && !fg_mem_admit(m, size - old))
        return NULL;
    void *p = realloc(ptr, size);
    if (!p)
        return size ? NULL : p;
    m->used = m->used - old + malloc_usable_size(p);
    return p;
}

static size_t fg_usable_size(const void *ptr)
{
    return malloc_usable_size((void *)ptr);
}

static const JSMallocFunctions fg_malloc_funcs = {
    fg_calloc, fg_malloc, fg_free, fg_realloc, fg_usable_size,
};

/* -------------------------------------------------------------- context */

enum { ST_NEW, ST_RUNNING, ST_SETTLED, ST_FAILED, ST_CLOSED };
enum { STEP_DONE = 0, STEP_WAIT = 1 };

typedef struct {
    PyObject_HEAD
    JSRuntime *rt;
    JSContext *ctx;
    FgMem mem;
    int64_t deadline_ns; /* 0 = no deadline */
    int timed_out;
    int state;
    int busy;
    JSValue harness;   /* the object the bootstrap evaluated to */
    JSValue promise;   /* the user's function result */
    JSValue exception; /* a failure outside the promise (compile, timer) */
    ModuleTableObject *modules;
} ContextObject;

static int fg_interrupt(JSRuntime *rt, void *opaque)
{
    ContextObject *self = opaque;
    if (self->mem.oom)
        return 1;
    if (self->deadline_ns && now_ns() > self->deadline_ns) {
        self->timed_out = 1;
        return 1;
    }
    return 0;
}

/* host.now(): monotonic milliseconds; timers are measured on the same clock
   as the deadline. */
static JSValue host_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    return JS_NewFloat64(ctx, (double)now_ns() / 1e6);
}

/* host.load(name): evaluate a module's precompiled bytecode in this context
   and return its completion value, or undefined when there is no such module. */
static JSValue host_load(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    ContextObject *self = JS_GetContextOpaque(ctx);
    const char *name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return JS_EXCEPTION;
    int i = ModuleTable_find(self->modules, name);
    JS_FreeCString(ctx, name);
    if (i < 0)
        return JS_UNDEFINED;
    JSValue fn = JS_ReadObject(ctx, self->modules->codes[i], self->modules->sizes[i],
                               JS_READ_OBJ_BYTECODE);
    if (JS_IsException(fn))
        return fn;
    return JS_EvalFunction(ctx, fn);
}

/* host.randomFill(u8): fill a Uint8Array from the OS CSPRNG. */
static JSValue host_random_fill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    size_t size;
    uint8_t *buf = JS_GetUint8Array(ctx, &size, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!buf)
        return JS_EXCEPTION;
    size_t done = 0;
    while (done < size) {
        ssize_t n = getrandom(buf + done, size - done, 0);
        if (n < 0)
            return JS_ThrowInternalError(ctx, "getrandom failed");
        done += (size_t)n;
    }
    return JS_UNDEFINED;
}

static JSValue make_host(JSContext *ctx)
{
    JSValue host = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, host, "now", JS_NewCFunction(ctx, host_now, "now", 0));
    JS_SetPropertyStr(ctx, host, "load", JS_NewCFunction(ctx, host_load, "load", 1));
    JS_SetPropertyStr(ctx, host, "randomFill",
                      JS_NewCFunction(ctx, host_random_fill, "randomFill", 1));
    return host;
}

/* Take the pending exception and describe it as "message\nstack" for Python. */
static char *take_exception_text(JSContext *ctx)
{
    JSValue exc = JS_GetException(ctx);
    const char *msg = JS_ToCString(ctx, exc);
    JSValue stack = JS_IsObject(exc) ? JS_GetPropertyStr(ctx, exc, "stack") : JS_UNDEFINED;
    const char *st = JS_IsString(stack) ? JS_ToCString(ctx, stack) : NULL;
    size_t n = (msg ? strlen(msg) : 7) + (st ? strlen(st) : 0) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s\n%s", msg ? msg : "unknown", st ? st : "");
    if (msg)
        JS_FreeCString(ctx, msg);
    if (st)
        JS_FreeCString(ctx, st);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, exc);
    return out;
}

static void context_free_engine(ContextObject *self)
{
    if (!self->rt)
        return;
    JS_FreeValue(self->ctx, self->harness);
    JS_FreeValue(self->ctx, self->promise);
    JS_FreeValue(self->ctx, self->exception);
    self->harness = self->promise = self->exception = JS_UNDEFINED;
    JS_FreeContext(self->ctx);
    JS_FreeRuntime(self->rt);
    self->ctx = NULL;
    self->rt = NULL;
}

/* Create runtime + context and run the bootstrap. Called without the GIL.
   Returns NULL on success or a malloc'ed error text. */
static char *context_boot(ContextObject *self, const uint8_t *boot, size_t boot_len,
                          size_t stack_size)
{
    self->rt = JS_NewRuntime2(&fg_malloc_funcs, &self->mem);
    if (!self->rt)
        return strdup("cannot create runtime");
    JS_SetRuntimeOpaque(self->rt, self);
    JS_SetMaxStackSize(self->rt, stack_size);
    JS_SetInterruptHandler(self->rt, fg_interrupt, self);
    self->ctx = JS_NewContext(self->rt);
    if (!self->ctx)
        return strdup("cannot create context");
    JS_SetContextOpaque(self->ctx, self);
    JSValue global = JS_GetGlobalObject(self->ctx);
    JS_SetPropertyStr(self->ctx, global, "__flowgate_host__", make_host(self->ctx));
    JS_FreeValue(self->ctx, global);
    JSValue fn = JS_ReadObject(self->ctx, boot, boot_len, JS_READ_OBJ_BYTECODE);
    if (JS_IsException(fn))
        return take_exception_text(self->ctx);
    JSValue harness = JS_EvalFunction(self->ctx, fn);
    if (JS_IsException(harness))
        return take_exception_text(self->ctx);
    if (!JS_IsObject(harness)) {
        JS_FreeValue(self->ctx, harness);
        return strdup("bootstrap did not evaluate to the harness object");
    }
    self->harness = harness;
    return NULL;
}

static int Context_init(ContextObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"bootstrap", "modules", "stack_size", NULL};
    Py_buffer boot;
    PyObject *modules;
    Py_ssize_t stack_size = 1024 * 1024;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*O!|n", kwlist, &boot, &ModuleTableType,
                                     &modules, &stack_size))
        return -1;
    if (self->rt || self->state != ST_NEW) {
        PyBuffer_Release(&boot);
        PyErr_SetString(PyExc_RuntimeError, "Context already initialised");
        return -1;
    }
    Py_INCREF(modules);
    self->modules = (ModuleTableObject *)modules;
    char *err;
    Py_BEGIN_ALLOW_THREADS
    err = context_boot(self, boot.buf, (size_t)boot.len, (size_t)stack_size);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&boot);
    if (err) {
        PyErr_Format(EngineError, "bootstrap failed: %s", err);
        free(err);
        return -1;
    }
    return 0;
}

static PyObject *Context_new(PyTypeObject *type, PyObject *args, PyObject *kw)
{
    ContextObject *self = (ContextObject *)type->tp_alloc(type, 0);
    if (!self)
        return NULL;
    self->harness = self->promise = self->exception = JS_UNDEFINED;
    self->state = ST_NEW;
    return (PyObject *)self;
}

static void Context_dealloc(ContextObject *self)
{
    if (self->rt) {
        Py_BEGIN_ALLOW_THREADS
        context_free_engine(self);
        Py_END_ALLOW_THREADS
    }
    Py_XDECREF(self->modules);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int context_acquire(ContextObject *self)
{
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "Context is in use by another thread");
        return -1;
    }
    if (!self->rt) {
        PyErr_SetString(PyExc_RuntimeError, "Context is closed");
        return -1;
    }
    self->busy = 1;
    return 0;
}

static JSValue harness_call(ContextObject *self, const char *method, int argc, JSValueConst *argv)
{
    JSValue fn = JS_GetPropertyStr(self->ctx, self->harness, method);
    JSValue r = JS_Call(self->ctx, fn, self->harness, argc, argv);
    JS_FreeValue(self->ctx, fn);
    return r;
}

static void record_exception(ContextObject *self)
{
    JS_FreeValue(self->ctx, self->exception);
    self->exception = JS_GetException(self->ctx);
    self->state = ST_FAILED;
}

/* Compile the user's code as the body of an async function and start it. */
static void context_start(ContextObject *self, const char *code, size_t code_len,
                          const char *input, size_t input_len, const char *opts, size_t opts_len)
{
    static const char head[] = "(async function (input) {\n";
    static const char tail[] = "\n})";
    JSContext *ctx = self->ctx;
    size_t n = sizeof(head) - 1 + code_len + sizeof(tail) - 1;
    char *src = malloc(n + 1);
    self->state = ST_RUNNING;
    if (!src) {
        JS_ThrowOutOfMemory(ctx);
        record_exception(self);
        return;
    }
    memcpy(src, head, sizeof(head) - 1);
    memcpy(src + sizeof(head) - 1, code, code_len);
    memcpy(src + sizeof(head) - 1 + code_len, tail, sizeof(tail));
    JSValue fn = JS_Eval(ctx, src, n, "code.js", JS_EVAL_TYPE_GLOBAL);
    free(src);
    if (JS_IsException(fn)) {
        record_exception(self);
        return;
    }
    JSValue argv[3] = {fn, JS_NewStringLen(ctx, input, input_len),
                       JS_NewStringLen(ctx, opts, opts_len)};
    JSValue p = harness_call(self, "start", 3, argv);
    for (int i = 0; i < 3; i++)
        JS_FreeValue(ctx, argv[i]);
    if (JS_IsException(p)) {
        record_exception(self);
        return;
    }
    self->promise = p;
}

static PyObject *Context_start(ContextObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"code", "input_json", "options_json", "deadline", "memory_limit", NULL};
    const char *code, *input, *opts;
    Py_ssize_t code_len, input_len, opts_len, memory_limit;
    double deadline;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s#s#s#dn", kwlist, &code, &code_len, &input,
                                     &input_len, &opts, &opts_len, &deadline, &memory_limit))
        return NULL;
    if (self->state != ST_NEW) {
        PyErr_SetString(PyExc_RuntimeError, "a Context runs exactly one execution");
        return NULL;
    }
    if (context_acquire(self) < 0)
        return NULL;
    self->deadline_ns = (int64_t)(deadline * 1e9);
    self->mem.limit = memory_limit > 0 ? self->mem.used + (size_t)memory_limit : 0;
    Py_BEGIN_ALLOW_THREADS
    JS_UpdateStackTop(self->rt);
    context_start(self, code, (size_t)code_len, input, (size_t)input_len, opts, (size_t)opts_len);
    Py_END_ALLOW_THREADS
    self->busy = 0;
    Py_RETURN_NONE;
}

static int interrupted(ContextObject *self)
{
    return self->timed_out || self->mem.oom;
}

/* Run microtasks and due timers until the promise settles or only future
   timers remain. Returns STEP_DONE or STEP_WAIT (with *wake_ms set). */
static int context_step(ContextObject *self, double *wake_ms)
{
    JSContext *ctx = self->ctx, *job_ctx;
    for (;;) {
        if (self->state == ST_FAILED || interrupted(self))
            return STEP_DONE;
        while (JS_IsJobPending(self->rt)) {
            if (JS_ExecutePendingJob(self->rt, &job_ctx) < 0) {
                record_exception(self);
                return STEP_DONE;
            }
        }
        if (interrupted(self))
            return STEP_DONE;
        if (JS_PromiseState(ctx, self->promise) != JS_PROMISE_PENDING) {
            self->state = ST_SETTLED;
            return STEP_DONE;
        }
        if (self->deadline_ns && now_ns() > self->deadline_ns) {
            self->timed_out = 1;
            return STEP_DONE;
        }
        JSValue now = JS_NewFloat64(ctx, (double)now_ns() / 1e6);
        JSValue next = harness_call(self, "tick", 1, &now);
        if (JS_IsException(next)) {
            record_exception(self);
            return STEP_DONE;
        }
        double next_ms = -1;
        JS_ToFloat64(ctx, &next_ms, next);
        JS_FreeValue(ctx, next);
        if (JS_IsJobPending(self->rt))
            continue;
        if (next_ms < 0) /* nothing left that could settle the promise */
            return STEP_DONE;
        if (next_ms <= (double)now_ns() / 1e6)
            continue;
        *wake_ms = next_ms;
        return STEP_WAIT;
    }
}

static PyObject *Context_step(ContextObject *self, PyObject *noargs)
{
    double wake_ms = 0;
    int r;
    if (self->state != ST_RUNNING && self->state != ST_FAILED && self->state != ST_SETTLED) {
        PyErr_SetString(PyExc_RuntimeError, "step() before start()");
        return NULL;
    }
    if (context_acquire(self) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    JS_UpdateStackTop(self->rt);
    r = context_step(self, &wake_ms);
    Py_END_ALLOW_THREADS
    self->busy = 0;
    if (r == STEP_WAIT)
        return PyFloat_FromDouble(wake_ms / 1e3);
    Py_RETURN_NONE;
}

/* Convert the harness's [kind, payload, console] array of strings/null to
   malloc'ed C strings, so Python objects are built after the GIL is back. */
typedef struct {
    char *part[3];
    size_t len[3];
} Outcome;

static void outcome_fill(JSContext *ctx, JSValueConst arr, Outcome *o)
{
    for (int i = 0; i < 3; i++) {
        JSValue v = JS_GetPropertyUint32(ctx, arr, (uint32_t)i);
        if (JS_IsString(v)) {
            size_t len;
            const char *s = JS_ToCStringLen(ctx, &len, v);
            if (s) {
                o->part[i] = malloc(len + 1);
                if (o->part[i]) {
                    memcpy(o->part[i], s, len + 1);
                    o->len[i] = len;
                }
                JS_FreeCString(ctx, s);
            }
        }
        JS_FreeValue(ctx, v);
    }
}

static void set_text(Outcome *o, int i, const char *s)
{
    o->part[i] = strdup(s);
    o->len[i] = strlen(s);
}

static void context_finish(ContextObject *self, Outcome *o)
{
    JSContext *ctx = self->ctx;
    const char *kind;
    JSValue value = JS_UNDEFINED;
    if (self->timed_out)
        kind = "timeout";
    else if (self->mem.oom)
        kind = "memory";
    else if (self->state == ST_FAILED) {
        kind = "throw";
        value = JS_DupValue(ctx, self->exception);
    } else if (self->state == ST_SETTLED) {
        int st = JS_PromiseState(ctx, self->promise);
        kind = st == JS_PROMISE_FULFILLED ? "return" : "throw";
        value = JS_PromiseResult(ctx, self->promise);
    } else
        kind = "stuck";
    /* Give the harness room to describe the outcome even after a limit hit. */
    self->timed_out = 0;
    self->mem.oom = 0;
    self->mem.limit = 0;
    self->deadline_ns = now_ns() + 200 * 1000000LL;
    JSValue argv[2] = {JS_NewString(ctx, kind), value};
    JSValue r = harness_call(self, "finish", 2, argv);
    JS_FreeValue(ctx, argv[0]);
    JS_FreeValue(ctx, argv[1]);
    if (JS_IsException(r)) {
        char *text = take_exception_text(ctx);
        set_text(o, 0, "internal");
        o->part[1] = text;
        o->len[1] = text ? strlen(text) : 0;
    } else
        outcome_fill(ctx, r, o);
    JS_FreeValue(ctx, r);
    if (!o->part[0]) {
        set_text(o, 0, kind);
    }
}

static PyObject *Context_finish(ContextObject *self, PyObject *noargs)
{
    Outcome o = {{NULL, NULL, NULL}, {0, 0, 0}};
    if (self->state == ST_NEW) {
        PyErr_SetString(PyExc_RuntimeError, "finish() before start()");
        return NULL;
    }
    if (context_acquire(self) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    JS_UpdateStackTop(self->rt);
    context_finish(self, &o);
    Py_END_ALLOW_THREADS
    self->busy = 0;
    PyObject *t = PyTuple_New(3);
    for (int i = 0; t && i < 3; i++) {
        PyObject *item;
        if (o.part[i]) {
            item = PyUnicode_DecodeUTF8(o.part[i], (Py_ssize_t)o.len[i], "surrogatepass");
            if (!item) {
                PyErr_Clear();
                item = PyUnicode_DecodeUTF8(o.part[i], (Py_ssize_t)o.len[i], "replace");
            }
        } else {
            item = Py_NewRef(Py_None);
        }
        PyTuple_SET_ITEM(t, i, item);
    }
    for (int i = 0; i < 3; i++)
        free(o.part[i]);
    return t;
}

static PyObject *Context_close(ContextObject *self, PyObject *noargs)
{
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "Context is in use by another thread");
        return NULL;
    }
    if (self->rt) {
        self->busy = 1;
        Py_BEGIN_ALLOW_THREADS
        context_free_engine(self);
        Py_END_ALLOW_THREADS
        self->busy = 0;
    }
    self->state = ST_CLOSED;
    Py_RETURN_NONE;
}

static PyObject *Context_memory_used(ContextObject *self, void *closure)
{
    return PyLong_FromSize_t(self->mem.used);
}

static PyMethodDef Context_methods[] = {
    {"start", (PyCFunction)(void (*)(void))Context_start, METH_VARARGS | METH_KEYWORDS,
     "start(code, input_json, options_json, deadline, memory_limit): compile and start."},
    {"step", (PyCFunction)Context_step, METH_NOARGS,
     "Run until settled (None) or until only timers remain (monotonic wake time)."},
    {"finish", (PyCFunction)Context_finish, METH_NOARGS,
     "Return (kind, payload, console_json) as described by the harness."},
    {"close", (PyCFunction)Context_close, METH_NOARGS, "Free the engine (idempotent)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Context_getset[] = {
    {"memory_used", (getter)Context_memory_used, NULL, "bytes held by this runtime", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject ContextType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "flowgate.codeblock.engine._quickjs.Context",
    .tp_doc = "One QuickJS runtime+context running exactly one execution.",
    .tp_basicsize = sizeof(ContextObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = Context_new,
    .tp_init = (initproc)Context_init,
    .tp_dealloc = (destructor)Context_dealloc,
    .tp_methods = Context_methods,
    .tp_getset = Context_getset,
};

/* ------------------------------------------------------------- compile */

static PyObject *compile_script(PyObject *mod, PyObject *args)
{
    const char *src, *filename;
    Py_ssize_t src_len;
    if (!PyArg_ParseTuple(args, "s#s", &src, &src_len, &filename))
        return NULL;
    uint8_t *buf = NULL;
    size_t buf_len = 0;
    char *err = NULL;
    Py_BEGIN_ALLOW_THREADS
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = rt ? JS_NewContext(rt) : NULL;
    if (!ctx) {
        err = strdup("cannot create compiler context");
    } else {
        JSValue fn = JS_Eval(ctx, src, (size_t)src_len, filename,
                             JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
        if (JS_IsException(fn)) {
            err = take_exception_text(ctx);
        } else {
            uint8_t *out = JS_WriteObject(ctx, &buf_len, fn, JS_WRITE_OBJ_BYTECODE);
            if (out) {
                buf = malloc(buf_len);
                if (buf)
                    memcpy(buf, out, buf_len);
                js_free(ctx, out);
            }
            JS_FreeValue(ctx, fn);
        }
    }
    if (ctx)
        JS_FreeContext(ctx);
    if (rt)
        JS_FreeRuntime(rt);
    Py_END_ALLOW_THREADS
    if (err) {
        PyErr_Format(EngineError, "%s: %s", filename, err);
        free(err);
        return NULL;
    }
    if (!buf)
        return PyErr_NoMemory();
    PyObject *r = PyBytes_FromStringAndSize((const char *)buf, (Py_ssize_t)buf_len);
    free(buf);
    return r;
}

static PyObject *engine_version(PyObject *mod, PyObject *noargs)
{
    return PyUnicode_FromString(JS_GetVersion());
}

static PyMethodDef module_methods[] = {
    {"compile_script", compile_script, METH_VARARGS,
     "compile_script(source, filename) -> bytecode of a global script."},
    {"engine_version", engine_version, METH_NOARGS, "quickjs-ng version string."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "_quickjs", "Flowgate's thin quickjs-ng binding.", -1, module_methods,
};

PyMODINIT_FUNC PyInit__quickjs(void)
{
    if (PyType_Ready(&ContextType) < 0 || PyType_Ready(&ModuleTableType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&moduledef);
    if (!m)
        return NULL;
    EngineError = PyErr_NewException("flowgate.codeblock.engine._quickjs.EngineError",
                                     PyExc_RuntimeError, NULL);
    if (PyModule_AddObjectRef(m, "EngineError", EngineError) < 0 ||
        PyModule_AddObjectRef(m, "Context", (PyObject *)&ContextType) < 0 ||
        PyModule_AddObjectRef(m, "ModuleTable", (PyObject *)&ModuleTableType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
