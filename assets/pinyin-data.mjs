// Converts the dictionaries of the npm package pinyin 4.0.0 (MIT, "闲耘 <hotoo.cn@gmail.com>")
// into src/flowgate/codeblock/bridge/data/pinyin-4.0.0.json.gz, the data of the host-backed
// `require('pinyin')` (src/flowgate/codeblock/bridge/pinyin.py ports the package's algorithm).
//
//   node assets/pinyin-data.mjs [path/to/node_modules/pinyin]
//
// Default source: tests/node/node_modules/pinyin (the oracle's copy, pinned in
// tests/node/package.json). The package does not export its tables, so they are read from
// lib/cjs/pinyin.js: the `dict[0x..] = "..."` lines (one code unit -> readings, TONE style,
// comma-separated, the first one is the default) and the object literals `phrases_dict`,
// `SurnamePinyinData`, `CompoundSurnamePinyinData`, evaluated in an empty vm context
// (phrases stored as 'zhōng,zhòng xīn': characters by ' ', readings by ',').
// Entries above U+FFFF are dropped: the package looks characters up by `charCodeAt`, a UTF-16
// code unit, so it never finds them (an astral character is left as non-Chinese text).
// Output is deterministic (sorted keys, gzip without a timestamp).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import zlib from 'node:zlib';

const VERSION = '4.0.0';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkgDir = process.argv[2] ?? join(root, 'tests/node/node_modules/pinyin');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== 'pinyin' || pkg.version !== VERSION || pkg.license !== 'MIT') {
  throw new Error(`expected pinyin@${VERSION} (MIT), found ${pkg.name}@${pkg.version} (${pkg.license})`);
}
const src = readFileSync(join(pkgDir, 'lib/cjs/pinyin.js'), 'utf8');

const chars = {};
for (const m of src.matchAll(/^dict\[0x([0-9a-f]+)\] = "([^"]*)";/gm)) {
  const code = parseInt(m[1], 16);
  if (code <= 0xffff && m[2] !== '') chars[String.fromCharCode(code)] = m[2];
}

function objectLiteral(head) {
  const start = src.indexOf(head);
  if (start < 0) throw new Error(`not found: ${head}`);
  const open = start + head.length - 1;
  const end = src.indexOf('\n};\n', open);
  return vm.runInNewContext(`(${src.slice(open, end + 2)})`, Object.create(null));
}

const sorted = (obj) => Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
// A phrase's readings as one string (the host keeps 41k of them in memory: ~6 MB this way,
// ~40 MB as nested lists): characters separated by ' ', a character's readings by ','.
const phrases = objectLiteral('const phrases_dict = {');
for (const [word, items] of Object.entries(phrases)) {
  if (items.some((item) => item.length === 0 || item.some((py) => py === '' || /[ ,]/.test(py)))) {
    throw new Error(`phrase ${word} does not fit the ' '/',' encoding`);
  }
  phrases[word] = items.map((item) => item.join(',')).join(' ');
}
const data = {
  source: `pinyin@${VERSION} (MIT, https://github.com/hotoo/pinyin), converted by assets/pinyin-data.mjs`,
  chars: sorted(chars),
  phrases: sorted(phrases),
  surnames: sorted(objectLiteral('var SurnamePinyinData = {')),
  compound_surnames: sorted(objectLiteral('var CompoundSurnamePinyinData = {')),
};
const counts = Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'object')
  .map(([k, v]) => [k, Object.keys(v).length]));
if (counts.chars < 20000 || counts.phrases < 40000 || counts.surnames < 400 || counts.compound_surnames < 20) {
  throw new Error(`unexpected table sizes ${JSON.stringify(counts)}`);
}
const out = join(root, `src/flowgate/codeblock/bridge/data/pinyin-${VERSION}.json.gz`);
const json = Buffer.from(JSON.stringify(data), 'utf8');
writeFileSync(out, zlib.gzipSync(json, { level: 9 }));
console.log(`${out}: ${JSON.stringify(counts)}, ${json.length} bytes of JSON`);
