// Stands in for uuid's dist/sha1.js (v5) in vendor/uuid (assets/modules/uuid.mjs):
// the digest comes from the host bridge (hashlib, bridge/hashes.py), as Node's
// build of uuid takes it from node:crypto, instead of JS SHA-1 that every script
// using uuid would load. uuid passes a Uint8Array and uses the first 16 bytes
// of the (fresh, mutable) Uint8Array the bridge returns.
'use strict';

let call; // internal/bridge, loaded by the first v5() rather than with uuid

module.exports = function sha1(bytes) {
  call ??= require('internal/bridge').call;
  return call('hash.digest', 'sha1', bytes);
};
