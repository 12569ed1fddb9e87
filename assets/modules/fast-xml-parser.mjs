// fast-xml-parser 5.12.1: require('fast-xml-parser') (its `exports` map offers
// only '.'), split so a script loads only the part it touches.
//
// In Node, require() loads the package's webpack build lib/fxp.cjs: an object
// with Object.prototype, non-enumerable `__esModule: true` and Symbol.toStringTag
// 'Module', and the exports XMLBuilder, XMLParser, XMLValidator as enumerable,
// non-configurable getters. vendor/fast-xml-parser is that object, its getters
// loading the implementation on first read:
//   vendor/fast-xml-parser-impl/parser     XMLParser (src/xmlparser/)
//   vendor/fast-xml-parser-impl/builder    XMLBuilder (fast-xml-builder)
//   vendor/fast-xml-parser-impl/validator  XMLValidator ({ validate }); also
//                                          what parse(xml, true) validates with
//   vendor/fast-xml-parser-impl/is-unsafe  is-unsafe's HTML/XML patterns, which
//                                          only vet entities a DOCTYPE declares
//   vendor/fast-xml-parser-impl/anynum     anynum's Unicode digit table, only for
//                                          numberParseOptions.unicode
//   vendor/fast-xml-parser-impl/doctype    DocTypeReader (with xml-naming), only
//                                          for a document with a DOCTYPE
// and xml-naming (doctype, builder) and util.js's isName (validator) compile
// their Unicode name regexps on first use instead of at load. Measured costs: docs/libraries/fast-xml-parser.md.
// The implementation modules live outside the `fast-xml-parser/` names so
// require('fast-xml-parser/...') stays unreachable, as in Node.
//
// Bundled from the package's ES sources (src/) with the dependency versions
// the lock file pins, which are the ones lib/fxp.cjs inlines. lib/fxp.cjs is
// minified, so in Node XMLParser.name is 'ce', XMLBuilder.name 'Ae' and
// XMLValidator.validate.name 'l'; the modules give their functions those names
// too (`console.log(new XMLParser())` prints `ce { ... }` in both).
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

// ES entries (imports, not require()) let esbuild hoist the package's modules
// into one scope instead of wrapping each in a lazy-init closure (~20% less
// load time measured on uuid). `file` is the export's source file, `name` the
// name lib/fxp.cjs gives the function.
const named = (file, name, what = 'default') =>
  `import { ${what} as value } from '${SRC}/${file}';\n` +
  `Object.defineProperty(value, 'name', { value: '${name}' });\n`;

const PARSER_PATCHES = [
  {
    // Validation only when asked for (parse(xml, true)), from the XMLValidator module.
    file: 'fast-xml-parser/src/xmlparser/XMLParser.js',
    find: 'import { validate } from "../validator.js";',
    replace: `const validate = (xml, options) => require('${IMPL}/validator').validate(xml, options);`,
  },
  {
    // is-unsafe (~18 KB of pattern tables) only for entities a DOCTYPE declares.
    file: 'fast-xml-parser/src/xmlparser/OrderedObjParser.js',
    find: 'import { isUnsafe, HTML as HTML_CONTEXT, XML as XML_CONTEXT } from "is-unsafe"',
    replace: `const lazyUnsafe = () => require('${IMPL}/is-unsafe');`,
  },
  {
    file: 'fast-xml-parser/src/xmlparser/OrderedObjParser.js',
    find: 'isUnsafe(value, [HTML_CONTEXT, XML_CONTEXT])',
    replace: 'lazyUnsafe().isUnsafe(value, [lazyUnsafe().HTML, lazyUnsafe().XML])',
  },
  {
    // Every parse makes a DocTypeReader; only a DOCTYPE needs the real one.
    file: 'fast-xml-parser/src/xmlparser/OrderedObjParser.js',
    find: "import DocTypeReader from './DocTypeReader.js';",
    replace: `class DocTypeReader {
  constructor(options, xmlVersion) { this.options = options; this.xmlVersion = xmlVersion; }
  setXmlVersion(xmlVersion = 1.0) { this.xmlVersion = xmlVersion; }
  readDocType(xmlData, i) {
    const Real = require('${IMPL}/doctype');
    return new Real(this.options, this.xmlVersion).readDocType(xmlData, i);
  }
}`,
  },
];

