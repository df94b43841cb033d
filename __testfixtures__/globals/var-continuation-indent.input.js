'use strict';
var TABLE = 'users',
    SCHEMA = 'public',
    LIMIT = 10,
    ORDER = 'id';
var seen = [];
exports.handler = function (event, context, callback) {
  seen.push(event.id);
  var sql = `SELECT * FROM ${SCHEMA}.${TABLE}
  ORDER BY ${ORDER} LIMIT ${LIMIT}`;
  callback(null, { sql: sql, n: seen.length });
};
