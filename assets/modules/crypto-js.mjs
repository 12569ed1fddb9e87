// crypto-js 4.2.0: one runtime module per file the package ships, sharing ONE
// core instance (each file's `require('./core')` etc. is taken from
// vendor/crypto-js/<file> at run time), and `require('crypto-js')` as a lazy
// facade over that core (assets/shims/crypto-js-lazy.js) whose members load
// their file on first read. Why and what it costs: docs/libraries/crypto-js.md.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const SHARED = { '^\\./(.*)$': 'vendor/crypto-js/$1' };

// core.js picks its random source at load time (window/self/globalThis.crypto,
// then require('crypto')): reading the sandbox's lazy `crypto` global there
// would load internal/crypto for every script that only hashes. Look it up at
// the first random number instead (WordArray.random, salts); same source as in
// Node 20 (globalThis.crypto.getRandomValues).
function corePatches(here, file) {
  const text = fs.readFileSync(path.join(here, 'node_modules', file), 'utf8');
  const start = text.indexOf('// Native crypto from window (Browser)');
  const end = text.indexOf('/*', text.indexOf("crypto = require('crypto');"));
  if (start < 0 || end < 0) throw new Error(`${file}: crypto detection block not found`);
  return [
    { file, find: text.slice(start, end), replace: '' },
    { file, find: 'if (crypto) {', replace: 'if (!crypto) crypto = globalThis.crypto;\n\t        if (crypto) {' },
  ];
}

// Load-time table building, which QuickJS pays in every execution that loads
// the file (measured in docs/libraries/crypto-js.md); each edit keeps every
// value the algorithm reads identical.
function speedPatches(here, f) {
  const file = `crypto-js/${f}.js`;
  if (f === 'aes') {
    // AES: ten 256-entry tables filled in a scrambled index order, which makes
    // plain arrays sparse (slow) in QuickJS; typed arrays hold the same values
    // (S-boxes are bytes, the mix tables int32 results of bitwise operations).
    const u8 = ['SBOX', 'INV_SBOX'];
    const i32 = ['SUB_MIX_0', 'SUB_MIX_1', 'SUB_MIX_2', 'SUB_MIX_3',
      'INV_SUB_MIX_0', 'INV_SUB_MIX_1', 'INV_SUB_MIX_2', 'INV_SUB_MIX_3'];
    return [
      ...u8.map((n) => ({ file, find: `var ${n} = [];`, replace: `var ${n} = new Uint8Array(256);` })),
      ...i32.map((n) => ({ file, find: `var ${n} = [];`, replace: `var ${n} = new Int32Array(256);` })),
      { file, find: 'var d = [];', replace: 'var d = new Int32Array(256);' },
    ];
  }
  // MD5, SHA-1, SHA-256: helpers over the host; SHA-256's constants as literals.
  if (HOST_HASHES[f]) return [...(f === 'sha256' ? sha256Constants(file, here) : []), ...hostPatches(file, f)];
  // SHA-512/384 and SHA-3 keep private tables of 64-bit words (round
  // constants, scratch space) that are only ever read and written through
  // .high/.low: plain {high, low} objects instead of X64Word instances
  // (Base.create: Object.create + mixIn each, ~0.4 ms for 160 of them).
  if (f === 'sha512') {
    return [{ file, find: 'return X64Word.create.apply(X64Word, arguments);', replace: 'return { high: arguments[0], low: arguments[1] };' }];
  }
  if (f === 'sha3') {
    return [
      { file, find: 'ROUND_CONSTANTS[i] = X64Word.create(roundConstantMsw, roundConstantLsw);', replace: 'ROUND_CONSTANTS[i] = { high: roundConstantMsw, low: roundConstantLsw };' },
      { file, find: 'T[i] = X64Word.create();', replace: 'T[i] = { high: undefined, low: undefined };' },
    ];
  }
  return [];
}

// SHA-256's round constants, computed here (V8) by the file's own code instead
// of by ~2000 interpreted float operations per execution.
function sha256Constants(file, here) {
  const text = fs.readFileSync(path.join(here, 'node_modules', file), 'utf8');
  const start = text.indexOf('var H = [];');
  const end = text.indexOf('}());', start) + '}());'.length;
  if (start < 0 || end < start) throw new Error(`${file}: constant computation not found`);
  const H = [], K = [];
  const isPrime = (n) => { for (let k = 2; k <= Math.sqrt(n); k++) if (!(n % k)) return false; return true; };
  const frac = (x) => ((x - (x | 0)) * 0x100000000) | 0;
  for (let n = 2, i = 0; i < 64; n++) {
    if (!isPrime(n)) continue;
    if (i < 8) H[i] = frac(Math.pow(n, 1 / 2));
    K[i++] = frac(Math.pow(n, 1 / 3));
  }
  if (K[0] !== 0x428a2f98 || K[63] !== (0xc67178f2 | 0) || H[0] !== 0x6a09e667) throw new Error('sha256 constants');
  return [{ file, find: text.slice(start, end), replace: `var H = [${H.join(', ')}];\n\t    var K = [${K.join(', ')}];` }];
}

