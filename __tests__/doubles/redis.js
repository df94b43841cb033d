// A double of `redis` (node-redis v4) public behaviour: `createClient()` returns a client
// that is neither open nor ready; `connect()` opens it (`isOpen`, then `isReady`) and
// rejects with "Socket already opened" when it is open already. When the server closes the
// connection the client emits 'error' (without a listener this crashes the process) and
// reconnects by itself, staying open; with `socket.reconnectStrategy: false` it gives up
// and is closed (`isOpen` false) until `connect()` is called again. Commands on a closed
// client reject with "The client is closed". `get` answers a JSON document naming the key,
// so every environment sees the same data.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeCloseLater } = require('./thaw');

class ClientClosedError extends Error {
  constructor() {
    super('The client is closed');
    this.name = 'ClientClosedError';
  }
}

class SocketClosedUnexpectedlyError extends Error {
  constructor() {
    super('Socket closed unexpectedly');
    this.name = 'SocketClosedUnexpectedlyError';
  }
}

class RedisClient extends EventEmitter {
  constructor(options = {}) {
    super();
    constructed('redis.client');
    this.options = options;
    this.isOpen = false;
    this.isReady = false;
  }

  async connect() {
    if (this.isOpen) throw new Error('Socket already opened');
    this.isOpen = true;
    this.emit('connect');
    this.isReady = true;
    this.emit('ready');
    return this;
  }

  async get(key) {
    if (!this.isOpen) throw new ClientClosedError();
    maybeCloseLater(() => this._serverClosed());
    return JSON.stringify({ key });
  }

  async quit() {
    if (!this.isOpen) throw new ClientClosedError();
    this.isOpen = false;
    this.isReady = false;
    this.emit('end');
    return 'OK';
  }

  _serverClosed() {
    if (!this.isOpen) return;
    this.isReady = false;
    const giveUp = this.options.socket?.reconnectStrategy === false;
    if (giveUp) this.isOpen = false;
    this.emit('error', new SocketClosedUnexpectedlyError());
    if (giveUp) {
      this.emit('end');
      return;
    }
    this.emit('reconnecting');
    this.isReady = true;
    this.emit('ready');
  }
}

function createClient(options) {
  return new RedisClient(options);
}

module.exports = { createClient, ClientClosedError, SocketClosedUnexpectedlyError };
