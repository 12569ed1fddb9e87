// The JS side of the host bridge (docs/runtime-modules.md, "Host bridge").
// `call(op, ...args)` runs a synchronous host operation (Python, registered in
// src/flowgate/codeblock/bridge/) and returns its converted result, or throws the
// error it reported as the right class (TypeError, RangeError, DOMException...)
// carrying Node's `code`. Argument conversion (done in C): undefined/null ->
// None, booleans, numbers (integral -> int), BigInt -> int, strings, ArrayBuffer
// and any ArrayBuffer view -> bytes (a copy of the view's bytes), arrays -> list,
// plain objects -> dict (own enumerable string keys). Results: None -> null,
// bytes -> Uint8Array (fresh ArrayBuffer), int -> number (BigInt beyond 2^53),
// list/tuple -> Array, dict -> object.
(function (module, exports, require, host) {
  'use strict';
  const hostCall = host.call;
  const CTORS = { Error, TypeError, RangeError, SyntaxError };
  const DOMExceptionCtor = DOMException;
  const ObjectKeys = Object.keys;

  function toError(p) {
    let err;
    if (p.type === 'DOMException') {
      err = new DOMExceptionCtor(p.message, p.name || 'Error');
    } else {
      err = new (CTORS[p.type] || Error)(p.message);
    }
    if (p.code !== undefined && p.code !== null) {
      Object.defineProperty(err, 'code', { value: p.code, writable: true, enumerable: true, configurable: true });
    }
    if (p.props) for (const k of ObjectKeys(p.props)) err[k] = p.props[k];
    return err;
  }

  function call(op, ...args) {
    try {
      return hostCall(op, ...args);
    } catch (e) {
      if (e !== null && typeof e === 'object' && e.__bridge === true) throw toError(e);
      throw e;
    }
  }
  module.exports = { call, toError };
})