// The MD5/SHA1/SHA256 helpers over the host (assets/shims/crypto-js-host.js).
const HOST_HASHES = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256' };
function hostPatches(file, f) {
  const A = HOST_HASHES[f];
  const shim = 'require("../../shims/crypto-js-host.js")';
  return [
    { file, find: `C.${A} = Hasher._createHelper(${A});`, replace: `C.${A} = ${shim}.hostHash(C, "${f}", Hasher._createHelper(${A}));` },
    { file, find: `C.Hmac${A} = Hasher._createHmacHelper(${A});`, replace: `C.Hmac${A} = ${shim}.hostHmac(C, "${f}", Hasher._createHmacHelper(${A}));` },
  ];
}

// Which file adds which member of CryptoJS, in Node's key order: load core,
// then every file of index.js in its order (in this Node process, fresh
// module cache), and record the new members after each. A namespace (an
// object whose members come from other files: lib, enc, algo, mode, pad,
// format) gets member-level entries. A file that changes an existing member
// fails the build (the lazy facade relies on files only adding members).
function analyse(dir) {
  const req = createRequire(path.join(dir, 'index.js'));
  const fresh = () => { for (const k of Object.keys(req.cache)) if (k.startsWith(dir + path.sep)) delete req.cache[k]; };
  fresh();
  const index = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  const files = [...new Set([...index.matchAll(/require\("\.\/([^"]+)"\)/g)].map((m) => m[1]))];
  if (files[0] !== 'core') throw new Error('crypto-js index.js: core is not first');
  const C = req('./core');
  const plain = (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
  const snap = () => {
    const m = new Map();
    for (const k of Object.keys(C)) {
      m.set(k, C[k]);
      if (plain(C[k])) for (const j of Object.keys(C[k])) m.set(`${k}.${j}`, C[k][j]);
    }
    return m;
  };
  let before = snap();
  const owner = new Map([...before.keys()].map((k) => [k, 'core']));
  const eager = [];
  for (const f of files.slice(1)) {
    req(`./${f}`);
    const now = snap();
    let added = 0;
    for (const [k, v] of now) {
      if (!before.has(k)) { owner.set(k, f); added++; } else if (before.get(k) !== v) throw new Error(`crypto-js: ${f} replaces ${k}`);
    }
    if (!added) eager.push(f); // patches existing objects only (lib-typedarrays)
    before = now;
  }
  const members = [];
  for (const k of Object.keys(C)) {
    const kids = Object.keys(plain(C[k]) ? C[k] : {}).map((j) => [j, owner.get(`${k}.${j}`), null]);
    const ns = kids.some((kid) => kid[1] !== owner.get(k));
    members.push([k, owner.get(k), ns ? kids : null]);
  }
  fresh();
  return { files, members, eager };
}

export default async function ({ here }) {
  const dir = path.join(here, 'node_modules', 'crypto-js');
  const { members, eager } = analyse(dir);
  const shipped = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
  const perFile = shipped.filter((f) => f !== 'index' && f !== 'crypto-js');
  // load(file): a dynamic require of one of the shipped files (a switch of 50
  // literal requires was 3 KB of bytecode to read in every execution). The
  // members are installed by generated calls, one per member (a table parsed
  // and walked at load cost ~60 us more), without the leaf members core.js
  // itself defines (lazy() skips a member the object already has).
  const calls = (obj, list, depth) => list
    .filter(([, file, kids]) => file !== 'core' || kids !== null)
    .map(([k, file, kids]) => {
      const sub = kids === null ? 'null' : `function (o${depth}) {\n${calls(`o${depth}`, kids, depth + 1)}\n}`;
      return `L(${obj}, ${JSON.stringify(k)}, ${JSON.stringify(file)}, ${sub});`;
    }).join('\n');
  const facade = [
    "const { installer } = require('./shims/crypto-js-lazy.js');",
    `const FILES = new Set(${JSON.stringify(perFile)});`,
    'const req = require;',
    "function load(file) {\n  return FILES.has(file) ? req('vendor/crypto-js/' + file) : undefined;\n}",
    `const C = require('vendor/crypto-js/core');`,
    ...eager.map((f) => `load(${JSON.stringify(f)});`),
    'const L = installer(load);',
    calls('C', members, 0),
    'module.exports = C;',
    '',
  ].join('\n');
  return [
    ...perFile.map((f) => ({
      name: `crypto-js/${f}`,
      package: `crypto-js/${f}.js`,
      exports: '*',
      runtime: SHARED,
      external: ['internal/bridge'],
      patches: f === 'core' ? corePatches(here, 'crypto-js/core.js') : speedPatches(here, f),
    })),
    { name: 'crypto-js', source: facade, external: ['vendor/crypto-js/*'] },
    { name: 'crypto-js/index', source: "module.exports = require('vendor/crypto-js');\n", external: ['vendor/crypto-js'] },
    // The package's single-file build (all of index.js in one file; in Node a
    // second instance): the same facade here, rather than 65 KB more to compile
    // at every start-up for a path scripts rarely name.
    { name: 'crypto-js/crypto-js', source: "module.exports = require('vendor/crypto-js');\n", external: ['vendor/crypto-js'] },
  ];
}
