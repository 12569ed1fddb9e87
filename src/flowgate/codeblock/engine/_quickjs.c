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
#include <pthread.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "quickjs.h"
#include "bridge.h"
#include "preload.h"

/* ---------------------------------------------------------------- utils */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static PyObject *EngineError; /* flowgate.codeblock.engine._quickjs.EngineError */

/* ------------------------------------------------------- module table */

/* Runtime modules by name, shared by every context of a process (read by
   several engine threads and the pool's warmer at once, without the GIL).
   A module is given either as bytecode, or as source text that is compiled
   to bytecode on the first host.load of it in the process: hundreds of
   bundled npm files (most never used by a given workload) would otherwise
   all be compiled at start-up, ~0.15 ms per KB. Exactly one thread compiles
   a lazy module (under the module's mutex); the bytecode pointer is then
   published with release/acquire, so later loads take no lock. A compile
   failure is remembered: every load of that module throws the same error. */
typedef struct {
    char *name;
    uint8_t *code;        /* bytecode; for a lazy module NULL until compiled (atomic) */
    size_t size;          /* written before `code` is published */
    char *source;         /* UTF-8 source of a lazy module, freed once compiled */
    size_t source_len;
    char *error;          /* the remembered compile failure (under `lock`) */
    int error_syntax;     /* it was a SyntaxError (else InternalError) */
    pthread_mutex_t *lock; /* lazy modules only */
} FgModule;

typedef struct {
    PyObject_HEAD
    Py_ssize_t count;
    FgModule *mods;       /* sorted by name (strcmp order): binary search */
    long long lazy;       /* modules given as source */
    long long compiled;   /* lazy modules compiled so far (atomic) */
    long long failed;     /* lazy modules whose compile failed (atomic) */
    int64_t compile_ns;   /* time spent compiling lazy modules (atomic) */
} ModuleTableObject;

static void module_free(FgModule *m)
{
    free(m->name);
    free(m->code);
    free(m->source);
    free(m->error);
    if (m->lock) {
        pthread_mutex_destroy(m->lock);
        free(m->lock);
    }
}

static void ModuleTable_dealloc(ModuleTableObject *self)
{
    for (Py_ssize_t i = 0; i < self->count; i++)
        module_free(&self->mods[i]);
    free(self->mods);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int module_cmp(const void *a, const void *b)
{
    return strcmp(((const FgModule *)a)->name, ((const FgModule *)b)->name);
}

static char *dup_mem(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

static int module_fill(FgModule *m, PyObject *key, PyObject *value)
{
    Py_ssize_t name_len, len;
    const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8AndSize(key, &name_len) : NULL;
    if (!name) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "module names must be str");
        return -1;
    }
    if (!(m->name = dup_mem(name, (size_t)name_len)))
        return PyErr_NoMemory(), -1;
    if (PyBytes_Check(value)) {
        char *buf;
        if (PyBytes_AsStringAndSize(value, &buf, &len) < 0)
            return -1;
        if (!(m->code = (uint8_t *)dup_mem(buf, (size_t)len)))
            return PyErr_NoMemory(), -1;
        m->size = (size_t)len;
        return 0;
    }
    if (PyUnicode_Check(value)) {
        const char *src = PyUnicode_AsUTF8AndSize(value, &len);
        if (!src)
            return -1;
        m->source = dup_mem(src, (size_t)len);
        m->source_len = (size_t)len;
        m->lock = malloc(sizeof(pthread_mutex_t));
        if (!m->source || !m->lock)
            return PyErr_NoMemory(), -1;
        pthread_mutex_init(m->lock, NULL);
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "module '%s': expected bytes (bytecode) or str (source), got %s",
                 m->name, Py_TYPE(value)->tp_name);
    return -1;
}

static int ModuleTable_init(ModuleTableObject *self, PyObject *args, PyObject *kw)
{
    PyObject *mapping, *key, *value;
    Py_ssize_t pos = 0;
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &mapping))
        return -1;
    if (self->mods) {
        PyErr_SetString(PyExc_RuntimeError, "ModuleTable is immutable");
        return -1;
    }
    Py_ssize_t n = PyDict_Size(mapping);
    self->mods = calloc(n ? (size_t)n : 1, sizeof(FgModule));
    if (!self->mods) {
        PyErr_NoMemory();
        return -1;
    }
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        FgModule *m = &self->mods[self->count++]; /* counted first: dealloc frees a partial one */
        int r = module_fill(m, key, value);
        if (r < 0)
            return -1;
        self->lazy += r;
    }
    qsort(self->mods, (size_t)self->count, sizeof(FgModule), module_cmp);
    return 0;
}

static FgModule *ModuleTable_find(ModuleTableObject *t, const char *name)
{
    Py_ssize_t lo = 0, hi = t ? t->count : 0;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->mods[mid].name, name);
        if (c == 0)
            return &t->mods[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int fg_compile(const char *src, size_t src_len, const char *filename, int strip,
                      uint8_t **out, size_t *out_len, char **err, int *err_syntax);

/* The module's bytecode, compiling it first if it is lazy and nobody has yet.
   NULL (compile failed, *err_syntax and the remembered text in *err, owned by
   the table) when it cannot be compiled. Never called with the GIL. */
static const uint8_t *module_code(ModuleTableObject *t, FgModule *m, size_t *size,
                                  const char **err, int *err_syntax)
{
    uint8_t *code = __atomic_load_n(&m->code, __ATOMIC_ACQUIRE);
    if (code) {
        *size = m->size;
        return code;
    }
    pthread_mutex_lock(m->lock);
    code = m->code; /* another thread may have compiled it while this one waited */
    if (!code && !m->error) {
        size_t filename_len = strlen(m->name) + 4;
        char *filename = malloc(filename_len);
        uint8_t *buf = NULL;
        size_t buf_len = 0;
        char *text = NULL;
        int syntax = 0;
        int64_t t0 = now_ns();
        if (filename) {
            snprintf(filename, filename_len, "%s.js", m->name);
            /* Generated npm bundles (vendor/) lose positions in their own stack
               frames, and every execution that loads one reads ~15 % less. */
            int strip = strncmp(m->name, "vendor/", 7) == 0;
            fg_compile(m->source, m->source_len, filename, strip, &buf, &buf_len, &text, &syntax);
            free(filename);
        } else {
            text = strdup("out of memory");
        }
        __atomic_fetch_add(&t->compile_ns, now_ns() - t0, __ATOMIC_RELAXED);
        if (buf) {
            free(m->source);
            m->source = NULL;
            m->size = buf_len;
            __atomic_store_n(&m->code, buf, __ATOMIC_RELEASE);
            __atomic_fetch_add(&t->compiled, 1, __ATOMIC_RELAXED);
            code = buf;
        } else {
            m->error = text ? text : strdup("cannot compile");
            m->error_syntax = syntax;
            __atomic_fetch_add(&t->failed, 1, __ATOMIC_RELAXED);
        }
    }
    pthread_mutex_unlock(m->lock);
    *size = m->size;
    *err = m->error;
    *err_syntax = m->error_syntax;
    return code;
}

static PyObject *ModuleTable_stats(ModuleTableObject *self, PyObject *noargs)
{
    return Py_BuildValue(
        "{s:n,s:L,s:L,s:L,s:d}", "modules", self->count, "lazy", self->lazy, "compiled",
        __atomic_load_n(&self->compiled, __ATOMIC_RELAXED), "failed",
        __atomic_load_n(&self->failed, __ATOMIC_RELAXED), "compile_ms",
        (double)__atomic_load_n(&self->compile_ns, __ATOMIC_RELAXED) / 1e6);
}

static PyObject *ModuleTable_state(ModuleTableObject *self, PyObject *name)
{
    const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (!s) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "module name must be str");
        return NULL;
    }
    FgModule *m = ModuleTable_find(self, s);
    if (!m)
        Py_RETURN_NONE;
    if (!m->lock)
        return PyUnicode_FromString("bytecode");
    pthread_mutex_lock(m->lock);
    const char *st = m->code ? "compiled" : m->error ? "failed" : "source";
    pthread_mutex_unlock(m->lock);
    return PyUnicode_FromString(st);
}

static PyMethodDef ModuleTable_methods[] = {
    {"stats", (PyCFunction)ModuleTable_stats, METH_NOARGS,
     "Counters: modules, lazy (given as source), compiled and failed lazy compiles, compile_ms."},
    {"state", (PyCFunction)ModuleTable_state, METH_O,
     "state(name) -> 'bytecode' | 'source' (lazy, not compiled yet) | 'compiled' | 'failed' | None."},
    {NULL, NULL, 0, NULL},
};

static Py_ssize_t ModuleTable_len(ModuleTableObject *self)
{
    return self->count;
}

static PySequenceMethods ModuleTable_as_sequence = {
    .sq_length = (lenfunc)ModuleTable_len,
};

