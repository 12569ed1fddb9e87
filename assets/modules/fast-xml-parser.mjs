// fast-xml-parser 5.12.1: require('fast-xml-parser') (its `exports` map offers
// only '.'), split so a script loads only the part it touches.
//
// In Node, require() loads the package's webpack build lib/fxp.cjs: an object
// with Object.prototype, non-enumerable `__esModule: true` and Symbol.toStringTag
// 'Module', and the exports XMLBuilder, XMLParser, XMLValidator as enumerable,
// non-configurable getters. vendor/fast-xml-parser is that object, its getters
// loading the implementation on first read:
//   vendor/fast-xml-parser-impl/parser     XMLParser (src/xmlparser/, validator inside)
//   vendor/fast-xml-parser-impl/builder    XMLBuilder (fast-xml-builder)
//   vendor/fast-xml-parser-impl/validator  XMLValidator ({ validate })
// The implementation modules live outside the `fast-xml-parser/` names so
// require('fast-xml-parser/...') stays unreachable, as in Node.
const SRC = './node_modules/fast-xml-parser/src';
const IMPL = 'vendor/fast-xml-parser-impl';

const INDEX = `'use strict';
const defineProperty = Object.defineProperty;
const e = {};
defineProperty(e, Symbol.toStringTag, { value: 'Module' });
defineProperty(e, '__esModule', { value: true });
const getters = {
  XMLBuilder: () => require('${IMPL}/builder'),
  XMLParser: () => require('${IMPL}/parser'),
  XMLValidator: () => require('${IMPL}/validator'),
};
for (const name in getters) defineProperty(e, name, { enumerable: true, get: getters[name] });
module.exports = e;
`;

export default [
  {
    name: 'fast-xml-parser',
    source: INDEX,
    external: [`${IMPL}/builder`, `${IMPL}/parser`, `${IMPL}/validator`],
  },
  {
    name: 'fast-xml-parser-impl/parser',
    source: `module.exports = require('${SRC}/xmlparser/XMLParser.js').default;\n`,
  },
  {
    name: 'fast-xml-parser-impl/builder',
    source: `module.exports = require('${SRC}/xmlbuilder/json2xml.js').default;\n`,
  },
  {
    name: 'fast-xml-parser-impl/validator',
    source: `module.exports = { validate: require('${SRC}/validator.js').validate };\n`,
  },
];
