// require(): the public module names of the sandbox. Node built-ins that are
// not offered are a SecurityError naming what is; npm packages (NPM) and their
// subpaths resolve to bundled or adapter runtime modules.
(function (module, exports, require, host) {
  'use strict';
  const ObjectHasOwn = Object.hasOwn;
  const ErrorCtor = Error;

  // Public name -> [runtime module, export property or null for the whole module].
  const TABLE = {
    assert: ['node/assert', null], 'assert/strict': ['node/assert', 'strict'],
    buffer: ['node/buffer', null], crypto: ['node/crypto', null], events: ['node/events', null],
    querystring: ['node/querystring', null], string_decoder: ['node/string_decoder', null],
    timers: ['internal/timers', 'api'], 'timers/promises': ['node/timers_promises', null],
    url: ['node/url', null], util: ['node/util', null], 'util/types': ['node/util', 'types'],
  };
  // npm packages: name -> the runtime module `require(name)` gives. A subpath
  // (`dayjs/plugin/utc`, `lodash/chunk`, `crypto-js/md5`) is the runtime module
  // vendor/<id> or npm/<id> (built by assets/build.mjs or hand-written adapters).
  const NPM = {
    axios: 'npm/axios', 'crypto-js': 'vendor/crypto-js', dayjs: 'vendor/dayjs',
    'fast-xml-parser': 'vendor/fast-xml-parser', 'form-data': 'npm/form-data', lodash: 'npm/lodash',
    pinyin: 'npm/pinyin', qs: 'vendor/qs', 'sm-crypto-v2': 'vendor/sm-crypto-v2', uuid: 'vendor/uuid',
    xlsx: 'npm/xlsx',
  };
  // Read only when a require fails (kept out of the load: every script that requires
  // anything pays for this module's top level).
  const NODE_BUILTINS = ' assert async_hooks buffer child_process cluster console constants crypto' +
    ' dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path' +
    ' perf_hooks process punycode querystring readline repl stream string_decoder sys test timers' +
    ' tls trace_events tty url util v8 vm wasi worker_threads zlib ';
  const names = () => Object.keys(NPM).concat(Object.keys(TABLE)).sort();
  const available = () => names().join(', ');

  function npmSubpath(id) {
    const slash = id.indexOf('/', id.startsWith('@') ? id.indexOf('/') + 1 : 0);
    if (slash < 0 || !ObjectHasOwn(NPM, id.slice(0, slash))) return null;
    // Node resolves 'x/y.js' and 'x/y' alike; '..' or empty segments never name a file here.
    const path = id.endsWith('.js') ? id.slice(0, -3) : id;
    if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) return null;
    for (const root of ['npm/', 'vendor/']) {
      if (host.has(root + path)) return root + path;
    }
    return null;
  }

  function publicRequire(id) {
    if (typeof id !== 'string') {
      const err = new TypeError(`The "id" argument must be of type string. Received ${typeof id}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    if (ObjectHasOwn(TABLE, bare)) {
      const entry = TABLE[bare]; // [module, export or null]: indexed, as user code may patch iterators
      return entry[1] === null ? require(entry[0]) : require(entry[0])[entry[1]];
    }
    if (bare === id && ObjectHasOwn(NPM, id)) return require(NPM[id]);
    const sub = npmSubpath(id);
    if (sub !== null) return require(sub);
    const root = bare.split('/')[0];
    if ((root !== '' && NODE_BUILTINS.includes(` ${root} `)) || id.startsWith('node:')) {
      const { SecurityError } = require('internal/errors');
      throw new SecurityError(
        `module '${id}' is not available in the code-block sandbox; available modules: ${available()}`);
    }
    const err = new ErrorCtor(`Cannot find module '${id}'; available modules: ${available()}`);
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  module.exports = { require: publicRequire, available: names };
})
