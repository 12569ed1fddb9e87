"""Event, EventTarget, AbortController, AbortSignal: differential against Node 20."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.web_diff import assert_same, split_cases
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

CASES = split_cases(
    r"""
const t = new EventTarget(); const log=[];
t.addEventListener('x', () => { log.push('a'); t.addEventListener('x', () => log.push('late')); });
t.addEventListener('x', () => log.push('b'));
t.dispatchEvent(new Event('x'));
return log;
----
const out = [];
const t = new EventTarget();
for (const f of [()=>t.addEventListener('x', 1), ()=>t.addEventListener('x', null), ()=>t.dispatchEvent({}), ()=>new Event(), ()=>new AbortSignal(), ()=>AbortSignal.timeout(-1), ()=>AbortSignal.timeout(1.5), ()=>AbortSignal.timeout('1'), ()=>AbortSignal.any([1]), ()=>AbortSignal.any(1), ()=>new Event('x', 1), () => t.addEventListener(), ()=>t.dispatchEvent(), ()=>Event.prototype.type, ()=>EventTarget.prototype.addEventListener.call({}, 'x', ()=>{}), ()=>AbortSignal.prototype.aborted])
  try { out.push(f()) } catch (e) { out.push([e.name, e.code, e.message]) }
return out;
----
const e = new Event('x');
return [Object.keys(e), Object.getOwnPropertyNames(Event.prototype), Object.keys(Event.prototype), Object.getOwnPropertyNames(EventTarget.prototype), Object.keys(EventTarget.prototype), Object.getOwnPropertyNames(AbortSignal.prototype), Object.keys(AbortSignal.prototype), Object.getOwnPropertyNames(AbortSignal), Object.keys(AbortSignal), Object.getOwnPropertyNames(AbortController.prototype), Object.keys(AbortController.prototype), Object.keys(Event), Object.getOwnPropertyNames(Event)]
----
const e = new Event('x', {cancelable: true, bubbles: 1});
const t = new EventTarget(); const log = [];
t.addEventListener('x', (ev) => { log.push([ev.eventPhase, ev.target===t, ev.currentTarget===t, ev.composedPath().length, ev.isTrusted, ev.defaultPrevented, this === undefined]); ev.preventDefault(); log.push(ev.defaultPrevented, ev.returnValue)});
t.addEventListener('x', {handleEvent(ev) { log.push('obj', this !== t) }});
t.addEventListener('x', (ev) => { ev.stopImmediatePropagation(); log.push('stop'); });
t.addEventListener('x', (ev) => { log.push('never'); });
log.push(t.dispatchEvent(e), e.eventPhase, e.target === t, e.currentTarget, e.cancelBubble, String(e), e.bubbles, e.composed, e.cancelable, e.type, typeof e.timeStamp);
log.push(t.dispatchEvent(e));
return log;
----
const log = [];
const t = new EventTarget();
const f = (e) => log.push('f' + e.type);
t.addEventListener('a', f, {once: true});
t.addEventListener('a', f);
t.addEventListener('a', f, true);
t.dispatchEvent(new Event('a'));
t.dispatchEvent(new Event('a'));
t.removeEventListener('a', f, {capture: true});
t.dispatchEvent(new Event('a'));
const ac = new AbortController();
t.addEventListener('b', f, {signal: ac.signal});
t.dispatchEvent(new Event('b'));
ac.abort();
t.dispatchEvent(new Event('b'));
t.addEventListener('c', (e) => { e.preventDefault(); log.push(e.defaultPrevented) }, {passive: true});
log.push(t.dispatchEvent(new Event('c', {cancelable: true})));
const g = () => { log.push('g'); t.removeEventListener('d', h) };
const h = () => log.push('h');
t.addEventListener('d', g); t.addEventListener('d', h);
t.dispatchEvent(new Event('d'));
return log;
----
const log = [];
const ac = new AbortController();
ac.signal.onabort = (ev) => log.push(['onabort', ev.type, ev.isTrusted]);
ac.signal.addEventListener('abort', (e) => log.push(['listener', e.target === ac.signal, ac.signal.aborted]));
log.push(ac.signal.aborted, ac.signal.reason);
ac.abort(); ac.abort('again');
const r = ac.signal.reason;
log.push([r.name, r.message, r.code, r instanceof DOMException, r instanceof Error]);
try { ac.signal.throwIfAborted() } catch (e) { log.push(e === r) }
const c2 = new AbortController(); c2.abort('why'); log.push(c2.signal.reason);
const s = AbortSignal.abort(); log.push(s.aborted, s.reason.name);
log.push(AbortSignal.abort(42).reason);
const t = AbortSignal.timeout(10);
log.push(t.aborted);
await new Promise(r => setTimeout(r, 40));
log.push(t.aborted, t.reason.name, t.reason.message, t.reason.code);
const a1 = new AbortController(), a2 = new AbortController();
const any = AbortSignal.any([a1.signal, a2.signal]);
any.onabort = () => log.push('any-abort');
a2.abort('two'); a1.abort('one');
log.push(any.aborted, any.reason);
log.push(AbortSignal.any([AbortSignal.abort('pre')]).reason, AbortSignal.any([]).aborted);
log.push(String(ac.signal), String(ac), String(new EventTarget()), Object.prototype.toString.call(AbortSignal.prototype));
return log;
----
const t = new EventTarget();
t.addEventListener("x", () => 1);
const r = t.dispatchEvent(new Event('x'));
return r;
----
const e = new Event('x');
e.initEvent('y', true, true);
return [e.type, e.bubbles, e.cancelable, e.returnValue, (e.returnValue = false, e.defaultPrevented), e.cancelBubble, (e.cancelBubble = true, e.cancelBubble)];

