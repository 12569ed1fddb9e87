// qs 6.17.1: require('qs') and the files Node lets a script reach
// (qs has no `exports` map, so `qs/lib/parse`, `qs/lib/stringify`,
// `qs/lib/utils`, `qs/lib/formats` and `qs/lib/index` are all public).
//
// One runtime module per lib/ file, named as the file (vendor/qs/lib/<file>):
// the files require each other through the runtime's require(), so
// `require('qs').parse === require('qs/lib/parse')` as in Node, and a script
// loads only the files it touches (see docs/libraries/qs.md for costs).
//
// `side-channel` is replaced by assets/shims/side-channel.js: qs uses it only
// as an object-keyed map (cycle detection, overflow/conflict marks, parse
// copies), and the real package drags get-intrinsic, call-bound and
// object-inspect (~45 KB, most of the naive bundle's 2.9 ms load).

// './utils' inside qs/lib/*.js -> the runtime module vendor/qs/lib/utils, etc.
const LIB = { '^\\./(formats|parse|stringify|utils)$': 'vendor/qs/lib/$1' };
const ALIAS = { 'side-channel': './shims/side-channel.js' };

const file = (name) => ({
  name: `qs/lib/${name}`,
  package: `qs/lib/${name}`,
  exports: '*',
  runtime: LIB,
  alias: ALIAS,
});

export default [
  { name: 'qs', package: 'qs', exports: '*', runtime: LIB, alias: ALIAS },
  file('formats'),
  file('parse'),
  file('stringify'),
  file('utils'),
  { name: 'qs/lib/index', source: "module.exports = require('vendor/qs');\n", external: ['vendor/qs'] },
];