static PyTypeObject ModuleTableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "flowgate.codeblock.engine._quickjs.ModuleTable",
    .tp_doc = "Immutable name -> bytecode (or source, compiled on first load) table shared by "
              "every context of a process.",
    .tp_basicsize = sizeof(ModuleTableObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)ModuleTable_init,
    .tp_dealloc = (destructor)ModuleTable_dealloc,
    .tp_methods = ModuleTable_methods,
    .tp_as_sequence = &ModuleTable_as_sequence,
};

/* ------------------------------------------------------------ allocator */

/* Every block a runtime allocates is linked into its own list, so that
   (1) the memory limit counts exactly this runtime's bytes, and
   (2) a spent runtime is discarded by freeing its blocks, without the
       object-by-object teardown and cycle collection of JS_FreeRuntime:
       a runtime owns nothing outside its own memory (no files, no threads). */
typedef struct FgBlock {
    struct FgBlock *prev, *next;
} FgBlock; /* 16 bytes: keeps the user pointer 16-byte aligned */

typedef struct {
    FgBlock head;  /* sentinel of the circular block list */
    size_t used;   /* bytes currently held by this runtime */
    size_t limit;  /* 0 = unlimited */
    int oom;       /* the limit was hit at least once */
} FgMem;

#define FG_HDR sizeof(FgBlock)

static void fg_mem_init(FgMem *m)
{
    m->head.prev = m->head.next = &m->head;
}

static int fg_mem_admit(FgMem *m, size_t more)
{
    if (m->limit && m->used + more > m->limit) {
        m->oom = 1;
        return 0;
    }
    return 1;
}

static void *fg_link(FgMem *m, FgBlock *b)
{
    b->next = m->head.next;
    b->prev = &m->head;
    m->head.next->prev = b;
    m->head.next = b;
    m->used += malloc_usable_size(b);
    return (char *)b + FG_HDR;
}

static FgBlock *fg_block(const void *ptr)
{
    return (FgBlock *)((char *)ptr - FG_HDR);
}

static void *fg_malloc(void *opaque, size_t size)
{
    FgMem *m = opaque;
    if (!fg_mem_admit(m, size))
        return NULL;
    FgBlock *b = malloc(size + FG_HDR);
    return b ? fg_link(m, b) : NULL;
}

static void *fg_calloc(void *opaque, size_t count, size_t size)
{
    FgMem *m = opaque;
    if (size && count > (SIZE_MAX - FG_HDR) / size)
        return NULL;
    if (!fg_mem_admit(m, count * size))
        return NULL;
    FgBlock *b = calloc(1, count * size + FG_HDR);
    return b ? fg_link(m, b) : NULL;
}

static void fg_free(void *opaque, void *ptr)
{
    FgMem *m = opaque;
    if (!ptr)
        return;
    FgBlock *b = fg_block(ptr);
    b->prev->next = b->next;
    b->next->prev = b->prev;
    m->used -= malloc_usable_size(b);
    free(b);
}

static void *fg_realloc(void *opaque, void *ptr, size_t size)
{
    FgMem *m = opaque;
    if (!ptr)
        return fg_malloc(opaque, size);
    if (size == 0) {
        fg_free(opaque, ptr);
        return NULL;
    }
    FgBlock *old = fg_block(ptr);
    size_t old_size = malloc_usable_size(old);
    if (size + FG_HDR > old_size && !fg_mem_admit(m, size + FG_HDR - old_size))
        return NULL;
    FgBlock *b = realloc(old, size + FG_HDR);
    if (!b)
        return NULL;
    b->prev->next = b; /* the links moved with the block */
    b->next->prev = b;
    m->used = m->used - old_size + malloc_usable_size(b);
    return (char *)b + FG_HDR;
}

static size_t fg_usable_size(const void *ptr)
{
    return ptr ? malloc_usable_size(fg_block(ptr)) - FG_HDR : 0;
}

/* Free every block of a runtime at once (the runtime must never be used again). */
static void fg_mem_release_all(FgMem *m)
{
    FgBlock *b = m->head.next;
    while (b != &m->head) {
        FgBlock *next = b->next;
        free(b);
        b = next;
    }
    fg_mem_init(m);
    m->used = 0;
}

static const JSMallocFunctions fg_malloc_funcs = {
    fg_calloc, fg_malloc, fg_free, fg_realloc, fg_usable_size,
};

/* --------------------------------------------------------------- engine */

enum { ST_NEW, ST_RUNNING, ST_SETTLED, ST_FAILED };
enum { STEP_DONE = 0, STEP_WAIT = 1 };

/* One runtime + context, before and during its single execution. Plain C:
   created and freed by the pool's warmer thread without the GIL. */
typedef struct FgEngine {
    JSRuntime *rt;
    JSContext *ctx;
    FgMem mem;
    int64_t deadline_ns; /* 0 = no deadline */
    int timed_out;
    int state;
    JSValue harness;   /* the object the bootstrap evaluated to */
    JSValue promise;   /* the user's function result */
    JSValue exception; /* a failure outside the promise (compile, timer) */
    ModuleTableObject *modules; /* borrowed: the pool or context keeps it alive */
    JSValue lazy_holder[8];     /* installed lazy intrinsic groups (see fg_lazy) */
    FgBridge bridge;            /* host.call: set by the executor for each job */
} FgEngine;

