// Recognition of module-level clients, and the names `globals` must leave to `clients`.
import fs from 'node:fs';
import path from 'node:path';
import { clientOwnedBindings, scanClients } from '../../src/analysis/clientBindings';
import { jscodeshiftFor } from '../../src/analysis/parser';

const j = jscodeshiftFor('ts');
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', '__testfixtures__', 'clients', name), 'utf8');

function families(source: string): Record<string, string> {
  const scan = scanClients(j, j(source));
  return Object.fromEntries(scan.clients.map((c) => [c.name, `${c.family.id}/${c.mode}`]));
}

describe('scanClients', () => {
  it('recognises each family through require, default, named and namespace imports', () => {
    expect(families(`const pg = require('pg'); const a = new pg.Client();`)).toEqual({ a: 'pg-client/eager' });
    expect(families(`import pg from 'pg'; const a = new pg.Pool();`)).toEqual({ a: 'pg-pool/eager' });
    expect(families(`import { Pool as P } from 'pg'; const a = new P();`)).toEqual({ a: 'pg-pool/eager' });
    expect(families(`import * as mysql from 'mysql2/promise'; const a = await mysql.createConnection({});`)).toEqual({ a: 'mysql2-connection/eager' });
    expect(families(`const { createPool } = require('mysql2'); const a = createPool({});`)).toEqual({ a: 'mysql2-pool/eager' });
    expect(families(`import Redis from 'ioredis'; const a = new Redis();`)).toEqual({ a: 'ioredis/eager' });
    expect(families(`const { createClient } = require('redis'); const a = createClient();`)).toEqual({ a: 'redis/eager' });
    expect(families(`const S3 = require('aws-sdk/clients/s3'); const a = new S3();`)).toEqual({ a: 'aws-sdk-v2/eager' });
    expect(families(`const a = new (require('@aws-sdk/client-sqs').SQSClient)({});`)).toEqual({ a: 'aws-sdk-v3/eager' });
    expect(families(`import { MongoClient } from 'mongodb'; const a = new MongoClient(uri);`)).toEqual({ a: 'mongodb/eager' });
    expect(families(`const knex = require('knex'); const a = knex({ client: 'pg' });`)).toEqual({ a: 'knex/eager' });
    expect(families(`import { knex } from 'knex'; const a = knex({ client: 'pg' });`)).toEqual({ a: 'knex/eager' });
  });

  it('finds lazily created clients only behind a guard', () => {
    expect(families(`import Redis from 'ioredis'; let r; function get() { if (!r) r = new Redis(); return r; }`)).toEqual({ r: 'ioredis/lazy' });
    expect(families(`import Redis from 'ioredis'; let r; function get() { r = new Redis(); return r; }`)).toEqual({});
  });

  it('recognises listeners and a connect() chained onto the construction where connect() resolves to the client', () => {
    const redis = (init: string) => scanClients(j, j(`import { createClient } from 'redis'; const a = ${init};`)).clients[0];
    const readme = redis(`await createClient({ url }).on('error', (e) => log(e)).connect()`);
    expect([readme.family.id, readme.construction.chainedEvents, readme.construction.connected, readme.construction.awaited, readme.connectedAtLoad]).toEqual(['redis', ['error'], true, false, true]);
    expect(redis(`createClient().on('error', f).once('ready', g)`).construction.chainedEvents).toEqual(['error', 'ready']);
    expect(families(`import { createClient } from 'redis'; let r; async function get() { if (!r) r = await createClient().on('error', f).connect(); return r; }`)).toEqual({ r: 'redis/lazy' });
    // pg's connect() resolves to nothing: the binding holds no client, and pg is no unknown package
    const pg = scanClients(j, j(`import { Client } from 'pg'; const a = await new Client().connect();`));
    expect([pg.clients, pg.unknown]).toEqual([[], []]);
    // a connect() of its own is a construction, not a chained one
    expect(families(`import mongoose from 'mongoose'; const a = await mongoose.connect(uri);`)).toEqual({ a: 'mongoose/eager' });
  });

  it('recognises the factory an earlier run wrote for a chained connect()', () => {
    const scan = scanClients(j, j(fixture('redis-chained-connect.output.mjs')));
    expect(scan.clients.map((c) => [c.name, c.factory, c.connectedAtLoad])).toEqual([['client', 'createClient2', true]]);
  });

  it('reports constructors of unknown packages, not of local modules or Node built-ins', () => {
    const scan = scanClients(j, j(`import { Kafka } from 'kafkajs'; import { Db } from './db'; import { URL } from 'node:url'; const k = new Kafka({}); const d = new Db(); const u = new URL('x');`));
    expect(scan.unknown.map((u) => u.name)).toEqual(['k']);
  });

  it('recognises what an earlier run wrote: the factory, the flag and the set of lost connections', () => {
    const migrated = fixture('pg-client-connect-flag.output.js');
    const scan = scanClients(j, j(migrated));
    expect(scan.clients.map((c) => [c.name, c.factory, c.connectFlag])).toEqual([['client', 'createClient', 'connected']]);
    expect([...clientOwnedBindings(j, j(migrated))].sort()).toEqual(['client', 'connected', 'createClient', 'lostConnections']);
  });
});

describe('a knex instance at module level', () => {
  it('is kept and reported with knex pool advice', () => {
    const { applyTransforms } = require('../../src/analysis/applyTransforms');
    const { transform } = require('../../transforms/clients');
    const result = applyTransforms("const knex = require('knex');\nconst db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\nexports.handler = async (event) => db('orders').where({ id: event.id }).first();\n", 'handler.js', { transforms: [transform] });
    expect(result.output).toBeNull();
    expect(result.review.map((r: any) => [r.kind, r.line])).toEqual([['reused', 2]]);
    expect(result.review[0].message).toMatch(/^knex instance `db` is kept: .*pool: \{ min: 0 \}/);
  });
});
