// A double of `ioredis` public behaviour: `status` goes "ready", and when the server
// closes the connection and `retryStrategy` gives up (returns null) it is "end" for good;
// commands on an ended client reject with "Connection is closed.". Unhandled 'error'
// events are only logged by ioredis, so the double emits none. Values come from the
// "server" (the key itself), so every environment sees the same data.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeCloseLater } = require('./thaw');

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
