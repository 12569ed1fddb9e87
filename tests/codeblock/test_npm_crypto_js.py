"""crypto-js 4.2.0 in code blocks, differential against Node 20's crypto-js: hashers, HMACs,
KDFs, ciphers (fixed keys compared with Node; random salts round-tripped), encoders, WordArray
operations, errors, and the shape of `require('crypto-js')` (lazy members, one core shared
with every `crypto-js/<file>` module)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.codeblock.conftest import RunJs
from tests.codeblock.node_builtins import assert_same
from tests.node_oracle import NodeOracle

pytestmark = pytest.mark.node

NODE_DIR = Path(__file__).resolve().parents[1] / "node"
PACKAGE = NODE_DIR / "node_modules" / "crypto-js"
# crypto-js/crypto-js (the single-file build) is a second instance in Node and the same
# facade here: checked by test_subpath_without_index instead.
FILES = sorted(p.stem for p in PACKAGE.glob("*.js") if p.stem != "crypto-js")
HASHERS = ["MD5", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3", "RIPEMD160"]


def fresh_node(code: str, input: dict[str, Any]) -> Any:
    """Run `code` in a new Node process: what a subpath gives depends on what else was loaded
    (one shared core), and the long-lived oracle has loaded everything already."""
    script = (
        f"const input = {json.dumps(input)};"
        f"(async () => {{ {code} }})().then((r) => console.log(JSON.stringify(r)));"
    )
    out = subprocess.run(
        ["node", "-e", script], cwd=NODE_DIR, capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(out.stdout)


def assert_same_error(run_js: RunJs, node: NodeOracle, code: str) -> None:
    """Errors thrown by crypto-js itself must match exactly; an engine's own TypeError
    (reading a property of undefined) is worded differently by QuickJS."""
    ours, theirs = run_js(code), node.run(code)
    assert ours["success"] == theirs["success"], (ours, theirs)
    if theirs["success"]:
        assert ours["result"] == theirs["result"]
        return
    assert ours["error"]["type"] == theirs["error"]["type"], (ours, theirs)
    if not theirs["error"]["message"].startswith("Cannot read properties"):
        assert ours["error"]["message"] == theirs["error"]["message"], (ours, theirs)


HASH_ALL = """
const C = require('crypto-js');
const out = {};
for (const h of %s) {
  out[h] = [C[h](input.s).toString(), C[h](input.s).toString(C.enc.Base64),
    C['Hmac' + h](input.s, input.k).toString(), C['Hmac' + h](input.s, input.k).toString(C.enc.Latin1)];
}
out.sha3 = [224, 256, 384, 512].map((n) => C.SHA3(input.s, { outputLength: n }).toString());
const hasher = C.algo.SHA256.create(); hasher.update(input.s); hasher.update(C.enc.Hex.parse('00ff'));
out.progressive = hasher.finalize().toString();
const hmac = C.algo.HMAC.create(C.algo.SHA512, input.k); hmac.update(input.s);
out.hmacProgressive = hmac.finalize().toString(C.enc.Base64url);
return out;
"""


@settings(max_examples=12, deadline=None)
@given(s=st.text(max_size=80), k=st.text(max_size=40))
def test_hashers_and_hmacs(run_js: RunJs, node: NodeOracle, s: str, k: str) -> None:
    assert_same(run_js, node, HASH_ALL % HASHERS, {"s": s, "k": k})


def test_kdfs(run_js: RunJs, node: NodeOracle) -> None:
    code = """const C = require('crypto-js'); const salt = C.enc.Hex.parse('a1b2c3d4e5f60718');
    return [C.PBKDF2('pw', salt, { iterations: 10 }).toString(),
      C.PBKDF2('pw', salt, { keySize: 8, iterations: 100, hasher: C.algo.SHA256 }).toString(),
      C.PBKDF2('pw', 'salt', { keySize: 512 / 32, iterations: 3, hasher: C.algo.SHA512 }).toString(),
      C.EvpKDF('pw', salt).toString(), C.EvpKDF('pw', salt, { keySize: 12, iterations: 2 }).toString(),
      C.kdf.OpenSSL.execute('pw', 8, 4, salt).key.toString(), C.algo.EvpKDF.create({ hasher: C.algo.SHA1 })
        .compute('pw', salt).toString()];"""
    assert_same(run_js, node, code)


CIPHERS = """
const C = require('crypto-js');
const key = C.enc.Hex.parse(input.key), iv = C.enc.Hex.parse(input.iv);
const out = [];
for (const name of ['AES', 'DES', 'TripleDES', 'Blowfish']) {
  for (const mode of ['CBC', 'ECB', 'CFB', 'OFB', 'CTR', 'CTRGladman']) {
    for (const pad of ['Pkcs7', 'AnsiX923', 'Iso97971', 'ZeroPadding', 'NoPadding']) {
      const msg = pad === 'NoPadding' ? C.enc.Utf8.parse(input.msg.padEnd(32, '.').slice(0, 32)) : input.msg;
      const opts = { iv, mode: C.mode[mode], padding: C.pad[pad] };
      const enc = C[name].encrypt(msg, key, opts);
      const dec = C[name].decrypt(enc.toString(), key, opts);
      out.push([name, mode, pad, enc.toString(), enc.ciphertext.toString(C.enc.Base64), dec.toString()]);
    }
  }
}
for (const name of ['RC4', 'RC4Drop', 'Rabbit', 'RabbitLegacy']) {
  const enc = C[name].encrypt(input.msg, key, { iv: C.enc.Hex.parse(input.iv.slice(0, 16)), drop: 3 });
  out.push([name, enc.toString(), C[name].decrypt(enc, key, { iv: C.enc.Hex.parse(input.iv.slice(0, 16)), drop: 3 }).toString()]);
}
const hex = C.AES.encrypt(input.msg, key, { iv, format: C.format.Hex });
out.push(hex.toString(), C.AES.decrypt(hex.toString(), key, { iv, format: C.format.Hex }).toString(C.enc.Utf8));
const params = C.lib.CipherParams.create({ ciphertext: C.enc.Hex.parse('00112233445566778899aabbccddeeff'), salt: C.enc.Hex.parse('0102030405060708') });
out.push(params.toString(C.format.OpenSSL), C.format.OpenSSL.parse(params.toString(C.format.OpenSSL)).salt.toString());
return out;
"""


def test_ciphers_fixed_keys(run_js: RunJs, node: NodeOracle) -> None:
    key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
    iv = "f0e0d0c0b0a090807060504030201000"
    assert_same(run_js, node, CIPHERS, {"key": key, "iv": iv, "msg": "héllo, wörld ✓ 123"})


def test_passphrase_round_trips(run_js: RunJs, node: NodeOracle) -> None:
    code = """const C = require('crypto-js'); const out = {};
    for (const n of ['AES', 'DES', 'TripleDES', 'Rabbit', 'RC4', 'Blowfish']) {
      const ct = C[n].encrypt(input.msg, 'secret pass').toString();
      out[n] = [ct.startsWith('U2FsdGVkX1'), C[n].decrypt(ct, 'secret pass').toString(C.enc.Utf8)];
    }
    return out;"""
    assert_same(run_js, node, code, {"msg": "payload ✓"})
    # Node encrypts with its random salt; Flowgate decrypts, and the other way round.
    enc = "const C = require('crypto-js'); return C.AES.encrypt(input.msg, 'pw').toString();"
    dec = (
        "const C = require('crypto-js'); return C.AES.decrypt(input.ct, 'pw').toString(C.enc.Utf8);"
    )
    theirs = node.run(enc, {"msg": "from node"})["result"]
    assert run_js(dec, {"ct": theirs})["result"] == "from node"
    ours = run_js(enc, {"msg": "from flowgate"})["result"]
    assert node.run(dec, {"ct": ours})["result"] == "from flowgate"


@settings(max_examples=10, deadline=None)
@given(s=st.text(max_size=40))
def test_encoders(run_js: RunJs, node: NodeOracle, s: str) -> None:
    code = """const C = require('crypto-js'); const w = C.enc.Utf8.parse(input.s); const out = {};
    for (const e of ['Hex', 'Base64', 'Base64url', 'Latin1', 'Utf16', 'Utf16BE', 'Utf16LE']) {
      const str = w.toString(C.enc[e]);
      out[e] = [str, C.enc[e].parse(str).toString()];
    }
    out.b64nopad = C.enc.Base64url.stringify(w, false); out.words = w.words.slice(0, 4); out.sig = w.sigBytes;
    out.utf16 = C.enc.Utf16.stringify(C.enc.Utf16.parse(input.s));
    return out;"""
    assert_same(run_js, node, code, {"s": s})


def test_word_arrays(run_js: RunJs, node: NodeOracle) -> None:
    code = """const C = require('crypto-js'); const W = C.lib.WordArray;
    const a = W.create([0x01020304, 0x05060708], 6), b = C.enc.Hex.parse('aabbcc');
    const c = a.clone(); c.concat(b); const d = c.clone(); d.clamp();
    const u8 = W.create(new Uint8Array([1, 2, 3, 4, 5]));
    return [a.toString(), c.toString(), c.sigBytes, d.words, u8.toString(), u8.sigBytes,
      W.create(new Uint16Array([258, 772]).buffer).toString(), W.create(new Int32Array([-1])).toString(),
      W.random(16).sigBytes, W.random(7).toString().length, W.create().toString(),
      C.x64.WordArray.create([C.x64.Word.create(1, 2)]).toX32().toString(),
      C.MD5(u8).toString(), String(C.SHA1(b)), C.SHA256(a).words];"""
    assert_same(run_js, node, code)


@pytest.mark.parametrize(
    "code",
    [
        "return C.AES.decrypt('U2FsdGVkX19Werj/fT/BJiioLbaeVF2LZPyAdwP0nr0=', 'b').toString(C.enc.Utf8)",
        "return C.AES.decrypt('U2FsdGVkX19Werj/fT/BJiioLbaeVF2LZPyAdwP0nr0=', 'a').toString(C.enc.Utf8)",
        "return C.enc.Utf8.stringify(C.enc.Hex.parse('ff'))",
        "return C.enc.Hex.parse('zz').toString()",
        "return C.AES.decrypt('not base64!', C.enc.Hex.parse('00'.repeat(16)), { iv: C.enc.Hex.parse('01') }).toString()",
        "return C.MD5(undefined).toString()",
        "return C.HmacSHA256(null, 'k').toString()",
        "return C.AES.encrypt('x').toString()",
        "return C.format.OpenSSL.parse('U2FsdGVkX1').toString()",
    ],
)
def test_errors_and_odd_inputs(run_js: RunJs, node: NodeOracle, code: str) -> None:
    assert_same_error(run_js, node, "const C = require('crypto-js');\n" + code)


def test_shape_and_shared_core(run_js: RunJs, node: NodeOracle) -> None:
    code = """const C = require('crypto-js'); const keys = (o) => Object.keys(o).join();
    return [keys(C), keys(C.lib), keys(C.enc), keys(C.algo), keys(C.mode), keys(C.pad), keys(C.format),
      keys(C.kdf), keys(C.x64), C === require('crypto-js/core'), C === require('crypto-js/index.js'),
      C.enc.Hex === require('crypto-js/enc-hex'), C.MD5 === require('crypto-js/md5'),
      C.AES === require('crypto-js/aes'), C.HmacSHA256 === require('crypto-js/hmac-sha256'),
      C.mode.CTR === require('crypto-js/mode-ctr'), C.pad.Pkcs7 === require('crypto-js/pad-pkcs7'),
      C.format.OpenSSL === require('crypto-js/format-openssl'), typeof C.lib.WordArray.init,
      Object.getOwnPropertyNames(C.algo).length, JSON.stringify(C.enc.Hex.parse('00ff'))];"""
    assert_same(run_js, node, code)


@pytest.mark.parametrize("file", FILES)
def test_every_shipped_file(run_js: RunJs, file: str) -> None:
    code = """const m = require('crypto-js/' + input.f); const C = require('crypto-js/core');
    const keys = (o) => o == null ? String(o) : Object.keys(o).filter((k) => k[0] !== '_').sort().join();
    const hash = /^(md5|sha|ripemd|hmac-)/.test(input.f);
    return [typeof m, m === C, keys(m === C ? {} : m), hash ? String(m('abc', 'key')) : null,
      keys(C.lib), keys(C.enc), keys(C.algo), typeof require('crypto-js/' + input.f + '.js')];"""
    ours = run_js(code, {"f": file})
    assert ours["success"], ours
    assert ours["result"] == fresh_node(code, {"f": file})


def test_subpath_without_index(run_js: RunJs, node: NodeOracle) -> None:
    code = """const md5 = require('crypto-js/md5'); const hex = require('crypto-js/enc-hex');
    const aes = require('crypto-js/aes'); const utf8 = require('crypto-js/enc-utf8');
    const sha = require('crypto-js/hmac-sha256'); const b64 = require('crypto-js/enc-base64');
    return [md5('a').toString(hex), aes.decrypt(aes.encrypt('m', 'p'), 'p').toString(utf8),
      sha('a', 'b').toString(b64), require('crypto-js/crypto-js').SHA3('x').toString(),
      Object.keys(require('crypto-js/crypto-js.js')).sort().join()];"""
    assert_same(run_js, node, code)


def test_random_salts_come_from_getrandomvalues(run_js: RunJs, node: NodeOracle) -> None:
    """With a deterministic crypto.getRandomValues (restored after: the Node oracle lives on),
    passphrase encryption and WordArray.random give the same output in both engines."""
    code = """const C = require('crypto-js'); let n = 3;
    const own = Object.getOwnPropertyDescriptor(crypto, 'getRandomValues'); // Node: own, here: inherited
    crypto.getRandomValues = (a) => { for (let i = 0; i < a.length; i++) { n = (n * 69069 + 1) % 4294967296; a[i] = n; } return a; };
    try {
      return [C.AES.encrypt('secret', 'pw').toString(), C.TripleDES.encrypt('secret', 'pw').toString(),
        C.lib.WordArray.random(12).toString(), C.AES.encrypt('secret', C.enc.Hex.parse('00'.repeat(16)),
          { iv: C.enc.Hex.parse('01'.repeat(16)), padding: C.pad.Iso10126 }).toString()];
    } finally {
      if (own) Object.defineProperty(crypto, 'getRandomValues', own); else delete crypto.getRandomValues;
    }"""
    assert_same(run_js, node, code)


def test_host_hash_helpers_edge_inputs(run_js: RunJs, node: NodeOracle) -> None:
    """MD5/SHA1/SHA256 helpers hash on the host only where crypto-js's result is the standard
    digest: WordArrays with stray bits after sigBytes, odd types, long and short keys (a short
    key WordArray is clamped in place by HMAC.init) must give crypto-js's own answers."""
    code = """const C = require('crypto-js'); const W = C.lib.WordArray; const out = [];
    const dirty = () => W.create([0x61626364, 0x65ffffff, 0x12345678], 5);
    const long = C.enc.Hex.parse('ab'.repeat(100)), longDirty = W.create(Array(20).fill(-1), 70);
    for (const h of ['MD5', 'SHA1', 'SHA256']) {
      const k1 = dirty(), k2 = dirty();
      out.push([h, C[h](dirty()).toString(), C[h](C.enc.Hex.parse('6162636465')).toString(), C[h](123).toString(),
        C[h](undefined).toString(), C[h]('').words, C[h]('abc').sigBytes, C[h]('x'.repeat(1000)).toString(C.enc.Base64),
        C['Hmac' + h]('m', k1).toString(), k1.words, k1.sigBytes, C['Hmac' + h](dirty(), 'k').toString(),
        C['Hmac' + h]('m', long).toString(), C['Hmac' + h]('m', longDirty).toString(), longDirty.words.length,
        C['Hmac' + h]('m', '').toString(), C['Hmac' + h]('', 'k' .repeat(65)).toString(), C[h].name, C[h].length,
        C['Hmac' + h](W.create([1, 2, 3]), k2).words, k2.words.length, JSON.stringify(C[h]('a'))]);
    }
    try { C.HmacSHA256('m', undefined); } catch (e) { out.push(e.constructor.name); }
    try { C.SHA256('\\ud800'); } catch (e) { out.push(e.constructor.name); } // message: QuickJS's own
    return out;"""
    assert_same(run_js, node, code)


