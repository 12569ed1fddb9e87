// sm-crypto-v2 1.15.1 (SM2/SM3/SM4 over @noble/curves, hashes, ciphers).
// The package ships one file; built from its ESM build (dist/index.mjs) so
// esbuild can tree-shake it into one runtime module per top-level export, and
// `require('sm-crypto-v2')` is a facade with the same lazy getters the CJS
// build has (esbuild's __toCommonJS), each loading its part on first read.
// Why and what it costs: docs/libraries/sm-crypto-v2.md.
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'sm-crypto-v2/dist/index.mjs';

const PATCHES = [
  // The RNG: the package calls initRNGPool() at load, which reads the lazy
  // `crypto` global (internal/crypto) in every script. Take the same source,
  // globalThis.crypto.getRandomValues, at the first random number instead.
  { file: FILE, find: 'initRNGPool();\nfunction consumePool', replace: 'function consumePool' },
  {
    file: FILE,
    find: '  const array = new Uint8Array(length);\n  if (_syncCrypto) {',
    replace: '  const array = new Uint8Array(length);\n  if (!_syncCrypto && "crypto" in globalThis) _syncCrypto = globalThis.crypto;\n  if (_syncCrypto) {',
  },
  // Point multiplication through the host (assets/shims/sm2-host.js).
  { file: FILE, find: 'var sm2Curve = weierstrass({', replace: 'var sm2Curve = hostMultiply(weierstrass({' },
  { file: FILE, find: '\n});\nvar field = Field(', replace: '\n}));\nvar field = Field(' },
  // The exported sm3() hashes on the host (assets/shims/sm3-host.js).
  {
    file: FILE,
    find: '    return bytesToHex(hmac(sm3, key, input));\n  }\n  return bytesToHex(sm3(input));',
    replace: '    return bytesToHex(hostHmacSm3(key, input) ?? hmac(sm3, key, input));\n  }\n  return bytesToHex(hostSm3(input) ?? sm3(input));',
  },
  // utf8ToArray (strings given to sm3, SM2 encryption): a per-character loop
  // pushing to an array (~50 ms for 100 KB); TextEncoder gives the same bytes for
  // a well-formed string whose code points are below U+40000 or from U+100000 on
  // (the loop masks the first byte of U+40000..U+FFFFF with 28, not 7, a bug kept
  // by leaving those, and lone surrogates, which it refuses, to the loop). Short
  // strings keep the loop until TextEncoder exists: loading web/text_encoding
  // costs ~0.15 ms, the loop ~1 us per character.
  {
    file: FILE,
    find: 'function utf8ToArray(str) {\n  const arr = [];',
    replace: 'function utf8ToArray(str) {\n  if ((te !== null || str.length > 128) && str.isWellFormed() && !/[\\uD8C0-\\uDBBF]/.test(str)) {\n    if (te === null) te = new (require("web/text_encoding").TextEncoder)();\n    return te.encode(str);\n  }\n  const arr = [];',
  },
  // SM4-ECB/CBC blocks on the host from 128 bytes on (assets/shims/sm4-host.js).
  {
    file: FILE,
    find: '  let restLen = inArray.length;\n  let point = 0;\n',
    replace: '  let restLen = inArray.length;\n  let point = 0;\n  const hostOut = hostSm4(mode === "cbc", cryptFlag !== DECRYPT, key, iv, inArray);\n  if (hostOut !== null) {\n    outArray.set(hostOut, 0);\n    restLen = 0;\n  }\n',
  },
  // TextEncoder (used when a string is hashed through the SM3 class): made on
  // first use, from web/text_encoding rather than the global the user may
  // have replaced, and not at load (it would load web/text_encoding always).
  {
    file: FILE,
    find: 'var te = typeof TextEncoder != "undefined" && /* @__PURE__ */ new TextEncoder();',
    replace: 'var te = null;',
  },
  {
    file: FILE,
    find: 'function strToU8(str) {\n  if (te)',
    replace: 'function strToU8(str) {\n  if (te === null) te = new (require("web/text_encoding").TextEncoder)();\n  if (te)',
  },
];

