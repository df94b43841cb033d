// A double of `ioredis` public behaviour: `status` goes "ready", and when the server
// closes the connection and `retryStrategy` gives up (returns null) it is "end" for good;
// commands on an ended client reject with "Connection is closed.". Unhandled 'error'
// events are only logged by ioredis, so the double emits none. `get` answers from the
// "server" (the key itself), so every environment sees the same data; `incr` counts on a
// server that lives as long as the process (one per simulated environment), so give each
// event its own key. `ping()` answers "PONG"; `disconnect()` ends the client at once. With
// LCS_DOUBLE_SILENT (./thaw.js) a lost connection shows only when a command is sent: ioredis
// then finds the socket closed, and either reconnects and answers or (retryStrategy gives up)
// rejects with "Connection is closed." and is "end"; or the command never answers.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeLoseLater, deadConnection } = require('./thaw');

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

  get(key) {
    return this._command(() => `value:${key}`);
  }

  incr(key) {
    return this._command(() => {
      counters.set(key, (counters.get(key) ?? 0) + 1);
      return counters.get(key);
    });
  }

  ping() {
    return this._command(() => 'PONG');
  }

  disconnect() {
    this.status = 'end';
    this.emit('end');
  }

  async _command(answer) {
    if (this.status === 'end') throw new Error('Connection is closed.');
    const dead = deadConnection(this);
    if (dead === 'hang') return new Promise(() => {});
    if (dead === 'fail') {
      this._serverClosed();
      if (this.status === 'end') throw new Error('Connection is closed.');
    }
    maybeLoseLater(this, () => this._serverClosed());
    return answer();
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
