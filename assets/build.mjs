// Bundles pinned npm packages into code-block runtime modules.
//
//   cd assets && npm ci && node build.mjs      (or: make assets)
//
// Each entry of MODULES becomes src/flowgate/codeblock/runtime/vendor/<name>.js,
// a module in the format of docs/runtime-modules.md (a script whose completion
// value is `(function (module, exports, require, host) { ... })`), loadable in
// the sandbox as require('vendor/<name>'). The licence text of every npm
// package that ends up in a bundle is copied to vendor/LICENSES/<package>.txt
// and the bundle's legal comments (/*! ... */, @license) go to
// vendor/LICENSES/<name>.legal.txt.
// The output depends only on package-lock.json and the files in this directory:
// running the build twice gives byte-identical files.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { whatwgUrlPatches } from './patches/whatwg-url.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(HERE, '../src/flowgate/codeblock/runtime/vendor');
const LICENSES = path.join(OUT, 'LICENSES');

/**
 * The table. Fields:
 *   name      output file vendor/<name>.js, module name 'vendor/<name>'
 *   name may hold '/' (vendor/dayjs/plugin/utc.js, module 'vendor/dayjs/plugin/utc')
 *   package   the npm package (or package subpath) to bundle (in package.json)
 *   source    instead of package/exports: the entry's own source text, resolved
 *             from assets/ (for glue that picks parts of several files)
 *   exports   '*' for module.exports = require(package), or a list of the
 *             names to re-export: module.exports = { a: pkg.a, ... }
 *   external  module names left to the runtime's require() (other runtime
 *             modules such as 'web/text_encoding' or 'vendor/<name>')
 *   runtime   { 'import-path': 'runtime/module' }: an import the bundle must NOT
 *             contain but take from another runtime module at run time, so that
 *             separately bundled files share one instance (e.g. every dayjs
 *             locale file gets { dayjs: 'vendor/dayjs' }); matched exactly, or
 *             as a regexp when the key starts with '^'
 *   sourceNames  keep the sources' identifiers instead of minifying them and
 *             restoring function names with keepNames: for code whose functions
 *             are all declared under their public names (lodash), ~10-15 % cheaper
 *             to load in the engine (no `name` redefinition per function)
 *   alias     { 'npm-name': './shims/file.js' }: replace a dependency
 *   inject    ['./shims/file.js']: files whose exports replace free globals
 *   patches   [{ file, find, replace, count }]: exact source edits of one
 *             file of a package (path under node_modules/); `find` must occur
 *             exactly `count` (default 1) times, all replaced, so a version
 *             bump that moves the code fails the build loudly
 */
const BASE_MODULES = [
  {
    // WHATWG URL + URLSearchParams; exposed to user code by modules/web/url.js.
    name: 'url-impl',
    package: 'whatwg-url',
    exports: ['URL', 'URLSearchParams'],
    external: ['web/text_encoding', 'vendor/tr46'],
    alias: { tr46: './shims/tr46.js' },
    inject: ['./shims/text-encoding.js'],
    patches: whatwgUrlPatches,
  },
  {
    // UTS #46 (IDNA) for non-ASCII and xn-- hosts; loaded lazily by shims/tr46.js.
    name: 'tr46',
    package: 'tr46',
    exports: ['toASCII', 'toUnicode'],
  },
];

// One file per npm library under modules/: each default-exports its list of
// entries (or a function returning it), in the same format as above, so each
// library's bundling decisions live next to each other and nowhere else.
const MODULES_DIR = path.join(HERE, 'modules');
const MODULES = [...BASE_MODULES];
for (const file of fs.existsSync(MODULES_DIR) ? fs.readdirSync(MODULES_DIR).sort() : []) {
  if (!file.endsWith('.mjs')) continue;
  const def = (await import(path.join(MODULES_DIR, file))).default;
  MODULES.push(...(typeof def === 'function' ? await def({ here: HERE }) : def));
}

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
  if (file) return fs.readFileSync(path.join(dir, file), 'utf8');
  // A few packages ship no licence file; record what package.json declares.
  const pj = packageJson(name);
  if (!pj.license) throw new Error(`${name}: no LICENSE file in ${dir} and no license field`);
  return `${name}@${pj.version} ships no licence file; its package.json declares "license": "${pj.license}"` +
    (pj.author ? ` (author: ${typeof pj.author === 'string' ? pj.author : pj.author.name}).` : '.') + '\n';
}