static int fg_interrupt(JSRuntime *rt, void *opaque)
{
    FgEngine *e = opaque;
    if (e->mem.oom)
        return 1;
    if (e->deadline_ns && now_ns() > e->deadline_ns) {
        e->timed_out = 1;
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

/* The module named by argv[0] in this context's table (*out = NULL when there is
   none); -1 with a pending exception when the name is not a string. */
static int module_arg(JSContext *ctx, int argc, JSValueConst *argv, FgModule **out)
{
    FgEngine *e = JS_GetContextOpaque(ctx);
    const char *name = JS_ToCString(ctx, argc > 0 ? argv[0] : JS_UNDEFINED);
    if (!name)
        return -1;
    *out = ModuleTable_find(e->modules, name);
    JS_FreeCString(ctx, name);
    return 0;
}

/* host.load(name): evaluate a module's bytecode in this context (compiling a
   lazy module first, once per process) and return its completion value, or
   undefined when there is no such module. A module that does not compile
   throws its SyntaxError on every load. */
static JSValue host_load(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    FgEngine *e = JS_GetContextOpaque(ctx);
    FgModule *m;
    if (module_arg(ctx, argc, argv, &m) < 0)
        return JS_EXCEPTION;
    if (!m)
        return JS_UNDEFINED;
    size_t size = 0;
    const char *err = NULL;
    int syntax = 0;
    const uint8_t *code = module_code(e->modules, m, &size, &err, &syntax);
    if (!code) {
        const char *why = err ? err : "unknown error";
        return syntax ? JS_ThrowSyntaxError(ctx, "runtime module '%s' does not compile: %s",
                                            m->name, why)
                      : JS_ThrowInternalError(ctx, "runtime module '%s' does not compile: %s",
                                              m->name, why);
    }
    JSValue fn = JS_ReadObject(ctx, code, size, JS_READ_OBJ_BYTECODE);
    if (JS_IsException(fn))
        return fn;
    return JS_EvalFunction(ctx, fn);
}

/* host.has(name): whether the module table holds that module (without loading or
   compiling it):
   require() of a package subpath ('dayjs/plugin/utc') tells "no such file" apart
   from a module that exists but throws. */
static JSValue host_has(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    FgModule *m;
    if (module_arg(ctx, argc, argv, &m) < 0)
        return JS_EXCEPTION;
    return JS_NewBool(ctx, m != NULL);
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

/* host.promiseState(p): [0 pending | 1 fulfilled | 2 rejected, result] or
   undefined for a non-promise, so console output can show a promise's state. */
static JSValue host_promise_state(JSContext *ctx, JSValueConst this_val, int argc,
                                  JSValueConst *argv)
{
    JSValueConst p = argc > 0 ? argv[0] : JS_UNDEFINED;
    JSPromiseStateEnum st = JS_PromiseState(ctx, p);
    if ((int)st < 0)
        return JS_UNDEFINED;
    JSValue arr = JS_NewArray(ctx);
    JS_SetPropertyUint32(ctx, arr, 0, JS_NewInt32(ctx, (int)st));
    JS_SetPropertyUint32(ctx, arr, 1, st == JS_PROMISE_PENDING ? JS_UNDEFINED
                                                              : JS_PromiseResult(ctx, p));
    return arr;
}

/* host.call(op, ...args): a host operation in Python (bridge.c). */
static JSValue host_call(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv)
{
    FgEngine *e = JS_GetContextOpaque(ctx);
    return fg_bridge_call(ctx, &e->bridge, argc, argv);
}

static JSValue make_host(JSContext *ctx)
{
    JSValue host = JS_NewObject(ctx);
    JS_SetPropertyStr(ctx, host, "now", JS_NewCFunction(ctx, host_now, "now", 0));
    JS_SetPropertyStr(ctx, host, "load", JS_NewCFunction(ctx, host_load, "load", 1));
    JS_SetPropertyStr(ctx, host, "has", JS_NewCFunction(ctx, host_has, "has", 1));
    JS_SetPropertyStr(ctx, host, "randomFill",
                      JS_NewCFunction(ctx, host_random_fill, "randomFill", 1));
    JS_SetPropertyStr(ctx, host, "call", JS_NewCFunction(ctx, host_call, "call", 1));
    JS_SetPropertyStr(ctx, host, "promiseState",
                      JS_NewCFunction(ctx, host_promise_state, "promiseState", 1));
    return host;
}

/* Take the pending exception and describe it as "message\nstack". */
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

static void engine_free(FgEngine *e)
{
    if (!e)
        return;
    /* No JS_FreeContext / JS_FreeRuntime: dropping the runtime's memory
       wholesale is equivalent and skips the teardown walk. */
    fg_mem_release_all(&e->mem);
    free(e);
}


/* ------------------------------------------------------- lazy globals */

/* Building every intrinsic is most of a context's cost, and most globals are
   never touched by a given script. So globals are defined as lazy properties
   (a quickjs-ng auto-init property, exposed by our patch): the value is
   computed on first access, with no function object per global, and the
   global then is an ordinary data property, as in Node.
   - Intrinsic groups few scripts use are installed on first use of one of
     their names, into a holder object (JS_FlowgateInstallInto) from which
     each name is then read. Only the group's own constructors create objects
     of its classes (atob/btoa are the only throwers of DOMException).
   - Globals implemented in JavaScript (console, URL, timers, ...) are
     resolved by the bootstrap harness's `resolve(name)`. */
enum { LAZY_INTRINSIC = 1, LAZY_HARNESS = 2 };

static int fg_add_weakref(JSContext *ctx)
{
    return JS_AddIntrinsicWeakRef(ctx);
}

/* Node's Date#toLocaleString / toLocaleDateString / toLocaleTimeString honour
   `locales` and `options` (timeZone, hour12, dateStyle, ...: ICU); quickjs-ng's
   ignore both and print another pattern. So the Date group, when installed, gets
   methods that call the harness's dateLocale(which, date, locales, options), which
   formats with web/intl (en-US patterns, time zones from the tz database). */
/* Calls the harness method (dateLocale or numberLocale) with (which, receiver,
   locales, options): the JavaScript side formats and checks the receiver. */
static JSValue fg_harness_locale(JSContext *ctx, const char *method, JSValueConst this_val,
                                 int argc, JSValueConst *argv, int magic)
{
    FgEngine *e = JS_GetContextOpaque(ctx);
    JSValue fn = JS_GetPropertyStr(ctx, e->harness, method);
    JSValue args[4] = {JS_NewInt32(ctx, magic), JS_DupValue(ctx, this_val),
                       argc > 0 ? JS_DupValue(ctx, argv[0]) : JS_UNDEFINED,
                       argc > 1 ? JS_DupValue(ctx, argv[1]) : JS_UNDEFINED};
    JSValue r = JS_Call(ctx, fn, e->harness, 4, args);
    for (int i = 0; i < 4; i++)
        JS_FreeValue(ctx, args[i]);
    JS_FreeValue(ctx, fn);
    return r;
}

static JSValue fg_date_locale(JSContext *ctx, JSValueConst this_val, int argc,
                              JSValueConst *argv, int magic)
{
    return fg_harness_locale(ctx, "dateLocale", this_val, argc, argv, magic);
}

static int fg_add_date(JSContext *ctx)
{
    static const char *const names[3] = {"toLocaleString", "toLocaleDateString",
                                         "toLocaleTimeString"};
    if (JS_AddIntrinsicDate(ctx) < 0)
        return -1;
    /* Installed into the group's holder, which is the global object meanwhile. */
    JSValue holder = JS_GetGlobalObject(ctx);
    JSValue date = JS_GetPropertyStr(ctx, holder, "Date");
    JSValue proto = JS_GetPropertyStr(ctx, date, "prototype");
    int r = JS_IsObject(proto) ? 0 : -1;
    for (int i = 0; r == 0 && i < 3; i++) {
        JSValue f = JS_NewCFunctionMagic(ctx, fg_date_locale, names[i], 0,
                                         JS_CFUNC_generic_magic, i);
        if (JS_DefinePropertyValueStr(ctx, proto, names[i], f,
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            r = -1;
    }
    JS_FreeValue(ctx, proto);
    JS_FreeValue(ctx, date);
    JS_FreeValue(ctx, holder);
    return r;
}

static const struct {
    int (*install)(JSContext *);
    const char *names[17];
    unsigned enumerable; /* bit i: names[i] is enumerable on the global, as in Node */
} lazy_groups[] = {
    {fg_add_date, {"Date", NULL}, 0},
    {JS_AddIntrinsicTypedArrays,
     {"ArrayBuffer", "SharedArrayBuffer", "Atomics", "DataView", "Int8Array", "Uint8Array",
      "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
      "BigInt64Array", "BigUint64Array", "Float16Array", "Float32Array", "Float64Array", NULL}, 0},
    {fg_add_weakref, {"WeakRef", "FinalizationRegistry", NULL}, 0},
    {JS_AddIntrinsicAToB, {"DOMException", "atob", "btoa", NULL}, 6},
    {JS_AddIntrinsicMapSet, {"Map", "Set", "WeakMap", "WeakSet", NULL}, 0},
};
#define LAZY_GROUPS ((int)(sizeof(lazy_groups) / sizeof(lazy_groups[0])))

#define LAZY_GROUP_ATOB 3

/* Node's atob()/btoa() with no argument throw ERR_MISSING_ARGS; the engine's
   would encode the string "undefined". */
static JSValue fg_base64_wrapper(JSContext *ctx, JSValueConst this_val, int argc,
                                 JSValueConst *argv, int magic)
{
    FgEngine *e = JS_GetContextOpaque(ctx);
    if (argc < 1) {
        JSValue err = JS_NewError(ctx);
        JS_ThrowTypeError(ctx, "The \"%s\" argument must be specified", magic ? "input" : "data");
        JS_FreeValue(ctx, err);
        err = JS_GetException(ctx);
        JS_SetPropertyStr(ctx, err, "code", JS_NewString(ctx, "ERR_MISSING_ARGS"));
        return JS_Throw(ctx, err);
    }
    JSValue fn = JS_GetPropertyStr(ctx, e->lazy_holder[LAZY_GROUP_ATOB], magic ? "atob" : "btoa");
    JSValue r = JS_Call(ctx, fn, JS_UNDEFINED, argc, argv);
    JS_FreeValue(ctx, fn);
    return r;
}

static JSValue fg_lazy(JSContext *ctx, JSAtom atom, uint32_t tag)
{
    FgEngine *e = JS_GetContextOpaque(ctx);
    int kind = (int)(tag >> 8), group = (int)(tag & 0xff);
    if (kind == LAZY_HARNESS) {
        JSValue name = JS_AtomToString(ctx, atom);
        JSValue fn = JS_GetPropertyStr(ctx, e->harness, "resolve");
        JSValue v = JS_Call(ctx, fn, e->harness, 1, &name);
        JS_FreeValue(ctx, fn);
        JS_FreeValue(ctx, name);
        return v;
    }
    if (kind != LAZY_INTRINSIC || group >= LAZY_GROUPS)
        return JS_ThrowInternalError(ctx, "unknown lazy global");
    if (JS_IsUndefined(e->lazy_holder[group])) {
        JSValue holder = JS_NewObject(ctx);
        if (JS_IsException(holder))
            return holder;
        if (JS_FlowgateInstallInto(ctx, holder, lazy_groups[group].install) < 0) {
            JS_FreeValue(ctx, holder);
            return JS_EXCEPTION;
        }
        e->lazy_holder[group] = holder;
    }
    if (group == LAZY_GROUP_ATOB) {
        const char *name = JS_AtomToCString(ctx, atom);
        int which = name && strcmp(name, "atob") == 0 ? 1 : name && strcmp(name, "btoa") == 0 ? 0 : -1;
        JS_FreeCString(ctx, name);
        if (which >= 0)
            return JS_NewCFunctionMagic(ctx, fg_base64_wrapper, which ? "atob" : "btoa", 1,
                                        JS_CFUNC_generic_magic, which);
    }
    return JS_GetProperty(ctx, e->lazy_holder[group], atom);
}

static int define_lazy(JSContext *ctx, JSValueConst global, const char *name, uint32_t tag,
                       int enumerable)
{
    JSAtom atom = JS_NewAtom(ctx, name);
    int r = JS_DefineFlowgateLazyProperty(
        ctx, global, atom, tag,
        JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE | (enumerable ? JS_PROP_ENUMERABLE : 0));
    JS_FreeAtom(ctx, atom);
    return r;
}

/* Node's Number#toLocaleString / BigInt#toLocaleString honour `locales` and
   `options` (ICU); quickjs-ng's ignore both and print no grouping. So each
   context gets one C function per prototype that calls the harness's
   numberLocale(which, value, locales, options), which formats with
   web/intl_number (loaded on the first call). */
static JSValue fg_number_locale(JSContext *ctx, JSValueConst this_val, int argc,
                                JSValueConst *argv, int magic)
{
    return fg_harness_locale(ctx, "numberLocale", this_val, argc, argv, magic);
}

static int fg_add_number_locale(JSContext *ctx, JSValueConst global)
{
    static const char *const ctors[2] = {"Number", "BigInt"};
    int r = 0;
    for (int i = 0; r == 0 && i < 2; i++) {
        JSValue ctor = JS_GetPropertyStr(ctx, global, ctors[i]);
        JSValue proto = JS_GetPropertyStr(ctx, ctor, "prototype");
        if (!JS_IsObject(proto) ||
            JS_DefinePropertyValueStr(ctx, proto, "toLocaleString",
                                      JS_NewCFunctionMagic(ctx, fg_number_locale, "toLocaleString", 0,
                                                           JS_CFUNC_generic_magic, i),
                                      JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE) < 0)
            r = -1;
        JS_FreeValue(ctx, proto);
        JS_FreeValue(ctx, ctor);
    }
    return r;
}

static JSContext *fg_new_context(JSRuntime *rt)
{
    JSContext *ctx = JS_NewContextRaw(rt);
    if (!ctx)
        return NULL;
    if (JS_AddIntrinsicBaseObjects(ctx) || JS_AddIntrinsicEval(ctx) || JS_AddIntrinsicRegExp(ctx) ||
        JS_AddIntrinsicJSON(ctx) || JS_AddIntrinsicProxy(ctx) || JS_AddIntrinsicPromise(ctx) ||
        JS_AddPerformance(ctx)) {
        JS_FreeContext(ctx);
        return NULL;
    }
    JSValue global = JS_GetGlobalObject(ctx);
    if (fg_add_number_locale(ctx, global) < 0) {
        JS_FreeValue(ctx, global);
        JS_FreeContext(ctx);
        return NULL;
    }
    for (int g = 0; g < LAZY_GROUPS; g++)
        for (int i = 0; lazy_groups[g].names[i]; i++)
            define_lazy(ctx, global, lazy_groups[g].names[i], (LAZY_INTRINSIC << 8) | (uint32_t)g,
                        (lazy_groups[g].enumerable >> i) & 1);
    JS_FreeValue(ctx, global);
    return ctx;
}

/* The bootstrap lists its JavaScript-implemented globals in `harness.lazy`
   as [name, enumerable] pairs. */
static int define_harness_globals(FgEngine *e)
{
    JSContext *ctx = e->ctx;
    JSValue list = JS_GetPropertyStr(ctx, e->harness, "lazy");
    JSValue global = JS_GetGlobalObject(ctx);
    int64_t n = 0;
    int r = 0;
    if (JS_IsUndefined(list))
        n = 0; /* a harness without lazy globals (tests, tools) */
    else if (JS_GetLength(ctx, list, &n) < 0)
        r = -1;
    for (int64_t i = 0; r == 0 && i < n; i++) {
        /* [name, enumerable] pairs */
        JSValue item = JS_GetPropertyInt64(ctx, list, i);
        JSValue name = JS_GetPropertyInt64(ctx, item, 0);
        JSValue enumerable = JS_GetPropertyInt64(ctx, item, 1);
        JSAtom atom = JS_ValueToAtom(ctx, name);
        int flags = JS_PROP_WRITABLE | JS_PROP_CONFIGURABLE |
                    (JS_ToBool(ctx, enumerable) ? JS_PROP_ENUMERABLE : 0);
        JS_FreeValue(ctx, name);
        JS_FreeValue(ctx, enumerable);
        JS_FreeValue(ctx, item);
        if (atom == JS_ATOM_NULL) {
            r = -1;
            break;
        }
        r = JS_DefineFlowgateLazyProperty(ctx, global, atom, LAZY_HARNESS << 8, flags) < 0 ? -1 : 0;
        JS_FreeAtom(ctx, atom);
    }
    JS_FreeValue(ctx, global);
    JS_FreeValue(ctx, list);
    return r < 0 ? -1 : 0;
}

/* Create runtime + context and run the bootstrap; no GIL needed.
   Returns the engine, or NULL with *err set to a malloc'ed text. */
static FgEngine *engine_boot(const uint8_t *boot, size_t boot_len, ModuleTableObject *modules,
                             size_t stack_size, char **err)
{
    FgEngine *e = calloc(1, sizeof(FgEngine));
    if (!e) {
        *err = strdup("out of memory");
        return NULL;
    }
    e->harness = e->promise = e->exception = e->bridge.bigint = JS_UNDEFINED;
    for (int g = 0; g < 8; g++)
        e->lazy_holder[g] = JS_UNDEFINED;
    e->modules = modules;
    fg_mem_init(&e->mem);
    e->rt = JS_NewRuntime2(&fg_malloc_funcs, &e->mem);
    if (!e->rt || !(e->ctx = fg_new_context(e->rt))) {
        *err = strdup("cannot create runtime/context");
        engine_free(e);
        return NULL;
    }
    JS_SetMaxStackSize(e->rt, stack_size);
    JS_SetInterruptHandler(e->rt, fg_interrupt, e);
    JS_SetContextOpaque(e->ctx, e);
    JSValue global = JS_GetGlobalObject(e->ctx);
    JS_SetPropertyStr(e->ctx, global, "__flowgate_host__", make_host(e->ctx));
    e->bridge.bigint = JS_GetPropertyStr(e->ctx, global, "BigInt");
    JS_FreeValue(e->ctx, global);
    JSValue fn = JS_ReadObject(e->ctx, boot, boot_len, JS_READ_OBJ_BYTECODE);
    JSValue harness = JS_IsException(fn) ? fn : JS_EvalFunction(e->ctx, fn);
    if (JS_IsException(harness)) {
        *err = take_exception_text(e->ctx);
        engine_free(e);
        return NULL;
    }
    if (!JS_IsObject(harness)) {
        JS_FreeValue(e->ctx, harness);
        *err = strdup("bootstrap did not evaluate to the harness object");
        engine_free(e);
        return NULL;
    }
    e->harness = harness;
    if (define_harness_globals(e) < 0) {
        *err = take_exception_text(e->ctx);
        engine_free(e);
        return NULL;
    }
    return e;
}

static JSValue harness_call(FgEngine *e, const char *method, int argc, JSValueConst *argv)
{
    JSValue fn = JS_GetPropertyStr(e->ctx, e->harness, method);
    JSValue r = JS_Call(e->ctx, fn, e->harness, argc, argv);
    JS_FreeValue(e->ctx, fn);
    return r;
}

static void record_exception(FgEngine *e)
{
    JS_FreeValue(e->ctx, e->exception);
    e->exception = JS_GetException(e->ctx);
    e->state = ST_FAILED;
}

/* Compile the user's code as the body of an async function and start it. */
static void engine_start(FgEngine *e, const char *code, size_t code_len, const char *input,
                         size_t input_len, const char *opts, size_t opts_len)
{
    static const char head[] = "(async function (input) {\n";
    static const char tail[] = "\n})";
    JSContext *ctx = e->ctx;
    size_t n = sizeof(head) - 1 + code_len + sizeof(tail) - 1;
    char *src = malloc(n + 1);
    e->state = ST_RUNNING;
    if (!src) {
        JS_ThrowOutOfMemory(ctx);
        record_exception(e);
        return;
    }
    memcpy(src, head, sizeof(head) - 1);
    memcpy(src + sizeof(head) - 1, code, code_len);
    memcpy(src + sizeof(head) - 1 + code_len, tail, sizeof(tail));
    JSValue fn = JS_Eval(ctx, src, n, "code.js", JS_EVAL_TYPE_GLOBAL);
    free(src);
    if (JS_IsException(fn)) {
        record_exception(e);
        return;
    }
    JSValue argv[3] = {fn, JS_NewStringLen(ctx, input, input_len),
                       JS_NewStringLen(ctx, opts, opts_len)};
    JSValue p = harness_call(e, "start", 3, argv);
    for (int i = 0; i < 3; i++)
        JS_FreeValue(ctx, argv[i]);
    if (JS_IsException(p)) {
        record_exception(e);
        return;
    }
    e->promise = p;
}

static int interrupted(FgEngine *e)
{
    return e->timed_out || e->mem.oom;
}

/* Run microtasks and due timers until the promise settles or only future
   timers remain. Returns STEP_DONE or STEP_WAIT (with *wake_ms set). */
static int engine_step(FgEngine *e, double *wake_ms)
{
    JSContext *ctx = e->ctx, *job_ctx;
    for (;;) {
        if (e->state == ST_FAILED || interrupted(e))
            return STEP_DONE;
        while (JS_IsJobPending(e->rt)) {
            if (JS_ExecutePendingJob(e->rt, &job_ctx) < 0) {
                record_exception(e);
                return STEP_DONE;
            }
        }
        if (interrupted(e))
            return STEP_DONE;
        if (JS_PromiseState(ctx, e->promise) != JS_PROMISE_PENDING) {
            e->state = ST_SETTLED;
            return STEP_DONE;
        }
        if (e->deadline_ns && now_ns() > e->deadline_ns) {
            e->timed_out = 1;
            return STEP_DONE;
        }
        JSValue now = JS_NewFloat64(ctx, (double)now_ns() / 1e6);
        JSValue next = harness_call(e, "tick", 1, &now);
        if (JS_IsException(next)) {
            record_exception(e);
            return STEP_DONE;
        }
        double next_ms = -1;
        JS_ToFloat64(ctx, &next_ms, next);
        JS_FreeValue(ctx, next);
        if (JS_IsJobPending(e->rt))
            continue;
        if (next_ms < 0) /* nothing left that could settle the promise */
            return STEP_DONE;
        if (next_ms <= (double)now_ns() / 1e6)
            continue;
        *wake_ms = next_ms;
        return STEP_WAIT;
    }
}

/* The harness's [kind, payload, console] array, as malloc'ed C strings, so
   Python objects are built after the GIL is back. */
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
    o->len[i] = o->part[i] ? strlen(s) : 0;
}

static void engine_finish(FgEngine *e, Outcome *o)
{
    JSContext *ctx = e->ctx;
    const char *kind;
    JSValue value = JS_UNDEFINED;
    if (e->timed_out)
        kind = "timeout";
    else if (e->mem.oom)
        kind = "memory";
    else if (e->state == ST_FAILED) {
        kind = "throw";
        value = JS_DupValue(ctx, e->exception);
    } else if (e->state == ST_SETTLED) {
        int st = JS_PromiseState(ctx, e->promise);
        kind = st == JS_PROMISE_FULFILLED ? "return" : "throw";
        value = JS_PromiseResult(ctx, e->promise);
    } else
        kind = "stuck";
    /* Give the harness room to describe the outcome even after a limit hit. */
    e->timed_out = 0;
    e->mem.oom = 0;
    e->mem.limit = 0;
    e->deadline_ns = now_ns() + 200 * 1000000LL;
    JSValue argv[2] = {JS_NewString(ctx, kind), value};
    JSValue r = harness_call(e, "finish", 2, argv);
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
    if (!o->part[0])
        set_text(o, 0, kind);
}

static PyObject *outcome_to_tuple(Outcome *o)
{
    PyObject *t = PyTuple_New(3);
    for (int i = 0; t && i < 3; i++) {
        PyObject *item;
        if (o->part[i]) {
            item = PyUnicode_DecodeUTF8(o->part[i], (Py_ssize_t)o->len[i], "replace");
            if (!item) {
                Py_DECREF(t);
                t = NULL;
                break;
            }
        } else {
            item = Py_NewRef(Py_None);
        }
        PyTuple_SET_ITEM(t, i, item);
    }
    for (int i = 0; i < 3; i++)
        free(o->part[i]);
    return t;
}

/* ----------------------------------------------------------------- pool */

/* Ready engines are built, and spent ones freed, by one native thread that
   never takes the GIL: the request path only pops a pointer. */
typedef struct {
    PyObject_HEAD
    pthread_t thread;
    int thread_started;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int closed;
    FgEngine **ready;
    int n_ready, target;
    FgEngine **spent;
    int n_spent, cap_spent;
    uint8_t *boot;
    size_t boot_len, stack_size;
    ModuleTableObject *modules;
    char *preload; /* JSON array of module names the warmer loads, or NULL (set_preload) */
    long long created, on_demand, freed, failures, preloaded;
} PoolObject;

static void *pool_thread(void *arg)
{
    PoolObject *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->closed && p->n_spent == 0 && p->n_ready >= p->target)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->closed)
            break;
        if (p->n_spent > 0) {
            FgEngine *e = p->spent[--p->n_spent];
            pthread_mutex_unlock(&p->lock);
            engine_free(e);
            pthread_mutex_lock(&p->lock);
            p->freed++;
            continue;
        }
        /* A copy: set_preload may replace the list while this context boots. */
        char *preload = p->preload ? strdup(p->preload) : NULL;
        pthread_mutex_unlock(&p->lock);
        char *err = NULL;
        FgEngine *e = engine_boot(p->boot, p->boot_len, p->modules, p->stack_size, &err);
        free(err);
        /* Before any execution, so no memory limit is set yet: what preloading
           allocates is part of the context, not of the user's MEMORY_LIMIT_MB. */
        int loaded = e && preload ? fg_preload_run(e->ctx, e->harness, preload) : 0;
        free(preload);
        /* What preloading allocated is live, not garbage; left at the engine's initial
           threshold, the execution's first allocations would pay a full collection of it
           (measured 0.1-0.9 ms with the crypto-js modules). Set it as a collection would. */
        if (loaded > 0)
            JS_SetGCThreshold(e->rt, e->mem.used + e->mem.used / 2);
        pthread_mutex_lock(&p->lock);
        if (loaded > 0)
            p->preloaded++;
        if (!e) {
            p->failures++;
            if (p->failures > 100) /* a broken bootstrap: stop warming, take() reports it */
                p->target = 0;
            continue;
        }
        if (p->closed || p->n_ready >= p->target) {
            pthread_mutex_unlock(&p->lock);
            engine_free(e);
            pthread_mutex_lock(&p->lock);
            continue;
        }
        p->ready[p->n_ready++] = e;
        p->created++;
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void pool_release(PoolObject *p, FgEngine *e)
{
    pthread_mutex_lock(&p->lock);
    if (!p->closed && p->n_spent < p->cap_spent) {
        p->spent[p->n_spent++] = e;
        pthread_cond_signal(&p->wake);
        e = NULL;
    }
    pthread_mutex_unlock(&p->lock);
    if (e) {
        engine_free(e);
        pthread_mutex_lock(&p->lock);
        p->freed++;
        pthread_mutex_unlock(&p->lock);
    }
}

/* ------------------------------------------------------------- context */

typedef struct {
    PyObject_HEAD
    FgEngine *eng;
    int busy;
    PoolObject *pool; /* owner to hand the spent engine back to (strong ref) */
} ContextObject;

static PyTypeObject ContextType;

static PyObject *context_wrap(FgEngine *e, PoolObject *pool)
{
    ContextObject *c = (ContextObject *)ContextType.tp_alloc(&ContextType, 0);
    if (!c) {
        engine_free(e);
        return NULL;
    }
    c->eng = e;
    c->pool = pool;
    Py_INCREF(pool);
    return (PyObject *)c;
}

static void context_release(ContextObject *self)
{
    FgEngine *e = self->eng;
    self->eng = NULL;
    if (!e)
        return;
    Py_BEGIN_ALLOW_THREADS
    pool_release(self->pool, e);
    Py_END_ALLOW_THREADS
}

static void Context_dealloc(ContextObject *self)
{
    context_release(self);
    Py_XDECREF(self->pool);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int context_acquire(ContextObject *self)
{
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "Context is in use by another thread");
        return -1;
    }
    if (!self->eng) {
        PyErr_SetString(PyExc_RuntimeError, "Context is closed");
        return -1;
    }
    self->busy = 1;
    return 0;
}

/* Drive the engine after start or a timer wait: a float (monotonic wake-up
   time in seconds) while it waits on timers, else the finished outcome. */
static PyObject *context_advance(ContextObject *self, int do_start, const char *code,
                                 Py_ssize_t code_len, const char *input, Py_ssize_t input_len,
                                 const char *opts, Py_ssize_t opts_len)
{
    FgEngine *e = self->eng;
    double wake_ms = 0;
    int r;
    Outcome o = {{NULL, NULL, NULL}, {0, 0, 0}};
    Py_BEGIN_ALLOW_THREADS
    JS_UpdateStackTop(e->rt);
    if (do_start)
        engine_start(e, code, (size_t)code_len, input, (size_t)input_len, opts, (size_t)opts_len);
    r = engine_step(e, &wake_ms);
    if (r == STEP_DONE)
        engine_finish(e, &o);
    Py_END_ALLOW_THREADS
    self->busy = 0;
    if (r == STEP_WAIT)
        return PyFloat_FromDouble(wake_ms / 1e3);
    context_release(self);
    return outcome_to_tuple(&o);
}

static PyObject *Context_run(ContextObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"code", "input_json", "options_json", "deadline", "memory_limit", NULL};
    const char *code, *input, *opts;
    Py_ssize_t code_len, input_len, opts_len, memory_limit;
    double deadline;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s#s#s#dn", kwlist, &code, &code_len, &input,
                                     &input_len, &opts, &opts_len, &deadline, &memory_limit))
        return NULL;
    if (context_acquire(self) < 0)
        return NULL;
    FgEngine *e = self->eng;
    if (e->state != ST_NEW) {
        self->busy = 0;
        PyErr_SetString(PyExc_RuntimeError, "a Context runs exactly one execution");
        return NULL;
    }
    e->deadline_ns = (int64_t)(deadline * 1e9);
    e->mem.limit = memory_limit > 0 ? e->mem.used + (size_t)memory_limit : 0;
    return context_advance(self, 1, code, code_len, input, input_len, opts, opts_len);
}

