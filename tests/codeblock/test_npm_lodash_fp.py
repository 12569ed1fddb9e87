"""lodash/fp, `_.template` and generated inputs, differential against Node 20's lodash 4.18.1.

`_.template` compiles with `Function`, which code blocks refuse unless the operator sets
ALLOW_EVAL: templates of simple expressions are rendered without it (same output and errors as
Node), templates with `<% code %>` throw the sandbox's EvalError; with ALLOW_EVAL all match."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import EngineRunner, RunJs
from tests.codeblock.node_builtins import assert_same, assert_same_outcome
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node


def test_fp_like_node(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const fp = require('lodash/fp');
    const users = [{ user: 'barney', age: 36 }, { user: 'fred', age: 40 }, { user: 'pebbles', age: 1 }];
    const add3 = fp.curry((a, b, c) => a + b + c);
    const o = { a: { b: 1 } };
    const set = fp.set('a.b', 2)(o);
    return [fp.map((x) => x + 1)([1, 2]), fp.map(fp.get('user'))(users), fp.filter({ age: 40 }, users),
      fp.flow(fp.filter((n) => n > 1), fp.sortBy(fp.identity), fp.map((n) => n * 10))([3, 1, 2]),
      fp.pipe(fp.add(1), fp.multiply(2))(3), fp.compose(fp.add(1), fp.multiply(2))(3),
      add3(1)(2)(3), add3(fp.__, 2)(1)(3), fp.getOr('d', 'a.x', o), set, o.a.b, set === o,
      fp.sortBy('age')(users).map((u) => u.user), fp.groupBy(Math.floor)([1.1, 2.2, 1.3]),
      fp.chunk(2)([1, 2, 3]), fp.chunk(2, [1, 2, 3]), fp.reduce((acc, n) => acc + n, 0)([1, 2, 3]),
      fp.range(0)(3), fp.uniqBy('x')([{ x: 1 }, { x: 1 }]), fp.pick(['a'])({ a: 1, b: 2 }),
      fp.omit('a', { a: 1, b: 2 }), fp.assign({ a: 1 })({ b: 2 }), fp.merge({ a: [1] }, { a: [2] }),
      fp.isEqual([1])([1]), fp.includes(1)([1]), fp.split('-')('a-b'), fp.padStart(4)('a'),
      fp.T(), fp.F(), fp.always(3)(), fp.zipObj(['a'])([1]), fp.propOr(0, 'x')({}), fp.cloneDeep(o) !== o,
      fp.mapValues((v) => v * 2)({ a: 1 }), fp.rearg([1, 0])((a, b) => [a, b])(1, 2), fp.map.length,
      typeof fp.map.convert, Object.keys(fp).length, Object.keys(fp).slice(0, 5), fp.VERSION,
      require('lodash/fp/map')((n) => n * 3)([1]), require('lodash/fp/pipe') === require('lodash/fp/flow'),
      fp([1, 2]).map((n) => n * 2).value(), fp.convert({ cap: false }).map((v, i) => v + i)([5, 5]),
      fp.runInContext().map((n) => -n)([1]), Object.keys(require('lodash/fp/array')).length,
      require('lodash/fp/array').chunk(2)([1, 2, 3]),
      require('lodash/fp/convert')('map', require('lodash/map'))((x) => x * 2)([1, 2])];
    """
    assert_same(run_js, node, code)


# Templates of simple expressions render without code generation (npm/lodash_template).
TEMPLATES = [
    ("hello <%= user %>!", {"user": "fred"}),
    ("<b><%- value %></b>", {"value": "<script>"}),
    ("hi ${ user }", {"user": "pebbles"}),
    ("<%= _.chunk(xs, 2).length %> <%= _.VERSION %> <%- xs[1] %>", {"xs": [1, 2, 3]}),
    (
        "<%= user.name.toUpperCase() %>|<%= user['age'] %>|<%= obj.n %>",
        {"user": {"name": "a"}, "n": 0},
    ),
    ("<%= a %><%= b %><%= c %><%= d %>", {"a": None, "b": 0, "c": False, "d": [1, [2]]}),
    ("<%= JSON.stringify(o) %> <%= Math.max(1, 3, 2) %> <%= String(true) %>", {"o": {"k": "v"}}),
    ("<%= missing %>", {}),
    ("<%= user.name.first %>", {"user": {}}),
    ("<%= user.nope() %>", {"user": {}}),
    ("no tags at all", None),
]