// util.js compiles its XML-name RegExp at load; only the validator uses it.
const IS_NAME = [
  {
    file: 'fast-xml-parser/src/util.js',
    find: "const regexName = new RegExp('^' + nameRegexp + '$');",
    replace: "let regexName_;",
  },
  {
    file: 'fast-xml-parser/src/util.js',
    find: 'const match = regexName.exec(string);',
    replace: "const match = (regexName_ ??= new RegExp('^' + nameRegexp + '$')).exec(string);",
  },
];

// xml-naming builds 15 RegExps over large Unicode classes at load (~0.2 ms in
// our engine); the parser needs one only inside a DOCTYPE, the builder one
// (qName for the document's XML version). Each is compiled on first use.
const XML_NAMING = {
  file: 'xml-naming/src/index.js',
  find: `  return {
    name: new RegExp(\`^[\${startChar}][\${char}]*$\`, flags),
    ncName: new RegExp(\`^\${ncNamePat}$\`, flags),
    qName: new RegExp(\`^\${ncNamePat}(?::\${ncNamePat})?$\`, flags),
    nmToken: new RegExp(\`^[\${char}]+$\`, flags),
    nmTokens: new RegExp(\`^[\${char}]+(?:\\\\s+[\${char}]+)*$\`, flags),
  };`,
  replace: `  const re = {};
  return {
    get name() { return re.name ??= new RegExp(\`^[\${startChar}][\${char}]*$\`, flags); },
    get ncName() { return re.ncName ??= new RegExp(\`^\${ncNamePat}$\`, flags); },
    get qName() { return re.qName ??= new RegExp(\`^\${ncNamePat}(?::\${ncNamePat})?$\`, flags); },
    get nmToken() { return re.nmToken ??= new RegExp(\`^[\${char}]+$\`, flags); },
    get nmTokens() { return re.nmTokens ??= new RegExp(\`^[\${char}]+(?:\\\\s+[\${char}]+)*$\`, flags); },
  };`,
};

// anynum allocates and fills a 63 KB digit table at load; strnum calls it only
// with numberParseOptions.unicode.
const ANYNUM = {
  file: 'strnum/strnum.js',
  find: 'import anynum from "anynum";',
  replace: `const anynum = (str) => require('${IMPL}/anynum')(str);`,
};

export default [
  {
    name: 'fast-xml-parser',
    source: INDEX,
    external: [`${IMPL}/builder`, `${IMPL}/parser`, `${IMPL}/validator`],
  },
  {
    name: 'fast-xml-parser-impl/parser',
    source: named('xmlparser/XMLParser.js', 'ce') + 'module.exports = value;\n',
    external: [`${IMPL}/validator`, `${IMPL}/is-unsafe`, `${IMPL}/anynum`, `${IMPL}/doctype`],
    patches: [...PARSER_PATCHES, ...IS_NAME, ANYNUM],
  },
  {
    name: 'fast-xml-parser-impl/builder',
    source: named('xmlbuilder/json2xml.js', 'Ae') + 'module.exports = value;\n',
    patches: [XML_NAMING],
  },
  {
    name: 'fast-xml-parser-impl/validator',
    source: named('validator.js', 'l', 'validate') + 'module.exports = { validate: value };\n',
    patches: IS_NAME,
  },
  {
    name: 'fast-xml-parser-impl/doctype',
    source: `import DocTypeReader from '${SRC}/xmlparser/DocTypeReader.js';\nmodule.exports = DocTypeReader;\n`,
    patches: [XML_NAMING],
  },
  {
    name: 'fast-xml-parser-impl/is-unsafe',
    source: "import { isUnsafe, HTML, XML } from 'is-unsafe';\nmodule.exports = { isUnsafe, HTML, XML };\n",
  },
  {
    name: 'fast-xml-parser-impl/anynum',
    source: "import anynum from 'anynum';\nmodule.exports = anynum;\n",
  },
];