static PyObject *Context_resume(ContextObject *self, PyObject *noargs)
{
    if (context_acquire(self) < 0)
        return NULL;
    if (self->eng->state == ST_NEW) {
        self->busy = 0;
        PyErr_SetString(PyExc_RuntimeError, "resume() before run()");
        return NULL;
    }
    return context_advance(self, 0, NULL, 0, NULL, 0, NULL, 0);
}

static PyObject *Context_close(ContextObject *self, PyObject *noargs)
{
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "Context is in use by another thread");
        return NULL;
    }
    context_release(self);
    Py_RETURN_NONE;
}

static PyObject *Context_memory_used(ContextObject *self, void *closure)
{
    return PyLong_FromSize_t(self->eng ? self->eng->mem.used : 0);
}

static PyMethodDef Context_methods[] = {
    {"run", (PyCFunction)(void (*)(void))Context_run, METH_VARARGS | METH_KEYWORDS,
     "run(code, input_json, options_json, deadline, memory_limit) -> wake time | outcome."},
    {"resume", (PyCFunction)Context_resume, METH_NOARGS,
     "Continue after a timer wait -> wake time | outcome."},
    {"close", (PyCFunction)Context_close, METH_NOARGS, "Give the engine back (idempotent)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Context_getset[] = {
    {"memory_used", (getter)Context_memory_used, NULL, "bytes held by this runtime", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject ContextType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "flowgate.codeblock.engine._quickjs.Context",
    .tp_doc = "One QuickJS runtime+context running exactly one execution (from Pool.take()).",
    .tp_basicsize = sizeof(ContextObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)Context_dealloc,
    .tp_methods = Context_methods,
    .tp_getset = Context_getset,
};

/* ------------------------------------------------------------ pool type */

static int Pool_init(PoolObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"bootstrap", "modules", "size", "stack_size", "preload", NULL};
    Py_buffer boot;
    PyObject *modules, *preload = NULL;
    int size = 0;
    Py_ssize_t stack_size = 1024 * 1024;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*O!|inO", kwlist, &boot, &ModuleTableType,
                                     &modules, &size, &stack_size, &preload))
        return -1;
    if (self->boot) {
        PyBuffer_Release(&boot);
        PyErr_SetString(PyExc_RuntimeError, "Pool already initialised");
        return -1;
    }
    /* Set before the warmer starts, so even its first context is preloaded. */
    if (preload && preload != Py_None && fg_preload_json(preload, &self->preload) < 0) {
        PyBuffer_Release(&boot);
        return -1;
    }
    self->boot = malloc(boot.len ? boot.len : 1);
    self->target = size < 0 ? 0 : size;
    self->cap_spent = 4096;
    self->ready = calloc(self->target ? self->target : 1, sizeof(FgEngine *));
    self->spent = calloc(self->cap_spent, sizeof(FgEngine *));
    if (!self->boot || !self->ready || !self->spent) {
        PyBuffer_Release(&boot);
        PyErr_NoMemory();
        return -1;
    }
    memcpy(self->boot, boot.buf, boot.len);
    self->boot_len = boot.len;
    PyBuffer_Release(&boot);
    self->stack_size = (size_t)stack_size;
    Py_INCREF(modules);
    self->modules = (ModuleTableObject *)modules;
    pthread_mutex_init(&self->lock, NULL);
    pthread_cond_init(&self->wake, NULL);
    /* The native stack of the warmer is irrelevant to user code (it only boots). */
    if (pthread_create(&self->thread, NULL, pool_thread, self) != 0) {
        PyErr_SetString(PyExc_RuntimeError, "cannot start the pool thread");
        return -1;
    }
    self->thread_started = 1;
    return 0;
}

