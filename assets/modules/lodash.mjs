// lodash 4.18.1, split so that a script pays only for the methods it touches.
//
// Why (docs/libraries/lodash.md has the measurements): the monolithic lodash.js
// costs ~2-3.5 ms per execution to load in the engine, a per-method bundle of
// lodash's own modular CommonJS files (chunk.js, _baseSlice.js, ...) 0.05-0.2 ms.
//
// - vendor/lodash/<method>: one self-contained bundle per public file of the
//   package (what require('lodash/<method>') gives in Node). The modular files
//   are turned into ES modules on the way in (exact `patches` computed below from
//   each file's own text), so esbuild hoists them into one scope and drops what
//   the method never calls: no per-file CommonJS wrapper runs at load time.
// - Heavy internals reached only for some arguments are separate runtime modules
//   loaded on first need: `_baseMatches`, `_baseMatchesProperty` (baseIteratee's
//   object/array shorthands) and `_stringToPath` (paths that are not a plain key),
//   so `_.groupBy(xs, fn)` or `_.groupBy(xs, 'k')` loads neither the isEqual
//   machinery nor the path parser. `templateSettings` and `reInterpolate` are one
//   shared module each, as in Node, so `_.templateSettings` edits reach `_.template`.
// - vendor/lodash-chain: chain sequences (`_(x)`, `_.chain`, `_.mixin`): the part of
//   the monolith's runInContext that builds lodash.prototype, over the facade's
//   methods (assets/modules/lodash-chain.src.js). vendor/lodash-full: the monolith,
//   only for `_.runInContext` / `_.noConflict`. lodash/fp: vendor/lodash/fp/<name>
//   per method (Node's own fp files over the per-method modules;
//   modules/npm/lodash/fp.js is the facade), vendor/lodash-fp-full (fp.js on the
//   monolith) only for `fp(x)` and `fp.convert`.
// - `_.template` without ALLOW_EVAL: template.js keeps the parts it cut the template
//   into, for modules/npm/lodash_template.js.
// - Load-time reads of lazy globals are removed: `root.Buffer` (isBuffer,
//   cloneBuffer; the Buffer module then loads only when a Uint8Array is checked),
//   and getTag's self-test, which built a DataView, Map, Promise, Set and
//   WeakMap to detect IE 11 / Node < 6 (QuickJS tags them correctly).
import fs from 'node:fs';
import path from 'node:path';

// Semantic patches (literal, so a version bump that moves the code fails the build).
const MODULAR_PATCHES = {
  'isBuffer.js': [{
    find: 'var Buffer = moduleExports ? root.Buffer : undefined;\n\n' +
      '/* Built-in method references for those with the same name as other `lodash` methods. */\n' +
      'var nativeIsBuffer = Buffer ? Buffer.isBuffer : undefined;\n',
    replace: 'var Uint8Arr = root.Uint8Array;\n\n' +
      '// Flowgate: Buffer is read on the first Uint8Array checked, not at load time.\n' +
      // (a method, whose name survives esbuild's syntax minifying: `_.isBuffer.name`)
      'var nativeIsBuffer = moduleExports ? { isBuffer(value) {\n' +
      '  var Buffer = value instanceof Uint8Arr ? root.Buffer : undefined;\n' +
      '  return Buffer ? Buffer.isBuffer(value) : false;\n' +
      '} }.isBuffer : undefined;\n',
  }],
  '_cloneBuffer.js': [{
    find: 'var Buffer = moduleExports ? root.Buffer : undefined,\n' +
      '    allocUnsafe = Buffer ? Buffer.allocUnsafe : undefined;',
    replace: '// Flowgate: Buffer is read when a Buffer is cloned, not at load time.\n' +
      'var allocUnsafe = moduleExports ? function(size) { return root.Buffer.allocUnsafe(size); } : undefined;',
  }],
  '_baseIteratee.js': [{
    find: "var baseMatches = require('./_baseMatches'),\n" +
      "    baseMatchesProperty = require('./_baseMatchesProperty'),\n" +
      "    identity = require('./identity'),\n" +
      "    isArray = require('./isArray'),\n" +
      "    property = require('./property');",
    replace: "var identity = require('./identity'),\n" +
      "    isArray = require('./isArray'),\n" +
      "    property = require('./property');\n" +
      '// Flowgate: the object/array shorthands load their (large) implementations on first use.\n' +
      "function baseMatches(source) { return require('lazy:_baseMatches')(source); }\n" +
      "function baseMatchesProperty(path, srcValue) { return require('lazy:_baseMatchesProperty')(path, srcValue); }",
  }],
  // `_.get(o, 'a')`, `_.groupBy(xs, 'k')`: a plain key needs no path parser (stringToPath
  // brings memoize, MapCache, Hash, ListCache: ~5 KB); `a.b` / `a[0]` load it on first use.
  '_castPath.js': [{
    find: "    stringToPath = require('./_stringToPath'),\n    toString = require('./toString');",
    replace: "    toString = require('./toString');\n" +
      "function stringToPath(string) { return require('lazy:_stringToPath')(string); }",
  }],
  '_getTag.js': [{
    find: "var DataView = require('./_DataView'),\n    Map = require('./_Map'),\n" +
      "    Promise = require('./_Promise'),\n    Set = require('./_Set'),\n" +
      "    WeakMap = require('./_WeakMap'),\n    baseGetTag",
    replace: 'var DataView, Map, Promise, Set, WeakMap,\n    baseGetTag',
  }, {
    find: 'if ((DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag) ||',
    replace: '// Flowgate: no IE 11 / Node < 6 self-test at load time.\nif (false) if ((DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag) ||',
  }],
};

