// Body bytes for the sandbox's axios adapter (shims/axios-http.js): UTF-8 without
// loading TextEncoder/TextDecoder or Buffer (the engine's base64 and URI codecs do
// it natively), and axios's own multipart encoding of a spec FormData
// (lib/helpers/formDataToStream.js, byte for byte, without streams).
import utils from '../node_modules/axios/lib/utils.js';
import platform from '../node_modules/axios/lib/platform/index.js';

const CRLF = '\r\n';
// Captured when the bundle loads: a script that replaces btoa & co. later does not change
// what axios sends (docs/runtime-modules.md, "capture intrinsics you rely on").
const U8 = Uint8Array;
const fromBase64 = U8.fromBase64;
const toBase64 = U8.prototype.toBase64;
const { toWellFormed } = String.prototype;
const [b2a, a2b, encURI, decURI, esc, unesc] = [btoa, atob, encodeURIComponent, decodeURIComponent, escape, unescape];

/** UTF-8 bytes of a string, lone surrogates as U+FFFD (as Buffer.from does). */
export function encodeUtf8(str) {
  return fromBase64.call(U8, b2a(unesc(encURI(toWellFormed.call(String(str))))));
}

/** Base64 of a string's UTF-8 bytes (Basic credentials). */
export function base64Utf8(str) {
  return toBase64.call(encodeUtf8(str));
}

/** UTF-8 text of bytes; malformed input decodes with U+FFFD as Buffer#toString does. */
export function decodeUtf8(bytes) {
  if (bytes.length === 0) return '';
  try {
    return decURI(esc(a2b(toBase64.call(bytes))));
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

/** Buffer / ArrayBuffer / string as bytes, as Node's adapter accepts them; null otherwise. */
export function requestBytes(data) {
  if (utils.isBuffer(data)) return new Uint8Array(data.buffer, data.byteOffset, data.length);
  if (utils.isArrayBuffer(data)) return new Uint8Array(data);
  if (utils.isString(data)) return encodeUtf8(data);
  return null;
}

const escapeName = (name) =>
  String(name).replace(/[\r\n"]/g, (match) => ({ '\r': '%0D', '\n': '%0A', '"': '%22' })[match]);

/** formDataToStream's bytes for a spec FormData; reports its Content-Type/-Length first. */
export async function specFormBytes(form, headersHandler, options) {
  const { tag = 'form-data-boundary', size = 25 } = options || {};
  const boundary = options.boundary || tag + '-' + platform.generateString(size, platform.ALPHABET.ALPHA_DIGIT + '-_');
  if (boundary.length < 1 || boundary.length > 70) throw new Error('boundary must be 1-70 characters long');
  const chunks = [];
  for (const [name, value] of form.entries()) {
    const isString = utils.isString(value);
    let head = `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeName(name)}"` +
      (!isString && value.name ? `; filename="${escapeName(value.name)}"` : '') + CRLF;
    if (!isString) head += `Content-Type: ${String(value.type || 'application/octet-stream').replace(/[\r\n]/g, '')}${CRLF}`;
    chunks.push(encodeUtf8(head + CRLF));
    chunks.push(isString ? encodeUtf8(value.replace(/\r?\n|\r\n?/g, CRLF)) : new Uint8Array(await value.arrayBuffer()));
    chunks.push(encodeUtf8(CRLF));
  }
  chunks.push(encodeUtf8(`--${boundary}--${CRLF}`));
  let length = 0;
  for (const c of chunks) length += c.length;
  headersHandler({ 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': length });
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
