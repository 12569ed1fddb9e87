// assert.throws / rejects / doesNotThrow / doesNotReject and the error
// matching behind them: Node 20's lib/assert.js (MIT), split off from
// node/assert to keep files small. A factory taking the assert function.
(function (module, exports, require, host) {
  'use strict';

  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ObjectKeys = Object.keys;
  const ObjectPrototypeIsPrototypeOf = uncurryThis(Object.prototype.isPrototypeOf);
  const ReflectApply = Reflect.apply;
  const RegExpPrototypeExec = uncurryThis(RegExp.prototype.exec);
  const { makeError, determineSpecificType } = require('node/util_errors');
  const errors = require('node/util_errors');
  const { inspect } = require('internal/inspect');
  const { isPromise, isRegExp, isNativeError } = require('node/util_types');
  const isError = (e) => isNativeError(e) || e instanceof Error;
  const { validateFunction } = errors;
  const ERR_AMBIGUOUS_ARGUMENT = (name, reason) =>
  makeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "${name}" argument is ambiguous. ${reason}`);
  const ERR_INVALID_ARG_TYPE = errors.invalidArgType;
  const ERR_INVALID_ARG_VALUE = errors.invalidArgValue;
  const ERR_INVALID_RETURN_VALUE = (input, name, value) => makeError(TypeError, 'ERR_INVALID_RETURN_VALUE',
    `Expected ${input} to be returned from the "${name}" function but got ${determineSpecificType(value)}.`);
  let isDeepEqual;
  let isDeepStrictEqual;
  function lazyLoadComparison() {
    const comparison = require('node/assert_compare');
    isDeepEqual = comparison.isDeepEqual;
    isDeepStrictEqual = comparison.isDeepStrictEqual;
  }
  const NO_EXCEPTION_SENTINEL = {};
  class Comparison {
    constructor(obj, keys, actual) {
      for (const key of keys) {
        if (key in obj) {
          if (actual !== undefined &&
              typeof actual[key] === 'string' &&
              isRegExp(obj[key]) &&
              RegExpPrototypeExec(obj[key], actual[key]) !== null) {
            this[key] = actual[key];
          } else {
            this[key] = obj[key];
          }
        }
      }
    }
  }

  module.exports = function makeThrows(assert, innerFail, AssertionError) {
    function compareExceptionKey(actual, expected, key, message, keys, fn) {
      if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
        if (!message) {
          const a = new Comparison(actual, keys);
          const b = new Comparison(expected, keys, actual);

          const err = new AssertionError({
            actual: a,
            expected: b,
            operator: 'deepStrictEqual',
            stackStartFn: fn,
          });
          err.actual = actual;
          err.expected = expected;
          err.operator = fn.name;
          throw err;
        }
        innerFail({
          actual,
          expected,
          message,
          operator: fn.name,
          stackStartFn: fn,
        });
      }
    }

    function expectedException(actual, expected, message, fn) {
      let generatedMessage = false;
      let throwError = false;

      if (typeof expected !== 'function') {
        if (isRegExp(expected)) {
          const str = String(actual);
          if (RegExpPrototypeExec(expected, str) !== null)
            return;

          if (!message) {
            generatedMessage = true;
            message = 'The input did not match the regular expression ' +
              `${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
          }
          throwError = true;
        } else if (typeof actual !== 'object' || actual === null) {
          const err = new AssertionError({
            actual,
            expected,
            message,
            operator: 'deepStrictEqual',
            stackStartFn: fn,
          });
          err.operator = fn.name;
          throw err;
        } else {
          const keys = ObjectKeys(expected);
          if (expected instanceof Error) {
            ArrayPrototypePush(keys, 'name', 'message');
          } else if (keys.length === 0) {
            throw ERR_INVALID_ARG_VALUE('error',
              expected, 'may not be an empty object');
          }
          if (isDeepEqual === undefined) lazyLoadComparison();
          for (const key of keys) {
            if (typeof actual[key] === 'string' &&
                isRegExp(expected[key]) &&
                RegExpPrototypeExec(expected[key], actual[key]) !== null) {
              continue;
            }
            compareExceptionKey(actual, expected, key, message, keys, fn);
          }
          return;
        }
      } else if (expected.prototype !== undefined && actual instanceof expected) {
        return;
      } else if (ObjectPrototypeIsPrototypeOf(Error, expected)) {
        if (!message) {
          generatedMessage = true;
          message = 'The error is expected to be an instance of ' +
            `"${expected.name}". Received `;
          if (isError(actual)) {
            const name = (actual.constructor && actual.constructor.name) ||
              actual.name;
            if (expected.name === name) {
              message += 'an error with identical name but a different prototype.';
            } else {
              message += `"${name}"`;
            }
            if (actual.message) {
              message += `\n\nError message:\n\n${actual.message}`;
            }
          } else {
            message += `"${inspect(actual, { depth: -1 })}"`;
          }
        }
        throwError = true;
      } else {
        const res = ReflectApply(expected, {}, [actual]);
        if (res !== true) {
          if (!message) {
            generatedMessage = true;
            const name = expected.name ? `"${expected.name}" ` : '';
            message = `The ${name}validation function is expected to return` +
              ` "true". Received ${inspect(res)}`;

            if (isError(actual)) {
              message += `\n\nCaught error:\n\n${actual}`;
            }
          }
          throwError = true;
        }
      }

      if (throwError) {
        const err = new AssertionError({
          actual,
          expected,
          message,
          operator: fn.name,
          stackStartFn: fn,
        });
        err.generatedMessage = generatedMessage;
        throw err;
      }
    }

    function getActual(fn) {
      validateFunction(fn, 'fn');
      try {
        fn();
      } catch (e) {
        return e;
      }
      return NO_EXCEPTION_SENTINEL;
    }

    function checkIsPromise(obj) {
      return isPromise(obj) ||
        (obj !== null && typeof obj === 'object' &&
          typeof obj.then === 'function' &&
          typeof obj.catch === 'function');
    }

    async function waitForActual(promiseFn) {
      let resultPromise;
      if (typeof promiseFn === 'function') {
        resultPromise = promiseFn();
        if (!checkIsPromise(resultPromise)) {
          throw ERR_INVALID_RETURN_VALUE('instance of Promise',
            'promiseFn', resultPromise);
        }
      } else if (checkIsPromise(promiseFn)) {
        resultPromise = promiseFn;
      } else {
        throw ERR_INVALID_ARG_TYPE(
          'promiseFn', ['Function', 'Promise'], promiseFn);
      }

      try {
        await resultPromise;
      } catch (e) {
        return e;
      }
      return NO_EXCEPTION_SENTINEL;
    }

    function expectsError(stackStartFn, actual, error, message) {
      if (typeof error === 'string') {
        if (arguments.length === 4) {
          throw ERR_INVALID_ARG_TYPE('error',
            ['Object', 'Error', 'Function', 'RegExp'],
            error);
        }
        if (typeof actual === 'object' && actual !== null) {
          if (actual.message === error) {
            throw ERR_AMBIGUOUS_ARGUMENT(
              'error/message',
              `The error message "${actual.message}" is identical to the message.`,
            );
          }
        } else if (actual === error) {
          throw ERR_AMBIGUOUS_ARGUMENT(
            'error/message',
            `The error "${actual}" is identical to the message.`,
          );
        }
        message = error;
        error = undefined;
      } else if (error != null &&
          typeof error !== 'object' &&
          typeof error !== 'function') {
        throw ERR_INVALID_ARG_TYPE('error',
          ['Object', 'Error', 'Function', 'RegExp'],
          error);
      }

      if (actual === NO_EXCEPTION_SENTINEL) {
        let details = '';
        if (error && error.name) {
          details += ` (${error.name})`;
        }
        details += message ? `: ${message}` : '.';
        const fnType = stackStartFn === assert.rejects ? 'rejection' : 'exception';
        innerFail({
          actual: undefined,
          expected: error,
          operator: stackStartFn.name,
          message: `Missing expected ${fnType}${details}`,
          stackStartFn,
        });
      }

      if (!error)
        return;

      expectedException(actual, error, message, stackStartFn);
    }

    function hasMatchingError(actual, expected) {
      if (typeof expected !== 'function') {
        if (isRegExp(expected)) {
          const str = String(actual);
          return RegExpPrototypeExec(expected, str) !== null;
        }
        throw ERR_INVALID_ARG_TYPE(
          'expected', ['Function', 'RegExp'], expected,
        );
      }
      if (expected.prototype !== undefined && actual instanceof expected) {
        return true;
      }
      if (ObjectPrototypeIsPrototypeOf(Error, expected)) {
        return false;
      }
      return ReflectApply(expected, {}, [actual]) === true;
    }

    function expectsNoError(stackStartFn, actual, error, message) {
      if (actual === NO_EXCEPTION_SENTINEL)
        return;

      if (typeof error === 'string') {
        message = error;
        error = undefined;
      }

      if (!error || hasMatchingError(actual, error)) {
        const details = message ? `: ${message}` : '.';
        const fnType = stackStartFn === assert.doesNotReject ?
          'rejection' : 'exception';
        innerFail({
          actual,
          expected: error,
          operator: stackStartFn.name,
          message: `Got unwanted ${fnType}${details}\n` +
            `Actual message: "${actual && actual.message}"`,
          stackStartFn,
        });
      }
      throw actual;
    }

    const throws = function throws(promiseFn, ...args) {
      expectsError(throws, getActual(promiseFn), ...args);
    };

    const rejects = async function rejects(promiseFn, ...args) {
      expectsError(rejects, await waitForActual(promiseFn), ...args);
    };

    const doesNotThrow = function doesNotThrow(fn, ...args) {
      expectsNoError(doesNotThrow, getActual(fn), ...args);
    };

    const doesNotReject = async function doesNotReject(fn, ...args) {
      expectsNoError(doesNotReject, await waitForActual(fn), ...args);
    };

    return { throws, rejects, doesNotThrow, doesNotReject };
  };
})
