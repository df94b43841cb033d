// A double of `pg` (node-postgres) public behaviour: Client can be connected once ("Client
// has already been connected. You cannot reuse a client."), a lost connection is reported
// with an 'error' event (which crashes the process without a listener) and an 'end' event,
// and a closed client rejects queries. Pool re-emits the error of an idle client and
// replaces it; after end() it is `ending`/`ended` and refuses queries. With
// LCS_DOUBLE_SILENT (./thaw.js) a lost connection shows only when it is next queried: the
// query fails with "Connection terminated unexpectedly" (a Client then emits 'error' and
// 'end'; a Pool drops that idle client), or never answers.
// Pool's public `idleCount` (pg-pool) is the number of idle clients it would hand out, here
// 0 or 1 (a max-1 pool): 0 before the first query, 1 once a query returned its client, 0 again
// once the pool dropped it (its error re-emitted, a failed query) or closed it after
// `idleTimeoutMillis` (10 s by default; 0 keeps idle clients). A client that died silently
// stays idle until it is used. LCS_DOUBLE_IDLE_MS: how long a warm environment sits frozen
// between two invocations (default 0); from `idleTimeoutMillis` on, the idle client is closed
// in that gap (on thaw the pool's overdue idle timer runs before the next event).
// LCS_DOUBLE_TRACE also writes `[double] pg.Pool query <text>` for every Pool query.
'use strict';

const { EventEmitter } = require('node:events');
const { constructed, maybeLoseLater, deadConnection } = require('./thaw');

const FROZEN_MS = Number(process.env.LCS_DOUBLE_IDLE_MS ?? 0);

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
    this._idle = 0;
  }

  get idleCount() {
    return this._idle;
  }

  async query(text, values) {
    if (this.ending) throw new Error('Cannot use a pool after calling end on the pool');
    if (process.env.LCS_DOUBLE_TRACE) process.stderr.write(`[double] pg.Pool query ${text}\n`);
    const dead = deadConnection(this);
    if (dead === 'hang') return never();
    // the pool drops the client whose query failed; the next query gets a new one
    if (dead === 'fail') {
      this._idle = 0;
      throw new Error(TERMINATED);
    }
    // the client goes back to the pool, idle; the server may close it afterwards
    this._idle = 1;
    maybeLoseLater(this, () => {
      this._idle = 0;
      this.emit('error', new Error(TERMINATED));
    });
    const idleTimeout = this.options?.idleTimeoutMillis ?? 10000;
    if (FROZEN_MS > 0 && idleTimeout > 0 && FROZEN_MS >= idleTimeout) {
      // after the loss above, if any: the pool closes its idle client, dead or alive
      setImmediate(() => {
        this._idle = 0;
        this._silentlyDead = false;
      });
    }
    return answer(text, values);
  }

  async end() {
    if (this.ending) throw new Error('Called end on pool more than once');
    this.ending = true;
    this.ended = true;
  }
}

module.exports = { Client, Pool };
