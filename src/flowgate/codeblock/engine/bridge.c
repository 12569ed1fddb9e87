/* The host bridge: `host.call(op, ...args)` runs a Python operation.

   Values cross in two steps through a private tagged byte encoding, so that the
   GIL is held only while Python objects are built or read, never while
   JavaScript runs: reading a JS argument may run user code (getters, array
   index accessors), and holding the GIL then would stall the worker's event
   loop for as long as that code chose to run.

     JS args  --(no GIL)-->  bytes  --(GIL)-->  Python tuple
     Python result  --(GIL)-->  bytes  --(no GIL)-->  JS value

   Encoding: one tag byte, then
     'u' null/undefined/None            'T' 'F' booleans
     'i' int64 (8 bytes, integral numbers up to 2^53 and Python ints in int64)
     'd' double (8 bytes)                'n' big integer: u32 length + decimal digits
     's' string: u32 length + UTF-8 (lone surrogates kept, as Python's surrogatepass)
     'b' bytes: u32 length + raw        'l' list: u32 count + items
     'm' map: u32 count + ('s' key, item) pairs
   Limits: nesting depth and total size (an error, never a crash). */
#include "bridge.h"

#include <math.h>
#include <string.h>

#define MAX_DEPTH 32
#define MAX_BYTES ((size_t)256 << 20)

typedef struct {
    uint8_t *p;
    size_t len, cap;
    int too_big;
} Buf;

