// A double of `mysql2` (the callback API) public behaviour: `createConnection()` returns a
// connection at once; `query`/`execute` answer through a callback (`(error, rows, fields)`),
// with the values optional; when the server closes the connection it emits 'error' (code
// PROTOCOL_CONNECTION_LOST, fatal; without a listener this crashes the process) and 'end',
// and later commands fail with "Can't add new command when connection is in closed state".
// The rows echo the statement and its values, so every environment sees the same data.
// `ping(callback)` answers like a command; `destroy()` closes at once. With LCS_DOUBLE_SILENT
// (./thaw.js) a lost connection shows only when it is next used: the command fails with
// PROTOCOL_CONNECTION_LOST and then 'error' and 'end' come, or it never answers.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeLoseLater, deadConnection } = require('./thaw');

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
    this._command(callback, () => callback(null, [{ sql, values: values ?? [] }], []));
  }

  ping(callback) {
    this._command(callback, () => callback(null));
  }

  _command(callback, answer) {
    if (this._closed) {
      process.nextTick(() => callback(new Error(CLOSED_STATE)));
      return;
    }
    const dead = deadConnection(this);
    if (dead === 'hang') return;
    if (dead === 'fail') {
      process.nextTick(() => {
        callback(lostError());
        this._lose();
      });
      return;
    }
    maybeLoseLater(this, () => this._lose());
    process.nextTick(answer);
  }

  execute(sql, values, callback) {
    this.query(sql, values, callback);
  }

  end(callback) {
    this._closed = true;
    this.emit('end');
    if (callback) process.nextTick(callback);
  }

  destroy() {
    this._closed = true;
  }

  _lose() {
    if (this._closed) return;
    this._closed = true;
    this.emit('error', lostError());
    this.emit('end');
  }
}

function lostError() {
  return Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true });
}

function createConnection(config) {
  return new Connection(config);
}

module.exports = { createConnection, Connection, CLOSED_STATE };