// noble's GHASH (SM4-GCM): `wrapConstructorWithKey` built a throw-away instance
// at load to read its outputLen/blockLen, computing a key table (~0.5 ms per
// execution, twice with Polyval); both are 16 for GHASH and Polyval (their
// constructors set BLOCK_SIZE). With that, Polyval (unused) is dropped.
const POLYVAL = '@noble/ciphers/esm/_polyval.js';
const GHASH_PATCHES = [
  {
    file: POLYVAL,
    find: '    const tmp = hashCons(new Uint8Array(16), 0);\n    hashC.outputLen = tmp.outputLen;\n    hashC.blockLen = tmp.blockLen;',
    replace: '    hashC.outputLen = BLOCK_SIZE;\n    hashC.blockLen = BLOCK_SIZE;',
  },
  { file: POLYVAL, find: 'export const ghash = wrapConstructorWithKey(', replace: 'export const ghash = /* @__PURE__ */ wrapConstructorWithKey(' },
  { file: POLYVAL, find: 'export const polyval = wrapConstructorWithKey(', replace: 'export const polyval = /* @__PURE__ */ wrapConstructorWithKey(' },
];

// noble's hashes read globalThis.crypto at load (the sandbox's lazy `crypto`
// global: internal/crypto); its randomBytes now reads it when called. Same
// source (crypto.getRandomValues); @noble/hashes/crypto is then unused.
const HASH_UTILS = '@noble/hashes/esm/utils.js';
const RANDOM_PATCHES = [
  {
    file: HASH_UTILS,
    find: "export function randomBytes(bytesLength = 32) {\n    if (crypto &&",
    replace: "export function randomBytes(bytesLength = 32) {\n    const crypto = globalThis.crypto;\n    if (crypto &&",
  },
];

// part -> the package's top-level exports it holds
export const PARTS = { sm2: ['sm2'], sm3: ['sm3', 'kdf'], sm4: ['sm4'], hkdf: ['hkdf'] };
const ORDER = ['hkdf', 'kdf', 'sm2', 'sm3', 'sm4']; // the CJS build's key order

function facade() {
  const lines = ['const exp = {};', "Object.defineProperty(exp, '__esModule', { value: true });"];
  for (const name of ORDER) {
    const part = Object.keys(PARTS).find((p) => PARTS[p].includes(name));
    lines.push(`Object.defineProperty(exp, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(`vendor/sm-crypto-v2/parts/${part}`)})[${JSON.stringify(name)}] });`);
  }
  lines.push('module.exports = exp;', '');
  return lines.join('\n');
}

