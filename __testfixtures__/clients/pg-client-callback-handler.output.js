const pg = require('pg');

const client = new pg.Client();
client.connect();

exports.handler = (event, context, callback) => {
  client.query('SELECT now()', (error, result) => callback(error, result && result.rows[0]));
};
