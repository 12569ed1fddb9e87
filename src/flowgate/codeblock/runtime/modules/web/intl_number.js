// Intl.NumberFormat (read through web/intl's `Intl`) and Node's
// Number/BigInt.prototype.toLocaleString (the harness's numberLocale), as Node 20
// formats for en-US (the default, and the fallback of locales without data
// here), zh-CN / zh / zh-Hans / zh-Hans-CN and de-DE / de. Offered:
// Intl.NumberFormat callable with or without `new`, format (a bound getter),
// formatToParts, resolvedOptions, supportedLocalesOf (not formatRange).
// Options and locales: web/intl_number_options; formatting: web/intl_number_format.
(function (module, exports, require, host) {
  'use strict';
  const { canonicalLocales, supportedLocales, resolveOptions, resolved, getOption } = require('web/intl_number_options');
  const { formatParts, formatString } = require('web/intl_number_format');
  const { defineProperty, freeze, getOwnPropertyDescriptor, getPrototypeOf } = Object;
  const StringCtor = String;
  const TypeErrorCtor = TypeError;
  const ObjectCtor = Object;
  const SymbolToStringTag = Symbol.toStringTag;

  // The slots live in a private field stamped onto the instance: unlike a WeakMap
  // (a lazy intrinsic here, and patchable), nothing user code does can reach them.
  class Stamp { constructor(o) { return o; } }
  class Slots extends Stamp {
    #st;
    constructor(o, st) {
      super(o);
      this.#st = st;
    }
    static of(o) { return (typeof o === 'object' || typeof o === 'function') && o !== null && #st in o ? o.#st : undefined; }
  }

  // V8's description of a receiver in "incompatible receiver" errors.
  function shown(self) {
    if (self === null || (typeof self !== 'object' && typeof self !== 'function')) {
      return typeof self === 'string' ? self : typeof self === 'symbol' ? 'Symbol()' : StringCtor(self);
    }
    let name;
    try {
      const proto = getPrototypeOf(self);
      name = proto !== null ? proto.constructor.name : undefined;
    } catch {
      name = undefined;
    }
    return `#<${typeof name === 'string' && name !== '' ? name : 'Object'}>`;
  }

  function slots(self, method) {
    const st = Slots.of(self);
    if (st === undefined) {
      // V8 names no receiver in UnwrapNumberFormat's message
      const who = method === 'UnwrapNumberFormat' ? 'undefined' : shown(self);
      throw new TypeErrorCtor(`Method ${method} called on incompatible receiver ${who}`);
    }
    return st;
  }

  function NumberFormat(locales, options) {
    if (new.target === undefined) return new NumberFormat(locales, options);
    new Slots(this, resolveOptions(locales, options));
  }
  defineProperty(NumberFormat, 'length', { value: 0 });
  const proto = NumberFormat.prototype;

  function toParts(list) {
    const out = [];
    for (let i = 0; i < list.length; i++) out[i] = { type: list[i][0], value: list[i][1] };
    return out;
  }

  defineProperty(proto, 'format', {
    configurable: true,
    get: getOwnPropertyDescriptor({
      get format() {
        const st = slots(this, 'UnwrapNumberFormat');
        if (st.bound === undefined) st.bound = (x) => formatString(st, x);
        return st.bound;
      },
    }, 'format').get,
  });
  const methods = {
    formatToParts(value) {
      return toParts(formatParts(slots(this, 'Intl.NumberFormat.prototype.formatToParts'), value));
    },
    resolvedOptions() { return resolved(slots(this, 'UnwrapNumberFormat')); },
  };
  const NAMES = ['resolvedOptions', 'formatToParts'];
  for (let i = 0; i < NAMES.length; i++) {
    defineProperty(proto, NAMES[i], { value: methods[NAMES[i]], writable: true, configurable: true });
  }
  defineProperty(proto, SymbolToStringTag, { value: 'Intl.NumberFormat', configurable: true });
  defineProperty(NumberFormat, 'prototype', { writable: false });
  defineProperty(NumberFormat, 'supportedLocalesOf', {
    value: {
      supportedLocalesOf(locales) {
        const requested = canonicalLocales(locales);
        const options = arguments.length > 1 ? arguments[1] : undefined;
        if (options === null) throw new TypeErrorCtor('Cannot convert undefined or null to object');
        if (options !== undefined) {
          getOption(ObjectCtor(options), 'localeMatcher', ['lookup', 'best fit'], 'best fit',
            'Intl.NumberFormat.supportedLocalesOf');
        }
        return supportedLocales(requested);
      },
    }.supportedLocalesOf,
    writable: true, configurable: true,
  });

  // Number/BigInt.prototype.toLocaleString(locales, options) of a primitive `x`:
  // the slots for a locale without options are kept for the rest of the execution.
  const plain = { __proto__: null };
  function toLocaleString(x, locales, options) {
    if (options === undefined && (locales === undefined || typeof locales === 'string')) {
      const key = locales === undefined ? '' : '=' + locales;
      let st = plain[key];
      if (st === undefined) st = plain[key] = resolveOptions(locales, undefined);
      return formatString(st, x);
    }
    return formatString(resolveOptions(locales, options), x);
  }

  module.exports = freeze({ NumberFormat, toLocaleString });
})
