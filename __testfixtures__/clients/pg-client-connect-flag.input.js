const { Client } = require('pg');

const client = new Client({ connectionString: process.env.DATABASE_URL });
let connected = false;

exports.handler = async (event) => {
  if (!connected) {
    await client.connect();
    connected = true;
  }
  const { rows } = await client.query('SELECT name FROM users WHERE id = $1', [event.id]);
  return rows[0] ?? null;
};
