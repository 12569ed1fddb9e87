// Set and Map equivalence for node/assert_compare (Node 20's
// lib/internal/util/comparisons.js, MIT), split off to keep files small; the
// module is a factory taking the recursive innerDeepEqual.
(function (module, exports, require, host) {
  'use strict';
  const NumberIsNaN = Number.isNaN;
  const SafeSet = Set;
  module.exports = function makeSetMapEquiv(innerDeepEqual) {
    function setHasEqualElement(set, val2, strict, memo) {
      const { deleteFailures } = memo;
      memo.deleteFailures = true;
      for (const val1 of set) {
        if (innerDeepEqual(val1, val2, strict, memo)) {
          set.delete(val1);
          memo.deleteFailures = deleteFailures;
          return true;
        }
      }

      memo.deleteFailures = deleteFailures;
      return false;
    }

    function findLooseMatchingPrimitives(prim) {
      switch (typeof prim) {
        case 'undefined':
        return null;
        case 'object': // Only pass in null as object!
        return undefined;
        case 'symbol':
        return false;
        case 'string':
        prim = +prim;
        case 'number':
        if (NumberIsNaN(prim)) {
          return false;
        }
      }
      return true;
    }

    function setMightHaveLoosePrim(a, b, prim) {
      const altValue = findLooseMatchingPrimitives(prim);
      if (altValue != null)
        return altValue;

      return b.has(altValue) && !a.has(altValue);
    }

    function mapMightHaveLoosePrim(a, b, prim, item, memo) {
      const altValue = findLooseMatchingPrimitives(prim);
      if (altValue != null) {
        return altValue;
      }
      const curB = b.get(altValue);
      if ((curB === undefined && !b.has(altValue)) ||
          !innerDeepEqual(item, curB, false, memo)) {
        return false;
      }
      return !a.has(altValue) && innerDeepEqual(item, curB, false, memo);
    }

    function setEquiv(a, b, strict, memo) {
      let set = null;
      for (const val of a) {
        if (!b.has(val)) {
          if ((typeof val !== 'object' || val === null) &&
              (strict || !setMightHaveLoosePrim(a, b, val))) {
            return false;
          }

          if (set === null) {
            if (b.size === 1) {
              return innerDeepEqual(val, b.values().next().value, strict, memo);
            }
            set = new SafeSet();
          }
          set.add(val);
        }
      }

      if (set !== null) {
        for (const val of b) {
          if (typeof val === 'object' && val !== null) {
            if (!a.has(val) && !setHasEqualElement(set, val, strict, memo)) {
              return false;
            }
          } else if (!strict &&
              !a.has(val) &&
              !setHasEqualElement(set, val, strict, memo)) {
            return false;
          }
        }
        return set.size === 0;
      }

      return true;
    }

    function mapHasEqualEntry(set, map, key2, item2, strict, memo) {
      const { deleteFailures } = memo;
      memo.deleteFailures = true;
      for (const key1 of set) {
        if (innerDeepEqual(key1, key2, strict, memo) &&
            innerDeepEqual(map.get(key1), item2, strict, memo)) {
          set.delete(key1);
          memo.deleteFailures = deleteFailures;
          return true;
        }
      }

      memo.deleteFailures = deleteFailures;
      return false;
    }

    function mapEquiv(a, b, strict, memo) {
      let set = null;

      for (const { 0: key, 1: item1 } of a) {
        if (typeof key === 'object' && key !== null) {
          if (set === null) {
            if (b.size === 1) {
              const { 0: key2, 1: item2 } = b.entries().next().value;
              return innerDeepEqual(key, key2, strict, memo) &&
                innerDeepEqual(item1, item2, strict, memo);
            }
            set = new SafeSet();
          }
          set.add(key);
        } else {
          const item2 = b.get(key);
          if (((item2 === undefined && !b.has(key)) ||
              !innerDeepEqual(item1, item2, strict, memo))) {
            if (strict)
              return false;
            if (!mapMightHaveLoosePrim(a, b, key, item1, memo))
              return false;
            if (set === null) {
              set = new SafeSet();
            }
            set.add(key);
          }
        }
      }

      if (set !== null) {
        for (const { 0: key, 1: item } of b) {
          if (typeof key === 'object' && key !== null) {
            if (!mapHasEqualEntry(set, a, key, item, strict, memo))
              return false;
          } else if (!strict &&
              (!a.has(key) ||
                !innerDeepEqual(a.get(key), item, strict, memo)) &&
              !mapHasEqualEntry(set, a, key, item, strict, memo)) {
            return false;
          }
        }
        return set.size === 0;
      }

      return true;
    }
    return { setEquiv, mapEquiv };
  };
})