static int buf_grow(Buf *b, size_t more)
{
    if (b->len + more <= b->cap)
        return 0;
    if (b->len + more > MAX_BYTES) {
        b->too_big = 1;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more)
        cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
        b->too_big = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

static int put(Buf *b, const void *data, size_t n)
{
    if (buf_grow(b, n) < 0)
        return -1;
    memcpy(b->p + b->len, data, n);
    b->len += n;
    return 0;
}

static int put_tag(Buf *b, char tag) { return put(b, &tag, 1); }

static int put_u32(Buf *b, size_t n)
{
    if (n > UINT32_MAX) {
        b->too_big = 1;
        return -1;
    }
    uint32_t v = (uint32_t)n;
    return put(b, &v, 4);
}

static int put_chunk(Buf *b, char tag, const void *data, size_t n)
{
    if (put_tag(b, tag) < 0 || put_u32(b, n) < 0)
        return -1;
    return put(b, data, n);
}

/* A bounded reader over an encoded buffer. */
typedef struct {
    const uint8_t *p, *end;
} Rd;

static int rd(Rd *r, void *out, size_t n)
{
    if ((size_t)(r->end - r->p) < n)
        return -1;
    memcpy(out, r->p, n);
    r->p += n;
    return 0;
}

static int rd_u32(Rd *r, uint32_t *n) { return rd(r, n, 4); }

/* ------------------------------------------------------- JS -> bytes (no GIL) */

static int enc_js(JSContext *ctx, Buf *b, JSValueConst v, int depth);

static int enc_js_view(JSContext *ctx, Buf *b, JSValueConst v)
{
    size_t off, len, bpe, size;
    JSValue ab = JS_GetTypedArrayBuffer(ctx, v, &off, &len, &bpe);
    if (JS_IsException(ab))
        return -1;
    uint8_t *data = JS_GetArrayBuffer(ctx, &size, ab);
    JS_FreeValue(ctx, ab);
    if (!data) {
        JS_FreeValue(ctx, JS_GetException(ctx)); /* detached: no bytes */
        return put_chunk(b, 'b', "", 0);
    }
    if (off > size || len > size - off)
        len = 0;
    return put_chunk(b, 'b', data + off, len);
}

static int enc_js_dataview(JSContext *ctx, Buf *b, JSValueConst v)
{
    JSValue ab = JS_GetPropertyStr(ctx, v, "buffer");
    JSValue offv = JS_GetPropertyStr(ctx, v, "byteOffset");
    JSValue lenv = JS_GetPropertyStr(ctx, v, "byteLength");
    int64_t off = 0, len = 0;
    size_t size = 0;
    int r = -1;
    if (!JS_IsException(ab) && JS_ToInt64(ctx, &off, offv) == 0 && JS_ToInt64(ctx, &len, lenv) == 0) {
        uint8_t *data = JS_GetArrayBuffer(ctx, &size, ab);
        if (data && off >= 0 && len >= 0 && (size_t)off <= size && (size_t)len <= size - (size_t)off)
            r = put_chunk(b, 'b', data + off, (size_t)len);
        else if (!data)
            JS_ThrowTypeError(ctx, "host call: unreadable DataView");
        else
            JS_ThrowRangeError(ctx, "host call: DataView out of bounds");
    }
    JS_FreeValue(ctx, ab);
    JS_FreeValue(ctx, offv);
    JS_FreeValue(ctx, lenv);
    return r;
}

static int enc_js_array(JSContext *ctx, Buf *b, JSValueConst v, int depth)
{
    int64_t n;
    if (JS_GetLength(ctx, v, &n) < 0)
        return -1;
    if (put_tag(b, 'l') < 0 || put_u32(b, (size_t)n) < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        JSValue item = JS_GetPropertyInt64(ctx, v, i);
        if (JS_IsException(item))
            return -1;
        int r = enc_js(ctx, b, item, depth + 1);
        JS_FreeValue(ctx, item);
        if (r < 0)
            return -1;
    }
    return 0;
}

static int enc_js_object(JSContext *ctx, Buf *b, JSValueConst v, int depth)
{
    JSPropertyEnum *tab;
    uint32_t n;
    if (JS_GetOwnPropertyNames(ctx, &tab, &n, v, JS_GPN_STRING_MASK | JS_GPN_ENUM_ONLY) < 0)
        return -1;
    int r = put_tag(b, 'm') < 0 || put_u32(b, n) < 0 ? -1 : 0;
    for (uint32_t i = 0; r == 0 && i < n; i++) {
        size_t klen;
        const char *key = JS_AtomToCStringLen(ctx, &klen, tab[i].atom);
        JSValue item = key ? JS_GetProperty(ctx, v, tab[i].atom) : JS_EXCEPTION;
        if (!key || JS_IsException(item))
            r = -1;
        else if (put_chunk(b, 's', key, klen) < 0 || enc_js(ctx, b, item, depth + 1) < 0)
            r = -1;
        if (key)
            JS_FreeCString(ctx, key);
        JS_FreeValue(ctx, item);
    }
    JS_FreePropertyEnum(ctx, tab, n);
    return r;
}

static int enc_js_number(JSContext *ctx, Buf *b, JSValueConst v)
{
    double d;
    if (JS_ToFloat64(ctx, &d, v) < 0)
        return -1;
    if (isfinite(d) && d == trunc(d) && fabs(d) <= 9007199254740992.0 && !(d == 0 && signbit(d))) {
        int64_t i = (int64_t)d;
        return put_tag(b, 'i') < 0 ? -1 : put(b, &i, 8);
    }
    return put_tag(b, 'd') < 0 ? -1 : put(b, &d, 8);
}

static int enc_js_string(JSContext *ctx, Buf *b, char tag, JSValueConst v)
{
    size_t len;
    const char *s = JS_ToCStringLen(ctx, &len, v);
    if (!s)
        return -1;
    int r = put_chunk(b, tag, s, len);
    JS_FreeCString(ctx, s);
    return r;
}

static int enc_js(JSContext *ctx, Buf *b, JSValueConst v, int depth)
{
    if (depth > MAX_DEPTH) {
        JS_ThrowRangeError(ctx, "host call: arguments nested too deeply");
        return -1;
    }
    int r;
    if (JS_IsUndefined(v) || JS_IsNull(v))
        r = put_tag(b, 'u');
    else if (JS_IsBool(v))
        r = put_tag(b, JS_ToBool(ctx, v) ? 'T' : 'F');
    else if (JS_IsNumber(v))
        r = enc_js_number(ctx, b, v);
    else if (JS_IsBigInt(v))
        r = enc_js_string(ctx, b, 'n', v);
    else if (JS_IsString(v))
        r = enc_js_string(ctx, b, 's', v);
    else if (!JS_IsObject(v) || JS_IsFunction(ctx, v) || JS_IsProxy(v)) {
        JS_ThrowTypeError(ctx, "host call: unsupported argument type");
        return -1;
    } else if (JS_IsArrayBuffer(v)) {
        size_t size;
        uint8_t *data = JS_GetArrayBuffer(ctx, &size, v);
        if (!data)
            JS_FreeValue(ctx, JS_GetException(ctx));
        r = put_chunk(b, 'b', data ? data : (uint8_t *)"", data ? size : 0);
    } else if (JS_GetTypedArrayType(v) >= 0)
        r = enc_js_view(ctx, b, v);
    else if (JS_IsDataView(v))
        r = enc_js_dataview(ctx, b, v);
    else if (JS_IsArray(v))
        r = enc_js_array(ctx, b, v, depth);
    else
        r = enc_js_object(ctx, b, v, depth);
    if (r < 0 && b->too_big && !JS_HasException(ctx))
        JS_ThrowRangeError(ctx, "host call: arguments too large");
    return r;
}

/* ------------------------------------------------------ bytes -> Python (GIL) */

static PyObject *dec_py(Rd *r, int depth)
{
    char tag;
    uint32_t n;
    if (depth > MAX_DEPTH + 1 || rd(r, &tag, 1) < 0)
        return NULL;
    switch (tag) {
    case 'u':
        return Py_NewRef(Py_None);
    case 'T':
        return Py_NewRef(Py_True);
    case 'F':
        return Py_NewRef(Py_False);
    case 'i': {
        int64_t i;
        return rd(r, &i, 8) < 0 ? NULL : PyLong_FromLongLong(i);
    }
    case 'd': {
        double d;
        return rd(r, &d, 8) < 0 ? NULL : PyFloat_FromDouble(d);
    }
    case 'n': case 's': case 'b': {
        if (rd_u32(r, &n) < 0 || (size_t)(r->end - r->p) < n)
            return NULL;
        const char *s = (const char *)r->p;
        r->p += n;
        if (tag == 'b')
            return PyBytes_FromStringAndSize(s, n);
        PyObject *str = PyUnicode_DecodeUTF8(s, n, "surrogatepass");
        if (tag == 's' || !str)
            return str;
        PyObject *big = PyLong_FromUnicodeObject(str, 10);
        Py_DECREF(str);
        return big;
    }
    case 'l': case 'm': {
        if (rd_u32(r, &n) < 0)
            return NULL;
        PyObject *c = tag == 'l' ? PyList_New(n) : PyDict_New();
        for (uint32_t i = 0; c && i < n; i++) {
            PyObject *k = tag == 'm' ? dec_py(r, depth + 1) : NULL;
            PyObject *item = (tag == 'l' || k) ? dec_py(r, depth + 1) : NULL;
            if (!item || (tag == 'l' ? (PyList_SET_ITEM(c, i, item), 0)
                                     : PyDict_SetItem(c, k, item)) < 0) {
                Py_CLEAR(c);
            } else if (tag == 'm')
                Py_DECREF(item);
            Py_XDECREF(k);
        }
        return c;
    }
    default:
        return NULL;
    }
}

/* ------------------------------------------------------ Python -> bytes (GIL) */

static int enc_py(Buf *b, PyObject *o, int depth)
{
    if (depth > MAX_DEPTH)
        return -1;
    if (o == Py_None)
        return put_tag(b, 'u');
    if (o == Py_True || o == Py_False)
        return put_tag(b, o == Py_True ? 'T' : 'F');
    if (PyLong_Check(o)) {
        int overflow;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (!overflow && v >= -9007199254740992LL && v <= 9007199254740992LL) {
            int64_t i = v;
            return put_tag(b, 'i') < 0 ? -1 : put(b, &i, 8);
        }
        PyObject *text = PyObject_Str(o);
        Py_ssize_t n;
        const char *s = text ? PyUnicode_AsUTF8AndSize(text, &n) : NULL;
        int r = s ? put_chunk(b, 'n', s, (size_t)n) : -1;
        Py_XDECREF(text);
        return r;
    }
    if (PyFloat_Check(o)) {
        double d = PyFloat_AS_DOUBLE(o);
        return put_tag(b, 'd') < 0 ? -1 : put(b, &d, 8);
    }
    if (PyUnicode_Check(o)) {
        PyObject *utf8 = PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass");
        int r = utf8 ? put_chunk(b, 's', PyBytes_AS_STRING(utf8), (size_t)PyBytes_GET_SIZE(utf8)) : -1;
        Py_XDECREF(utf8);
        return r;
    }
    if (PyBytes_Check(o))
        return put_chunk(b, 'b', PyBytes_AS_STRING(o), (size_t)PyBytes_GET_SIZE(o));
    if (PyByteArray_Check(o))
        return put_chunk(b, 'b', PyByteArray_AS_STRING(o), (size_t)PyByteArray_GET_SIZE(o));
    if (PyMemoryView_Check(o)) {
        Py_buffer view;
        if (PyObject_GetBuffer(o, &view, PyBUF_CONTIG_RO) < 0)
            return -1;
        int r = put_chunk(b, 'b', view.buf, (size_t)view.len);
        PyBuffer_Release(&view);
        return r;
    }
    if (PyList_Check(o) || PyTuple_Check(o)) {
        PyObject *seq = PySequence_Fast(o, "");
        Py_ssize_t n = seq ? PySequence_Fast_GET_SIZE(seq) : 0;
        int r = seq && put_tag(b, 'l') == 0 && put_u32(b, (size_t)n) == 0 ? 0 : -1;
        for (Py_ssize_t i = 0; r == 0 && i < n; i++)
            r = enc_py(b, PySequence_Fast_GET_ITEM(seq, i), depth + 1);
        Py_XDECREF(seq);
        return r;
    }
    if (PyDict_Check(o)) {
        PyObject *k, *v;
        Py_ssize_t pos = 0;
        if (put_tag(b, 'm') < 0 || put_u32(b, (size_t)PyDict_GET_SIZE(o)) < 0)
            return -1;
        while (PyDict_Next(o, &pos, &k, &v)) {
            if (!PyUnicode_Check(k) || enc_py(b, k, depth + 1) < 0 || enc_py(b, v, depth + 1) < 0)
                return -1;
        }
        return 0;
    }
    return -1;
}

/* ------------------------------------------------------- bytes -> JS (no GIL) */

static JSValue dec_js(JSContext *ctx, const FgBridge *br, Rd *r, int depth)
{
    char tag;
    uint32_t n;
    if (depth > MAX_DEPTH + 1 || rd(r, &tag, 1) < 0)
        return JS_ThrowInternalError(ctx, "host call: malformed result");
    switch (tag) {
    case 'u':
        return JS_NULL;
    case 'T': case 'F':
        return JS_NewBool(ctx, tag == 'T');
    case 'i': {
        int64_t i;
        return rd(r, &i, 8) < 0 ? JS_ThrowInternalError(ctx, "host call: malformed result")
                                : JS_NewInt64(ctx, i);
    }
    case 'd': {
        double d;
        return rd(r, &d, 8) < 0 ? JS_ThrowInternalError(ctx, "host call: malformed result")
                                : JS_NewFloat64(ctx, d);
    }
    case 'n': case 's': case 'b': {
        if (rd_u32(r, &n) < 0 || (size_t)(r->end - r->p) < n)
            return JS_ThrowInternalError(ctx, "host call: malformed result");
        const uint8_t *s = r->p;
        r->p += n;
        if (tag == 'b')
            return JS_NewUint8ArrayCopy(ctx, s, n);
        JSValue str = JS_NewStringLen(ctx, (const char *)s, n);
        if (tag == 's' || JS_IsException(str))
            return str;
        JSValue big = JS_Call(ctx, br->bigint, JS_UNDEFINED, 1, (JSValueConst *)&str);
        JS_FreeValue(ctx, str);
        return big;
    }
    case 'l': case 'm': {
        if (rd_u32(r, &n) < 0)
            return JS_ThrowInternalError(ctx, "host call: malformed result");
        JSValue c = tag == 'l' ? JS_NewArray(ctx) : JS_NewObject(ctx);
        for (uint32_t i = 0; !JS_IsException(c) && i < n; i++) {
            JSAtom key = JS_ATOM_NULL;
            if (tag == 'm') {
                JSValue k = dec_js(ctx, br, r, depth + 1);
                key = JS_IsException(k) ? JS_ATOM_NULL : JS_ValueToAtom(ctx, k);
                JS_FreeValue(ctx, k);
            }
            JSValue item = (tag == 'l' || key != JS_ATOM_NULL) ? dec_js(ctx, br, r, depth + 1)
                                                                : JS_EXCEPTION;
            int ok = !JS_IsException(item) &&
                     (tag == 'l' ? JS_DefinePropertyValueUint32(ctx, c, i, item, JS_PROP_C_W_E)
                                 : JS_DefinePropertyValue(ctx, c, key, item, JS_PROP_C_W_E)) >= 0;
            if (key != JS_ATOM_NULL)
                JS_FreeAtom(ctx, key);
            if (!ok) {
                JS_FreeValue(ctx, c);
                c = JS_EXCEPTION;
            }
        }
        return c;
    }
    default:
        return JS_ThrowInternalError(ctx, "host call: malformed result");
    }
}

/* ------------------------------------------------------------------- call */

/* Each engine thread keeps one Python thread state for its whole life instead
   of creating and deleting one per call (PyGILState_Ensure/Release on a thread
   unknown to Python costs several microseconds each time). */
static __thread PyThreadState *thread_state;

static void gil_take(void)
{
    if (thread_state) {
        PyEval_RestoreThread(thread_state);
        return;
    }
    PyGILState_Ensure(); /* never released: the state lives as long as the thread */
    thread_state = PyThreadState_Get();
}

void fg_bridge_thread_exit(void)
{
    if (!thread_state)
        return;
    PyEval_RestoreThread(thread_state);
    PyThreadState_Clear(thread_state);
    PyThreadState_DeleteCurrent();
    thread_state = NULL;
}

/* With the GIL: decode the arguments, call the dispatcher, encode its answer.
   Returns 1 (value), 0 (error payload) or -1 (our own failure, *why set). */
static int call_python(const FgBridge *br, const char *op, Buf *in, Buf *out, const char **why)
{
    int status = -1;
    gil_take();
    Rd r = {in->p, in->p + in->len};
    uint32_t argc = 0;
    rd_u32(&r, &argc);
    PyObject *args = PyTuple_New(argc);
    for (uint32_t i = 0; args && i < argc; i++) {
        PyObject *item = dec_py(&r, 0);
        if (!item)
            Py_CLEAR(args);
        else
            PyTuple_SET_ITEM(args, i, item);
    }
    PyObject *res = args ? PyObject_CallFunction(br->fn, "KsO", (unsigned long long)br->token,
                                                 op, args) : NULL;
    *why = "host call: the host failed to answer";
    if (res && PyTuple_Check(res) && PyTuple_GET_SIZE(res) == 2) {
        int ok = PyObject_IsTrue(PyTuple_GET_ITEM(res, 0));
        if (ok >= 0 && enc_py(out, PyTuple_GET_ITEM(res, 1), 0) == 0)
            status = ok;
        else
            *why = out->too_big ? "host call: result too large"
                                : "host call: the host returned an unsupported value";
    }
    if (PyErr_Occurred())
        PyErr_WriteUnraisable(br->fn);
    Py_XDECREF(res);
    Py_XDECREF(args);
    PyEval_SaveThread();
    return status;
}

JSValue fg_bridge_call(JSContext *ctx, const FgBridge *br, int argc, JSValueConst *argv)
{
    if (!br->fn)
        return JS_ThrowTypeError(ctx, "host operations are unavailable in this context");
    if (argc < 1 || !JS_IsString(argv[0]))
        return JS_ThrowTypeError(ctx, "host call: the operation name must be a string");
    Buf in = {0}, out = {0};
    const char *op = JS_ToCString(ctx, argv[0]);
    if (!op)
        return JS_EXCEPTION;
    int status = -1;
    const char *why = NULL;
    if (put_u32(&in, (size_t)(argc - 1)) == 0) {
        int i = 1;
        while (i < argc && enc_js(ctx, &in, argv[i], 0) == 0)
            i++;
        if (i == argc)
            status = call_python(br, op, &in, &out, &why);
        else
            why = NULL; /* enc_js threw */
    }
    JS_FreeCString(ctx, op);
    free(in.p);
    if (status < 0) {
        free(out.p);
        return why ? JS_ThrowInternalError(ctx, "%s", why) : JS_EXCEPTION;
    }
    Rd r = {out.p, out.p + out.len};
    JSValue v = dec_js(ctx, br, &r, 0);
    free(out.p);
    if (status == 1 || JS_IsException(v))
        return v;
    JS_SetPropertyStr(ctx, v, "__bridge", JS_TRUE);
    return JS_Throw(ctx, v);
}