static void pool_shutdown(PoolObject *self)
{
    if (!self->thread_started)
        return;
    pthread_mutex_lock(&self->lock);
    self->closed = 1;
    pthread_cond_broadcast(&self->wake);
    pthread_mutex_unlock(&self->lock);
    Py_BEGIN_ALLOW_THREADS
    pthread_join(self->thread, NULL);
    for (int i = 0; i < self->n_ready; i++)
        engine_free(self->ready[i]);
    for (int i = 0; i < self->n_spent; i++)
        engine_free(self->spent[i]);
    Py_END_ALLOW_THREADS
    self->n_ready = self->n_spent = 0;
    self->thread_started = 0;
}

static FgEngine *pool_take_engine(PoolObject *p, char **err)
{
    FgEngine *e = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->n_ready > 0)
        e = p->ready[--p->n_ready];
    else
        p->on_demand++;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    if (!e)
        e = engine_boot(p->boot, p->boot_len, p->modules, p->stack_size, err);
    return e;
}

static PyObject *Pool_take(PoolObject *self, PyObject *noargs)
{
    FgEngine *e;
    char *err = NULL;
    if (!self->boot) {
        PyErr_SetString(PyExc_RuntimeError, "Pool not initialised");
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    e = pool_take_engine(self, &err);
    Py_END_ALLOW_THREADS
    if (!e) {
        PyErr_Format(EngineError, "cannot create a context: %s", err ? err : "unknown");
        free(err);
        return NULL;
    }
    return context_wrap(e, self);
}

static PyObject *Pool_close(PoolObject *self, PyObject *noargs)
{
    pool_shutdown(self);
    Py_RETURN_NONE;
}

/* Contexts the warmer builds from now on load these runtime modules after boot
   (contexts already warm keep what they have; on-demand contexts, built on the
   request path, load nothing extra). */
static PyObject *Pool_set_preload(PoolObject *self, PyObject *names)
{
    char *json, *old;
    if (!self->boot) {
        PyErr_SetString(PyExc_RuntimeError, "Pool not initialised");
        return NULL;
    }
    if (fg_preload_json(names, &json) < 0)
        return NULL;
    pthread_mutex_lock(&self->lock);
    old = self->preload;
    self->preload = json;
    pthread_mutex_unlock(&self->lock);
    free(old);
    Py_RETURN_NONE;
}

static PyObject *Pool_stats(PoolObject *self, PyObject *noargs)
{
    pthread_mutex_lock(&self->lock);
    PyObject *r = Py_BuildValue("{s:i,s:i,s:L,s:L,s:L,s:i,s:L}", "ready", self->n_ready, "target",
                                self->target, "created", self->created, "createdOnDemand",
                                self->on_demand, "freed", self->freed, "pendingFree",
                                self->n_spent, "preloaded", self->preloaded);
    pthread_mutex_unlock(&self->lock);
    return r;
}

static void Pool_dealloc(PoolObject *self)
{
    pool_shutdown(self);
    if (self->boot) {
        pthread_mutex_destroy(&self->lock);
        pthread_cond_destroy(&self->wake);
    }
    free(self->boot);
    free(self->preload);
    free(self->ready);
    free(self->spent);
    Py_XDECREF(self->modules);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Pool_methods[] = {
    {"take", (PyCFunction)Pool_take, METH_NOARGS, "A never-used Context (pre-warmed if ready)."},
    {"close", (PyCFunction)Pool_close, METH_NOARGS, "Stop warming and free every engine."},
    {"stats", (PyCFunction)Pool_stats, METH_NOARGS, "Counters of the pool."},
    {"set_preload", (PyCFunction)Pool_set_preload, METH_O,
     "Runtime modules the warmer loads into each context it builds from now on."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject PoolType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "flowgate.codeblock.engine._quickjs.Pool",
    .tp_doc = "Pre-warmed contexts built and freed by a native thread.",
    .tp_basicsize = sizeof(PoolObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Pool_init,
    .tp_dealloc = (destructor)Pool_dealloc,
    .tp_methods = Pool_methods,
};

/* ------------------------------------------------------------- executor */

/* Native engine threads that never take the GIL. The event loop submits a job
   (code + input copied into C memory), a thread takes a pre-warmed engine
   from the pool, runs it, queues the job as done and writes to an eventfd;
   the loop watches that fd and drains finished jobs in batches. */
#define JOB_MAGIC 0x466c6f77676174ULL

typedef struct Job {
    uint64_t magic;
    struct Job *next;
    FgEngine *eng;
    char *code, *input, *opts;
    size_t code_len, input_len, opts_len;
    double timeout_s;  /* the limit; the deadline starts when the job starts running */
    uint64_t token;    /* names the execution to the host bridge */
    int64_t started_ns, ended_ns;
    size_t memory_limit;
    int started;
    int waiting;      /* done with STEP_WAIT: engine kept for resume */
    double wake_ms;
    Outcome out;
    char *error;      /* could not get an engine */
} Job;

typedef struct {
    PyObject_HEAD
    PoolObject *pool;
    PyObject *bridge; /* the host bridge dispatcher, or NULL */
    pthread_t *threads;
    int n_threads;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    Job *todo_head, *todo_tail;
    Job *done;        /* LIFO; order does not matter to the loop */
    int efd;
    int closed;
    int initialised;
} ExecutorObject;


static void job_free(Job *j, PoolObject *pool)
{
    if (j->eng)
        pool_release(pool, j->eng);
    free(j->code);
    free(j->input);
    free(j->opts);
    free(j->error);
    for (int i = 0; i < 3; i++)
        free(j->out.part[i]);
    j->magic = 0;
    free(j);
}

static void job_run(ExecutorObject *x, Job *j)
{
    double wake_ms = 0;
    if (!j->eng) {
        j->eng = pool_take_engine(x->pool, &j->error);
        if (!j->eng)
            return;
    }
    FgEngine *e = j->eng;
    JS_UpdateStackTop(e->rt);
    e->bridge.fn = x->bridge;
    e->bridge.token = j->token;
    if (!j->started) {
        /* The limit belongs to the execution: time spent queued does not count. */
        j->started = 1;
        j->started_ns = now_ns();
        e->deadline_ns = j->started_ns + (int64_t)(j->timeout_s * 1e9);
        e->mem.limit = j->memory_limit ? e->mem.used + j->memory_limit : 0;
        engine_start(e, j->code, j->code_len, j->input, j->input_len, j->opts, j->opts_len);
        free(j->code);
        free(j->input);
        j->code = j->input = NULL;
    }
    if (engine_step(e, &wake_ms) == STEP_WAIT) {
        double deadline_ms = (double)e->deadline_ns / 1e6;
        j->waiting = 1;
        j->wake_ms = wake_ms < deadline_ms ? wake_ms : deadline_ms + 0.1;
        return;
    }
    j->waiting = 0;
    j->ended_ns = now_ns();
    engine_finish(e, &j->out);
    pool_release(x->pool, e);
    j->eng = NULL;
}

static void *executor_thread(void *arg)
{
    ExecutorObject *x = arg;
    pthread_mutex_lock(&x->lock);
    for (;;) {
        while (!x->closed && !x->todo_head)
            pthread_cond_wait(&x->wake, &x->lock);
        if (x->closed)
            break;
        Job *j = x->todo_head;
        x->todo_head = j->next;
        if (!x->todo_head)
            x->todo_tail = NULL;
        else
            pthread_cond_signal(&x->wake); /* more queued: pass the baton */
        pthread_mutex_unlock(&x->lock);
        job_run(x, j);
        pthread_mutex_lock(&x->lock);
        int was_empty = x->done == NULL;
        j->next = x->done;
        x->done = j;
        /* One eventfd write per batch: the loop drains the whole list each time. */
        if (was_empty) {
            uint64_t one = 1;
            ssize_t w = write(x->efd, &one, sizeof(one));
            (void)w;
        }
    }
    pthread_mutex_unlock(&x->lock);
    fg_bridge_thread_exit();
    return NULL;
}

/* Wake a thread only when the queue was empty: otherwise one is already on
   its way and passes the baton (a futex wake per request cost ~14 % of the
   event loop at 4k req/s). */
static void executor_enqueue(ExecutorObject *x, Job *j)
{
    j->next = NULL;
    pthread_mutex_lock(&x->lock);
    int was_empty = x->todo_head == NULL;
    if (x->todo_tail)
        x->todo_tail->next = j;
    else
        x->todo_head = j;
    x->todo_tail = j;
    if (was_empty)
        pthread_cond_signal(&x->wake);
    pthread_mutex_unlock(&x->lock);
}

static int Executor_init(ExecutorObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"pool", "threads", "stack_size", "bridge", NULL};
    PyObject *pool, *bridge = Py_None;
    int threads = 1;
    Py_ssize_t stack_size = 8 * 1024 * 1024;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|inO", kwlist, &PoolType, &pool, &threads,
                                     &stack_size, &bridge))
        return -1;
    if (bridge != Py_None && !PyCallable_Check(bridge)) {
        PyErr_SetString(PyExc_TypeError, "bridge must be callable or None");
        return -1;
    }
    if (self->initialised) {
        PyErr_SetString(PyExc_RuntimeError, "Executor already initialised");
        return -1;
    }
    if (threads < 1 || threads > 1024) {
        PyErr_SetString(PyExc_ValueError, "threads must be between 1 and 1024");
        return -1;
    }
    self->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (self->efd < 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    Py_INCREF(pool);
    self->pool = (PoolObject *)pool;
    self->bridge = bridge == Py_None ? NULL : Py_NewRef(bridge);
    pthread_mutex_init(&self->lock, NULL);
    pthread_cond_init(&self->wake, NULL);
    self->initialised = 1;
    self->threads = calloc((size_t)threads, sizeof(pthread_t));
    if (!self->threads) {
        PyErr_NoMemory();
        return -1;
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, (size_t)stack_size);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&self->threads[i], &attr, executor_thread, self) != 0) {
            pthread_attr_destroy(&attr);
            PyErr_SetString(PyExc_RuntimeError, "cannot start an engine thread");
            return -1;
        }
        self->n_threads++;
    }
    pthread_attr_destroy(&attr);
    return 0;
}

