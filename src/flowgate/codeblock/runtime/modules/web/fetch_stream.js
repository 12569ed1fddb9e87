// `Response.body` / `Request.body`: the engine has no ReadableStream, so a body
// is a small stand-in with the parts code actually uses: `getReader()` whose
// `read()` yields the whole body as one Uint8Array chunk, `for await (const
// chunk of res.body)`, `locked`, `cancel()`. Reading it uses up the body
// (bodyUsed), as in Node.
(function (module, exports, require, host) {
  'use strict';
  const { toStringTag, defineInspect } = require('web/common');

  class ReadableStreamDefaultReader {
    #state; #done = false; #released = false;
    constructor(s) { this.#state = s; }
    read() {
      if (this.#released) return Promise.reject(new TypeError('Invalid state: Releasing reader'));
      if (this.#done || this.#state.bytes === null) return Promise.resolve({ value: undefined, done: true });
      this.#done = true;
      this.#state.used = true;
      return Promise.resolve({ value: this.#state.bytes.slice(), done: false });
    }
    releaseLock() { this.#released = true; this.#state.stream._locked = false; }
    cancel() { this.#done = true; this.#state.used = true; return Promise.resolve(); }
    get closed() { return Promise.resolve(undefined); }
  }
  toStringTag(ReadableStreamDefaultReader.prototype, 'ReadableStreamDefaultReader');

  class ReadableStream {
    #state;
    constructor(s) { this.#state = s; this._locked = false; Object.defineProperty(this, '_locked', { enumerable: false }); }
    get locked() { return this._locked; }
    static _state(rs) { return rs.#state; }
    getReader() {
      if (this._locked) throw new TypeError('Invalid state: ReadableStream is locked');
      this._locked = true;
      return new ReadableStreamDefaultReader(this.#state);
    }
    cancel() {
      if (this._locked) return Promise.reject(new TypeError('Invalid state: ReadableStream is locked'));
      this.#state.used = true;
      return Promise.resolve();
    }
    async *[Symbol.asyncIterator]() {
      const reader = this.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    }
  }
  toStringTag(ReadableStream.prototype, 'ReadableStream');
  const stateOf = ReadableStream._state;
  delete ReadableStream._state;
  defineInspect(ReadableStream.prototype, 'ReadableStream', (rs) => ({ locked: rs.locked,
    state: 'readable', supportsBYOB: true }));

  /** A body stand-in used as a request/response body (res.body piped on): its bytes, now used. */
  function takeStream(stream) {
    if (!(stream instanceof ReadableStream)) return null;
    if (stream.locked) throw new TypeError('Response body object should not be disturbed or locked');
    const s = stateOf(stream);
    if (s.used) throw new TypeError('Response body object should not be disturbed or locked');
    s.used = true;
    return s.bytes === null ? new Uint8Array(0) : s.bytes;
  }

  module.exports = { bodyStream: (s) => new ReadableStream(s), takeStream };
})
