// Bundles pinned npm packages into code-block runtime modules.
//
//   cd assets && npm ci && node build.mjs      (or: make assets)
//
// Each entry of MODULES becomes src/flowgate/codeblock/runtime/vendor/<name>.js,
// a module in the format of docs/runtime-modules.md (a script whose completion
// value is `(function (module, exports, require, host) { ... })`), loadable in
// the sandbox as require('vendor/<name>'). The licence text of every npm
// package that ends up in a bundle is copied to vendor/LICENSES/<package>.txt.
// The output depends only on package-lock.json and the files in this directory:
// running the build twice gives byte-identical files.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(HERE, '../src/flowgate/codeblock/runtime/vendor');
const LICENSES = path.join(OUT, 'LICENSES');

/**
 * The table. Fields:
 *   name      output file vendor/<name>.js, module name 'vendor/<name>'
 *   package   the npm package to bundle (must be in package.json)
 *   exports   '*' for module.exports = require(package), or a list of the
 *             names to re-export: module.exports = { a: pkg.a, ... }
 *   external  module names left to the runtime's require() (other runtime
 *             modules such as 'web/text_encoding' or 'vendor/<name>')
 *   alias     { 'npm-name': './shims/file.js' }: replace a dependency
 *   inject    ['./shims/file.js']: files whose exports replace free globals
 *   patches   [{ file, find, replace }]: exact source edits of one file of a
 *             package (path under node_modules/); each `find` must occur
 *             exactly once, so a version bump that moves the code fails loudly
 */
const MODULES = [
  {
    // WHATWG URL + URLSearchParams; exposed to user code by modules/web/url.js.
    name: 'url-impl',
    package: 'whatwg-url',
    exports: ['URL', 'URLSearchParams'],
    external: ['web/text_encoding', 'vendor/tr46'],
    alias: { tr46: './shims/tr46.js' },
    inject: ['./shims/text-encoding.js'],
    patches: [
      // Node 20: TypeError [ERR_INVALID_URL] 'Invalid URL' with .input (and .base).
      {
        file: 'whatwg-url/lib/URL-impl.js',
        find: 'throw new TypeError(`Invalid base URL: ${base}`);',
        replace: 'throw Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input: url, base });',
      },
      {
        file: 'whatwg-url/lib/URL-impl.js',
        find: 'throw new TypeError(`Invalid URL: ${url}`);',
        replace:
          'throw Object.assign(new TypeError("Invalid URL"), base === undefined ? { code: "ERR_INVALID_URL", input: url } : { code: "ERR_INVALID_URL", input: url, base });',
      },
      {
        file: 'whatwg-url/lib/URL-impl.js',
        find: 'throw new TypeError(`Invalid URL: ${v}`);',
        replace: 'throw Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL", input: v });',
      },
      // Node 20: TypeError [ERR_INVALID_TUPLE] for a pair that is not [name, value].
      {
        file: 'whatwg-url/lib/URLSearchParams-impl.js',
        find: `throw new TypeError("Failed to construct 'URLSearchParams': parameter 1 sequence's element does not " +
                              "contain exactly two elements.");`,
        replace:
          'throw Object.assign(new TypeError("Each query pair must be an iterable [name, value] tuple"), { code: "ERR_INVALID_TUPLE" });',
      },
      // Node 20: `new URLSearchParams(null)` is empty (WebIDL would read "null").
      {
        file: 'whatwg-url/lib/URLSearchParams.js',
        find: `        if (curArg !== undefined) {
          if (utils.isObject(curArg)) {
            if (curArg[Symbol.iterator] !== undefined) {`,
        replace: `        if (curArg !== undefined && curArg !== null) {
          if (utils.isObject(curArg)) {
            if (curArg[Symbol.iterator] !== undefined) {`,
      },
      // Node 20 reads searchParams back from the query the search setter
      // produced (so "\t" or "\n", which the parser drops, do not show up as
      // names); the standard parses the setter's raw input.
      {
        file: 'whatwg-url/lib/URL-impl.js',
        find: 'this._query._list = urlencoded.parseUrlencodedString(input);',
        replace: 'this._query._list = urlencoded.parseUrlencodedString(url.query);',
      },
      // Node 20: TypeError [ERR_INVALID_TUPLE] for a pair that is not an object.
      {
        file: 'whatwg-url/lib/URLSearchParams.js',
        find: `                    throw new globalObject.TypeError(
                      "Failed to construct 'URLSearchParams': parameter 1" +
                        " sequence" +
                        "'s element" +
                        " is not an iterable object."
                    );`,
        replace: `                    throw Object.assign(new globalObject.TypeError("Each query pair must be an iterable [name, value] tuple"), { code: "ERR_INVALID_TUPLE" });`,
      },
      // Bug (still in whatwg-url 15.1): userinfo before '@' was walked with a
      // code point count but UTF-16 indexes, so an astral character turned
      // into U+FFFD and the last characters were lost. Walk code points.
      {
        file: 'whatwg-url/lib/url-state-machine.js',
        find: `    const len = countSymbols(this.buffer);
    for (let pointer = 0; pointer < len; ++pointer) {
      const codePoint = this.buffer.codePointAt(pointer);`,
        replace: `    for (const symbol of this.buffer) {
      const codePoint = symbol.codePointAt(0);`,
      },
      // Speed (QuickJS interprets each loop iteration): USVString conversion
      // of every argument, one String.fromCodePoint + push per UTF-16 unit in
      // the original; String.prototype.toWellFormed is the same operation
      // (lone surrogates -> U+FFFD) done natively.
      {
        file: 'webidl-conversions/lib/index.js',
        find: `  const S = exports.DOMString(value, options);
  const n = S.length;
  const U = [];`,
        replace: `  const S = exports.DOMString(value, options);
  return S.toWellFormed();
  const n = S.length;
  const U = [];`,
      },
      // Speed: the parser percent-encodes one code point at a time through a
      // TextEncoder; for an ASCII code point the UTF-8 byte is the code point.
      {
        file: 'whatwg-url/lib/percent-encoding.js',
        find: `function utf8PercentEncodeCodePointInternal(codePoint, percentEncodePredicate) {
  const bytes = utf8Encode(codePoint);`,
        replace: `function utf8PercentEncodeCodePointInternal(codePoint, percentEncodePredicate) {
  const unit = codePoint.charCodeAt(0);
  if (unit < 0x80) {
    return percentEncodePredicate(unit) ? percentEncode(unit) : codePoint;
  }
  const bytes = utf8Encode(codePoint);`,
      },
      // Speed: the state machine dispatched on a template string built per
      // input code point; look the handler up once per state instead.
      {
        file: 'whatwg-url/lib/url-state-machine.js',
        find: 'const ret = this[`parse ${this.state}`](c, cStr);',
        replace: 'const ret = (STATE_HANDLERS[this.state] ??= this[`parse ${this.state}`]).call(this, c, cStr);',
      },
      {
        file: 'whatwg-url/lib/url-state-machine.js',
        find: 'function URLStateMachine(input, base, encodingOverride, url, stateOverride) {',
        replace: `const STATE_HANDLERS = Object.create(null);
function URLStateMachine(input, base, encodingOverride, url, stateOverride) {`,
      },
    ],
  },
  {
    // UTS #46 (IDNA) for non-ASCII and xn-- hosts; loaded lazily by shims/tr46.js.
    name: 'tr46',
    package: 'tr46',
    exports: ['toASCII', 'toUnicode'],
  },
];

