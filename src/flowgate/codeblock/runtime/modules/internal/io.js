// Asynchronous host operations (fetch, ...): `start(op, args)` returns a Promise
// settled when the host's coroutine ends (src/flowgate/codeblock/bridge/io.py).
// The harness's tick() calls deliver() whenever this module is loaded and
// reports "waiting on the host" while any operation is pending, so the
// execution sleeps on the event loop (no engine thread held) until one ends.
(function (module, exports, require, host) {
  'use strict';
  const { call, toError } = require('internal/bridge');
  const pending = new Map();

  function start(op, args) {
    const id = call('io.start', op, args);
    let entry;
    const promise = new Promise((resolve, reject) => { entry = { resolve, reject }; });
    pending.set(id, entry);
    return { id, promise };
  }

  /** Stop waiting for `id` (its Promise is left to the caller) and tell the host. */
  function cancel(id) {
    if (pending.delete(id)) call('io.cancel', id);
  }

  function deliver() {
    if (pending.size === 0) return;
    const settled = call('io.take');
    for (let i = 0; i < settled.length; i++) {
      const [id, ok, value] = settled[i];
      const entry = pending.get(id);
      if (entry === undefined) continue; // cancelled meanwhile
      pending.delete(id);
      if (ok) entry.resolve(value);
      else entry.reject(toError(value));
    }
  }

  module.exports = { start, cancel, deliver, pendingCount: () => pending.size };
})
