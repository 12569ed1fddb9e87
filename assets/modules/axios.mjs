// axios 1.21.1 and form-data 4.0.6's MIME table (docs/libraries/axios.md, form-data.md).
//
// vendor/axios is axios's own ESM sources (lib/), bundled with Node's platform
// (platform/node: isNode, form-data as env.FormData) but Node's http adapter
// replaced by shims/axios-http.js, which makes each request one call of the
// host's `fetch` op (the one behind the global fetch(): SSRF guard, FETCH_*
// limits). The xhr adapter is absent (as in Node); 'fetch' is axios's own fetch
// adapter over the global fetch(), bundled apart (vendor/axios-fetch) and loaded
// on first use. Patches keep the module bodies from touching lazy globals
// (FormData, Blob, URLSearchParams) or loading node/crypto and node/url.
//
// vendor/form-data-mime is mime-types' extension -> type map (what form-data's
// mime.lookup() answers), computed here from the pinned mime-types/mime-db and
// loaded by npm/form-data only when a part needs a Content-Type from its name.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const P = 'axios/lib/';

// Keep a module body from touching lazy globals or loading node/crypto, node/url.
const PLATFORM_PATCHES = [
  { file: P + 'utils.js', find: "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;",
    replace: 'const FormDataCtor = undefined; // flowgate: FormData is a lazy global; kindOf() still detects it' },
  { file: P + 'platform/node/index.js', find: "import crypto from 'crypto';", replace: '' },
  { file: P + 'platform/node/index.js', find: "import URLSearchParams from './classes/URLSearchParams.js';",
    replace: '' },
  { file: P + 'platform/node/index.js', find: 'crypto.randomFillSync(randomValues);',
    replace: 'globalThis.crypto.getRandomValues(randomValues);' },
  { file: P + 'platform/node/index.js', find: '    URLSearchParams,\n',
    replace: '    get URLSearchParams() { return globalThis.URLSearchParams; },\n' },
  { file: P + 'platform/node/index.js', find: "    Blob: (typeof Blob !== 'undefined' && Blob) || null,",
    replace: '    get Blob() { return globalThis.Blob; },' },
];

export default async function entries({ here }) {
  const req = createRequire(path.join(here, 'node_modules', 'form-data', 'package.json'));
  const types = req('mime-types').types;
  const table = Object.keys(types).sort().map((ext) => `${ext} ${types[ext]}`).join('\n');
  // The table is data derived from mime-db through mime-types: both MIT, their
  // licences travel as legal comments (build.mjs moves them to vendor/LICENSES/).
  const legal = ['mime-db', 'mime-types'].map((name) => {
    const dir = path.dirname(req.resolve(`${name}/package.json`));
    const text = fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8').replace(/\*\//g, '* /');
    return `/*! ${name}@${req(`${name}/package.json`).version}\n${text}*/\n`;
  }).join('');
  return [
    {
      name: 'axios',
      // An ESM entry: esbuild hoists the ESM sources flat (no lazy module wrappers).
      source: "import axios from './node_modules/axios/lib/axios.js';\nmodule.exports = axios;\n",
      external: ['internal/io', 'internal/errors', 'npm/axios_stream', 'vendor/axios-fetch'],
      runtime: { 'form-data': 'npm/form-data' },
      patches: [
        { file: P + 'adapters/adapters.js', find: "import httpAdapter from './http.js';",
          replace: "import httpAdapter from '../../../../shims/axios-http.js';" },
        { file: P + 'adapters/adapters.js', find: "import xhrAdapter from './xhr.js';",
          replace: 'const xhrAdapter = false;' },
        { file: P + 'adapters/adapters.js', find: "import * as fetchAdapter from './fetch.js';",
          replace: '' },
        // The real fetch adapter, from its own bundle, loaded on first use.
        { file: P + 'adapters/adapters.js', find: 'get: fetchAdapter.getFetch,',
          replace: "get: (config) => require('vendor/axios-fetch').getFetch(config)," },
        ...PLATFORM_PATCHES,
        // mergeConfig copies env into every request's config: a forwarding
        // constructor, so that a request does not load web/blob (+ text_encoding).
        { file: P + 'defaults/index.js', find: '    Blob: platform.classes.Blob,',
          replace: '    Blob: function Blob(parts, options) { return new platform.classes.Blob(parts, options); },' },
      ],
    },
    {
      // axios's own fetch adapter (`adapter: 'fetch'`, over the global fetch()): its
      // helpers are copies, the classes user code compares with instanceof come
      // from vendor/axios (modules/npm/axios_<Class>.js).
      name: 'axios-fetch',
      source: "export { getFetch } from './node_modules/axios/lib/adapters/fetch.js';\n",
      runtime: {
        'form-data': 'npm/form-data',
        '^(?:\\.\\./core/|\\./)(AxiosError|AxiosHeaders)\\.js$': 'npm/axios_$1',
        '^\\.\\./cancel/(CanceledError)\\.js$': 'npm/axios_$1',
      },
      patches: [
        ...PLATFORM_PATCHES,
        // getFetch() at load would read Request/Response (loading web/fetch_*)
        { file: P + 'adapters/fetch.js', find: 'const adapter = getFetch();\n\nexport default adapter;', replace: '' },
      ],
    },
    {
      name: 'form-data-mime',
      source: `${legal}module.exports = ${JSON.stringify(table)};\n`,
      exports: '*',
    },
  ];
}
