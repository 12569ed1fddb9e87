"""Differential against Node 20: require('util') and require('util/types')."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

CASES = [
    # format / inspect come from internal/inspect
    "const u = require('util'); return u.format('%s %d %i %f %j %o %O %%', 'a', 42.5, 42.5, '1.5', {x: 1}, [1], {y: 2})",
    "const u = require('util'); return [u.format('a', 1, {b: 2}), u.format(), u.format(1, 2), u.format('%s')]",
    "const u = require('util'); return u.formatWithOptions({depth: 0}, '%O', {a: {b: {c: 1}}})",
    "const u = require('util'); return u.inspect({a: [1, 2, {b: new Map([[1, 2]])}], s: new Set(['x'])})",
    "const u = require('util'); return u.inspect('str', {colors: false})",
    "const u = require('util'); return [u.inspect.custom.toString(), typeof u.inspect.defaultOptions]",
    "const u = require('util'); class A { [u.inspect.custom]() { return 'custom!'; } } return u.inspect(new A())",
    "const u = require('util'); return Object.keys(u.inspect.colors).length",
    "const u = require('util'); return [u.inspect.colors.grey, u.inspect.styles.number]",
    # promisify / callbackify
    "const u = require('util'); const p = u.promisify((a, b, cb) => cb(null, a + b)); return await p(2, 3)",
    "const u = require('util'); const p = u.promisify((cb) => cb(new Error('nope'))); "
    "try { await p() } catch (e) { return e.message }",
    "const u = require('util'); const f = () => {}; f[u.promisify.custom] = () => 'c'; "
    "return [u.promisify(f)(), u.promisify(f) === f[u.promisify.custom]]",
    "const u = require('util'); function named(a, cb) {} const p = u.promisify(named); "
    "return [p.name, p.length, typeof p[u.promisify.custom]]",
    "const u = require('util'); try { u.promisify('x') } catch (e) { return [e.name, e.code, e.message] }",
    "const u = require('util'); const f = () => {}; f[u.promisify.custom] = 5; "
    "try { u.promisify(f) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); const cb = u.callbackify(async (x) => x * 2); "
    "return await new Promise(r => cb(21, (e, v) => r([e, v])))",
    "const u = require('util'); const cb = u.callbackify(async () => { throw new Error('E') }); "
    "return await new Promise(r => cb((e) => r(e.message)))",
    "const u = require('util'); const cb = u.callbackify(() => Promise.reject(null)); "
    "return await new Promise(r => cb((e) => r([e.code, e.message, e.reason])))",
    "const u = require('util'); const cb = u.callbackify(async function foo(a) {}); return [cb.name, cb.length]",
    "const u = require('util'); try { u.callbackify(async () => 1)(1) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); const sleep = u.promisify(setTimeout); "
    "return [await sleep(5, 'v'), await u.promisify(setImmediate)('i'), "
    "sleep === require('timers/promises').setTimeout, typeof setTimeout[u.promisify.custom]]",
    "const u = require('util'); return [[...u.getSystemErrorMap()], u.getSystemErrorName(-2), "
    "u.getSystemErrorName(-99999)]",
    "const u = require('util'); try { u.getSystemErrorName(2) } catch (e) { return [e.name, e.code, e.message] }",
    "const u = require('util'); try { u.getSystemErrorName('x') } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); const E = (e) => [e.message, e.errno, e.code, e.syscall, e.address, e.port, Object.keys(e)]; "
    "return [E(u._errnoException(-2, 'open', 'x')), E(u._exceptionWithHostPort(-111, 'connect', '1.2.3.4', 80, 'l'))]",
    "const u = require('util'); const log = []; u.callbackify(async () => 1)(() => log.push('cb')); "
    "Promise.resolve().then(() => log.push('r1')).then(() => log.push('r2')).then(() => log.push('r3')); "
    "setTimeout(() => log.push('timeout'), 0); await new Promise((r) => setTimeout(r, 5)); return log",
    # deprecate / inherits / debuglog
    "const u = require('util'); const f = u.deprecate((a) => a + 1, 'old'); return [f(1), typeof f]",
    "const u = require('util'); class A { constructor(x) { this.x = x } } const D = u.deprecate(A, 'm'); "
    "return [new D(3).x, new D(1) instanceof A]",
    "const u = require('util'); try { u.deprecate(() => {}, 'm', 5) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); function A() {} function B() {} B.prototype.hi = () => 'hi'; u.inherits(A, B); "
    "return [new A().hi(), A.super_ === B, Object.keys(A)]",
    "const u = require('util'); try { u.inherits(function(){}, {}) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); try { u.inherits(null, function(){}) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); const d = u.debuglog('foo'); d('x %s', 1); return [typeof d, d.enabled, u.debug === u.debuglog]",
    # isDeepStrictEqual
    "const u = require('util'); return [u.isDeepStrictEqual({a: 1}, {a: 1}), u.isDeepStrictEqual({a: 1}, {a: '1'}), "
    "u.isDeepStrictEqual([1, [2]], [1, [2]]), u.isDeepStrictEqual(new Date(1), new Date(1)), "
    "u.isDeepStrictEqual(/a/g, /a/i), u.isDeepStrictEqual(0, -0), u.isDeepStrictEqual(NaN, NaN)]",
    "const u = require('util'); const a = {}; a.self = a; const b = {}; b.self = b; return u.isDeepStrictEqual(a, b)",
    "const u = require('util'); return [u.isDeepStrictEqual(new Set([1, {x: 1}]), new Set([{x: 1}, 1])), "
    "u.isDeepStrictEqual(new Map([['a', {b: 1}]]), new Map([['a', {b: 2}]]))]",
    "const u = require('util'); return [u.isDeepStrictEqual(Object.create(null), {}), "
    "u.isDeepStrictEqual(new Uint8Array([1]), new Int8Array([1])), "
    "u.isDeepStrictEqual(new Number(1), new Number(1)), u.isDeepStrictEqual([1, , 3], [1, undefined, 3])]",
    "const u = require('util'); const s = Symbol('s'); return [u.isDeepStrictEqual({[s]: 1}, {[s]: 1}), "
    "u.isDeepStrictEqual({[s]: 1}, {[s]: 2}), u.isDeepStrictEqual(new Error('a'), new Error('a'))]",
    # types
    "const t = require('util').types; return [t.isDate(new Date()), t.isDate({}), t.isRegExp(/x/), "
    "t.isRegExp(Object.create(RegExp.prototype)), t.isPromise(Promise.resolve()), t.isPromise({then() {}})]",
    "const t = require('util').types; return [t.isTypedArray(new Uint8Array()), t.isTypedArray(new DataView(new ArrayBuffer(1))), "
    "t.isUint8Array(new Uint8Array()), t.isUint8Array(new Uint8ClampedArray()), t.isFloat64Array(new Float64Array()), "
    "t.isBigInt64Array(new BigInt64Array()), t.isArrayBufferView(new DataView(new ArrayBuffer(1))), t.isDataView(new Uint8Array())]",
    "const t = require('util').types; return [t.isArrayBuffer(new ArrayBuffer(1)), t.isAnyArrayBuffer(new ArrayBuffer(1)), "
    "t.isSharedArrayBuffer(new ArrayBuffer(1)), t.isArrayBuffer(new Uint8Array())]",
    "const t = require('util').types; return [t.isMap(new Map()), t.isSet(new Set()), t.isWeakMap(new WeakMap()), "
    "t.isWeakSet(new WeakSet()), t.isMap(new WeakMap()), t.isMapIterator(new Map().entries()), "
    "t.isSetIterator(new Set().values()), t.isMapIterator([].values())]",
    "const t = require('util').types; return [t.isBoxedPrimitive(Object(1)), t.isBoxedPrimitive(1), "
    "t.isNumberObject(new Number(1)), t.isStringObject(new String('')), t.isBooleanObject(new Boolean(false)), "
    "t.isSymbolObject(Object(Symbol())), t.isBigIntObject(Object(1n)), t.isStringObject('s')]",
    "const t = require('util').types; return [t.isNativeError(new TypeError()), t.isNativeError({name: 'Error'}), "
    "t.isNativeError(Object.create(Error.prototype)), t.isGeneratorFunction(function* () {}), "
    "t.isGeneratorFunction(async function* () {}), t.isAsyncFunction(async () => {}), t.isAsyncFunction(() => {}), "
    "t.isGeneratorObject((function* () {})())]",
    "const t = require('util').types; return [t.isArgumentsObject((function () { return arguments })()), "
    "t.isArgumentsObject([]), t.isExternal({}), t.isModuleNamespaceObject({}), t.isKeyObject({}), t.isCryptoKey({})]",
    "const t = require('util').types; const u = require('util'); const c = require('crypto'); "
    "const imp = (b, x) => crypto.subtle.importKey('raw', new Uint8Array(16).fill(b), 'AES-GCM', x, ['encrypt']); "
    "const [k1, k2, k3, k4] = await Promise.all([imp(0, true), imp(0, true), imp(1, true), imp(0, false)]); "
    "const s1 = c.createSecretKey(Buffer.from('abc')); "
    "return [t.isCryptoKey(k1), t.isCryptoKey({}), t.isKeyObject(s1), t.isKeyObject(k1), t.isCryptoKey(s1), "
    "u.isDeepStrictEqual(k1, k2), u.isDeepStrictEqual(k1, k3), u.isDeepStrictEqual(k1, k4), "
    "u.isDeepStrictEqual(s1, c.createSecretKey(Buffer.from('abc'))), u.isDeepStrictEqual(s1, c.createSecretKey(Buffer.from('abd')))]",
    "return [require('util/types') === require('util').types, require('node:util/types') === require('util').types]",
    "return Object.keys(require('util').types)",
    # legacy helpers
    "const u = require('util'); return [u.isArray([]), u.isBoolean(false), u.isNull(null), u.isNullOrUndefined(undefined), "
    "u.isNumber(1), u.isString(''), u.isSymbol(Symbol()), u.isUndefined(void 0), u.isObject(null), u.isObject({}), "
    "u.isFunction(() => {}), u.isPrimitive('x'), u.isPrimitive({}), u.isError(new Error()), u.isRegExp(/a/), u.isDate(new Date())]",
    "const u = require('util'); return u._extend({a: 1}, {b: 2, a: 3})",
    "const u = require('util'); return [u.stripVTControlCharacters('\\u001b[1mbold\\u001b[22m \\u001b]8;;http://x\\u0007link'), "
    "u.toUSVString('a\\ud800b\\udc00')]",
    "const u = require('util'); try { u.stripVTControlCharacters(5) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); return [u.styleText('red', 'x'), u.styleText(['bold', 'red'], 'y')]",
    "const u = require('util'); return u.styleText('red', 'x', {validateStream: false})",
    "const u = require('util'); try { u.styleText('nope', 'x') } catch (e) { return [e.name, e.code] }",
    "const u = require('util'); try { u.styleText('red', 5) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); return [new u.TextDecoder().decode(new u.TextEncoder().encode('h\u00e9')), "
    "u.TextEncoder === TextEncoder]",
    "const u = require('util'); const ac = new AbortController(); const p = u.aborted(ac.signal, {}); ac.abort(); "
    "return await p",
    "const u = require('util'); try { await u.aborted({}, {}) } catch (e) { return [e.code, e.message] }",
    "const u = require('util'); return typeof u.isBuffer",
    "const u = require('util'); const keys = Object.keys(u); "
    "return ['format', 'inspect', 'promisify', 'callbackify', 'types', 'parseArgs', 'TextEncoder', 'isDeepStrictEqual']"
    ".filter((k) => !keys.includes(k))",
    "return Object.keys(require('util'))",
]


@pytest.mark.parametrize("code", CASES)
def test_util_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, code)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from([0.5, -0.0, 1e21])
    | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=JSON_VALUES, b=JSON_VALUES)
def test_is_deep_strict_equal_random_values(
    run_js: RunJs, node: NodeOracle, a: object, b: object
) -> None:
    code = """
    const u = require('util');
    const a = JSON.parse(input.a), b = JSON.parse(input.b);
    return [u.isDeepStrictEqual(a, b), u.isDeepStrictEqual(a, JSON.parse(input.a)),
            u.isDeepStrictEqual([a, b], [b, a]), u.inspect(a), u.format('%s|%j|%d', a, b, a)];
    """
    assert_same(run_js, node, code, {"a": json.dumps(a), "b": json.dumps(b)})


PARSE_ARGS = [
    "{args: ['-f', '--bar', 'b', '--bar=c'], options: OPTS}",
    "{args: ['-f', 'pos', '--', '-x'], options: OPTS, allowPositionals: true, tokens: true}",
    "{args: ['--unknown'], options: OPTS}",
    "{args: ['--unknown', 'x', '-z'], options: OPTS, strict: false}",
    "{args: ['pos'], options: OPTS}",
    "{args: ['--bar'], options: OPTS}",
    "{args: ['--foo=1'], options: OPTS}",
    "{args: ['-fb', 'x'], options: {f: {type: 'boolean', short: 'f'}, b: {type: 'string', short: 'b'}}}",
    "{args: ['-bx'], options: {b: {type: 'string', short: 'b'}}}",
    "{args: ['--no-foo'], options: OPTS, allowNegative: true}",
    "{args: ['--bar', '-f'], options: OPTS}",
    "{options: {x: {type: 'nope'}}}",
    "{options: {x: {type: 'string', short: 'xy'}}}",
    "{options: {x: {type: 'string', default: 1}}}",
    "{args: 'x'}",
    "undefined",
]


@pytest.mark.parametrize("config", PARSE_ARGS)
def test_parse_args_matches_node(run_js: RunJs, node: NodeOracle, config: str) -> None:
    code = (
        "const {parseArgs} = require('util'); const OPTS = {foo: {type: 'boolean', short: 'f'}, "
        "bar: {type: 'string', multiple: true}, baz: {type: 'string', default: 'dz'}}; "
        f"try {{ return JSON.parse(JSON.stringify(parseArgs({config}))) }} "
        "catch (e) { return [e.name, e.code, e.message] }"
    )
    assert_same(run_js, node, code)


MIME_STRINGS = [
    "text/html; charset=UTF-8",
    'TEXT/JavaScript;Charset="utf-8";x=y',
    'text/plain;a="b\\"c";d=',
    " text/x ; q = 1 ",
    "bad",
    "a/b;c=\u00e9",
    "/x",
    "text/",
    'x/y;=z;a="',
    "multipart/form-data; boundary=----x",
    "a/b;c=d;c=e;C=f",
]


@pytest.mark.parametrize("mime", MIME_STRINGS)
def test_mime_type_matches_node(run_js: RunJs, node: NodeOracle, mime: str) -> None:
    code = """
    const { MIMEType, inspect } = require('util');
    try {
      const m = new MIMEType(input.mime);
      const before = [String(m), m.type, m.subtype, m.essence, [...m.params], m.params.get('charset'),
                      JSON.stringify(m), inspect(m), m.params.has('c')];
      m.params.set('x', 'a b');
      try { m.type = 'bad type'; } catch (e) { before.push(e.code); }
      try { m.params.set('ok', '\u0100'); } catch (e) { before.push(e.code, e.message); }
      m.subtype = 'Sub';
      return [...before, String(m)];
    } catch (e) { return [e.name, e.code, e.message]; }
    """
    assert_same(run_js, node, code, {"mime": mime})


ENV_TEXT = st.lists(
    st.sampled_from(
        [
            "A",
            "b",
            "KEY_1",
            "=",
            "\n",
            "\r\n",
            "#",
            " ",
            "\t",
            '"',
            "'",
            "`",
            "\\n",
            "export ",
            "x y",
            "\u00e9",
            "\U0001f600",
            "1",
            "_",
        ]
    ),
    max_size=16,
).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ENV_TEXT)
def test_parse_env_random_text(run_js: RunJs, node: NodeOracle, text: str) -> None:
    code = "const u = require('util'); const o = u.parseEnv(input.text); return [Object.keys(o), o]"
    assert_same(run_js, node, code, {"text": text})


def test_parse_env_validates(run_js: RunJs, node: NodeOracle) -> None:
    code = "try { require('util').parseEnv(5) } catch (e) { return [e.name, e.code, e.message] }"
    assert_same(run_js, node, code)
