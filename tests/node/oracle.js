// The Node 20 oracle for differential tests: reads one JSON request per line
// ({"code", "input"}) and answers one JSON line per request, shaped like a
// Flowgate envelope: {"success": true, "result": <JSON text>, "console": [...]}
// or {"success": false, "error": {"type", "name", "message", "code"}}.
// Each request runs as the body of an async function, as Flowgate runs it.
// Optional request fields: "timeoutMs" (default 5000).
'use strict';
const readline = require('node:readline');
const util = require('node:util');

const AsyncFunction = (async () => {}).constructor;
// Scripts see a global `require` as in the sandbox: Node built-ins and the npm
// packages pinned in tests/node/package.json (installed by `make oracle`).
globalThis.require = require;
const BUILTIN = new Set(['TypeError', 'ReferenceError', 'RangeError', 'URIError', 'EvalError', 'SyntaxError']);
const LEVELS = ['log', 'info', 'warn', 'error', 'debug', 'trace'];

// The oracle is one realm for every request of a pytest worker: a script that patches a
// built-in (String.prototype.slice, Math.round, ...) would change every later answer. So
// the built-ins' own properties are recorded at start and put back after each request.
const GUARDED = [Object, Object.prototype, Function.prototype, Array, Array.prototype, String,
  String.prototype, Number, Number.prototype, BigInt.prototype, Boolean.prototype, Symbol,
  Math, JSON, Reflect, Promise, Promise.prototype, RegExp.prototype, Date, Date.prototype,
  Map.prototype, Set.prototype, Error, Error.prototype, Intl, globalThis];
const hasOwn = Object.hasOwn;
const stringify = JSON.stringify; // the result is serialised before the built-ins are put back
const { ownKeys, getOwnPropertyDescriptor, defineProperty, deleteProperty } = Reflect;
const SNAPSHOT = GUARDED.map((o) => [o, Object.getOwnPropertyDescriptors(o), ownKeys(o)]);
const same = (a, b) => a.value === b.value && a.get === b.get && a.set === b.set &&
  a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
// Index loops and captured functions only: the script may have patched iterators and Reflect.
function restoreBuiltins() {
  for (let i = 0; i < SNAPSHOT.length; i++) {
    const o = SNAPSHOT[i][0];
    const saved = SNAPSHOT[i][1];
    const keys = SNAPSHOT[i][2];
    const current = ownKeys(o);
    for (let j = 0; j < current.length; j++) {
      const key = current[j];
      if (!hasOwn(saved, key) && getOwnPropertyDescriptor(o, key).configurable) deleteProperty(o, key);
    }
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j];
      const now = getOwnPropertyDescriptor(o, key);
      if (now === undefined || (!same(now, saved[key]) && now.configurable)) defineProperty(o, key, saved[key]);
    }
  }
}

function classify(err) {
  if (err instanceof Error && BUILTIN.has(err.constructor && err.constructor.name)) return err.constructor.name;
  return 'RuntimeError';
}

async function runOne(req) {
  const captured = [];
  const saved = {};
  for (const level of LEVELS) {
    saved[level] = console[level];
    console[level] = (...args) => captured.push({ level, message: util.format(...args) });
  }
  let timer;
  try {
    const fn = new AsyncFunction('input', req.code);
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('oracle timeout'), { oracleTimeout: true })), req.timeoutMs || 5000);
    });
    const value = await Promise.race([fn(req.input), timeout]);
    const text = stringify(value);
    if (text === undefined) return { success: false, error: { type: 'ValidationError', message: 'no value' }, console: captured };
    return { success: true, result: text, console: captured };
  } catch (err) {
    const isErr = err instanceof Error;
    return {
      success: false,
      console: captured,
      error: {
        type: isErr && err.oracleTimeout ? 'TimeoutError' : classify(err),
        name: isErr ? err.name : undefined,
        message: isErr ? err.message : String(err),
        code: isErr && err.code !== undefined ? String(err.code) : undefined,
      },
    };
  } finally {
    restoreBuiltins();
    clearTimeout(timer);
    for (const level of LEVELS) console[level] = saved[level];
  }
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
const queue = [];
let busy = false;
async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length) {
    const line = queue.shift();
    let out;
    try {
      out = await runOne(JSON.parse(line));
    } catch (e) {
      out = { success: false, error: { type: 'OracleError', message: String(e) } };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  busy = false;
}
rl.on('line', (line) => { queue.push(line); drain(); });