static Job *job_from_handle(PyObject *handle)
{
    Job *j = (Job *)PyLong_AsVoidPtr(handle);
    if (!j || j->magic != JOB_MAGIC) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "not a job handle");
        return NULL;
    }
    return j;
}

static PyObject *Executor_submit(ExecutorObject *self, PyObject *args)
{
    const char *code, *input, *opts;
    Py_ssize_t code_len, input_len, opts_len, memory_limit;
    double timeout_s;
    unsigned long long token = 0;
    if (!PyArg_ParseTuple(args, "s#s#s#dn|K", &code, &code_len, &input, &input_len, &opts,
                          &opts_len, &timeout_s, &memory_limit, &token))
        return NULL;
    if (self->closed || !self->initialised) {
        PyErr_SetString(PyExc_RuntimeError, "Executor is closed");
        return NULL;
    }
    Job *j = calloc(1, sizeof(Job));
    if (!j)
        return PyErr_NoMemory();
    j->magic = JOB_MAGIC;
    j->code = dup_mem(code, (size_t)code_len);
    j->input = dup_mem(input, (size_t)input_len);
    j->opts = dup_mem(opts, (size_t)opts_len);
    if (!j->code || !j->input || !j->opts) {
        job_free(j, self->pool);
        return PyErr_NoMemory();
    }
    j->code_len = (size_t)code_len;
    j->input_len = (size_t)input_len;
    j->opts_len = (size_t)opts_len;
    j->timeout_s = timeout_s;
    j->token = token;
    j->memory_limit = memory_limit > 0 ? (size_t)memory_limit : 0;
    PyObject *handle = PyLong_FromVoidPtr(j);
    if (!handle) {
        job_free(j, self->pool);
        return NULL;
    }
    executor_enqueue(self, j);
    return handle;
}