// getNative(root, 'Map') checks that a built-in is native by matching its
// Function#toString against a RegExp built (and compiled) at load time from
// Object#hasOwnProperty's source; in this engine the built-ins are always native,
// so they are read directly: the RegExp and its helpers leave most bundles.
MODULAR_PATCHES['_defineProperty.js'] = [
  { find: "var getNative = require('./_getNative');\n", replace: '' },
  { find: "var func = getNative(Object, 'defineProperty');", replace: 'var func = Object.defineProperty;' },
];
MODULAR_PATCHES['_nativeCreate.js'] = [
  { find: "var getNative = require('./_getNative');\n", replace: '' },
  { find: "var nativeCreate = getNative(Object, 'create');", replace: 'var nativeCreate = Object.create;' },
];
for (const name of ['DataView', 'Map', 'Promise', 'Set', 'WeakMap']) {
  MODULAR_PATCHES[`_${name}.js`] = [
    { find: "var getNative = require('./_getNative'),\n    root", replace: 'var root' },
    { find: `var ${name} = getNative(root, '${name}');`, replace: `var ${name} = root.${name};` },
  ];
}

// `_.template` compiles with `Function`, refused unless ALLOW_EVAL: the parts the
// template was cut into are kept, and when `Function` throws the sandbox's EvalError,
// modules/npm/lodash_template.js renders templates of simple expressions without it.
MODULAR_PATCHES['template.js'] = [
  { find: `      source = "__p += '";`, replace: `      source = "__p += '",\n      parts = [];` },
  {
    find: '    source += string.slice(index, offset).replace(reUnescapedString, escapeStringChar);\n',
    replace: "    parts.push(['text', string.slice(index, offset)]);\n" +
      '    source += string.slice(index, offset).replace(reUnescapedString, escapeStringChar);\n',
  },
  { find: '      isEscaping = true;\n', replace: "      isEscaping = true;\n      parts.push(['escape', escapeValue]);\n" },
  { find: '      isEvaluating = true;\n', replace: "      isEvaluating = true;\n      parts.push(['evaluate', evaluateValue]);\n" },
  {
    find: '    if (interpolateValue) {\n',
    replace: "    if (interpolateValue) {\n      parts.push(['interpolate', interpolateValue]);\n",
  },
  {
    find: '      .apply(undefined, importsValues);\n  });\n',
    replace: '      .apply(undefined, importsValues);\n  });\n' +
      "  if (isError(result) && result.name === 'EvalError') {\n" +
      "    var rendered = require('npm/lodash_template')(parts, variable, importsKeys, importsValues, isEscaping);\n" +
      '    if (rendered) {\n      result = rendered;\n    }\n  }\n',
  },
];

