#!/usr/bin/env node
// A minimal Node.js implementation of Flowgate's code-block API, used as the
// comparison peer by benchmarks/run.py. It is meant to be the fair peer, not a
// strawman: the idiomatic way to run untrusted-ish snippets in Node is
// node:cluster + node:http + node:vm, and that is all this is.
//
//   node benchmarks/node_vm_server.js --port 3100 [--host 127.0.0.1] [--workers N]
//
// POST /execute and POST /flow/codeblock with {"input": {...}, "codebase64": "..."}
// (or "code": "..."). Every request gets a fresh vm context holding `input` and
// the Node built-ins a code block may use (see "Node built-ins" below: `Buffer`,
// `crypto` (the webcrypto global) and a `require` limited to Node's built-in modules
// buffer, crypto, util, url, querystring, events, assert, string_decoder, timers);
// the code runs as the body of `(async function(input){ ... })` with a
// synchronous time limit of EXECUTION_TIMEOUT_MS (default 5000 ms, the contract's
// default). Nothing is reused between requests except the server itself (and the
// built-in modules, which Node loads once per process, as any Node service would).
//
// Changed for the Node built-ins benchmark (benchmarks/builtins_run.py): the context
// used to hold only `input`; it now also holds `Buffer`, `crypto` and the limited
// `require`, the idiomatic fair peer for code that uses them. Still a fresh context
// per request. For the npm libraries benchmark (builtins_run.py --suite libraries) the
// `require` also gives the npm packages Flowgate offers (see NPM_PACKAGES).
'use strict';

const cluster = require('node:cluster');
const http = require('node:http');
const os = require('node:os');
const vm = require('node:vm');
const crypto = require('node:crypto');
const { performance } = require('node:perf_hooks');

// Node built-ins: what a code block may `require` (with or without `node:`), as Flowgate
// allows. Resolved through Node's own `require`, so each module loads once per process.
const BUILTIN_MODULES = new Set([
  'buffer', 'crypto', 'util', 'url', 'querystring', 'events', 'assert', 'string_decoder', 'timers',
  'assert/strict', 'util/types', 'timers/promises',
]);

// npm packages (and their subpaths, e.g. 'dayjs/plugin/utc'), as Flowgate offers them: taken
// from tests/node/node_modules (the same pinned versions; `make oracle` installs them) and,
// like the built-ins, loaded once per process and shared by every context.
const NPM_PACKAGES = new Set([
  'axios', 'crypto-js', 'dayjs', 'fast-xml-parser', 'form-data', 'lodash', 'pinyin', 'qs',
  'sm-crypto-v2', 'uuid', 'xlsx',
]);
const npmRequire = require('node:module').createRequire(
  require('node:path').join(__dirname, '..', 'tests', 'node', 'package.json'));

function sandboxRequire(name) {
  const id = String(name);
  const bare = id.replace(/^node:/, '');
  if (BUILTIN_MODULES.has(bare)) return require(`node:${bare}`);
  const pkg = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0];
  if (!id.startsWith('node:') && NPM_PACKAGES.has(pkg)) return npmRequire(id);
  const available = [...BUILTIN_MODULES, ...NPM_PACKAGES].join(', ');
  throw new Error(`Cannot require '${name}': available modules are ${available}`);
}

function parseArgs(argv) {
  const opts = { host: '127.0.0.1', port: 3100, workers: os.availableParallelism ? os.availableParallelism() : os.cpus().length };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--port') opts.port = Number(next());
    else if (a === '--host') opts.host = next();
    else if (a === '--workers') opts.workers = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0) throw new Error('bad --port');
  if (!Number.isInteger(opts.workers) || opts.workers < 1) throw new Error('bad --workers');
  return opts;
}

const TIMEOUT_MS = Number(process.env.EXECUTION_TIMEOUT_MS || 5000);
const MAX_BODY = 4 * 1024 * 1024;

function send(res, status, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function fail(res, type, message) {
  send(res, 400, { success: false, error: { type, message: String(message) } });
}

function errorType(err) {
  // Errors thrown inside the context come from another realm: no instanceof.
  if (err && err.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'TimeoutError';
  const name = err && typeof err === 'object' ? err.name : undefined;
  if (['SyntaxError', 'TypeError', 'ReferenceError', 'RangeError', 'URIError', 'EvalError'].includes(name)) {
    return name;
  }
  return 'RuntimeError';
}

function errorMessage(err) {
  if (err && typeof err === 'object' && 'message' in err) return err.message;
  return String(err);
}

async function execute(req, res, raw, t0) {
  let body;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    return fail(res, 'ValidationError', 'request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return fail(res, 'ValidationError', 'request body must be a JSON object');
  }
  const input = body.input;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail(res, 'ValidationError', '"input" must be a JSON object');
  }
  let code;
  if (typeof body.codebase64 === 'string') {
    code = Buffer.from(body.codebase64, 'base64').toString('utf8');
  } else if (typeof body.code === 'string') {
    code = body.code;
  } else {
    return fail(res, 'ValidationError', '"codebase64" (or "code") is required');
  }

  const t1 = performance.now();
  let result;
  try {
    const context = vm.createContext({ input, Buffer, crypto: globalThis.crypto, require: sandboxRequire });
    const promise = vm.runInContext(`(async function(input){ ${code}\n})(input)`, context, {
      timeout: TIMEOUT_MS,
    });
    result = await promise;
  } catch (err) {
    return fail(res, errorType(err), errorMessage(err));
  }
  const executionTime = performance.now() - t1;
  if (result === undefined) {
    return fail(res, 'ValidationError', 'the code returned no value; add a return statement');
  }
  send(res, 200, {
    success: true,
    result,
    timing: { executionTime, totalTime: performance.now() - t0 },
    timestamp: new Date().toISOString(),
    executionId: crypto.randomBytes(8).toString('hex'),
  });
}

function handle(req, res) {
  const t0 = performance.now();
  const path = req.url.split('?', 1)[0];
  if (req.method === 'GET' && path === '/health') {
    return send(res, 200, { status: 'ok' });
  }
  if (req.method !== 'POST' || (path !== '/execute' && path !== '/flow/codeblock')) {
    return send(res, 404, { success: false, error: { type: 'NotFound', message: 'not found' } });
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      fail(res, 'ValidationError', 'request body too large');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY) return;
    execute(req, res, Buffer.concat(chunks).toString('utf8'), t0).catch((err) => {
      if (!res.headersSent) fail(res, 'RuntimeError', errorMessage(err));
    });
  });
}

const opts = parseArgs(process.argv.slice(2));

if (cluster.isPrimary) {
  let shuttingDown = false;
  for (let i = 0; i < opts.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!shuttingDown) {
      console.error(`worker ${worker.process.pid} exited (${signal || code}); restarting`);
      cluster.fork();
    }
  });
  const stop = () => {
    shuttingDown = true;
    for (const id in cluster.workers) cluster.workers[id].kill();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const server = http.createServer(handle);
  server.listen(opts.port, opts.host);
}
