// The WebCrypto classes as Node 20 exposes them (globalThis.Crypto, CryptoKey,
// SubtleCrypto; require('crypto').webcrypto is the `crypto` global). Separate
// from internal/crypto because that module's value is the `crypto` object itself.
(function (module, exports, require, host) {
  'use strict';
  const crypto = require('internal/crypto');
  const { CryptoKey } = require('web/subtle_keys');
  module.exports = {
    Crypto: Object.getPrototypeOf(crypto).constructor,
    CryptoKey,
    get SubtleCrypto() { return require('web/subtle').SubtleCrypto; },
    crypto,
  };
})
