// `_.template` without code generation. lodash compiles a template with
// `Function`, which code blocks refuse unless the operator sets ALLOW_EVAL; then
// vendor/lodash/template hands the template's parts here. Templates whose
// `<%= %>`, `<%- %>` and `${ }` hold simple expressions (names, member access,
// calls, string/number/boolean/null literals) and that have no `<% %>` code
// are rendered by walking the parsed expressions with the compiled function's
// scoping: the data object (`with (obj)`, or the `variable` name), then the
// imports (`_` and `options.imports`), then globals. Anything else returns
// null and lodash throws the EvalError it got, as before.
(function (module, exports, require, host) {
  'use strict';
  const ReferenceErrorCtor = ReferenceError;
  const TypeErrorCtor = TypeError;
  const ObjectCtor = Object;
  const unscopables = Symbol.unscopables;
  const apply = Reflect.apply;
  const global = globalThis;
  // Names of the compiled function's own locals: not emulated.
  const LOCALS = ['__t', '__p', '__e', '__j', 'print', 'arguments', 'this', 'new', 'typeof',
    'void', 'delete', 'in', 'instanceof', 'function', 'class', 'yield', 'await'];

  const TOKEN = /\s*(?:([A-Za-z_$][\w$]*)|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|'([^'\\\n]*)'|"([^"\\\n]*)"|([.[\](),]))/y;

  function tokenize(text) {
    const tokens = [];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < text.length) {
      const start = TOKEN.lastIndex;
      if (/^\s*$/.test(text.slice(start))) break;
      const m = TOKEN.exec(text);
      if (m === null) return null;
      if (m[1] !== undefined) tokens.push({ t: 'name', v: m[1] });
      else if (m[2] !== undefined) tokens.push({ t: 'lit', v: Number(m[2]) });
      else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ t: 'lit', v: m[3] ?? m[4] });
      else tokens.push({ t: m[5] });
      tokens[tokens.length - 1].src = text.slice(start, TOKEN.lastIndex).trim();
    }
    return tokens;
  }

  // expr := primary ('.' name | '[' expr ']' | '(' [expr (',' expr)*] ')')*
  function parse(text) {
    const tokens = tokenize(text);
    if (tokens === null || tokens.length === 0) return null;
    let i = 0;
    function expr() {
      const tok = tokens[i++];
      if (tok === undefined) return null;
      let node;
      if (tok.t === 'lit') node = { k: 'lit', v: tok.v, src: tok.src };
      else if (tok.t === 'name') {
        if (tok.v === 'true' || tok.v === 'false') node = { k: 'lit', v: tok.v === 'true', src: tok.v };
        else if (tok.v === 'null') node = { k: 'lit', v: null, src: tok.v };
        else if (LOCALS.includes(tok.v)) return null;
        else node = { k: 'name', v: tok.v, src: tok.v };
      } else return null;
      for (;;) {
        const next = tokens[i];
        if (next === undefined || (next.t !== '.' && next.t !== '[' && next.t !== '(')) return node;
        i++;
        if (next.t === '.') {
          const name = tokens[i++];
          if (name === undefined || name.t !== 'name') return null;
          node = { k: 'get', obj: node, key: { k: 'lit', v: name.v }, src: `${node.src}.${name.v}` };
        } else if (next.t === '[') {
          const key = expr();
          if (key === null || tokens[i++]?.t !== ']') return null;
          node = { k: 'get', obj: node, key, src: `${node.src}[${key.src}]` };
        } else {
          const args = [];
          if (tokens[i]?.t === ')') i++;
          else {
            for (;;) {
              const arg = expr();
              if (arg === null) return null;
              args.push(arg);
              const sep = tokens[i++]?.t;
              if (sep === ')') break;
              if (sep !== ',') return null;
            }
          }
          node = { k: 'call', callee: node, args, src: `${node.src}(...)` };
        }
      }
    }
    const node = expr();
    return node !== null && i === tokens.length ? node : null;
  }

  function readProperty(value, key) {
    if (value === null || value === undefined) {
      throw new TypeErrorCtor(`Cannot read properties of ${value} (reading '${String(key)}')`);
    }
    return value[key];
  }

  function compile(parts, variable, importsKeys, importsValues, isEscaping) {
    const ops = [];
    for (let i = 0; i < parts.length; i++) {
      const [kind, text] = parts[i];
      if (kind === 'text') {
        if (text !== '') ops.push(text);
        continue;
      }
      if (kind !== 'escape' && kind !== 'interpolate') return null;
      const node = parse(text);
      if (node === null) return null;
      ops.push({ escape: kind === 'escape', node });
    }
    const param = variable || 'obj';

    return function (obj) {
      if (!variable && !obj) obj = {};
      const scope = !variable ? ObjectCtor(obj) : null;
      function lookup(name) {
        if (scope !== null && name in scope) {
          const blocked = scope[unscopables];
          if (blocked === null || typeof blocked !== 'object' || !blocked[name]) return scope[name];
        }
        if (name === param) return obj;
        const at = importsKeys.indexOf(name);
        if (at >= 0) return importsValues[at];
        if (name in global) return global[name];
        throw new ReferenceErrorCtor(`${name} is not defined`);
      }
      function evaluate(node) {
        switch (node.k) {
          case 'lit': return node.v;
          case 'name': return lookup(node.v);
          case 'get': return readProperty(evaluate(node.obj), evaluate(node.key));
          default: {
            let self;
            let fn;
            if (node.callee.k === 'get') {
              self = evaluate(node.callee.obj);
              fn = readProperty(self, evaluate(node.callee.key));
            } else {
              fn = evaluate(node.callee);
            }
            const args = node.args.map(evaluate);
            if (typeof fn !== 'function') throw new TypeErrorCtor(`${node.callee.src} is not a function`);
            return apply(fn, self, args);
          }
        }
      }
      // `var __e = _.escape` is outside `with (obj)`: `_` is the import.
      const escape = isEscaping ? readProperty(importsKeys.includes('_')
        ? importsValues[importsKeys.indexOf('_')] : lookupGlobal('_'), 'escape') : undefined;
      let out = '';
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i];
        if (typeof op === 'string') out += op;
        else if (op.escape) out += escape(evaluate(op.node));
        else {
          const value = evaluate(op.node);
          out += value == null ? '' : value;
        }
      }
      return out;
    };
  }

  function lookupGlobal(name) {
    if (name in global) return global[name];
    throw new ReferenceErrorCtor(`${name} is not defined`);
  }

  module.exports = compile;
})