def template_code(source: str, data: Any) -> str:
    return (
        f"const _ = require('lodash'); const f = _.template({json.dumps(source)});"
        f"return [f({json.dumps(data)}), f.source];"
    )


@pytest.mark.parametrize(("source", "data"), TEMPLATES)
def test_template_without_eval_like_node(
    run_js: RunJs, node: NodeOracle, source: str, data: Any
) -> None:
    assert_same_outcome(run_js, node, template_code(source, data))


def test_template_options_without_eval_like_node(run_js: RunJs, node: NodeOracle) -> None:
    code = """
    const _ = require('lodash');
    const out = [];
    const saved = _.templateSettings.interpolate;
    _.templateSettings.interpolate = /{{([\\s\\S]+?)}}/g;
    out.push(_.template('hello {{ user }}! ${ x }')({ user: 'mustache' }));
    _.templateSettings.interpolate = saved;
    out.push(_.template('<%= data.a %>', { variable: 'data' })({ a: 1 }));
    out.push(_.template('<%= jq.x %>|<%- jq.y %>', { imports: { jq: { x: 'imp', y: '&' } } })());
    out.push(_.template('<%= x %>')({ x: '<&>' }), _.template('{{- x }}', { escape: /{{-(.+?)}}/g })({ x: '&' }));
    try { _.template('<%= a %>', { variable: 'a b' }); } catch (e) { out.push(e.message); }
    return out;
    """
    assert_same(run_js, node, code)


@pytest.mark.parametrize(
    "source",
    ["<% _.forEach(users, function(user) { %><li><%- user %></li><% }); %>", "<%= a + b %>"],
)
def test_template_code_needs_allow_eval(run_js: RunJs, source: str) -> None:
    out = run_js(f"const _ = require('lodash'); return _.template({json.dumps(source)})({{}});")
    assert not out["success"]
    assert out["error"]["type"] == "EvalError"
    assert "ALLOW_EVAL" in out["error"]["message"]


@pytest.fixture(scope="module")
def eval_runner() -> Any:
    from flowgate.codeblock.limits import CodeLimits

    runner = EngineRunner(CodeLimits(runtime_pool_size=1, allow_eval=True))
    yield runner
    runner.close()


@pytest.mark.parametrize(
    ("source", "data"),
    [
        *TEMPLATES[:4],
        (
            "<% _.forEach(users, function(user) { %><li><%- user %></li><% }); %>",
            {"users": ["fred", "barney"]},
        ),
        ("<% print(a + b) %>", {"a": 1, "b": 2}),
    ],
)
def test_template_with_allow_eval_like_node(
    eval_runner: EngineRunner, node: NodeOracle, source: str, data: Any
) -> None:
    assert_same_outcome(eval_runner.run, node, template_code(source, data))


def test_template_errors_with_allow_eval_like_node(
    eval_runner: EngineRunner, node: NodeOracle
) -> None:
    code = """
    const _ = require('lodash');
    const out = [];
    try { _.template('<% if ( %>')(); } catch (e) { out.push(e.name); }
    try { _.template('<%= missing %>')({}); } catch (e) { out.push(e.name, e.message); }
    return out;
    """
    assert_same(eval_runner.run, node, code)


JSON_VALUE = st.one_of(
    st.integers(-5, 5),
    st.sampled_from(["a", "b", "", "A"]),
    st.booleans(),
    st.none(),
    st.floats(-3, 3, allow_nan=False).map(lambda f: round(f, 1)),
)
ROWS = st.lists(
    st.fixed_dictionaries({"k": st.sampled_from(["x", "y", "z"]), "n": st.integers(-3, 3)}),
    max_size=8,
)

GENERATED = """
const _ = require('lodash');
const { xs, rows, size } = input;
// Mixed types have no consistent order: V8's and QuickJS's sorts then differ legitimately.
const nums = xs.filter((v) => typeof v === 'number');
return [_.chunk(xs, size), _.uniq(xs), _.sortBy(nums), _.groupBy(xs, (v) => typeof v),
  _.groupBy(rows, 'k'), _.sortBy(rows, ['k', 'n']), _.orderBy(rows, ['n', 'k'], ['desc', 'asc']),
  _.uniqBy(rows, 'k'), _.countBy(rows, (r) => r.n > 0), _.keyBy(rows, 'n'), _.partition(xs, Boolean),
  _.sumBy(rows, 'n'), _.maxBy(rows, 'n'), _.difference(xs, [1, 'a']), _.isEqual(rows, _.cloneDeep(rows)),
  _.flatten(_.chunk(xs, size)), _.zip(xs, rows), _.compact(xs), _.without(xs, 0, null),
  _.take(_.sortBy(nums), size), _.filter(rows, { k: 'x' }), _.map(rows, 'n'), _.mapValues(_.keyBy(rows, 'k'), 'n')];
"""


