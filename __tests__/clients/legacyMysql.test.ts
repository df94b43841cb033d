// The legacy `mysql` package (mysqljs/mysql, Node-14-era code): recognised and reported,
// never left out in silence; no check is added (none of its API is verified here).
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { scanClients } from '../../src/analysis/clientBindings';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { transform } from '../../transforms/clients';

const j = jscodeshiftFor('babel');

describe('the legacy mysql package', () => {
  it('is recognised: pools and connections, through require and import', () => {
    const families = (source: string) => scanClients(j, j(source)).clients.map((c) => `${c.name}:${c.family.id}/${c.mode}`);
    expect(families("var mysql = require('mysql'); var pool = mysql.createPool({});")).toEqual(['pool:mysql-pool/eager']);
    expect(families("const { createConnection } = require('mysql'); const db = createConnection({});")).toEqual(['db:mysql-connection/eager']);
    expect(families("import mysql from 'mysql'; const cluster = mysql.createPoolCluster();")).toEqual(['cluster:mysql-pool/eager']);
  });

  it.each([
    ['a pool', "var mysql = require('mysql');\nvar pool = mysql.createPool({ host: process.env.DB_HOST });\nexports.handler = function (event, context, callback) {\n  pool.query('SELECT 1', function (err, rows) { callback(err, rows); });\n};\n", 'mysql pool `pool` is kept: the legacy mysql package is not checked by lambda-clean-slate'],
    ['a connection', "var mysql = require('mysql');\nvar db = mysql.createConnection({ host: process.env.DB_HOST });\nexports.handler = function (event, context, callback) {\n  db.query('SELECT 1', function (err, rows) { callback(err, rows); });\n};\n", "mysql connection `db` is kept: the legacy mysql package cannot reconnect a connection that a fatal error ended"],
  ])('%s used by a handler is left as it is and reported', (_label, source, message) => {
    const result = applyTransforms(source, 'index.js', { transforms: [transform] });
    expect(result.error).toBeUndefined();
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line, r.message])).toEqual([['reused', 2, expect.stringContaining(message)]]);
  });
});
