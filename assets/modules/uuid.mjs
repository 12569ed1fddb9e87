// uuid 14.0.3 (ESM only): require('uuid') is what Node 20 gives for require() of
// an ES module, the module namespace (assets/shims/module-namespace.js builds
// that shape). The package's `exports` map offers nothing else but package.json.
//
// Bundled from the package's browser build (dist/, picked by the `default`
// condition), which differs from the Node build (dist-node/) only in md5.js and
// sha1.js: JS digests there, node:crypto in Node. Both are replaced by shims
// calling the host's hashlib through the bridge (patches below), so v3/v5 give
// Node's digests and no script pays for JS hashing code. Random bytes come from
// the global `crypto` (getRandomValues, randomUUID for a plain v4()), as in Node.
import fs from 'node:fs';
const hashImport = (file, name) => ({
  file: `uuid/dist/${file}.js`,
  find: `import ${name} from './${name}.js';`,
  replace: `import ${name} from 'flowgate-uuid-${name}';`,
});

// stringify.js fills its byte-to-hex table with a 256-step loop at load (~50 µs
// in our engine); the same table as a literal costs a bytecode read.
const HEX_TABLE = {
  file: 'uuid/dist/stringify.js',
  find: `const byteToHex = [];
for (let i = 0; i < 256; ++i) {
    byteToHex.push((i + 0x100).toString(16).slice(1));
}`,
  replace: `const byteToHex = [${Array.from({ length: 256 }, (_, i) => `'${i.toString(16).padStart(2, '0')}'`).join(',')}];`,
};

// rng.js allocates its 16-byte buffer at load, which installs the engine's
// lazy typed-array intrinsics even for a script that only validates.
const RNG = [
  { file: 'uuid/dist/rng.js', find: 'const rnds8 = new Uint8Array(16);', replace: 'let rnds8;' },
  {
    file: 'uuid/dist/rng.js',
    find: 'return crypto.getRandomValues(rnds8);',
    replace: 'return crypto.getRandomValues(rnds8 ??= new Uint8Array(16));',
  },
];

// require('uuid/package.json') is allowed in Node (and used to log versions):
// the package's package.json as an object, as Node parses it.
const packageJson = (here) => ({
  name: 'uuid/package.json',
  source: `module.exports = ${fs.readFileSync(`${here}/node_modules/uuid/package.json`, 'utf8')};\n`,
});

export default ({ here }) => [
  {
    name: 'uuid',
    // An ES entry: esbuild hoists uuid's modules into one scope instead of
    // wrapping each in a lazy-init closure (measured ~20% less load time).
    source: "import * as uuid from 'uuid';\nimport moduleNamespace from './shims/module-namespace.js';\n" +
      'module.exports = moduleNamespace(uuid);\n',
    external: ['internal/bridge'],
    alias: { 'flowgate-uuid-md5': './shims/uuid-md5.js', 'flowgate-uuid-sha1': './shims/uuid-sha1.js' },
    patches: [hashImport('v3', 'md5'), hashImport('v5', 'sha1'), HEX_TABLE, ...RNG],
    sourceNames: true,
  },
  packageJson(here),
];
