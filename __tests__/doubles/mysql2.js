// A double of `mysql2` (the callback API) public behaviour: `createConnection()` returns a
// connection at once; `query`/`execute` answer through a callback (`(error, rows, fields)`),
// with the values optional; when the server closes the connection it emits 'error' (code
// PROTOCOL_CONNECTION_LOST, fatal; without a listener this crashes the process) and 'end',
// and later commands fail with "Can't add new command when connection is in closed state".
// The rows echo the statement and its values, so every environment sees the same data.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeCloseLater } = require('./thaw');

const CLOSED_STATE = "Can't add new command when connection is in closed state";

class Connection extends EventEmitter {
  constructor(config) {
    super();
    constructed('mysql2.connection');
    this.config = config;
    this._closed = false;
  }

  query(sql, values, callback) {
    if (typeof values === 'function') [callback, values] = [values, undefined];
    if (this._closed) {
      process.nextTick(() => callback(new Error(CLOSED_STATE)));
      return;
    }
    maybeCloseLater(() => this._lose());
    process.nextTick(() => callback(null, [{ sql, values: values ?? [] }], []));
  }

  execute(sql, values, callback) {
    this.query(sql, values, callback);
  }

  end(callback) {
    this._closed = true;
    this.emit('end');
    if (callback) process.nextTick(callback);
  }

  _lose() {
    if (this._closed) return;
    this._closed = true;
    const error = Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true });
    this.emit('error', error);
    this.emit('end');
  }
}

function createConnection(config) {
  return new Connection(config);
}

module.exports = { createConnection, Connection, CLOSED_STATE };
