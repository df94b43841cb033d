// A double of `ioredis` public behaviour: `status` goes "ready", and when the server
// closes the connection and `retryStrategy` gives up (returns null) it is "end" for good;
// commands on an ended client reject with "Connection is closed.". Unhandled 'error'
// events are only logged by ioredis, so the double emits none. `get` answers from the
// "server" (the key itself), so every environment sees the same data; `incr` counts on a
// server that lives as long as the process (one per simulated environment), so give each
// event its own key.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeCloseLater } = require('./thaw');

/** The server's counters, shared by every client of the process. */
const counters = new Map();

class Redis extends EventEmitter {
  constructor(...args) {
    super();
    constructed('ioredis');
    const options = args.find((a) => a && typeof a === 'object') ?? {};
    this._retryStrategy = options.retryStrategy ?? (() => 50);
    this.status = 'ready';
  }

  async get(key) {
    if (this.status === 'end') throw new Error('Connection is closed.');
    maybeCloseLater(() => this._serverClosed());
    return `value:${key}`;
  }

  async incr(key) {
    if (this.status === 'end') throw new Error('Connection is closed.');
    maybeCloseLater(() => this._serverClosed());
    counters.set(key, (counters.get(key) ?? 0) + 1);
    return counters.get(key);
  }

  async quit() {
    this.status = 'end';
    this.emit('end');
    return 'OK';
  }

  _serverClosed() {
    this.emit('close');
    if (this._retryStrategy(1) == null) {
      this.status = 'end';
      this.emit('end');
    } else {
      this.status = 'ready';
    }
  }
}

module.exports = Redis;
module.exports.Redis = Redis;
module.exports.default = Redis;
