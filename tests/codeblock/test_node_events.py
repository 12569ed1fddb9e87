"""Differential against Node 20: require('events') (EventEmitter, once, on, helpers)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

PRELUDE = "const EventEmitter = require('events'); const e = new EventEmitter(); const log = [];\n"

CASES = [
    # ordering: on / prepend / once / prependOnce / removal during emit
    "e.on('x', () => log.push('a')); e.prependListener('x', () => log.push('b')); "
    "e.once('x', () => log.push('c')); e.prependOnceListener('x', () => log.push('d')); "
    "e.emit('x'); e.emit('x'); return log",
    "const a = () => { log.push('a'); e.off('x', b); }; const b = () => log.push('b'); "
    "e.on('x', a); e.on('x', b); e.emit('x'); e.emit('x'); return log",
    "const a = () => { log.push('a'); e.on('x', () => log.push('late')); }; e.on('x', a); "
    "e.emit('x'); e.emit('x'); return log",
    "const f = () => log.push('f'); e.on('x', f); e.on('x', f); e.removeListener('x', f); "
    "e.emit('x'); return [log, e.listenerCount('x')]",
    "e.on('newListener', (n, l) => log.push(['new', String(n), typeof l])); "
    "e.on('removeListener', (n) => log.push(['rm', String(n)])); "
    "const f = () => {}; e.once('y', f); e.emit('y'); e.on('z', f); e.removeAllListeners('z'); return log",
    "e.on('newListener', (n) => { if (n === 'x' && !log.length) { log.push('n'); e.on('x', () => log.push('first')); } }); "
    "e.on('x', () => log.push('second')); e.emit('x'); return log",
    "e.on('a', () => {}); e.on('b', () => {}); e.on(Symbol.for('s'), () => {}); "
    "return e.eventNames().map(String)",
    "e.on('a', () => {}); e.on('b', () => {}); e.removeAllListeners(); return [e.eventNames(), e.listenerCount('a')]",
    "e.on('x', (...args) => log.push(args)); return [e.emit('x', 1, 'two', null), e.emit('nothing'), log]",
    "e.on('x', function () { log.push(this === e) }); e.emit('x'); return log",
    # listeners / rawListeners / listenerCount
    "function f() {} e.once('x', f); const raw = e.rawListeners('x'); "
    "return [e.listeners('x')[0] === f, raw[0] === f, raw[0].listener === f, typeof raw[0]]",
    "function f() { log.push('f') } e.once('x', f); e.rawListeners('x')[0](); e.emit('x'); return [log, e.listenerCount('x')]",
    "function f() {} e.on('x', f); e.on('x', () => {}); return [e.listenerCount('x'), e.listenerCount('x', f)]",
    "e.on('x', () => {}); return [EventEmitter.listenerCount(e, 'x'), EventEmitter.listenerCount(e, 'y')]",
    # errors
    "try { e.emit('error', new Error('boom')) } catch (err) { return [err.message, err instanceof Error] }",
    "try { e.emit('error', 'str') } catch (err) { return [err.name, err.code, err.message, err.context] }",
    "try { e.emit('error') } catch (err) { return [err.code, err.message, err.context] }",
    "try { e.emit('error', {code: 1}) } catch (err) { return [err.code, err.message] }",
    "try { e.emit('error', 42) } catch (err) { return [String(err), err.context] }",
    "e.on(EventEmitter.errorMonitor, (er) => log.push('mon:' + er)); "
    "try { e.emit('error', 'E') } catch (err) { log.push(err.code) } return log",
    "e.on('error', (er) => log.push('handled:' + er.message)); return [e.emit('error', new Error('x')), log]",
    "try { e.on('x', 'notfn') } catch (err) { return [err.name, err.code, err.message] }",
    "try { e.once('x', null) } catch (err) { return [err.code, err.message] }",
    "try { e.setMaxListeners('a') } catch (err) { return [err.code, err.message] }",
    "try { e.setMaxListeners(-1) } catch (err) { return [err.name, err.code, err.message] }",
    "try { EventEmitter.defaultMaxListeners = -1 } catch (err) { return [err.code, err.message] }",
    "try { new EventEmitter({captureRejections: 1}) } catch (err) { return [err.code, err.message] }",
    # max listeners (the warning is dropped; the counts and flags match)
    "for (let i = 0; i < 11; i++) e.on('m', () => {}); return [e.listenerCount('m'), e.getMaxListeners(), "
    "EventEmitter.defaultMaxListeners, e.rawListeners('m').length]",
    "e.setMaxListeners(1); e.on('m', () => {}); e.on('m', () => {}); return [e.getMaxListeners(), "
    "EventEmitter.getMaxListeners(e)]",
    "EventEmitter.setMaxListeners(3, e); return e.getMaxListeners()",
    # captureRejections
    "const c = new EventEmitter({captureRejections: true}); c.on('error', (er) => log.push(er.message)); "
    "c.on('ev', async () => { throw new Error('async') }); c.emit('ev'); await new Promise(r => setTimeout(r, 5)); return log",
    "const c = new EventEmitter({captureRejections: true}); "
    "c[EventEmitter.captureRejectionSymbol] = (er, ev, ...args) => log.push([er.message, ev, args]); "
    "c.on('ev', async () => { throw new Error('r') }); c.emit('ev', 1, 2); await new Promise(r => setTimeout(r, 5)); return log",
    "const c = new EventEmitter({captureRejections: true}); c.on('error', () => log.push('error')); "
    "c.on('ev', async () => { throw new Error('r') }); c.emit('ev'); "
    "Promise.resolve().then(() => log.push('p1')).then(() => log.push('p2')).then(() => log.push('p3')); "
    "setTimeout(() => log.push('timeout'), 0); await new Promise((r) => setTimeout(r, 5)); return log",
    # subclassing, init, statics
    "class My extends EventEmitter { constructor() { super(); this.n = 1 } } const m = new My(); "
    "m.on('x', function () { log.push(this.n) }); m.emit('x'); return [log, m instanceof EventEmitter]",
    "function Old() { EventEmitter.call(this) } Object.setPrototypeOf(Old.prototype, EventEmitter.prototype); "
    "const o = new Old(); o.on('x', () => log.push(1)); o.emit('x'); return log",
    "return [Object.keys(EventEmitter), typeof EventEmitter.EventEmitter, EventEmitter.usingDomains, "
    "String(EventEmitter.errorMonitor), String(EventEmitter.captureRejectionSymbol), EventEmitter.captureRejections]",
    "return Object.getOwnPropertyNames(EventEmitter.prototype).sort()",
    "const util = require('util'); return ['once', 'on', 'getEventListeners', 'getMaxListeners', "
    "'addAbortListener', 'setMaxListeners', 'listenerCount', 'init'].map((k) => util.inspect(EventEmitter[k]))",
    "const util = require('util'); return [util.inspect(e), util.inspect(EventEmitter.prototype.emit)]",
    "return [e.on === e.addListener, e.off === e.removeListener, e.on('x', () => {}) === e, e.off('x', () => {}) === e]",
    # events.once / events.on
    "setTimeout(() => e.emit('ready', 1, 2), 1); return await EventEmitter.once(e, 'ready')",
    "setTimeout(() => e.emit('error', new Error('bad')), 1); "
    "try { await EventEmitter.once(e, 'never') } catch (err) { return [err.message, e.listenerCount('never')] }",
    "const ac = new AbortController(); const p = EventEmitter.once(e, 'x', {signal: ac.signal}); ac.abort(); "
    "try { await p } catch (err) { return [err.name, err.code, err.message, e.listenerCount('x')] }",
    "try { await EventEmitter.once(e, 'x', {signal: 1}) } catch (err) { return [err.code, err.message] }",
    "const it = EventEmitter.on(e, 't'); setTimeout(() => { e.emit('t', 1); e.emit('t', 2, 3); }, 1); "
    "const got = []; for await (const v of it) { got.push(v); if (got.length === 2) break; } "
    "return [got, e.listenerCount('t'), e.listenerCount('error')]",
    "const it = EventEmitter.on(e, 't'); setTimeout(() => e.emit('error', new Error('E')), 1); "
    "try { for await (const v of it) {} } catch (err) { return err.message }",
    "const ac = new AbortController(); const it = EventEmitter.on(e, 't', {signal: ac.signal}); "
    "setTimeout(() => ac.abort(), 1); try { for await (const v of it) {} } catch (err) { return [err.name, err.code] }",
    "const it = EventEmitter.on(e, 't', {close: ['end']}); setTimeout(() => { e.emit('t', 'a'); e.emit('end'); }, 1); "
    "const got = []; for await (const v of it) got.push(v); return got",
    "function f() {} e.on('x', f); return [EventEmitter.getEventListeners(e, 'x').length, "
    "EventEmitter.getEventListeners(e, 'x')[0] === f]",
    "try { EventEmitter.getEventListeners({}, 'x') } catch (err) { return [err.code, err.message] }",
    # EventTarget / AbortSignal with the events helpers
    "const ac = new AbortController(); setTimeout(() => ac.abort('r'), 1); "
    "const [ev] = await EventEmitter.once(ac.signal, 'abort'); return [ev.type, ac.signal.reason]",
    "const et = new EventTarget(); EventEmitter.setMaxListeners(5, et); return EventEmitter.getMaxListeners(et)",
    "const et = new EventTarget(); const it = EventEmitter.on(et, 'foo'); "
    "setTimeout(() => et.dispatchEvent(new Event('foo')), 1); "
    "for await (const [ev] of it) { log.push(ev.type); break; } return log",
    "try { EventEmitter.setMaxListeners(1, {}) } catch (err) { return [err.code, err.message] }",
    "const ac = new AbortController(); EventEmitter.addAbortListener(ac.signal, () => log.push('aborted')); "
    "ac.abort(); return log",
]


@pytest.mark.parametrize("code", CASES)
def test_events_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, PRELUDE + code)


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "on",
                "once",
                "prependListener",
                "prependOnceListener",
                "off",
                "emit",
                "removeAllListeners",
            ]
        ),
        st.sampled_from(["a", "b"]),
        st.integers(0, 3),
    ),
    max_size=14,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_listener_ordering_random_sequences(
    run_js: RunJs, node: NodeOracle, ops: list[tuple[str, str, int]]
) -> None:
    """Random add/remove/emit sequences give the same call log and listener counts."""
    code = """
    const EventEmitter = require('events');
    const e = new EventEmitter();
    const log = [];
    const fns = [0, 1, 2].map((i) => function () { log.push(i); });
    // listener 3 changes the lists while an emit runs
    fns.push(function () { log.push(3); e.off('a', fns[1]); e.once('b', fns[0]); });
    for (const [op, name, i] of input.ops) {
      if (op === 'emit') log.push([name, e.emit(name)]);
      else if (op === 'removeAllListeners') e.removeAllListeners(i === 0 ? undefined : name);
      else e[op](name, fns[i]);
    }
    return [log, e.listenerCount('a'), e.listenerCount('b'), e.eventNames()];
    """
    assert_same(run_js, node, code, {"ops": [list(op) for op in ops]})