def test_hmac_helper_without_hmac_file(run_js: RunJs) -> None:
    """`crypto-js/sha256` alone has no HMAC (crypto-js/hmac not loaded): as in a fresh Node."""
    code = """const sha = require('crypto-js/sha256'); const C = require('crypto-js/core');
    try { C.HmacSHA256('m', 'k'); return 'no error'; } catch (e) { return [e.constructor.name, sha('a').toString()]; }"""
    ours = run_js(code)
    assert ours["success"], ours
    assert ours["result"] == fresh_node(code, {})


FAST_INPUTS = """const C = require('crypto-js'); const W = C.lib.WordArray; const out = [];
const strs = ['', 'a', 'abc', 'é', 'ÿ\\u0080\\u00ff', 'Grüße ✓ — ¡señor!'.repeat(40), '\\u{1f600}x\\u{10ffff}',
  '\\u0000\\u007f\\u0800\\uffff', '\\ud83d\\ude00'];
const bad = ['\\ud800', 'a\\udc00', '\\ude00\\ud83d', 'x'.repeat(999) + '\\ud83d'];
const words = [W.create([]), W.create([0x61626364], 4), W.create([0x61626364, 0x65000000], 5),
  W.create([-1, -2, 0x7fffffff, -0x80000000], 16), W.create([1.5, 2 ** 40 + 5, NaN, -3.7], 15),
  W.create([0x01020304, 0x05060708], 7), W.create([0x0102, , 0x03], 9), W.create(Array(300).fill(-0x5a5a5a5b), 1197),
  C.enc.Utf8.parse('Grüße \\u{1f600}'.repeat(30)), C.lib.WordArray.create(new Uint8Array([1, 2, 250, 251, 252]))];
for (const h of ['MD5', 'SHA1', 'SHA256']) {
  for (const s of strs) out.push(C[h](s).toString(), C['Hmac' + h](s, s).toString(C.enc.Base64), C['Hmac' + h]('m', s).words);
  for (const s of bad) {
    for (const f of [() => C[h](s), () => C['Hmac' + h]('m', s), () => C['Hmac' + h](s, 'k')]) {
      try { out.push(f().toString()); } catch (e) { out.push(e.constructor.name); } // message: QuickJS's own
    }
  }
  for (const w of words) out.push(C[h](w).toString(), C['Hmac' + h](w, w).toString(), C['Hmac' + h]('m', w).sigBytes);
}
const u = C.enc.Utf8.parse, l = C.enc.Latin1.parse;
C.enc.Utf8.parse = (s) => u(s + '!'); out.push(C.MD5('x').toString(), C.HmacSHA256('x', 'k').toString());
C.enc.Utf8.parse = u; C.enc.Latin1.parse = (s) => l(s.toUpperCase()); out.push(C.SHA1('xé').toString());
C.enc.Latin1.parse = l; out.push(C.SHA256('xé').toString());
return out;"""