// Tree-shaking: esbuild keeps every top-level statement that may have side
// effects, and tsup's output has many (`__export(ns, {...})`, `BigInt(...)`,
// `weierstrass({...})`, typed-array tables), which keep the whole package in
// each part. They are all side-effect free, so they get `@__PURE__` marks.
function pure(text) {
  const P = '/* @__PURE__ */ ';
  let n = 0;
  // `var ns = {};\n__export(ns, {` ... `});` -> one pure expression
  text = text.replace(/var (\w+_exports) = \{\};\n__export\(\1, (\{[^}]*\})\);/g, (m, ns, body) => {
    n++;
    return `var ${ns} = ${P}((t) => (__export(t, ${body}), t))({});`;
  });
  if (n !== 2) throw new Error(`${FILE}: expected 2 __export blocks, found ${n}`);
  text = text.replace(/^var \{ (\w+) \} = (\w+);$/m, (m, name, obj) => { n++; return `var ${name} = ${P}((o) => o.${name})(${obj});`; });
  if (n !== 3) throw new Error(`${FILE}: destructuring of sm2Curve not found`);
  // `var hmac = ...;` followed by `hmac.create = ...;` (an assignment keeps it in every part)
  const hm = /^var hmac = (.*);\nhmac\.create = (.*);$/m;
  if (!hm.test(text)) throw new Error(`${FILE}: hmac/hmac.create not found`);
  text = text.replace(hm, (m, fn, create) => `var hmac = ${P}(() => {\n  const hmac = ${fn};\n  hmac.create = ${create};\n  return hmac;\n})();`);
  // each top-level `var x = <call or new ...>;` (to its `;` at the end of a
  // line at column 0) -> `var x = /* @__PURE__ */ (() => <same>)();`
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(var [\w$]+ = )((?:new |[\w$.]+\().*)$/.exec(lines[i]);
    if (!m) continue;
    let j = i;
    while (!lines[j].endsWith(';') || (j > i && !/^[\]})]/.test(lines[j]))) j++;
    lines[i] = `${m[1]}${P}(() => ${m[2]}`;
    lines[j] = `${lines[j].slice(0, -1)})();`;
    i = j;
  }
  // `var X = class extends Y {` ... `};`: `extends` may throw, so esbuild keeps every
  // subclass (SM3's hash classes would sit in the sm4 part); wrapped the same way, with
  // the inner binding keeping the class's inferred name.
  for (let i = 0; i < lines.length; i++) {
    const m = /^var ([\w$]+) = (class extends [\w$.]+ \{)$/.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    while (lines[j] !== '};') j++;
    lines[i] = `var ${m[1]} = ${P}(() => { const ${m[1]} = ${m[2]}`;
    lines[j] = `};\n  return ${m[1]};\n})();`;
    i = j;
  }
  text = lines.join('\n');
  return text;
}

// build.mjs's `patches` apply to .js files only, so the ESM file is patched
// here, with the same rule (each `find` must match exactly once), and given
// to esbuild as the entry's source with its export list cut down to one part.
// The unused package.json import puts sm-crypto-v2 in the bundle's metafile:
// its licence is copied and named in the header like any bundled package.
function partSource(here, names) {
  let text = fs.readFileSync(path.join(here, 'node_modules', FILE), 'utf8');
  for (const p of PATCHES) {
    const n = text.split(p.find).length - 1;
    if (n !== 1) throw new Error(`patch for ${FILE}: expected 1 match, found ${n}: ${p.find}`);
    text = text.replace(p.find, () => p.replace);
  }
  text = pure(text);
  const exp = text.lastIndexOf('\nexport {');
  const end = text.indexOf('};', exp);
  if (exp < 0 || end < 0) throw new Error(`${FILE}: export list not found`);
  const list = text.slice(exp, end);
  for (const n of names) if (!new RegExp(`\\b${n}\\b`).test(list)) throw new Error(`${FILE}: no export ${n}`);
  const kept = list.split('\n').filter((l) => names.some((n) => new RegExp(`(^|as )${n},?$`).test(l.trim())));
  return `import { name as _ } from "sm-crypto-v2/package.json";\nimport { hostMultiply } from "./shims/sm2-host.js";\nimport { hostSm3, hostHmacSm3 } from "./shims/sm3-host.js";\nimport { hostSm4 } from "./shims/sm4-host.js";\n${text.slice(0, exp)}\nexport {\n${kept.join('\n').replace(/,$/, '')}\n${text.slice(end)}`;
}

export default ({ here }) => [
  ...Object.entries(PARTS).map(([part, names]) => ({
    name: `sm-crypto-v2/parts/${part}`,
    source: partSource(here, names),
    external: ['web/text_encoding', 'internal/bridge'],
    patches: part === 'sm4' ? GHASH_PATCHES : part === 'sm2' ? RANDOM_PATCHES : [],
  })),
  { name: 'sm-crypto-v2', source: facade(), external: ['vendor/sm-crypto-v2/*'] },
  // Node resolves the package's main file by its path too.
  { name: 'sm-crypto-v2/dist/index', source: "module.exports = require('vendor/sm-crypto-v2');\n", external: ['vendor/sm-crypto-v2'] },
];
