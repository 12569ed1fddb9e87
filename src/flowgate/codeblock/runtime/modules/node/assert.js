// require('assert'): Node 20's lib/assert.js (MIT), ported (primordials
// replaced by captured intrinsics). AssertionError in node/assert_error, deep
// equality in node/assert_compare, throws/rejects in node/assert_throws. The
// one difference: Node words `assert(falsy)` from the caller's source text,
// which a code block does not have, so the message is the generated
// `false == true` (what Node prints for code compiled from a string).
(function (module, exports, require, host) {
  'use strict';
  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ArrayPrototypeIndexOf = uncurryThis(Array.prototype.indexOf);
  const ArrayPrototypeJoin = uncurryThis(Array.prototype.join);
  const ArrayPrototypeSlice = uncurryThis(Array.prototype.slice);
  const NumberIsNaN = Number.isNaN;
  const ObjectAssign = Object.assign;
  const ObjectIs = Object.is;
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeSplit = uncurryThis(String.prototype.split);

  const errors = require('node/util_errors');
  const { makeError, determineSpecificType, formatList } = errors;
  const AssertionError = require('node/assert_error');
  const { inspect } = require('internal/inspect');
  const { isPromise, isRegExp, isNativeError } = require('node/util_types');
  const isError = (e) => isNativeError(e) || e instanceof Error;
  const { validateFunction } = errors;
  const ERR_AMBIGUOUS_ARGUMENT = (name, reason) =>
  makeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "${name}" argument is ambiguous. ${reason}`);
  const ERR_INVALID_ARG_TYPE = errors.invalidArgType;
  const ERR_INVALID_RETURN_VALUE = (input, name, value) => makeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
    `Expected ${input} to be returned from the "${name}" function but got ${determineSpecificType(value)}.`);
  const ERR_MISSING_ARGS = (...args) => makeError(TypeError, 'ERR_MISSING_ARGS',
    `The ${formatList(args.map((a) => (ArrayIsArray(a) ? a.map((x) => `"${x}"`).join(' or ') : `"${a}"`)))} ` +
      `argument${args.length > 1 ? 's' : ''} must be specified`);
  // Without the source text of the caller (Node reads the file), assert(falsy)
  // words its message as Node does for code compiled from a string.
  function innerOk(fn, argLen, value, message) {
    if (!value) {
      let generatedMessage = false;
      if (argLen === 0) {
        generatedMessage = true;
        message = 'No value argument passed to `assert.ok()`';
      } else if (message == null) {
        generatedMessage = true;
        message = undefined;
      } else if (isError(message)) {
        throw message;
      }
      const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
      err.generatedMessage = generatedMessage;
      throw err;
    }
  }

  let isDeepEqual;
  let isDeepStrictEqual;

  function lazyLoadComparison() {
    const comparison = require('node/assert_compare');
    isDeepEqual = comparison.isDeepEqual;
    isDeepStrictEqual = comparison.isDeepStrictEqual;
  }

  const assert = module.exports = ok;
  const ArrayIsArray = Array.isArray;
  const ObjectDefineProperty = Object.defineProperty;

  function innerFail(obj) {
    if (obj.message instanceof Error) throw obj.message;

    throw new AssertionError(obj);
  }

  function fail(actual, expected, message, operator, stackStartFn) {
    const argsLen = arguments.length;

    let internalMessage = false;
    if (actual == null && argsLen <= 1) {
      internalMessage = true;
      message = 'Failed';
    } else if (argsLen === 1) {
      message = actual;
      actual = undefined;
    } else {
      if (argsLen === 2)
        operator = '!=';
    }

    if (message instanceof Error) throw message;

    const errArgs = {
      actual,
      expected,
      operator: operator === undefined ? 'fail' : operator,
      stackStartFn: stackStartFn || fail,
      message,
    };
    const err = new AssertionError(errArgs);
    if (internalMessage) {
      err.generatedMessage = true;
    }
    throw err;
  }

  assert.fail = fail;

  assert.AssertionError = AssertionError;

  function ok(...args) {
    innerOk(ok, args.length, ...args);
  }
  assert.ok = ok;

  /* eslint-disable no-restricted-properties */
  assert.equal = function equal(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (actual != expected && (!NumberIsNaN(actual) || !NumberIsNaN(expected))) {
      innerFail({
        actual,
        expected,
        message,
        operator: '==',
        stackStartFn: equal,
      });
    }
  };

  assert.notEqual = function notEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (actual == expected || (NumberIsNaN(actual) && NumberIsNaN(expected))) {
      innerFail({
        actual,
        expected,
        message,
        operator: '!=',
        stackStartFn: notEqual,
      });
    }
  };

  assert.deepEqual = function deepEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (isDeepEqual === undefined) lazyLoadComparison();
    if (!isDeepEqual(actual, expected)) {
      innerFail({
        actual,
        expected,
        message,
        operator: 'deepEqual',
        stackStartFn: deepEqual,
      });
    }
  };

  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (isDeepEqual === undefined) lazyLoadComparison();
    if (isDeepEqual(actual, expected)) {
      innerFail({
        actual,
        expected,
        message,
        operator: 'notDeepEqual',
        stackStartFn: notDeepEqual,
      });
    }
  };
  /* eslint-enable */

  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (isDeepEqual === undefined) lazyLoadComparison();
    if (!isDeepStrictEqual(actual, expected)) {
      innerFail({
        actual,
        expected,
        message,
        operator: 'deepStrictEqual',
        stackStartFn: deepStrictEqual,
      });
    }
  };

  assert.notDeepStrictEqual = notDeepStrictEqual;
  function notDeepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (isDeepEqual === undefined) lazyLoadComparison();
    if (isDeepStrictEqual(actual, expected)) {
      innerFail({
        actual,
        expected,
        message,
        operator: 'notDeepStrictEqual',
        stackStartFn: notDeepStrictEqual,
      });
    }
  }

  assert.strictEqual = function strictEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (!ObjectIs(actual, expected)) {
      innerFail({
        actual,
        expected,
        message,
        operator: 'strictEqual',
        stackStartFn: strictEqual,
      });
    }
  };

  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    if (arguments.length < 2) {
      throw ERR_MISSING_ARGS('actual', 'expected');
    }
    if (ObjectIs(actual, expected)) {
      innerFail({
        actual,
        expected,
        message,
        operator: 'notStrictEqual',
        stackStartFn: notStrictEqual,
      });
    }
  };

  const throwsApi = require('node/assert_throws')(assert, innerFail, AssertionError);
  assert.throws = throwsApi.throws;
  assert.rejects = throwsApi.rejects;
  assert.doesNotThrow = throwsApi.doesNotThrow;
  assert.doesNotReject = throwsApi.doesNotReject;

  assert.ifError = function ifError(err) {
    if (err !== null && err !== undefined) {
      let message = 'ifError got unwanted exception: ';
      if (typeof err === 'object' && typeof err.message === 'string') {
        if (err.message.length === 0 && err.constructor) {
          message += err.constructor.name;
        } else {
          message += err.message;
        }
      } else {
        message += inspect(err);
      }

      const newErr = new AssertionError({
        actual: err,
        expected: null,
        operator: 'ifError',
        message,
        stackStartFn: ifError,
      });

      const origStack = err.stack;

      if (typeof origStack === 'string') {
        const origStackStart = StringPrototypeIndexOf(origStack, '\n    at');
        if (origStackStart !== -1) {
          const originalFrames = StringPrototypeSplit(
            StringPrototypeSlice(origStack, origStackStart + 1),
            '\n',
          );
          let newFrames = StringPrototypeSplit(newErr.stack, '\n');
          for (const errFrame of originalFrames) {
            const pos = ArrayPrototypeIndexOf(newFrames, errFrame);
            if (pos !== -1) {
              newFrames = ArrayPrototypeSlice(newFrames, 0, pos);
              break;
            }
          }
          const stackStart = ArrayPrototypeJoin(newFrames, '\n');
          const stackEnd = ArrayPrototypeJoin(originalFrames, '\n');
          newErr.stack = `${stackStart}\n${stackEnd}`;
        }
      }

      throw newErr;
    }
  };

  function internalMatch(string, regexp, message, fn) {
    if (!isRegExp(regexp)) {
      throw ERR_INVALID_ARG_TYPE(
        'regexp', 'RegExp', regexp,
      );
    }
    const match = fn === assert.match;
    if (typeof string !== 'string' ||
        RegExpPrototypeExec(regexp, string) !== null !== match) {
      if (message instanceof Error) {
        throw message;
      }

      const generatedMessage = !message;

      message = message || (typeof string !== 'string' ?
          'The "string" argument must be of type string. Received type ' +
          `${typeof string} (${inspect(string)})` :
          (match ?
            'The input did not match the regular expression ' :
            'The input was expected to not match the regular expression ') +
          `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
      const err = new AssertionError({
        actual: string,
        expected: regexp,
        message,
        operator: fn.name,
        stackStartFn: fn,
      });
      err.generatedMessage = generatedMessage;
      throw err;
    }
  }

  assert.match = function match(string, regexp, message) {
    internalMatch(string, regexp, message, match);
  };

  assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
    internalMatch(string, regexp, message, doesNotMatch);
  };

  ObjectDefineProperty(assert, 'CallTracker', { configurable: true, enumerable: true, get() {
    const value = require('node/assert_calltracker');
    ObjectDefineProperty(assert, 'CallTracker', { value, writable: true, configurable: true, enumerable: true });
    return value;
    }, set(value) { ObjectDefineProperty(assert, 'CallTracker', { value, writable: true, configurable: true, enumerable: true }); } });

  function strict(...args) {
    innerOk(strict, args.length, ...args);
  }

  assert.strict = ObjectAssign(strict, assert, {
    equal: assert.strictEqual,
    deepEqual: assert.deepStrictEqual,
    notEqual: assert.notStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });

  assert.strict.strict = assert.strict;
})
