// A double of `mysql2/promise` public behaviour, built as the package builds it on the
// callback API (./mysql2.js): `createConnection()` resolves to a connection that forwards
// the core connection's 'error' and 'end' events (an 'error' without a listener crashes the
// process); after the server closed it, commands reject with "Can't add new command when
// connection is in closed state". Results are `[rows, fields]`. `ping()` returns a promise and
// `destroy()` is passed on, as lib/promise/connection.js does.
'use strict';

const { EventEmitter } = require('node:events');
const core = require('./mysql2');

class PromiseConnection extends EventEmitter {
  constructor(connection) {
    super();
    this.connection = connection;
    this.config = connection.config;
    connection.on('error', (error) => this.emit('error', error));
    connection.on('end', () => this.emit('end'));
  }

  execute(sql, values) {
    return new Promise((resolve, reject) => {
      this.connection.execute(sql, values, (error, rows, fields) => (error ? reject(error) : resolve([rows, fields])));
    });
  }

  query(sql, values) {
    return this.execute(sql, values);
  }

  ping() {
    return new Promise((resolve, reject) => this.connection.ping((error) => (error ? reject(error) : resolve(true))));
  }

  destroy() {
    this.connection.destroy();
  }

  end() {
    return new Promise((resolve) => this.connection.end(resolve));
  }
}

async function createConnection(config) {
  return new PromiseConnection(core.createConnection(config));
}

module.exports = { createConnection };