const MONOLITH_PATCHES = [
  { find: 'var Buffer = moduleExports ? context.Buffer : undefined,', replace: 'var Buffer = undefined,' },
  {
    find: 'allocUnsafe = Buffer ? Buffer.allocUnsafe : undefined,',
    replace: 'allocUnsafe = moduleExports ? function(size) { return context.Buffer.allocUnsafe(size); } : undefined,',
  },
  {
    find: 'nativeIsBuffer = Buffer ? Buffer.isBuffer : undefined,',
    replace: 'nativeIsBuffer = moduleExports ? function isBuffer(value) {\n' +
      '          return value instanceof Uint8Array && context.Buffer ? context.Buffer.isBuffer(value) : false;\n' +
      '        } : undefined,',
  },
  {
    find: '    if ((DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag) ||',
    replace: '    if (false) if ((DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag) ||',
  },
].map((p) => ({ file: 'lodash/lodash.js', ...p }));

// Files that are not per-method modules: the builds, and internals.
const NOT_METHODS = new Set(['lodash', 'lodash.min', 'core', 'core.min', 'fp', 'index']);
// Alias files (`module.exports = require('./forEach')`): the same function as in Node.
const ALIASES = {
  each: 'forEach', eachRight: 'forEachRight', entries: 'toPairs', entriesIn: 'toPairsIn',
  extend: 'assignIn', extendWith: 'assignInWith', first: 'head',
};
// Internals that are runtime modules of their own (loaded lazily, or shared state).
const SHARED_INTERNALS = ['_baseMatches', '_baseMatchesProperty', '_reInterpolate', '_stringToPath'];
// Shared state across bundles, as in Node's modular lodash: `_.templateSettings`
// edits must reach `_.template`, which also compares `interpolate` with the one
// `reInterpolate` RegExp (to enable `${}` interpolation).
// fp's placeholder is one object for every lodash/fp/<name> and their converter.
const SHARED_FILES = ['templateSettings.js', '_reInterpolate.js', 'fp/placeholder.js'];
// lodash/fp/convert is hoisted with its helpers (fp/_util.js requires ~14 methods, that
// as separate modules cost ~1 ms to load); fp/_mapping.js (`exports.x = ...`) stays CommonJS.
const FP_CONVERT_FILES = ['fp/convert.js', 'fp/_baseConvert.js', 'fp/_util.js'];
const CJS_FILES = ['fp/_mapping.js'];
const RUNTIME = {
  '^lazy:': 'vendor/lodash/',
  './templateSettings.js': 'vendor/lodash/templateSettings',
  './_reInterpolate.js': 'vendor/lodash/_reInterpolate',
  'npm/lodash_template': 'npm/lodash_template',
  './placeholder.js': 'vendor/lodash/fp/placeholder',
};
// Node's lodash/fp/<name> files, kept CommonJS: their converter and method are runtime modules.
const FP_RUNTIME = {
  './convert': 'vendor/lodash/fp/convert',
  './placeholder': 'vendor/lodash/fp/placeholder',
  '^\\.\\./(.*)$': 'vendor/lodash/$1',
};
const REQUIRE_RE = /require\('(\.{1,2}\/[A-Za-z0-9_.]+)'\)/g;

// `require('../ary')` in fp/_util.js -> 'ary.js' (paths relative to the package).
function resolveRel(file, rel) {
  return `${path.posix.normalize(path.posix.join(path.posix.dirname(file), rel))}.js`;
}

function readPatched(dir, file) {
  let text = fs.readFileSync(path.join(dir, file), 'utf8');
  for (const p of MODULAR_PATCHES[file] ?? []) {
    const n = text.split(p.find).length - 1;
    if (n !== 1) throw new Error(`lodash ${file}: patch expected once, found ${n}: ${p.find}`);
    text = text.replace(p.find, () => p.replace);
  }
  return text;
}

function count(text, s) {
  return text.split(s).length - 1;
}

// CommonJS -> ES module, as exact edits of one modular file (after its semantic patches).
// A top-of-file statement of only `name = require('./x')` declarators becomes
// `import name from './x.js'`, and `module.exports = name;` becomes
// `export { name as default }`: esbuild then refers to the hoisted function itself,
// where `var name = <import>` and `export default name` left two alias variables per
// import that every closure of the bundle captured (measured: ~10 % of a method's load).
const DECLARATOR_RE = /^(?:var | {4})(\w+) = require\('(\.{1,2}\/[A-Za-z0-9_.]+)'\)[,;]$/;

