// Stands in for `side-channel` inside the qs bundles (assets/modules/qs.mjs).
//
// qs keys side channels by the objects it walks (cycle detection in stringify,
// arrayLimit overflow and key-conflict marks, copies in parse) and, in
// stringify, probes them with primitive values too. The real package reaches
// WeakMap/Map through get-intrinsic, call-bound and object-inspect (~45 KB of
// polyfill machinery, most of qs's load time in our engine); a WeakMap for
// objects and a Map for everything else is the same behaviour (it is exactly
// what side-channel-weakmap does when WeakMap exists). WeakMap and Map are
// captured on the first `set`, not at load: they are a lazy intrinsic group in
// our engine (~tens of µs to install), and qs makes channels at load time.
'use strict';

const $TypeError = TypeError;
const { apply } = Reflect;
let $WeakMap, $Map, wmGet, wmSet, wmHas, wmDelete, mGet, mSet, mHas, mDelete;
function capture() {
  $WeakMap = WeakMap;
  $Map = Map;
  ({ get: wmGet, set: wmSet, has: wmHas, delete: wmDelete } = WeakMap.prototype);
  ({ get: mGet, set: mSet, has: mHas, delete: mDelete } = Map.prototype);
}

const isObject = (key) => key !== null && (typeof key === 'object' || typeof key === 'function');

module.exports = function getSideChannel() {
  let wm;
  let m;
  const channel = {
    assert(key) {
      if (!channel.has(key)) {
        const desc = isObject(key) ? 'the given object key' : typeof key === 'string' ? `'${key}'` : String(key);
        throw new $TypeError(`Side channel does not contain ${desc}`);
      }
    },
    delete(key) {
      if (isObject(key)) return wm !== undefined && apply(wmDelete, wm, [key]);
      return m !== undefined && apply(mDelete, m, [key]);
    },
    get(key) {
      if (isObject(key)) return wm === undefined ? undefined : apply(wmGet, wm, [key]);
      return m === undefined ? undefined : apply(mGet, m, [key]);
    },
    has(key) {
      if (isObject(key)) return wm !== undefined && apply(wmHas, wm, [key]);
      return m !== undefined && apply(mHas, m, [key]);
    },
    set(key, value) {
      if ($WeakMap === undefined) capture();
      if (isObject(key)) {
        if (wm === undefined) wm = new $WeakMap();
        apply(wmSet, wm, [key, value]);
      } else {
        if (m === undefined) m = new $Map();
        apply(mSet, m, [key, value]);
      }
    },
  };
  return channel;
};
