// A double of `mysql2/promise` public behaviour: `createConnection()` resolves to a
// connection that forwards the core connection's 'error' and 'end' events (an 'error'
// without a listener crashes the process); after the server closed it, commands reject
// with "Can't add new command when connection is in closed state".
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeCloseLater } = require('./thaw');

class PromiseConnection extends EventEmitter {
  constructor(config) {
    super();
    constructed('mysql2.connection');
    this.config = config;
    this._closed = false;
  }

  async execute(sql, values) {
    if (this._closed) throw new Error("Can't add new command when connection is in closed state");
    maybeCloseLater(() => this._lose());
    return [[{ sql, values: values ?? [] }], []];
  }

  query(sql, values) {
    return this.execute(sql, values);
  }

  async end() {
    this._closed = true;
    this.emit('end');
  }

  _lose() {
    if (this._closed) return;
    this._closed = true;
    const error = Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true });
    this.emit('error', error);
    this.emit('end');
  }
}

async function createConnection(config) {
  return new PromiseConnection(config);
}

module.exports = { createConnection };
