// require(): the public module names of the sandbox. Node built-ins that are
// not offered are a SecurityError naming what is; npm libraries join the
// table as they arrive.
(function (module, exports, require, host) {
  'use strict';
  const { SecurityError } = require('internal/errors');
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
  const PUBLIC_MODULES = { __proto__: null };
  for (const name of Object.keys(TABLE)) {
    const [file, prop] = TABLE[name];
    PUBLIC_MODULES[name] = prop === null ? () => require(file) : () => require(file)[prop];
  }
  const NODE_BUILTINS = [
    'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
    'dgram', 'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'http', 'http2', 'https',
    'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'punycode', 'querystring',
    'readline', 'repl', 'stream', 'string_decoder', 'sys', 'test', 'timers', 'tls', 'trace_events',
    'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
  ];
  const available = () => Object.keys(PUBLIC_MODULES).sort().join(', ');

  function publicRequire(id) {
    if (typeof id !== 'string') {
      const err = new TypeError(`The "id" argument must be of type string. Received ${typeof id}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    if (ObjectHasOwn(PUBLIC_MODULES, bare)) return PUBLIC_MODULES[bare]();
    if (NODE_BUILTINS.includes(bare.split('/')[0]) || id.startsWith('node:')) {
      throw new SecurityError(
        `module '${id}' is not available in the code-block sandbox; available modules: ${available()}`);
    }
    const err = new ErrorCtor(`Cannot find module '${id}'; available modules: ${available()}`);
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  module.exports = { require: publicRequire, available: () => Object.keys(PUBLIC_MODULES).sort() };
})