function entrySource(mod) {
  if (mod.source !== undefined) return mod.source;
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
      build.onLoad({ filter: /\.[cm]?js$/ }, (args) => {
        const list = byFile.get(args.path);
        if (!list) return undefined;
        let text = fs.readFileSync(args.path, 'utf8');
        for (const p of list) {
          const parts = text.split(p.find);
          const expected = p.count ?? 1;
          if (parts.length - 1 !== expected) {
            throw new Error(`patch for ${p.file}: expected ${expected} matches, found ${parts.length - 1}: ${p.find}`);
          }
          text = parts.join(p.replace);
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

// Node built-ins a package requires resolve to the runtime's own ports (left to the
// runtime's require() as 'node/<name>'); any other built-in fails the build.
const NODE_PORTS = ['assert', 'buffer', 'crypto', 'events', 'querystring', 'string_decoder', 'url', 'util'];

function nodeBuiltinsPlugin() {
  return {
    name: 'node-builtins',
    setup(build) {
      build.onResolve({ filter: /^(node:)?[a-z_]+$/ }, (args) => {
        const bare = args.path.replace(/^node:/, '');
        if (!NODE_PORTS.includes(bare)) return undefined;
        return { path: `node/${bare}`, external: true };
      });
    },
  };
}

function runtimePlugin(map) {
  const rules = Object.entries(map ?? {}).map(([key, target]) => [
    key.startsWith('^') ? new RegExp(key) : null, key, target]);
  return {
    name: 'runtime-modules',
    setup(build) {
      if (!rules.length) return;
      build.onResolve({ filter: /.*/ }, (args) => {
        for (const [re, key, target] of rules) {
          if (re ? re.test(args.path) : args.path === key) {
            return { path: re ? args.path.replace(re, target) : target, external: true };
          }
        }
        return undefined;
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
    minifyWhitespace: true,
    minifySyntax: true,
    // Minified identifiers need keepNames (URL.name === 'URL', as user code may check),
    // which costs a defineProperty per function on every load; see `sourceNames`.
    minifyIdentifiers: !mod.sourceNames,
    keepNames: !mod.sourceNames,
    outfile: `${mod.name}.js`, // names the outputs; nothing is written by esbuild
    legalComments: 'external', // kept in LICENSES/<name>.legal.txt
    charset: 'ascii',
    metafile: true,
    logLevel: 'warning',
    external: mod.external ?? [],
    alias: mod.alias ?? {},
    inject: mod.inject ?? [],
    plugins: [runtimePlugin(mod.runtime), nodeBuiltinsPlugin(), patchPlugin(mod.patches ?? [])],
  });
  const packages = [...new Set(Object.keys(result.metafile.inputs).map(packageOf).filter(Boolean))].sort();
  const code = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const legal = result.outputFiles.find((f) => f.path.endsWith('.LEGAL.txt'))?.text ?? null;
  const header = [
    `// vendor/${mod.name}: generated by assets/build.mjs from npm packages; do not edit.`,
    ...packages.map((p) => {
      const pj = packageJson(p);
      return `//   ${p}@${pj.version} (${pj.license}; see LICENSES/${p.replace('/', '__')}.txt)`;
    }),
  ].join('\n');
  return { packages, legal, text: `${header}\n(function (module, exports, require, host) {\n${code}})\n` };
}

// --------------------------------------------------------------------- main

// Bundle everything first: a failed build leaves the committed files alone.
const built = [];
for (const mod of MODULES) built.push({ mod, ...(await bundle(mod)) });

fs.mkdirSync(LICENSES, { recursive: true });
for (const f of fs.readdirSync(OUT, { recursive: true }).sort().reverse()) {
  const full = path.join(OUT, f);
  if (f.endsWith('.js')) fs.rmSync(full);
  else if (f !== 'LICENSES' && fs.statSync(full).isDirectory() && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
}
for (const f of fs.readdirSync(LICENSES)) fs.rmSync(path.join(LICENSES, f));

const licensed = new Set();
for (const { mod, packages, legal, text } of built) {
  fs.mkdirSync(path.dirname(path.join(OUT, `${mod.name}.js`)), { recursive: true });
  fs.writeFileSync(path.join(OUT, `${mod.name}.js`), text);
  if (legal) fs.writeFileSync(path.join(LICENSES, `${mod.name.replaceAll('/', '__')}.legal.txt`), legal);
  for (const p of packages) licensed.add(p);
  console.log(`vendor/${mod.name}.js  ${text.length} bytes  [${packages.join(', ')}]`);
}
for (const p of [...licensed].sort()) {
  fs.writeFileSync(path.join(LICENSES, `${p.replace('/', '__')}.txt`), licenseText(p));
}
