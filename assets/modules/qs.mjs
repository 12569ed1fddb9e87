// qs 6.17.1: require('qs') and the files Node lets a script reach
// (qs has no `exports` map, so `qs/lib/parse`, `qs/lib/stringify`,
// `qs/lib/utils`, `qs/lib/formats`, `qs/lib/index` and `qs/lib` are all public;
// the browserify build `qs/dist/qs` is not offered).
//
// One runtime module per lib/ file, named as the file (vendor/qs/lib/<file>):
// the files require each other through the runtime's require(), so
// `require('qs').parse === require('qs/lib/parse')` as in Node. lib/parse and
// lib/stringify are stand-ins with the same name ('') and length (2) that load
// the real function (vendor/qs-impl/<file>) on first call, so a script that
// only parses never loads stringify and vice versa (docs/libraries/qs.md).
//
// `side-channel` is replaced by assets/shims/side-channel.js: qs uses it only
// as an object-keyed map (cycle detection, overflow/conflict marks, parse
// copies), and the real package drags get-intrinsic, call-bound and
// object-inspect (~45 KB, most of the naive bundle's 2.9 ms load).
import fs from 'node:fs';

// './utils' inside qs/lib/*.js -> the runtime module vendor/qs/lib/utils, etc.
const LIB = { '^\\./(formats|parse|stringify|utils)$': 'vendor/qs/lib/$1' };
const ALIAS = { 'side-channel': './shims/side-channel.js' };

// utils.js fills its percent-encoding table with a 256-step loop at load
// (~50 µs in our engine); the same table as a literal costs a bytecode read.
const HEX_TABLE = {
  file: 'qs/lib/utils.js',
  find: `var hexTable = (function () {
    var array = [];
    for (var i = 0; i < 256; ++i) {
        array[array.length] = '%' + ((i < 16 ? '0' : '') + i.toString(16)).toUpperCase();
    }

    return array;
}());`,
  replace: `var hexTable = [${Array.from({ length: 256 }, (_, i) => `'%${i.toString(16).toUpperCase().padStart(2, '0')}'`).join(',')}];`,
};

const file = (name, as = `qs/lib/${name}`, patches = []) => ({
  name: as,
  package: `qs/lib/${name}`,
  exports: '*',
  runtime: LIB,
  alias: ALIAS,
  patches,
});

// lib/parse.js and lib/stringify.js export anonymous functions of (x, opts).
const standIn = (name, arg) => ({
  name: `qs/lib/${name}`,
  source: `module.exports = function (${arg}, opts) {\n  return require('vendor/qs-impl/${name}')(${arg}, opts);\n};\n`,
  external: [`vendor/qs-impl/${name}`],
});

// require('qs/package.json') is allowed in Node (and used to log versions):
// the package's package.json as an object, as Node parses it.
const packageJson = (here) => ({
  name: 'qs/package.json',
  source: `module.exports = ${fs.readFileSync(`${here}/node_modules/qs/package.json`, 'utf8')};\n`,
});

export default ({ here }) => [
  { name: 'qs', package: 'qs', exports: '*', runtime: LIB, alias: ALIAS },
  file('formats'),
  file('utils', undefined, [HEX_TABLE]),
  standIn('parse', 'str'),
  standIn('stringify', 'object'),
  file('parse', 'qs-impl/parse'),
  file('stringify', 'qs-impl/stringify'),
  // lib/index.js is what require('qs') loads; Node also resolves the directory.
  { name: 'qs/lib/index', source: "module.exports = require('vendor/qs');\n", external: ['vendor/qs'] },
  { name: 'qs/lib', source: "module.exports = require('vendor/qs');\n", external: ['vendor/qs'] },
  packageJson(here),
];
