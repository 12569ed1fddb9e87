// crypto random numbers (lib/internal/crypto/random.js), pbkdf2 / scrypt / hkdf
// (lib/internal/crypto/{pbkdf2,scrypt,hkdf}.js) and timingSafeEqual, with Node 20's
// argument checks. Randomness comes from the OS CSPRNG (`host.randomFill`); the
// KDFs run on the host (bridge/kdf.py), whose caps bound the work of one call. The
// callback forms compute synchronously, then call back from a later turn of the
// event loop, as Node's thread-pool jobs do.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/crypto_util');
  const { call, makeError, invalidArgType, outOfRange, validateFunction, validateString } = U;
  const { validateInteger, validateInt32, validateUint32, defer } = U;
  const U8 = Uint8Array;
  const isView = ArrayBuffer.isView;
  const NumberIsNaN = Number.isNaN;
  const NumberIsSafeInteger = Number.isSafeInteger;
  const randomFillHost = host.randomFill;
  const kMaxPossibleLength = 2147483647;
  const RAND_MAX = 0xFFFFFFFFFFFF;

  function assertOffset(offset, elementSize, length) {
    U.validateNumber(offset, 'offset');
    offset *= elementSize;
    const maxLength = Math.min(length, kMaxPossibleLength);
    if (NumberIsNaN(offset) || offset > maxLength || offset < 0) {
      throw outOfRange('offset', `>= 0 && <= ${maxLength}`, offset);
    }
    return offset >>> 0;
  }
  function assertSize(size, elementSize, offset, length) {
    U.validateNumber(size, 'size');
    size *= elementSize;
    if (NumberIsNaN(size) || size > kMaxPossibleLength || size < 0) {
      throw outOfRange('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
    }
    if (size + offset > length) throw outOfRange('size + offset', `<= ${length}`, size + offset);
    return size >>> 0;
  }
  function fill(buf, offset, size) {
    const bytes = isView(buf) ? new U8(buf.buffer, buf.byteOffset + offset, size) : new U8(buf, offset, size);
    randomFillHost(bytes);
  }
  function checkBuf(buf) {
    if (!U.isAnyArrayBuffer(buf) && !isView(buf)) throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }

  function randomBytes(size, callback) {
    size = assertSize(size, 1, 0, Infinity);
    if (callback !== undefined) validateFunction(callback, 'callback');
    const buf = U.B().alloc(size);
    fill(buf, 0, size);
    if (callback === undefined) return buf;
    defer(() => callback(null, buf));
  }
  function randomFillSync(buf, offset = 0, size) {
    checkBuf(buf);
    const elementSize = buf.BYTES_PER_ELEMENT || 1;
    offset = assertOffset(offset, elementSize, buf.byteLength);
    size = size === undefined ? buf.byteLength - offset : assertSize(size, elementSize, offset, buf.byteLength);
    if (size !== 0) fill(buf, offset, size);
    return buf;
  }
  function randomFill(buf, offset, size, callback) {
    checkBuf(buf);
    const elementSize = buf.BYTES_PER_ELEMENT || 1;
    if (typeof offset === 'function') {
      callback = offset; offset = 0; size = buf.byteLength;
    } else if (typeof size === 'function') {
      callback = size; offset *= elementSize; size = buf.byteLength - offset;
    } else {
      validateFunction(callback, 'callback');
    }
    offset = assertOffset(offset, 1, buf.byteLength);
    size = size === undefined ? buf.byteLength - offset : assertSize(size, elementSize, offset, buf.byteLength);
    if (size !== 0) fill(buf, offset, size);
    defer(() => callback(null, buf));
  }

  function random48() {
    const b = new U8(6);
    randomFillHost(b);
    return ((b[0] * 256 + b[1]) * 256 + b[2]) * 16777216 + ((b[3] * 256 + b[4]) * 256 + b[5]);
  }
  function randomInt(min, max, callback) {
    const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
    if (minNotSpecified) { callback = max; max = min; min = 0; }
    const isSync = typeof callback === 'undefined';
    if (!isSync) validateFunction(callback, 'callback');
    if (!NumberIsSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
    if (!NumberIsSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
    if (max <= min) throw outOfRange('max', `greater than the value of "min" (${min})`, max);
    const range = max - min;
    if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
    const randLimit = RAND_MAX - (RAND_MAX % range);
    let x;
    do { x = random48(); } while (x >= randLimit);
    const n = (x % range) + min;
    if (isSync) return n;
    defer(() => callback(undefined, n));
  }

  function randomUUID(options) {
    if (options !== undefined) U.validateObject(options, 'options');
    if (options !== undefined && options.disableEntropyCache !== undefined) {
      U.validateBoolean(options.disableEntropyCache, 'options.disableEntropyCache');
    }
    return require('internal/crypto').randomUUID();
  }
  function getRandomValues(data) {
    return require('internal/crypto').getRandomValues(data);
  }

  /** A KDF job: sync returns/throws; async defers the callback with (err, result). */
  function runJob(callback, compute) {
    if (callback === undefined) return compute();
    let result;
    let error = null;
    try { result = compute(); } catch (e) { error = e; }
    defer(() => (error !== null ? callback(error) : callback(null, result)));
  }

  function digestName(digest) {
    const info = U.resolveDigest(digest);
    if (info === null) throw makeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
    if (info[0] === null) throw new Error('error:0308010C:digital envelope routines::unsupported');
    return info[0];
  }

  function pbkdf2Args(password, salt, iterations, keylen, digest) {
    validateString(digest, 'digest');
    password = U.bufferOrView(password, 'password');
    salt = U.bufferOrView(salt, 'salt');
    validateInt32(iterations, 'iterations', 1);
    validateInt32(keylen, 'keylen', 0);
    return [password, salt, iterations, keylen, digestName(digest)];
  }
  function pbkdf2Compute(args) {
    try {
      return U.wrap(call('kdf.pbkdf2', ...args));
    } catch (e) {
      if (e.message === 'Deriving bits failed') throw new Error('Deriving bits failed');
      throw e;
    }
  }
  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    return pbkdf2Compute(pbkdf2Args(password, salt, iterations, keylen, digest));
  }
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    if (typeof digest === 'function') { callback = digest; digest = undefined; }
    const args = pbkdf2Args(password, salt, iterations, keylen, digest);
    validateFunction(callback, 'callback');
    runJob(callback, () => pbkdf2Compute(args));
  }

  const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
  function scryptParam(options, short, long, value) {
    const hasShort = options[short] !== undefined;
    if (hasShort) { value = options[short]; validateUint32(value, short); }
    if (options[long] !== undefined) {
      if (hasShort) throw makeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
      value = options[long];
      validateUint32(value, long);
    }
    return value;
  }
  function scryptArgs(password, salt, keylen, options) {
    password = U.bufferOrView(password, 'password');
    salt = U.bufferOrView(salt, 'salt');
    validateInt32(keylen, 'keylen', 0);
    let { N, r, p, maxmem } = SCRYPT_DEFAULTS;
    if (options && options !== SCRYPT_DEFAULTS) {
      N = scryptParam(options, 'N', 'cost', N);
      r = scryptParam(options, 'r', 'blockSize', r);
      p = scryptParam(options, 'p', 'parallelization', p);
      if (options.maxmem !== undefined) { maxmem = options.maxmem; validateInteger(maxmem, 'maxmem', 0); }
      if (N === 0) N = SCRYPT_DEFAULTS.N;
      if (r === 0) r = SCRYPT_DEFAULTS.r;
      if (p === 0) p = SCRYPT_DEFAULTS.p;
      if (maxmem === 0) maxmem = SCRYPT_DEFAULTS.maxmem;
    }
    return [password, salt, keylen, N, r, p, maxmem];
  }
  function scryptSync(password, salt, keylen, options) {
    return U.wrap(call('kdf.scrypt', ...scryptArgs(password, salt, keylen, options)));
  }
  function scrypt(password, salt, keylen, options, callback = SCRYPT_DEFAULTS) {
    if (callback === SCRYPT_DEFAULTS) { callback = options; options = SCRYPT_DEFAULTS; }
    const args = scryptArgs(password, salt, keylen, options);
    validateFunction(callback, 'callback');
    // Parameter errors are thrown synchronously in Node (the job's constructor checks them).
    let result;
    try { result = U.wrap(call('kdf.scrypt', ...args)); } catch (e) {
      if (e.code === 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS') throw e;
      defer(() => callback(e));
      return;
    }
    defer(() => callback(null, result));
  }

  function byteSource(value, name) {
    if (typeof value === 'string') return U.stringBytes(value, 'utf8');
    if (U.isAnyArrayBuffer(value) || isView(value)) return U.bytesOf(value);
    throw invalidArgType(name, ['string', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], value);
  }
  function hkdfArgs(hash, key, salt, info, length) {
    validateString(hash, 'digest');
    let ikm;
    if (U.isKeyObject(key)) {
      ikm = U.secretKeyBytes(key);
    } else if (typeof key === 'string' || U.isAnyArrayBuffer(key) || isView(key)) {
      ikm = byteSource(key, 'ikm');
    } else {
      throw invalidArgType('ikm', ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], key);
    }
    salt = byteSource(salt, 'salt');
    info = byteSource(info, 'info');
    validateInteger(length, 'length', 0, 2 ** 32);
    if (info.byteLength > 1024) {
      throw outOfRange('info', 'must not contain more than 1024 bytes', info.byteLength);
    }
    return [digestName(hash), ikm, salt, info, length];
  }
  function hkdfSync(hash, key, salt, info, length) {
    return call('kdf.hkdf', ...hkdfArgs(hash, key, salt, info, length)).buffer;  // a fresh, exact ArrayBuffer
  }
  function hkdf(hash, key, salt, info, length, callback) {
    const args = hkdfArgs(hash, key, salt, info, length);
    validateFunction(callback, 'callback');
    // Every HKDF error comes from Node's job constructor, i.e. is thrown synchronously.
    const bits = call('kdf.hkdf', ...args).buffer;
    defer(() => callback(null, bits));
  }

  function timingSafeEqual(buf1, buf2) {
    for (const [v, name] of [[buf1, 'buf1'], [buf2, 'buf2']]) {
      if (!U.isAnyArrayBuffer(v) && !isView(v)) {
        throw makeError(TypeError, 'ERR_INVALID_ARG_TYPE',
          `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
      }
    }
    const a = U.bytesOf(buf1);
    const b = U.bytesOf(buf2);
    if (a.length !== b.length) {
      throw makeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    }
    if (a.length > 256) return call('crypto.timingSafeEqual', a, b);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  module.exports = {
    randomBytes, randomFill, randomFillSync, randomInt, randomUUID, getRandomValues,
    pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync, timingSafeEqual,
  };
})
