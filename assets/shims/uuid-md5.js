// Stands in for uuid's dist/md5.js (v3) in vendor/uuid (assets/modules/uuid.mjs):
// the digest comes from the host bridge (hashlib, bridge/hashes.py), as Node's
// build of uuid takes it from node:crypto, instead of 3.6 KB of JS MD5 that
// every script using uuid would load. uuid passes a Uint8Array and mutates the
// 16-byte result, which the bridge returns as a fresh Uint8Array.
'use strict';

let call; // internal/bridge, loaded by the first v3() rather than with uuid

module.exports = function md5(bytes) {
  call ??= require('internal/bridge').call;
  return call('hash.digest', 'md5', bytes);
};
