// crypto.X509Certificate (Node 20's lib/internal/crypto/x509.js, ported): the
// certificate is parsed once by bridge/keys_x509.py (`cryptography.x509`) and its
// text forms are kept here; checks go back to the bridge with the DER.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_keys_util');
  const K = require('node/crypto_keys_object');
  const { E, call, Buffer, toU8, toBuffer } = U;
  const WeakMapCtor = WeakMap;
  const ObjectCreate = Object.create;
  const STATE = new WeakMapCtor();
  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

  function getFlags(options = {}) {
    E.validateObject(options, 'options');
    const {
      subject = 'default', wildcards = true, partialWildcards = true, multiLabelWildcards = false,
      singleLabelSubdomains = false,
    } = { ...options };
    E.validateString(subject, 'options.subject');
    E.validateBoolean(wildcards, 'options.wildcards');
    E.validateBoolean(partialWildcards, 'options.partialWildcards');
    E.validateBoolean(multiLabelWildcards, 'options.multiLabelWildcards');
    E.validateBoolean(singleLabelSubdomains, 'options.singleLabelSubdomains');
    if (subject !== 'default' && subject !== 'always' && subject !== 'never') {
      throw E.invalidArgValue('options.subject', subject);
    }
    return { subject, wildcards, partialWildcards, multiLabelWildcards, singleLabelSubdomains };
  }

  function state(cert) {
    const s = STATE.get(cert);
    if (s === undefined) throw E.invalidArgType('this', 'X509Certificate', cert);
    return s;
  }

  const orUndefined = (v) => (v === null ? undefined : v);

  class X509Certificate {
    constructor(buffer) {
      if (typeof buffer === 'string') buffer = Buffer.from(buffer);
      if (!U.isArrayBufferView(buffer)) {
        throw E.invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
      }
      STATE.set(this, { parsed: call('keys.x509_parse', toU8(buffer)), cache: {} });
    }

    [inspectCustom](depth, options, inspect) {
      if (depth < 0) return this;
      const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
      return `X509Certificate ${inspect({
        subject: this.subject, subjectAltName: this.subjectAltName, issuer: this.issuer,
        infoAccess: this.infoAccess, validFrom: this.validFrom, validTo: this.validTo,
        fingerprint: this.fingerprint, fingerprint256: this.fingerprint256, fingerprint512: this.fingerprint512,
        keyUsage: this.keyUsage, serialNumber: this.serialNumber,
      }, opts)}`;
    }

    get subject() { return state(this).parsed.subject; }
    get subjectAltName() { return orUndefined(state(this).parsed.subjectAltName); }
    get issuer() { return state(this).parsed.issuer; }
    get issuerCertificate() { state(this); return undefined; }
    get infoAccess() {
      const ia = state(this).parsed.infoAccess;
      return ia === null ? undefined : ia.map(([method, where]) => `${method} - ${where}`).join('\n');
    }
    get validFrom() { return state(this).parsed.validFrom; }
    get validTo() { return state(this).parsed.validTo; }
    get fingerprint() { return state(this).parsed.fingerprint; }
    get fingerprint256() { return state(this).parsed.fingerprint256; }
    get fingerprint512() { return state(this).parsed.fingerprint512; }
    get keyUsage() {
      const s = state(this);
      if (s.parsed.keyUsage === null) return undefined;
      return s.cache.keyUsage || (s.cache.keyUsage = s.parsed.keyUsage.slice());
    }
    get serialNumber() { return state(this).parsed.serialNumber; }
    get raw() {
      const s = state(this);
      return s.cache.raw || (s.cache.raw = toBuffer(new Uint8Array(s.parsed.raw)));
    }
    get publicKey() {
      const s = state(this);
      if (s.cache.publicKey === undefined) {
        if (s.parsed.publicKey === null) {
          throw U.coded('ERR_OSSL_UNSUPPORTED', 'error:1E08010C:DECODER routines::unsupported');
        }
        s.cache.publicKey = K.wrapState(s.parsed.publicKey);
      }
      return s.cache.publicKey;
    }
    toString() { return state(this).parsed.pem; }
    toJSON() { return this.toString(); }
    get ca() { return state(this).parsed.ca; }

    checkHost(name, options) {
      E.validateString(name, 'name');
      return orUndefined(call('keys.x509_check_host', state(this).parsed.raw, name, getFlags(options)));
    }

    checkEmail(email, options) {
      E.validateString(email, 'email');
      return orUndefined(call('keys.x509_check_email', state(this).parsed.raw, email, getFlags(options)));
    }

    checkIP(ip, options) {
      E.validateString(ip, 'ip');
      getFlags(options);
      return orUndefined(call('keys.x509_check_ip', state(this).parsed.raw, ip));
    }

    checkIssued(otherCert) {
      const other = STATE.get(otherCert);
      if (other === undefined) throw E.invalidArgType('otherCert', 'X509Certificate', otherCert);
      return call('keys.x509_check_issued', state(this).parsed.raw, other.parsed.raw);
    }

    checkPrivateKey(pkey) {
      if (!K.isKeyObject(pkey)) throw E.invalidArgType('pkey', 'KeyObject', pkey);
      if (pkey.type !== 'private') throw E.invalidArgValue('pkey', pkey);
      return call('keys.x509_check_private', state(this).parsed.raw, K.STATE.get(pkey).der);
    }

    verify(pkey) {
      if (!K.isKeyObject(pkey)) throw E.invalidArgType('pkey', 'KeyObject', pkey);
      if (pkey.type !== 'public') throw E.invalidArgValue('pkey', pkey);
      return call('keys.x509_verify', state(this).parsed.raw, K.STATE.get(pkey).der);
    }

    /** The legacy (tls) shape, for the fields we model: names as null-prototype objects. */
    toLegacyObject() {
      const p = state(this).parsed;
      const names = (parts) => {
        const out = ObjectCreate(null);
        for (const rdn of parts) {
          for (const [k, v] of rdn) {
            if (out[k] === undefined) out[k] = v;
            else if (Array.isArray(out[k])) out[k].push(v);
            else out[k] = [out[k], v];
          }
        }
        return out;
      };
      const legacy = { subject: names(p.subjectParts), issuer: names(p.issuerParts) };
      if (p.subjectAltName !== null) legacy.subjectaltname = p.subjectAltName;
      if (p.infoAccess !== null) {
        const ia = ObjectCreate(null);
        for (const [method, where] of p.infoAccess) {
          const colon = where.indexOf(':');
          const key = `${method} - ${where.slice(0, colon)}`;
          (ia[key] || (ia[key] = [])).push(where.slice(colon + 1));
        }
        legacy.infoAccess = ia;
      }
      legacy.ca = p.ca;
      Object.assign(legacy, {
        valid_from: p.validFrom, valid_to: p.validTo, fingerprint: p.fingerprint,
        fingerprint256: p.fingerprint256, fingerprint512: p.fingerprint512,
      });
      if (p.keyUsage !== null) legacy.ext_key_usage = p.keyUsage.slice();
      legacy.serialNumber = p.serialNumber;
      legacy.raw = Buffer.from(p.raw);
      return legacy;
    }
  }

  module.exports = { X509Certificate };
})