@settings(max_examples=40, deadline=None)
@given(xs=st.lists(JSON_VALUE, max_size=10), rows=ROWS, size=st.integers(0, 4))
def test_generated_inputs_like_node(
    run_js: RunJs, node: NodeOracle, xs: list[Any], rows: list[dict[str, Any]], size: int
) -> None:
    assert_same(run_js, node, GENERATED, {"xs": xs, "rows": rows, "size": size})


def test_fp_and_monolith_isolated_between_executions(run_js: RunJs) -> None:
    first = run_js(
        "const fp = require('lodash/fp'); fp.map = 1; const _ = require('lodash');"
        "_.templateSettings.interpolate = /x/g; _.memoize.Cache = Map; return [fp.map, _.VERSION];"
    )
    assert first["result"] == [1, "4.18.1"]
    second = run_js(
        "const fp = require('lodash/fp'); const _ = require('lodash');"
        "return [typeof fp.map, String(_.templateSettings.interpolate), _.memoize.Cache === Map];"
    )
    assert second["result"] == ["function", "/<%=([\\s\\S]+?)%>/g", False]


def test_fp_known_differences(run_js: RunJs) -> None:
    """Node's fp converts the whole library (placeholder: fp itself) and its fp/<name> files
    separately (placeholder: fp/placeholder); here both are the per-method modules."""
    out = run_js(
        "const fp = require('lodash/fp'); return [fp.__ === require('lodash/fp/placeholder'),"
        "fp.mapValues === require('lodash/fp/mapValues'), fp.placeholder === fp];"
    )
    assert out["result"] == [True, True, False]


# Chain steps: lazy ones (map/filter/take/drop/... on arrays, where iteratee call counts show
# whether evaluation was lazy), and others that end or break the lazy sequence.
CHAIN_STEPS = {
    "map": ".map((n) => { calls++; return n * 3; })",
    "map2": ".map((n, i) => n + i)",
    "filter": ".filter((n) => { calls++; return n % 2 === 0; })",
    "reject": ".reject((n) => n % 3 === 0)",
    "take": ".take(3)",
    "takeRight": ".takeRight(2)",
    "drop": ".drop(1)",
    "dropRight": ".dropRight(2)",
    "takeWhile": ".takeWhile((n) => n < 40)",
    "dropWhile": ".dropWhile((n) => n < 3)",
    "takeRightWhile": ".takeRightWhile((n) => n > 5)",
    "reverse": ".reverse()",
    "compact": ".compact()",
    "initial": ".initial()",
    "tail": ".tail()",
    "slice": ".slice(1, -1)",
    "sortBy": ".sortBy((n) => -n)",
    "uniq": ".uniq()",
    "push": ".push(7)",
    "concat": ".concat([9, 0])",
}
CHAIN_ENDS = [
    ".value()",
    ".head()",
    ".last()",
    ".find((n) => n > 2)",
    ".sum()",
    ".toArray().value()",
]


@settings(max_examples=40, deadline=None)
@given(
    xs=st.lists(st.integers(-5, 60), max_size=12),
    steps=st.lists(st.sampled_from(sorted(CHAIN_STEPS)), max_size=5),
    end=st.sampled_from(CHAIN_ENDS),
    explicit=st.booleans(),
)
def test_generated_chains_like_node(
    run_js: RunJs, node: NodeOracle, xs: list[int], steps: list[str], end: str, explicit: bool
) -> None:
    start = "_.chain(input.xs)" if explicit else "_(input.xs)"
    pipeline = start + "".join(CHAIN_STEPS[s] for s in steps) + end
    code = (
        "const _ = require('lodash'); let calls = 0;"
        f"let r = {pipeline}; if (r && typeof r.value === 'function') r = r.value();"
        "return [r === undefined ? '<undefined>' : r, calls];"
    )
    assert_same(run_js, node, code, {"xs": xs})