// ------------------------------------------------------------------ helpers

function packageOf(file) {
  // 'node_modules/@scope/name/lib/x.js' -> '@scope/name'; null for our own files.
  const parts = file.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return null;
  return parts[i + 1].startsWith('@') ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1];
}

function packageDir(name) {
  return path.join(HERE, 'node_modules', name);
}

function packageJson(name) {
  return JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8'));
}

function licenseText(name) {
  const dir = packageDir(name);
  const file = fs
    .readdirSync(dir)
    .sort()
    .find((f) => /^(licen[cs]e|copying)([.-]|$)/i.test(f));
  if (!file) throw new Error(`${name}: no LICENSE file in ${dir}`);
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

function entrySource(mod) {
  const pkg = JSON.stringify(mod.package);
  if (mod.exports === '*') return `module.exports = require(${pkg});\n`;
  const fields = mod.exports.map((n) => `  ${JSON.stringify(n)}: pkg[${JSON.stringify(n)}],`);
  return `const pkg = require(${pkg});\nmodule.exports = {\n${fields.join('\n')}\n};\n`;
}

function patchPlugin(patches) {
  const byFile = new Map();
  for (const p of patches) {
    const key = path.join(HERE, 'node_modules', p.file);
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key).push(p);
  }
  const applied = new Set();
  return {
    name: 'patches',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        const list = byFile.get(args.path);
        if (!list) return undefined;
        let text = fs.readFileSync(args.path, 'utf8');
        for (const p of list) {
          const count = text.split(p.find).length - 1;
          if (count !== 1) throw new Error(`patch for ${p.file}: expected 1 match, found ${count}: ${p.find}`);
          text = text.replace(p.find, () => p.replace);
          applied.add(p);
        }
        return { contents: text, loader: 'js' };
      });
      build.onEnd(() => {
        for (const p of patches) {
          if (!applied.has(p)) throw new Error(`patch for ${p.file} was never applied (file not bundled?)`);
        }
      });
    },
  };
}

async function bundle(mod) {
  const result = await esbuild.build({
    absWorkingDir: HERE,
    stdin: { contents: entrySource(mod), resolveDir: HERE, sourcefile: `entry-${mod.name}.js`, loader: 'js' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2022',
    minify: true,
    keepNames: true, // URL.name === 'URL', as user code may check
    legalComments: 'none',
    charset: 'ascii',
    metafile: true,
    logLevel: 'warning',
    external: mod.external ?? [],
    alias: mod.alias ?? {},
    inject: mod.inject ?? [],
    plugins: [patchPlugin(mod.patches ?? [])],
  });
  const packages = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter(Boolean))].sort();
  const code = result.outputFiles[0].text;
  const header = [
    `// vendor/${mod.name}: generated by assets/build.mjs from npm packages; do not edit.`,
    ...packages.map((p) => {
      const pj = packageJson(p);
      return `//   ${p}@${pj.version} (${pj.license}; see LICENSES/${p.replace('/', '__')}.txt)`;
    }),
  ].join('\n');
  return { packages, text: `${header}\n(function (module, exports, require, host) {\n${code}})\n` };
}

// --------------------------------------------------------------------- main

fs.mkdirSync(LICENSES, { recursive: true });
for (const f of fs.readdirSync(OUT)) if (f.endsWith('.js')) fs.rmSync(path.join(OUT, f));
for (const f of fs.readdirSync(LICENSES)) fs.rmSync(path.join(LICENSES, f));

const licensed = new Set();
for (const mod of MODULES) {
  const { packages, text } = await bundle(mod);
  fs.writeFileSync(path.join(OUT, `${mod.name}.js`), text);
  for (const p of packages) licensed.add(p);
  console.log(`vendor/${mod.name}.js  ${text.length} bytes  [${packages.join(', ')}]`);
}
for (const p of [...licensed].sort()) {
  fs.writeFileSync(path.join(LICENSES, `${p.replace('/', '__')}.txt`), licenseText(p));
}