----
const out = [];
const t = new EventTarget();
const obj = { handleEvent(e) { out.push(['obj', this === obj, e.currentTarget === t]) } };
t.addEventListener('x', obj);
t.addEventListener('x', obj);
t.dispatchEvent(new Event('x'));
t.removeEventListener('x', obj);
t.dispatchEvent(new Event('x'));
t.addEventListener('y', {});
t.addEventListener('y', () => out.push('after-bad'));
t.dispatchEvent(new Event('y'));
return out;
----
const out = [];
class MyTarget extends EventTarget { constructor() { super(); this.n = 0; } }
class MyEvent extends Event { constructor(n) { super('my'); this.n = n; } }
const t = new MyTarget();
t.addEventListener('my', (e) => { t.n += e.n; out.push(e instanceof MyEvent, e instanceof Event); });
t.dispatchEvent(new MyEvent(2)); t.dispatchEvent(new MyEvent(3));
out.push(t.n, String(new MyEvent(1)), Object.prototype.toString.call(t));
return out;
----
const out = [];
const ac = new AbortController();
const s = ac.signal;
out.push(s === ac.signal, s instanceof EventTarget, typeof s.addEventListener);
s.onabort = function (e) { out.push(['first', this === s]) };
s.addEventListener('abort', () => out.push('listener'));
s.onabort = function () { out.push('replaced') };
ac.abort(new TypeError('why'));
out.push(s.reason.name, s.reason.message, s.onabort !== null);
s.onabort = null;
out.push(s.onabort);
return out;
----
const out = [];
const parent = new AbortController();
const child = AbortSignal.any([parent.signal, AbortSignal.timeout(100000)]);
const grand = AbortSignal.any([child]);
grand.addEventListener('abort', () => out.push(['grand', grand.reason]));
child.addEventListener('abort', () => out.push(['child', child.reason]));
parent.abort('p');
out.push(child.aborted, grand.aborted);
return out;
----
try { AbortSignal.abort().throwIfAborted() } catch (e) { return [e.name, e.message, e.code] }
----
const s = AbortSignal.timeout(0);
await new Promise(r => setTimeout(r, 20));
return [s.aborted, s.reason.name];
----
const e = new Event('x', {cancelable: true});
const t = new EventTarget();
t.addEventListener('x', (ev) => { try { t.dispatchEvent(ev) } catch (err) { e.err = [err.name, err.code, err.message] } });
t.dispatchEvent(e);
return e.err;
----
const e = new Event('x');
e.preventDefault();
return [e.defaultPrevented, new Event('x', {cancelable: true}).defaultPrevented, e.cancelBubble, e.composedPath()];
"""
)


@pytest.mark.parametrize("code", CASES)
def test_events_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, code)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "remove", "dispatch"]),
        st.sampled_from(["a", "b"]),
        st.integers(0, 2),
        st.fixed_dictionaries({"once": st.booleans(), "capture": st.booleans()}),
    ),
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_listener_bookkeeping_matches_node(
    run_js: RunJs, node: NodeOracle, ops: list[object]
) -> None:
    code = """
    const t = new EventTarget();
    const log = [];
    const fns = [0, 1, 2].map((i) => (e) => log.push(`${i}:${e.type}`));
    for (const [op, type, i, opts] of input.ops) {
      if (op === 'add') t.addEventListener(type, fns[i], opts);
      else if (op === 'remove') t.removeEventListener(type, fns[i], opts);
      else log.push(t.dispatchEvent(new Event(type)));
    }
    return log;
    """
    assert_same(run_js, node, code, {"ops": ops})