def test_host_hash_string_and_word_fast_paths(run_js: RunJs, node: NodeOracle) -> None:
    """The helpers take a string's bytes from native built-ins and a WordArray's a word at a
    time: same digests as crypto-js for non-ASCII, astral, long strings, lone surrogates
    (URIError), odd word values and lengths, typed-array WordArrays, and a script's own
    Utf8.parse / Latin1.parse."""
    assert_same(run_js, node, FAST_INPUTS)


@settings(max_examples=15, deadline=None)
@given(s=st.text(alphabet=st.characters(blacklist_categories=()), max_size=60))
@example(s="\ud800")
@example(s="a\udfff\U0001f600")
def test_host_hash_any_code_units(run_js: RunJs, node: NodeOracle, s: str) -> None:
    # In the code as an escaped literal, not in `input`: a lone surrogate cannot travel in
    # the request's UTF-8 JSON (orjson refuses it), but is a string a script can hold.
    code = f"""const s = {json.dumps(s)}; const C = require('crypto-js'); const out = [];
    for (const h of ['MD5', 'SHA1', 'SHA256']) {{
      try {{ out.push(C[h](s).toString(), C['Hmac' + h](s, s).toString(C.enc.Base64)); }}
      catch (e) {{ out.push(e.constructor.name); }}
    }}
    return out;"""
    assert_same(run_js, node, code)
