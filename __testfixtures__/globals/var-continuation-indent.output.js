'use strict';
var TABLE = 'users',
    SCHEMA = 'public',
    LIMIT = 10,
    ORDER = 'id';
exports.handler = function (event, context, callback) {
  let seen = [];
  seen.push(event.id);
  var sql = `SELECT * FROM ${SCHEMA}.${TABLE}
  ORDER BY ${ORDER} LIMIT ${LIMIT}`;
  callback(null, { sql: sql, n: seen.length });
};
