// util.parseArgs: Node 20's lib/internal/util/parse_args/{parse_args,utils}.js
// (MIT), ported (primordials replaced by captured intrinsics).
(function (module, exports, require, host) {
  'use strict';
  const { makeError, invalidArgType, invalidArgValue, validateBoolean, validateObject, validateString } =
    require('node/util_errors');
  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ArrayPrototypeFind = uncurryThis(Array.prototype.find);
  const ArrayPrototypeForEach = uncurryThis(Array.prototype.forEach);
  const ArrayPrototypeIncludes = uncurryThis(Array.prototype.includes);
  const ArrayPrototypeMap = uncurryThis(Array.prototype.map);
  const ArrayPrototypePush = uncurryThis(Array.prototype.push);
  const ArrayPrototypePushApply = (arr, items) => { for (const x of items) arr.push(x); };
  const ArrayPrototypeShift = uncurryThis(Array.prototype.shift);
  const ArrayPrototypeSlice = uncurryThis(Array.prototype.slice);
  const ArrayPrototypeUnshiftApply = (arr, items) => arr.unshift(...items);
  const ObjectEntries = Object.entries;
  const ObjectHasOwn = uncurryThis(Object.prototype.hasOwnProperty);
  const StringPrototypeCharAt = uncurryThis(String.prototype.charAt);
  const StringPrototypeIncludes = uncurryThis(String.prototype.includes);
  const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
  const StringPrototypeSlice = uncurryThis(String.prototype.slice);
  const StringPrototypeStartsWith = uncurryThis(String.prototype.startsWith);
  const JSONStringify = JSON.stringify;
  const kEmptyObject = Object.freeze({ __proto__: null });
  const ERR_INVALID_ARG_VALUE = invalidArgValue;
  const ERR_PARSE_ARGS_INVALID_OPTION_VALUE = (msg) =>
  makeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', msg);
  const ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL = (arg) => makeError(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
    `Unexpected argument '${arg}'. This command does not take positional arguments`);
  const ERR_PARSE_ARGS_UNKNOWN_OPTION = (option, allowPositionals) => {
    const suggestDashDash = allowPositionals ? '. To specify a positional ' +
      "argument starting with a '-', place it at the end of the command after " +
      `'--', as in '-- ${JSONStringify(option)}` : '';
    return makeError(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${option}'${suggestDashDash}`);
  };
  function validateArray(value, name, minLength = 0) {
    if (!Array.isArray(value)) throw invalidArgType(name, 'Array', value);
    if (value.length < minLength) throw invalidArgValue(name, value, `must be longer than ${minLength}`);
  }
  function validateStringArray(value, name) {
    validateArray(value, name);
    for (let i = 0; i < value.length; ++i) {
      if (typeof value[i] !== 'string') throw invalidArgType(`${name}[${i}]`, 'string', value[i]);
    }
  }
  function validateBooleanArray(value, name) {
    validateArray(value, name);
    for (let i = 0; i < value.length; ++i) {
      if (value[i] !== true && value[i] !== false) throw invalidArgType(`${name}[${i}]`, 'boolean', value[i]);
    }
  }
  function validateUnion(value, name, union) {
    if (!ArrayPrototypeIncludes(union, value)) throw invalidArgType(name, `('${union.join('|')}')`, value);
  }

  function objectGetOwn(obj, prop) {
    if (ObjectHasOwn(obj, prop))
      return obj[prop];
  }
  function optionsGetOwn(options, longOption, prop) {
    if (ObjectHasOwn(options, longOption))
      return objectGetOwn(options[longOption], prop);
  }
  function isOptionValue(value) {
    if (value == null) return false;

    return true; // greedy!
  }
  function isOptionLikeValue(value) {
    if (value == null) return false;

    return value.length > 1 && StringPrototypeCharAt(value, 0) === '-';
  }
  function isLoneShortOption(arg) {
    return arg.length === 2 &&
      StringPrototypeCharAt(arg, 0) === '-' &&
      StringPrototypeCharAt(arg, 1) !== '-';
  }
  function isLoneLongOption(arg) {
    return arg.length > 2 &&
      StringPrototypeStartsWith(arg, '--') &&
      !StringPrototypeIncludes(arg, '=', 3);
  }
  function isLongOptionAndValue(arg) {
    return arg.length > 2 &&
      StringPrototypeStartsWith(arg, '--') &&
      StringPrototypeIncludes(arg, '=', 3);
  }
  function isShortOptionGroup(arg, options) {
    if (arg.length <= 2) return false;
    if (StringPrototypeCharAt(arg, 0) !== '-') return false;
    if (StringPrototypeCharAt(arg, 1) === '-') return false;

    const firstShort = StringPrototypeCharAt(arg, 1);
    const longOption = findLongOptionForShort(firstShort, options);
    return optionsGetOwn(options, longOption, 'type') !== 'string';
  }
  function isShortOptionAndValue(arg, options) {
    validateObject(options, 'options');

    if (arg.length <= 2) return false;
    if (StringPrototypeCharAt(arg, 0) !== '-') return false;
    if (StringPrototypeCharAt(arg, 1) === '-') return false;

    const shortOption = StringPrototypeCharAt(arg, 1);
    const longOption = findLongOptionForShort(shortOption, options);
    return optionsGetOwn(options, longOption, 'type') === 'string';
  }
  function findLongOptionForShort(shortOption, options) {
    validateObject(options, 'options');
    const longOptionEntry = ArrayPrototypeFind(
      ObjectEntries(options),
      ({ 1: optionConfig }) => objectGetOwn(optionConfig, 'short') === shortOption,
    );
    return longOptionEntry?.[0] ?? shortOption;
  }
  function useDefaultValueOption(longOption, optionConfig, values) {
    return objectGetOwn(optionConfig, 'default') !== undefined &&
      values[longOption] === undefined;
  }

  // No process.argv in a code block: parseArgs() without `args` parses nothing.
  function getMainArgs() {
    return [];
  }

  function checkOptionLikeValue(token) {
    if (!token.inlineValue && isOptionLikeValue(token.value)) {
      const example = StringPrototypeStartsWith(token.rawName, '--') ?
        `'${token.rawName}=-XYZ'` :
        `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
      const errorMessage = `Option '${token.rawName}' argument is ambiguous.\n` +
        `Did you forget to specify the option argument for '${token.rawName}'?\n` +
        `To specify an option argument starting with a dash use ${example}.`;
      throw ERR_PARSE_ARGS_INVALID_OPTION_VALUE(errorMessage);
    }
  }
  function checkOptionUsage(config, token) {
    let tokenName = token.name;
    if (!ObjectHasOwn(config.options, tokenName)) {
      if (config.allowNegative && StringPrototypeStartsWith(tokenName, 'no-')) {
        tokenName = StringPrototypeSlice(tokenName, 3);
        if (!ObjectHasOwn(config.options, tokenName) || optionsGetOwn(config.options, tokenName, 'type') !== 'boolean') {
          throw ERR_PARSE_ARGS_UNKNOWN_OPTION(
            token.rawName, config.allowPositionals);
        }
      } else {
        throw ERR_PARSE_ARGS_UNKNOWN_OPTION(
          token.rawName, config.allowPositionals);
      }
    }

    const short = optionsGetOwn(config.options, tokenName, 'short');
    const shortAndLong = `${short ? `-${short}, ` : ''}--${tokenName}`;
    const type = optionsGetOwn(config.options, tokenName, 'type');
    if (type === 'string' && typeof token.value !== 'string') {
      throw ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${shortAndLong} <value>' argument missing`);
    }
    if (type === 'boolean' && token.value != null) {
      throw ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${shortAndLong}' does not take an argument`);
    }
  }
  function storeOption(token, options, values, allowNegative) {
    let longOption = token.name;
    let optionValue = token.value;
    if (longOption === '__proto__') {
      return; // No. Just no.
    }

    if (allowNegative && StringPrototypeStartsWith(longOption, 'no-') && optionValue === undefined) {
      longOption = StringPrototypeSlice(longOption, 3);
      token.name = longOption;
      optionValue = false;
    }

    const newValue = optionValue ?? true;
    if (optionsGetOwn(options, longOption, 'multiple')) {
      if (values[longOption]) {
        ArrayPrototypePush(values[longOption], newValue);
      } else {
        values[longOption] = [newValue];
      }
    } else {
      values[longOption] = newValue;
    }
  }
  function storeDefaultOption(longOption, optionValue, values) {
    if (longOption === '__proto__') {
      return; // No. Just no.
    }

    values[longOption] = optionValue;
  }
  function argsToTokens(args, options) {
    const tokens = [];
    let index = -1;
    let groupCount = 0;

    const remainingArgs = ArrayPrototypeSlice(args);
    while (remainingArgs.length > 0) {
      const arg = ArrayPrototypeShift(remainingArgs);
      const nextArg = remainingArgs[0];
      if (groupCount > 0)
        groupCount--;
      else
        index++;

      if (arg === '--') {
        ArrayPrototypePush(tokens, { kind: 'option-terminator', index });
        ArrayPrototypePushApply(
          tokens, ArrayPrototypeMap(remainingArgs, (arg) => {
            return { kind: 'positional', index: ++index, value: arg };
          }),
        );
        break; // Finished processing args, leave while loop.
      }

      if (isLoneShortOption(arg)) {
        const shortOption = StringPrototypeCharAt(arg, 1);
        const longOption = findLongOptionForShort(shortOption, options);
        let value;
        let inlineValue;
        if (optionsGetOwn(options, longOption, 'type') === 'string' &&
            isOptionValue(nextArg)) {
          value = ArrayPrototypeShift(remainingArgs);
          inlineValue = false;
        }
        ArrayPrototypePush(
          tokens,
          { kind: 'option', name: longOption, rawName: arg,
            index, value, inlineValue });
        if (value != null) ++index;
        continue;
      }

      if (isShortOptionGroup(arg, options)) {
        const expanded = [];
        for (let index = 1; index < arg.length; index++) {
          const shortOption = StringPrototypeCharAt(arg, index);
          const longOption = findLongOptionForShort(shortOption, options);
          if (optionsGetOwn(options, longOption, 'type') !== 'string' ||
              index === arg.length - 1) {
            ArrayPrototypePush(expanded, `-${shortOption}`);
          } else {
            ArrayPrototypePush(expanded, `-${StringPrototypeSlice(arg, index)}`);
            break; // finished short group
          }
        }
        ArrayPrototypeUnshiftApply(remainingArgs, expanded);
        groupCount = expanded.length;
        continue;
      }

      if (isShortOptionAndValue(arg, options)) {
        const shortOption = StringPrototypeCharAt(arg, 1);
        const longOption = findLongOptionForShort(shortOption, options);
        const value = StringPrototypeSlice(arg, 2);
        ArrayPrototypePush(
          tokens,
          { kind: 'option', name: longOption, rawName: `-${shortOption}`,
            index, value, inlineValue: true });
        continue;
      }

      if (isLoneLongOption(arg)) {
        const longOption = StringPrototypeSlice(arg, 2);
        let value;
        let inlineValue;
        if (optionsGetOwn(options, longOption, 'type') === 'string' &&
            isOptionValue(nextArg)) {
          value = ArrayPrototypeShift(remainingArgs);
          inlineValue = false;
        }
        ArrayPrototypePush(
          tokens,
          { kind: 'option', name: longOption, rawName: arg,
            index, value, inlineValue });
        if (value != null) ++index;
        continue;
      }

      if (isLongOptionAndValue(arg)) {
        const equalIndex = StringPrototypeIndexOf(arg, '=');
        const longOption = StringPrototypeSlice(arg, 2, equalIndex);
        const value = StringPrototypeSlice(arg, equalIndex + 1);
        ArrayPrototypePush(
          tokens,
          { kind: 'option', name: longOption, rawName: `--${longOption}`,
            index, value, inlineValue: true });
        continue;
      }

      ArrayPrototypePush(tokens, { kind: 'positional', index, value: arg });
    }
    return tokens;
  }

  const parseArgs = (config = kEmptyObject) => {
    const args = objectGetOwn(config, 'args') ?? getMainArgs();
    const strict = objectGetOwn(config, 'strict') ?? true;
    const allowPositionals = objectGetOwn(config, 'allowPositionals') ?? !strict;
    const returnTokens = objectGetOwn(config, 'tokens') ?? false;
    const allowNegative = objectGetOwn(config, 'allowNegative') ?? false;
    const options = objectGetOwn(config, 'options') ?? { __proto__: null };
    const parseConfig = { args, strict, options, allowPositionals, allowNegative };

    validateArray(args, 'args');
    validateBoolean(strict, 'strict');
    validateBoolean(allowPositionals, 'allowPositionals');
    validateBoolean(returnTokens, 'tokens');
    validateBoolean(allowNegative, 'allowNegative');
    validateObject(options, 'options');
    ArrayPrototypeForEach(
      ObjectEntries(options),
      ({ 0: longOption, 1: optionConfig }) => {
        validateObject(optionConfig, `options.${longOption}`);

        const optionType = objectGetOwn(optionConfig, 'type');
        validateUnion(optionType, `options.${longOption}.type`, ['string', 'boolean']);

        if (ObjectHasOwn(optionConfig, 'short')) {
          const shortOption = optionConfig.short;
          validateString(shortOption, `options.${longOption}.short`);
          if (shortOption.length !== 1) {
            throw ERR_INVALID_ARG_VALUE(
              `options.${longOption}.short`,
              shortOption,
              'must be a single character',
            );
          }
        }

        const multipleOption = objectGetOwn(optionConfig, 'multiple');
        if (ObjectHasOwn(optionConfig, 'multiple')) {
          validateBoolean(multipleOption, `options.${longOption}.multiple`);
        }

        const defaultValue = objectGetOwn(optionConfig, 'default');
        if (defaultValue !== undefined) {
          let validator;
          switch (optionType) {
            case 'string':
            validator = multipleOption ? validateStringArray : validateString;
            break;

            case 'boolean':
            validator = multipleOption ? validateBooleanArray : validateBoolean;
            break;
          }
          validator(defaultValue, `options.${longOption}.default`);
        }
      },
    );

    const tokens = argsToTokens(args, options);

    const result = {
      values: { __proto__: null },
      positionals: [],
    };
    if (returnTokens) {
      result.tokens = tokens;
    }
    ArrayPrototypeForEach(tokens, (token) => {
      if (token.kind === 'option') {
        if (strict) {
          checkOptionUsage(parseConfig, token);
          checkOptionLikeValue(token);
        }
        storeOption(token, options, result.values, parseConfig.allowNegative);
      } else if (token.kind === 'positional') {
        if (!allowPositionals) {
          throw ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL(token.value);
        }
        ArrayPrototypePush(result.positionals, token.value);
      }
    });

    ArrayPrototypeForEach(ObjectEntries(options), ({ 0: longOption,
      1: optionConfig }) => {
        const mustSetDefault = useDefaultValueOption(longOption,
          optionConfig,
          result.values);
        if (mustSetDefault) {
          storeDefaultOption(longOption,
            objectGetOwn(optionConfig, 'default'),
            result.values);
        }
    });

    return result;
  };

  module.exports = { parseArgs };
})
