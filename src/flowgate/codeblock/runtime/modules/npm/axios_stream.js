// `responseType: 'stream'` for the sandbox's axios adapter (assets/shims/axios-http.js):
// Node gives the response's http.IncomingMessage, a Readable. There are no Node
// streams in a code block and the host reads a body whole, so this stand-in is an
// EventEmitter that delivers the body as ONE chunk, in flowing mode once a 'data'
// listener is added (or resume()/pipe()), then 'end' and 'close'; it is async
// iterable (`for await`), supports setEncoding, pause, pipe(dest) (dest.write/end)
// and destroy. Loaded only by requests that ask for a stream.
(function (module, exports, require) {
  'use strict';
  const EventEmitter = require('node/events');
  const { Buffer } = require('node/buffer');

  class IncomingMessage extends EventEmitter {
    constructor(bytes, status, statusText, headers) {
      super();
      this._chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      this._encoding = null;
      this._flowing = null;
      this._done = false;
      this.readable = true;
      this.destroyed = false;
      this.complete = true;
      this.statusCode = status;
      this.statusMessage = statusText;
      this.headers = headers;
    }

    setEncoding(encoding) {
      this._encoding = encoding;
      return this;
    }

    on(event, listener) {
      super.on(event, listener);
      if (event === 'data' && this._flowing !== false) this.resume();
      return this;
    }

    resume() {
      if (!this._flowing) {
        this._flowing = true;
        setImmediate(() => this._flow());
      }
      return this;
    }

    pause() {
      this._flowing = false;
      return this;
    }

    isPaused() {
      return this._flowing === false;
    }

    _take() {
      this._done = true;
      this.readable = false;
      const chunk = this._chunk;
      return this._encoding ? chunk.toString(this._encoding) : chunk;
    }

    _flow() {
      if (this._done || this.destroyed || !this._flowing) return;
      const empty = this._chunk.length === 0;
      const chunk = this._take();
      if (!empty) this.emit('data', chunk);
      this.emit('end');
      this.emit('close');
    }

    pipe(dest) {
      this.on('data', (chunk) => dest.write(chunk));
      this.once('end', () => {
        if (typeof dest.end === 'function') dest.end();
      });
      return dest;
    }

    destroy(err) {
      if (this.destroyed) return this;
      this.destroyed = true;
      this.readable = false;
      setImmediate(() => {
        if (err) this.emit('error', err);
        this.emit('close');
      });
      return this;
    }

    async *[Symbol.asyncIterator]() {
      if (this._done || this.destroyed) return;
      const empty = this._chunk.length === 0;
      const chunk = this._take();
      if (!empty) yield chunk;
    }
  }
  IncomingMessage.prototype.addListener = IncomingMessage.prototype.on;

  module.exports = { IncomingMessage };
})
