// What Node 20 (>= 20.19) returns for require() of an ES module such as uuid 14:
// the module namespace object. Our runtime modules are scripts, so we build an
// object with the same observable shape: null prototype, the exports as data
// properties sorted by code unit (writable: true, enumerable, non-configurable,
// as a namespace reports them), Symbol.toStringTag 'Module', not extensible
// (Object.isSealed true, isFrozen false), and a Proxy that refuses assignment
// and incompatible redefinition as a namespace's [[Set]]/[[DefineOwnProperty]]
// do (silently in sloppy code, a TypeError in strict code). util.types'
// isModuleNamespaceObject recognises it by that shape.
'use strict';

const { create, defineProperty, keys, seal, getOwnPropertyDescriptor, is } = Object;
const { defineProperty: reflectDefine } = Reflect;
const ProxyCtor = Proxy;

const HANDLER = {
  set() {
    return false;
  },
  defineProperty(target, key, desc) {
    if (typeof key === 'symbol') return reflectDefine(target, key, desc);
    const current = getOwnPropertyDescriptor(target, key);
    if (current === undefined) return false;
    if (desc.configurable === true || desc.enumerable === false || desc.writable === false) return false;
    if ('get' in desc || 'set' in desc) return false;
    // A compatible value or writable would be accepted by a namespace (true), but
    // QuickJS throws "inconsistent defineProperty" for any trap that agrees to
    // one on a writable non-configurable target property; refuse it instead.
    return !('value' in desc) && !('writable' in desc);
  },
};

module.exports = function moduleNamespace(exportsObject) {
  const ns = create(null);
  for (const name of keys(exportsObject).sort()) ns[name] = exportsObject[name];
  defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
  seal(ns);
  return new ProxyCtor(ns, HANDLER);
};
