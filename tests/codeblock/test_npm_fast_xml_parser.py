"""Differential against Node 20: require('fast-xml-parser') 5.12.1 (vendor/fast-xml-parser and
the vendor/fast-xml-parser-impl/* modules its getters load)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

F = "const {XMLParser, XMLBuilder, XMLValidator} = require('fast-xml-parser');\n"
TRY = "const T = (f) => { try { return f() } catch (e) { return [e.constructor.name, e.message] } };\n"
DOC = (
    '<?xml version="1.0" encoding="UTF-8"?><root a="1" b="x"><item id="1">10</item>'
    '<item id="2">hello &amp; &lt;bye&gt; &quot;q&quot;</item><![CDATA[raw <stuff> &amp;]]>'
    "<n>0x1F</n><f>-1.50</f><z>007</z><e/><t>true</t><!-- c --><ns:x ns:y='2'>w</ns:x></root>"
)

SHAPE = [
    "const f = require('fast-xml-parser'); return [Object.keys(f), Object.getOwnPropertyNames(f), "
    "f.__esModule, Object.prototype.toString.call(f), Object.getPrototypeOf(f) === "
    "Object.prototype, Object.keys(f.XMLValidator), require('fast-xml-parser') === f]",
    "const f = require('fast-xml-parser'); return Object.keys(f).map((k) => { const d = "
    "Object.getOwnPropertyDescriptor(f, k); return [k, typeof d.get, d.get.name, d.set, "
    "d.enumerable, d.configurable] })",
    "return [XMLParser.name, XMLBuilder.name, XMLValidator.validate.name, XMLParser.length, "
    "Object.getOwnPropertyNames(XMLParser.prototype), Object.getOwnPropertyNames("
    "XMLBuilder.prototype), typeof XMLParser.getMetaDataSymbol()]",
    "const p = new XMLParser(); return [Object.keys(p), Object.keys(p.options).sort(), "
    "p.constructor === XMLParser, p.options.attributeNamePrefix, p.options.textNodeName]",
]

PARSE = [
    f"return new XMLParser().parse({DOC!r})",
    f"return new XMLParser({{ignoreAttributes: false}}).parse({DOC!r})",
    f"return new XMLParser({{ignoreAttributes: false, attributeNamePrefix: '@_', "
    f"attributesGroupName: '$', parseAttributeValue: true}}).parse({DOC!r})",
    f"return new XMLParser({{preserveOrder: true, ignoreAttributes: false, cdataPropName: "
    f"'__cdata', commentPropName: '#c'}}).parse({DOC!r})",
    f"return new XMLParser({{parseTagValue: false, trimValues: false, removeNSPrefix: true, "
    f"ignoreDeclaration: true}}).parse({DOC!r})",
    f"return new XMLParser({{isArray: (name, jpath, leaf, isAttr) => name === 'item' || "
    f"name === 'e', alwaysCreateTextNode: true}}).parse({DOC!r})",
    f"return new XMLParser({{numberParseOptions: {{hex: false, leadingZeros: false, "
    f"eNotation: false}}}}).parse({DOC!r})",
    f"return new XMLParser({{stopNodes: ['root.item'], ignoreAttributes: false}}).parse({DOC!r})",
    f"return new XMLParser({{tagValueProcessor: (name, val) => name + ':' + val, "
    f"attributeValueProcessor: (name, val) => val + '!', ignoreAttributes: false}})"
    f".parse({DOC!r})",
    "return new XMLParser({unpairedTags: ['br'], processEntities: false}).parse("
    "'<p>a<br>b &amp; c<br/>d</p>')",
    'return new XMLParser().parse(\'<!DOCTYPE r [<!ENTITY foo "bar"><!ENTITY x "<b>">]>'
    "<r>&foo; &#65; &#x42; &x; &unknown;</r>')",
    "return new XMLParser({htmlEntities: true}).parse('<r>&copy; &nbsp; &euro; &hellip;</r>')",
    "const p = new XMLParser(); p.addEntity('me', 'Flowgate'); return p.parse('<r>&me;</r>')",
    "return new XMLParser({numberParseOptions: {unicode: true}}).parse('<r><a>١٢٣</a>"
    "<b>42</b></r>')",
    "return [new XMLParser().parse('<a>1</a><b>2</b>'), new XMLParser().parse(''), "
    "new XMLParser().parse('text only'), new XMLParser().parse(Buffer.from('<a>buf</a>'))]",
    "return new XMLParser({ignoreAttributes: ['x'], allowBooleanAttributes: true}).parse("
    '\'<a x="1" y="2" z>v</a>\')',
    "return new XMLParser({ignoreAttributes: false, ignorePiTags: false}).parse("
    "'<?xml version=\"1.1\"?><?pi data?><a/>')",
    "const p = new XMLParser({captureMetaData: true, ignoreAttributes: false}); const r = "
    "p.parse('<a>\\n<b x=\"1\">t</b></a>'); const s = XMLParser.getMetaDataSymbol(); "
    "return [r, r.a.b[s], r.a[s]]",
    "return new XMLParser({transformTagName: (t) => t.toUpperCase(), transformAttributeName: "
    "(a) => 'A_' + a, ignoreAttributes: false, updateTag: (tag, jpath, attrs) => tag === 'SKIP' "
    "? false : tag + '_' + jpath}).parse('<r><skip>1</skip><b c=\"2\">x</b></r>')",
    "return new XMLParser({jPath: false, isArray: (n, jp) => typeof jp === 'string'}).parse("
    "'<r><b>1</b></r>')",
    "return new XMLParser({ignoreAttributes: false, allowBooleanAttributes: true, "
    "parseAttributeValue: true, numberParseOptions: {skipLike: /^0/}}).parse("
    '\'<a x="0012" y="1e2" z="true" w></a>\')',
    "return new XMLParser({textNodeName: '_t', ignoreAttributes: false, attributeNamePrefix: ''})"
    ".parse('<a b=\"c\">d<e/>f</a>')",
]

BUILD = [
    "const o = {root: {'@_a': '1', item: [{'#text': 'x', '@_id': 2}, 'y'], e: '', n: 5, "
    "t: true, z: null, u: undefined}}; return [new XMLBuilder().build(o), "
    "new XMLBuilder({ignoreAttributes: false}).build(o), new XMLBuilder({ignoreAttributes: "
    "false, format: true, indentBy: '\\t', suppressEmptyNode: true}).build(o)]",
    "return new XMLBuilder({format: true}).build({a: {b: 'x & <y> \"z\"', c: {'#text': 't'}}})",
    "return new XMLBuilder({processEntities: false, cdataPropName: '__cdata', "
    "commentPropName: '#c'}).build({a: {__cdata: 'raw <x>', '#c': 'hi', b: 1}})",
    "const o = new XMLParser({preserveOrder: true, ignoreAttributes: false}).parse("
    "'<a x=\"1\"><b>1</b><c/><b>2</b></a>'); return new XMLBuilder({preserveOrder: true, "
    "ignoreAttributes: false}).build(o)",
    "return new XMLBuilder({arrayNodeName: 'item'}).build([1, 2, {a: 3}])",
    "return new XMLBuilder({attributesGroupName: '$', ignoreAttributes: false, "
    "suppressBooleanAttributes: false}).build({a: {$: {x: 1, y: true}, '#text': 'v'}})",
    "return new XMLBuilder({unpairedTags: ['br'], suppressUnpairedNode: false}).build("
    "{p: {br: '', '#text': 'x'}})",
    "return new XMLBuilder({tagValueProcessor: (n, v) => String(v).toUpperCase(), "
    "attributeValueProcessor: (n, v) => `[${v}]`, ignoreAttributes: false}).build("
    "{a: {'@_k': 'v', b: 'x'}})",
    "return [new XMLBuilder().build({'a b': 1}), new XMLBuilder().build({a: {'@_x': 1}})]",
    "return [new XMLBuilder({oneListGroup: true}).build({a: {b: [1, 2]}}), new XMLBuilder("
    "{format: true, attributeNamePrefix: '$', ignoreAttributes: false}).build({r: {$x: 'q\"<', "
    "c: [{$d: 1}, {$d: 2}]}})]",
]

VALIDATE = [
    "<a><b></a>",
    "<a>",
    "<a x=1></a>",
    "<a></a>",
    "<a x='1' x='2'/>",
    "<1a/>",
    "text",
    "<a></a><b></b>",
    "<a><![CDATA[x]]></a>",
    "<a>&amp;</a>",
    '<?xml version="1.0"?>\n<a>\n  <b c="d" e/>\n</a>',
    "<a>\n\n</b>",
    "<a></a>junk",
    "",
    "<!-- c --><a/>",
]


@pytest.mark.parametrize("code", SHAPE + PARSE + BUILD)
def test_fast_xml_parser_matches_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, F + code)


@pytest.mark.parametrize("xml", VALIDATE)
def test_validator_results_match_node(run_js: RunJs, node: NodeOracle, xml: str) -> None:
    code = (
        F + TRY + "return [XMLValidator.validate(input.x), XMLValidator.validate(input.x, "
        "{allowBooleanAttributes: true}), T(() => new XMLParser().parse(input.x, true)), "
        "T(() => new XMLParser().parse(input.x, {allowBooleanAttributes: true}))]"
    )
    assert_same(run_js, node, code, {"x": xml})


ERRORS = [
    "new XMLParser().parse(5)",
    "new XMLParser().parse('<a><b></a>')",
    "new XMLParser().parse('<a>', true)",
    "new XMLParser().parse('<!DOCTYPE r [<!ENTITY 1foo \"bar\">]><r/>')",
    "new XMLParser().parse('<!DOCTYPE a><!DOCTYPE b><a/>')",
    "new XMLParser().addEntity('a&', 'x')",
    "new XMLParser().addEntity('a', 'x&')",
    "new XMLParser({isArray: () => { throw new RangeError('mine') }}).parse('<a>1</a>')",
    "new XMLBuilder().build({a: {b: 1n}})",
    "new XMLParser({processEntities: {maxTotalExpansions: 2}}).parse('<!DOCTYPE r [<!ENTITY a "
    '"x">]><r>&a;&a;&a;&a;</r>\')',
    'new XMLParser().parse(\'<!DOCTYPE r [<!ENTITY a "xxxxxxxxxx"><!ENTITY b "&a;&a;&a;&a;'
    "&a;&a;&a;&a;\">]><r>&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;</r>')",
    "new XMLParser({maxNestedTags: 3}).parse('<a><b><c><d><e/></d></c></b></a>')",
    "new XMLParser({ignoreAttributes: false}).parse('<a __proto__=\"1\"><x/></a>')",
    "new XMLParser().parse('<a><__proto__>x</__proto__></a>')",
]


@pytest.mark.parametrize("code", ERRORS)
def test_errors_match_node(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same(run_js, node, F + TRY + f"return T(() => {code})")


def test_engine_worded_errors_have_nodes_class(run_js: RunJs, node: NodeOracle) -> None:
    """Errors raised by the engine itself (not by fast-xml-parser) are worded by QuickJS."""
    code = F + TRY + "return [T(() => new XMLParser().parse(null)), T(() => XMLParser())]"
    ours, theirs = run_js(code)["result"], node.run(code)["result"]
    assert [e[0] for e in ours] == [e[0] for e in theirs] == ["TypeError", "TypeError"]


def test_no_public_subpaths(run_js: RunJs) -> None:
    for sub in ("fast-xml-parser/src/fxp", "fast-xml-parser/lib/fxp.cjs", "fast-xml-parser/parser"):
        assert run_js(f"return require('{sub}')")["error"]["code"] == "MODULE_NOT_FOUND"


NAME = st.sampled_from(["a", "b", "item", "x:y", "_n", "data-1", "é"])
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"' 0123456789.-+xeE\n\t")),
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
    ),
    max_size=12,
)
ATTRS = st.dictionaries(st.sampled_from(["id", "k", "v:w", "n"]), TEXT, max_size=2)
Tree = tuple[str, dict[str, str], list[Any]]
TREE: st.SearchStrategy[Tree] = st.recursive(
    st.tuples(NAME, ATTRS, st.lists(TEXT, max_size=1)),
    lambda inner: st.tuples(NAME, ATTRS, st.lists(st.one_of(inner, TEXT), max_size=4)),
    max_leaves=12,
)


def to_xml(tree: Tree) -> str:
    """Serialise a generated (name, attributes, children) tree; strings are text nodes."""
    name, attrs, children = tree
    attr_text = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
    inner = "".join(escape(c) if isinstance(c, str) else to_xml(c) for c in children)
    return f"<{name}{attr_text}>{inner}</{name}>"


OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "ignoreAttributes": st.booleans(),
        "preserveOrder": st.booleans(),
        "parseTagValue": st.booleans(),
        "parseAttributeValue": st.booleans(),
        "trimValues": st.booleans(),
        "removeNSPrefix": st.booleans(),
        "alwaysCreateTextNode": st.booleans(),
        "attributeNamePrefix": st.sampled_from(["@_", "", "$"]),
    },
)
SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(tree=TREE, opts=OPTIONS, cdata=st.booleans())
def test_parse_and_rebuild_random_trees(
    run_js: RunJs, node: NodeOracle, tree: Tree, opts: dict[str, Any], cdata: bool
) -> None:
    xml = to_xml(tree)
    if cdata:
        xml = xml.replace(">", "><![CDATA[c]]>", 1)
    code = (
        F + TRY + "const p = T(() => new XMLParser(input.opts).parse(input.xml));\n"
        "return [XMLValidator.validate(input.xml), p, T(() => new XMLBuilder(input.opts)"
        ".build(p)), T(() => new XMLBuilder({...input.opts, format: true}).build(p))]"
    )
    assert_same(run_js, node, code, {"xml": xml, "opts": opts})


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("<>/a b=\"'!?[]-&;x1")), max_size=30))
def test_malformed_xml(run_js: RunJs, node: NodeOracle, text: str) -> None:
    code = (
        F
        + TRY
        + "return [XMLValidator.validate(input.t), T(() => new XMLParser().parse(input.t)), "
        "T(() => new XMLParser({preserveOrder: true}).parse(input.t))]"
    )
    assert_same(run_js, node, code, {"t": text})
