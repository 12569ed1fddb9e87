// Node's coded errors and argument validators as `buffer` and
// `string_decoder` use them (lib/internal/errors.js, validators.js). The
// shared machinery (`Name [CODE]: message` stacks and toString, the
// "Received ..." wording) is node/util_errors'; this adds the buffer-only
// codes. Loaded only when something is about to throw.
(function (module, exports, require, host) {
  'use strict';
  const U = require('node/util_errors');
  const { makeError, invalidArgType, invalidArgValue, outOfRange, validateNumber } = U;
  const NumberIsInteger = Number.isInteger;

  const bufferOutOfBounds = (name) => makeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS',
    name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
  // Node formats the encoding with util.format's %s (-0, 1n, {} and [ 1 ] as inspected).
  const unknownEncoding = (enc) => makeError(TypeError, 'ERR_UNKNOWN_ENCODING',
    typeof enc === 'string' ? `Unknown encoding: ${enc}` :
      require('internal/inspect').format('Unknown encoding: %s', enc));
  const invalidBufferSize = (suffix) => makeError(RangeError, 'ERR_INVALID_BUFFER_SIZE',
    `Buffer size must be a multiple of ${suffix}`);

  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
    if (!NumberIsInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  module.exports = {
    makeError, invalidArgType, invalidArgValue, outOfRange, bufferOutOfBounds, unknownEncoding,
    invalidBufferSize, validateNumber, validateInteger,
  };
})