static PyObject *Executor_resume(ExecutorObject *self, PyObject *handle)
{
    Job *j = job_from_handle(handle);
    if (!j)
        return NULL;
    if (!j->waiting) {
        PyErr_SetString(PyExc_RuntimeError, "job is not waiting");
        return NULL;
    }
    j->waiting = 0;
    executor_enqueue(self, j);
    Py_RETURN_NONE;
}

/* Abandon a job that is waiting on a timer (its caller went away). */
static PyObject *Executor_discard(ExecutorObject *self, PyObject *handle)
{
    Job *j = job_from_handle(handle);
    if (!j)
        return NULL;
    if (!j->waiting) {
        PyErr_SetString(PyExc_RuntimeError, "only a waiting job can be discarded");
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    job_free(j, self->pool);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

/* [(handle, wake_time_seconds | (kind, payload, console) | EngineError text)] */
static PyObject *Executor_drain(ExecutorObject *self, PyObject *noargs)
{
    uint64_t count;
    ssize_t r = read(self->efd, &count, sizeof(count));
    (void)r;
    pthread_mutex_lock(&self->lock);
    Job *j = self->done;
    self->done = NULL;
    pthread_mutex_unlock(&self->lock);
    PyObject *list = PyList_New(0);
    while (j) {
        Job *next = j->next;
        PyObject *handle = PyLong_FromVoidPtr(j), *value;
        if (j->error) {
            value = PyUnicode_FromString(j->error);
        } else if (j->waiting) {
            value = PyFloat_FromDouble(j->wake_ms / 1e3);
        } else {
            PyObject *parts = outcome_to_tuple(&j->out);
            for (int i = 0; i < 3; i++)
                j->out.part[i] = NULL; /* freed by outcome_to_tuple */
            double ms = (double)(j->ended_ns - j->started_ns) / 1e6;
            value = parts ? Py_BuildValue("(OOOd)", PyTuple_GET_ITEM(parts, 0),
                                          PyTuple_GET_ITEM(parts, 1), PyTuple_GET_ITEM(parts, 2), ms)
                          : NULL;
            Py_XDECREF(parts);
        }
        if (!j->waiting)
            job_free(j, self->pool);
        PyObject *item = (handle && value) ? PyTuple_Pack(2, handle, value) : NULL;
        Py_XDECREF(handle);
        Py_XDECREF(value);
        if (!item || !list || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_XDECREF(list);
            list = NULL;
        } else {
            Py_DECREF(item);
        }
        j = next;
    }
    if (!list && !PyErr_Occurred())
        PyErr_NoMemory();
    return list;
}

static PyObject *Executor_fileno(ExecutorObject *self, PyObject *noargs)
{
    return PyLong_FromLong(self->efd);
}

static void executor_shutdown(ExecutorObject *self)
{
    if (!self->initialised || self->closed)
        return;
    pthread_mutex_lock(&self->lock);
    self->closed = 1;
    pthread_cond_broadcast(&self->wake);
    pthread_mutex_unlock(&self->lock);
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < self->n_threads; i++)
        pthread_join(self->threads[i], NULL);
    for (Job *lists[2] = {self->todo_head, self->done}, **l = lists; l < lists + 2; l++) {
        for (Job *j = *l; j;) {
            Job *next = j->next;
            job_free(j, self->pool);
            j = next;
        }
    }
    Py_END_ALLOW_THREADS
    self->todo_head = self->todo_tail = self->done = NULL;
}

static PyObject *Executor_close(ExecutorObject *self, PyObject *noargs)
{
    executor_shutdown(self);
    Py_RETURN_NONE;
}

static void Executor_dealloc(ExecutorObject *self)
{
    executor_shutdown(self);
    if (self->initialised) {
        close(self->efd);
        pthread_mutex_destroy(&self->lock);
        pthread_cond_destroy(&self->wake);
    }
    free(self->threads);
    Py_XDECREF(self->pool);
    Py_XDECREF(self->bridge);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Executor_methods[] = {
    {"submit", (PyCFunction)Executor_submit, METH_VARARGS,
     "submit(code, input_json, options_json, timeout_seconds, memory_limit) -> handle"},
    {"resume", (PyCFunction)Executor_resume, METH_O, "Run a waiting job again."},
    {"discard", (PyCFunction)Executor_discard, METH_O, "Free a waiting job."},
    {"drain", (PyCFunction)Executor_drain, METH_NOARGS, "Finished or waiting jobs since last call."},
    {"fileno", (PyCFunction)Executor_fileno, METH_NOARGS, "eventfd readable when jobs are done."},
    {"close", (PyCFunction)Executor_close, METH_NOARGS, "Stop the threads, free queued jobs."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ExecutorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "flowgate.codeblock.engine._quickjs.Executor",
    .tp_doc = "Native engine threads fed by the event loop, reporting through an eventfd.",
    .tp_basicsize = sizeof(ExecutorObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Executor_init,
    .tp_dealloc = (destructor)Executor_dealloc,
    .tp_methods = Executor_methods,
};

/* ------------------------------------------------------------- compile */

/* "message (at file:line:col)" of the pending exception; *is_syntax tells a
   SyntaxError from the rest (out of memory, stack overflow in the parser). */
static char *take_compile_error(JSContext *ctx, int *is_syntax)
{
    JSValue exc = JS_GetException(ctx);
    JSValue name = JS_IsObject(exc) ? JS_GetPropertyStr(ctx, exc, "name") : JS_UNDEFINED;
    JSValue msg = JS_IsObject(exc) ? JS_GetPropertyStr(ctx, exc, "message") : JS_DupValue(ctx, exc);
    JSValue stack = JS_IsObject(exc) ? JS_GetPropertyStr(ctx, exc, "stack") : JS_UNDEFINED;
    const char *n = JS_IsString(name) ? JS_ToCString(ctx, name) : NULL;
    const char *m = JS_ToCString(ctx, msg);
    const char *st = JS_IsString(stack) ? JS_ToCString(ctx, stack) : NULL;
    const char *at = st ? strstr(st, "at ") : NULL;
    size_t at_len = at ? strcspn(at + 3, "\n") : 0;
    *is_syntax = n && strcmp(n, "SyntaxError") == 0;
    size_t len = (m ? strlen(m) : 7) + at_len + 8;
    char *out = malloc(len);
    if (out) {
        if (at_len)
            snprintf(out, len, "%s (at %.*s)", m ? m : "unknown", (int)at_len, at + 3);
        else
            snprintf(out, len, "%s", m ? m : "unknown");
    }
    JS_FreeCString(ctx, n);
    JS_FreeCString(ctx, m);
    JS_FreeCString(ctx, st);
    JS_FreeValue(ctx, name);
    JS_FreeValue(ctx, msg);
    JS_FreeValue(ctx, stack);
    JS_FreeValue(ctx, exc);
    return out;
}

/* Compile a global script to bytecode in a throwaway runtime (so a lazy
   module compiled on an engine thread is charged to no execution's memory or
   time limit). On success *out is malloc'ed bytecode; else *err is malloc'ed
   text. Needs no GIL. */
static int fg_compile(const char *src, size_t src_len, const char *filename, int strip,
                      uint8_t **out, size_t *out_len, char **err, int *err_syntax)
{
    /* Stripped bytecode reads faster; stack frames inside it lose positions. */
    int flags = JS_WRITE_OBJ_BYTECODE | JS_WRITE_OBJ_STRIP_SOURCE |
                (strip ? JS_WRITE_OBJ_STRIP_DEBUG : 0);
    *out = NULL;
    *err = NULL;
    *err_syntax = 0;
    /* The parser needs only the base objects (its errors), eval and the regexp
       compiler: the full intrinsic set would double the cost of compiling a
       small module (~0.1 ms per context). The bytecode is the same. */
    JSRuntime *rt = JS_NewRuntime();
    JSContext *ctx = rt ? JS_NewContextRaw(rt) : NULL;
    if (ctx && (JS_AddIntrinsicBaseObjects(ctx) || JS_AddIntrinsicEval(ctx))) {
        JS_FreeContext(ctx);
        ctx = NULL;
    }
    if (ctx)
        JS_AddIntrinsicRegExpCompiler(ctx);
    if (!ctx) {
        *err = strdup("cannot create compiler context");
    } else {
        JSValue fn = JS_Eval(ctx, src, src_len, filename,
                             JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_COMPILE_ONLY);
        if (JS_IsException(fn)) {
            *err = take_compile_error(ctx, err_syntax);
        } else {
            uint8_t *buf = JS_WriteObject(ctx, out_len, fn, flags);
            if (buf) {
                *out = malloc(*out_len ? *out_len : 1);
                if (*out)
                    memcpy(*out, buf, *out_len);
                /* Byte 0 is the format version, bytes 1-4 a checksum every read
                   recomputes over the whole buffer. This bytecode never leaves the
                   process that compiled it, so the checksum guards against nothing
                   and cost ~2 % of a library-heavy execution's CPU: all ones is the
                   reader's documented "not checked" value. */
                if (*out && *out_len >= 5)
                    memset(*out + 1, 0xff, 4);
                js_free(ctx, buf);
            }
            if (!*out)
                *err = strdup("out of memory");
            JS_FreeValue(ctx, fn);
        }
    }
    if (ctx)
        JS_FreeContext(ctx);
    if (rt)
        JS_FreeRuntime(rt);
    return *out ? 0 : -1;
}

static PyObject *compile_script(PyObject *mod, PyObject *args)
{
    const char *src, *filename;
    Py_ssize_t src_len;
    int strip = 0, syntax = 0;
    if (!PyArg_ParseTuple(args, "s#s|p", &src, &src_len, &filename, &strip))
        return NULL;
    uint8_t *buf = NULL;
    size_t buf_len = 0;
    char *err = NULL;
    Py_BEGIN_ALLOW_THREADS
    fg_compile(src, (size_t)src_len, filename, strip, &buf, &buf_len, &err, &syntax);
    Py_END_ALLOW_THREADS
    if (!buf) {
        PyErr_Format(EngineError, "%s: %s%s", filename, syntax ? "SyntaxError: " : "",
                     err ? err : "out of memory");
        free(err);
        return NULL;
    }
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
     "compile_script(source, filename, strip_debug=False) -> bytecode of a global script."},
    {"engine_version", engine_version, METH_NOARGS, "quickjs-ng version string."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "_quickjs", "Flowgate's thin quickjs-ng binding.", -1, module_methods,
};

PyMODINIT_FUNC PyInit__quickjs(void)
{
    if (PyType_Ready(&ContextType) < 0 || PyType_Ready(&ModuleTableType) < 0 ||
        PyType_Ready(&PoolType) < 0 || PyType_Ready(&ExecutorType) < 0)
        return NULL;
    JS_SetFlowgateLazyFunc(fg_lazy);
    PyObject *m = PyModule_Create(&moduledef);
    if (!m)
        return NULL;
    EngineError = PyErr_NewException("flowgate.codeblock.engine._quickjs.EngineError",
                                     PyExc_RuntimeError, NULL);
    if (PyModule_AddObjectRef(m, "EngineError", EngineError) < 0 ||
        PyModule_AddObjectRef(m, "Context", (PyObject *)&ContextType) < 0 ||
        PyModule_AddObjectRef(m, "ModuleTable", (PyObject *)&ModuleTableType) < 0 ||
        PyModule_AddObjectRef(m, "Pool", (PyObject *)&PoolType) < 0 ||
        PyModule_AddObjectRef(m, "Executor", (PyObject *)&ExecutorType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