function requireStatements(text) {
  const out = []; // [statement text, [[name, rel], ...]]
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('var ')) continue;
    const decls = [];
    let j = i;
    for (; j < lines.length; j++) {
      const m = DECLARATOR_RE.exec(lines[j]);
      if (!m || (j > i && lines[j].startsWith('var '))) break;
      decls.push([m[1], m[2]]);
      if (lines[j].endsWith(';')) break;
    }
    if (j < lines.length && decls.length === j - i + 1 && lines[j].endsWith(';')) {
      out.push([lines.slice(i, j + 1).join('\n') + '\n', decls]);
      i = j;
    }
  }
  return out;
}

function esmPatches(file, text) {
  const id = (rel) => `__lodash_${resolveRel(file, rel).slice(0, -3).replace(/[^A-Za-z0-9_]/g, '_')}`;
  const patches = [];
  let imports = '';
  let rest = text;
  for (const [statement, decls] of requireStatements(text)) {
    if (count(text, statement) !== 1) continue;
    patches.push({ find: statement, replace: '' });
    rest = rest.replace(statement, '');
    for (const [name, rel] of decls) imports += `import ${name} from '${rel}.js';\n`;
  }
  // Requires anywhere else (inside expressions, mixed statements): an import under a fresh name.
  const rels = [...new Set([...rest.matchAll(REQUIRE_RE)].map((m) => m[1]))];
  for (const rel of rels) {
    const find = `require('${rel}')`;
    patches.push({ find, count: count(rest, find), replace: id(rel) });
    imports += `import ${id(rel)} from '${rel}.js';\n`;
  }
  for (const [find, replace] of [
    ["typeof exports == 'object' && exports && !exports.nodeType && exports", 'true'],
    ["freeExports && typeof module == 'object' && module && !module.nodeType && module", '{ exports: true }'],
  ]) {
    const n = count(text, find);
    if (n) patches.push({ find, count: n, replace });
  }
  if (count(text, 'module.exports = ') !== 1 || !/^module\.exports = /m.test(text)) {
    throw new Error(`lodash ${file}: expected one top-level module.exports assignment`);
  }
  const named = /^module\.exports = (\w+);$/m.exec(text);
  if (named) patches.push({ find: named[0], replace: `${imports}export { ${named[1]} as default };` });
  else patches.push({ find: 'module.exports = ', replace: `${imports}export default ` });
  return [...(MODULAR_PATCHES[file] ?? []), ...patches].map((p) => ({ file: `lodash/${file}`, ...p }));
}

