// A double of `pg` (node-postgres) public behaviour: Client can be connected once ("Client
// has already been connected. You cannot reuse a client."), a lost connection is reported
// with an 'error' event (which crashes the process without a listener) and an 'end' event,
// and a closed client rejects queries. Pool re-emits the error of an idle client and
// replaces it; after end() it is `ending`/`ended` and refuses queries. With
// LCS_DOUBLE_SILENT (./thaw.js) a lost connection shows only when it is next queried: the
// query fails with "Connection terminated unexpectedly" (a Client then emits 'error' and
// 'end'; a Pool drops that idle client), or never answers.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeLoseLater, deadConnection } = require('./thaw');

const TERMINATED = 'Connection terminated unexpectedly';
const never = () => new Promise(() => {});

function answer(text, values) {
  return { rows: [{ text, values: values ?? [] }], rowCount: 1 };
}

class Client extends EventEmitter {
  constructor(config) {
    super();
    constructed('pg.Client');
    this.config = config;
    this._state = 'new';
  }

  async connect() {
    if (this._state !== 'new') throw new Error('Client has already been connected. You cannot reuse a client.');
    this._state = 'connected';
  }

  async query(text, values) {
    if (this._state === 'new') throw new Error('Client is not connected');
    if (this._state !== 'connected') throw new Error('Client was closed and is not queryable');
    const dead = deadConnection(this);
    if (dead === 'hang') return never();
    if (dead === 'fail') {
      process.nextTick(() => this._lose());
      throw new Error(TERMINATED);
    }
    maybeLoseLater(this, () => this._lose());
    return answer(text, values);
  }

  async end() {
    this._state = 'ended';
    this.emit('end');
  }

  _lose() {
    if (this._state !== 'connected') return;
    this._state = 'ended';
    this.emit('error', new Error(TERMINATED));
    this.emit('end');
  }
}

class Pool extends EventEmitter {
  constructor(config) {
    super();
    constructed('pg.Pool');
    this.options = config;
    this.ending = false;
    this.ended = false;
  }

  async query(text, values) {
    if (this.ending) throw new Error('Cannot use a pool after calling end on the pool');
    const dead = deadConnection(this);
    if (dead === 'hang') return never();
    // the pool drops the client whose query failed; the next query gets a new one
    if (dead === 'fail') throw new Error(TERMINATED);
    // the idle client behind this query may be closed by the server afterwards
    maybeLoseLater(this, () => this.emit('error', new Error(TERMINATED)));
    return answer(text, values);
  }

  async end() {
    if (this.ending) throw new Error('Called end on pool more than once');
    this.ending = true;
    this.ended = true;
  }
}

module.exports = { Client, Pool };