export default function lodashEntries({ here }) {
  const dir = path.join(here, 'node_modules', 'lodash');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const texts = new Map();
  const deps = new Map();
  for (const f of [...files.filter((x) => !NOT_METHODS.has(x.slice(0, -3))), ...FP_CONVERT_FILES, ...CJS_FILES]) {
    const text = readPatched(dir, f);
    texts.set(f, text);
    deps.set(f, [...new Set([...text.matchAll(REQUIRE_RE)].map((m) => resolveRel(f, m[1])))]);
  }
  const patchCache = new Map();
  function closurePatches(entryFile, roots = [entryFile]) {
    const seen = new Set();
    const stack = [...roots];
    while (stack.length) {
      const f = stack.pop();
      if (seen.has(f)) continue;
      if (SHARED_FILES.includes(f) && entryFile !== f) continue; // a runtime module of its own
      if (!texts.has(f)) throw new Error(`lodash: ${entryFile} requires unknown ${f}`);
      seen.add(f);
      stack.push(...deps.get(f));
    }
    const out = [];
    for (const f of [...seen].sort()) {
      if (CJS_FILES.includes(f)) continue;
      if (!patchCache.has(f)) patchCache.set(f, esmPatches(f, texts.get(f)));
      out.push(...patchCache.get(f));
    }
    return out;
  }
  function methodEntry(name) {
    return {
      name: `lodash/${name}`,
      source: `import f from 'lodash/${name}.js';\nmodule.exports = f;\n`,
      runtime: RUNTIME,
      patches: closurePatches(`${name}.js`),
      sourceNames: true,
    };
  }
  const reexport = (name, target) => ({ name, source: `module.exports = require('${target}');\n`, runtime: { [target]: target } });

  // Chain sequences for the facade (assets/modules/lodash-chain.src.js): which methods the
  // monolith's two mixins make chainable, read from lodash.js's two `lodash.x = x` blocks.
  const full = fs.readFileSync(path.join(dir, 'lodash.js'), 'utf8');
  const block = (start, end) => {
    const from = full.indexOf(start);
    const to = full.indexOf(end, from);
    if (from < 0 || to < 0) throw new Error(`lodash.js: chain block ${start} not found`);
    return ` ${[...full.slice(from, to).matchAll(/^ {4}lodash\.(\w+) = \w+;$/gm)].map((m) => m[1]).join(' ')} `;
  };
  const chainable = block('    // Add methods that return wrapped values in chain sequences.', '    mixin(lodash, lodash);');
  const unchainable = block('    // Add methods that return unwrapped values in chain sequences.', '    mixin(lodash, (function() {');
  let chainSource = fs.readFileSync(path.join(here, 'modules', 'lodash-chain.src.js'), 'utf8')
    .replace("/*CHAINABLE*/ ''", JSON.stringify(chainable).replace(/"/g, "'"))
    .replace("/*UNCHAINABLE*/ ''", JSON.stringify(unchainable).replace(/"/g, "'"));
  if (count(chainSource, '\nexport default ') !== 1) throw new Error('lodash-chain.src.js: one export default');
  chainSource = chainSource.replace('\nexport default ', '\nmodule.exports = ');
  const chainRoots = [...chainSource.matchAll(/^import \w+ from 'lodash\/([\w.]+)';$/gm)].map((m) => m[1]);

  const entries = [
    {
      name: 'lodash-chain',
      source: chainSource,
      runtime: RUNTIME,
      patches: closurePatches(chainRoots[0], chainRoots),
      sourceNames: true,
    },
    { name: 'lodash-full', source: "module.exports = require('lodash/lodash.js');\n", patches: MONOLITH_PATCHES },
    reexport('lodash/lodash.min', 'vendor/lodash-full'),
    { name: 'lodash/core', source: "module.exports = require('lodash/core.js');\n" },
    reexport('lodash/core.min', 'vendor/lodash/core'),
    {
      // What lodash/fp.js does, on the shared monolith (fp.js loads lodash.min.js: the same
      // code). Only for what modules/npm/lodash/fp.js cannot give per method (`fp(x)`,
      // `fp.convert`): converting every method costs ~50-150 ms here.
      name: 'lodash-fp-full',
      source: "var _ = require('lodash/lodash.js').runInContext();\n" +
        "module.exports = require('lodash/fp/_baseConvert.js')(_, _);\n",
      runtime: { 'lodash/lodash.js': 'vendor/lodash-full', './placeholder': 'vendor/lodash/fp/placeholder' },
    },
    { name: 'lodash/fp/placeholder', source: "module.exports = require('lodash/fp/placeholder.js');\n" },
    reexport('lodash/fp/__', 'vendor/lodash/fp/placeholder'),
    // Node's fp/convert.js with its helpers, hoisted like the methods.
    methodEntry('fp/convert'),
  ];
  // lodash/fp/<name>: Node's own file (`convert('<name>', require('../<name>'))`), or its alias.
  for (const f of fs.readdirSync(path.join(dir, 'fp')).filter((x) => x.endsWith('.js')).sort()) {
    const name = f.slice(0, -3);
    if (name.startsWith('_') || ['placeholder', '__', 'convert'].includes(name)) continue;
    const text = fs.readFileSync(path.join(dir, 'fp', f), 'utf8');
    const alias = text.match(/^module\.exports = require\('\.\/([A-Za-z0-9_]+)'\);\n$/);
    if (alias) entries.push(reexport(`lodash/fp/${name}`, `vendor/lodash/fp/${alias[1]}`));
    else if (text.startsWith("var convert = require('./convert')")) {
      entries.push({ name: `lodash/fp/${name}`, package: `lodash/fp/${f}`, exports: '*', runtime: FP_RUNTIME });
    } else throw new Error(`lodash/fp/${f}: unexpected shape`);
  }
  for (const f of files) {
    const name = f.slice(0, -3);
    if (NOT_METHODS.has(name) || (name.startsWith('_') && !SHARED_INTERNALS.includes(name))) continue;
    entries.push(Object.hasOwn(ALIASES, name) ? reexport(`lodash/${name}`, `vendor/lodash/${ALIASES[name]}`) : methodEntry(name));
  }
  return entries;
}
