import pg = require('pg');

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
let connected = false;

const handler = async (event: { id: string }) => {
  if (!connected) {
    await client.connect();
    connected = true;
  }
  const { rows } = await client.query('SELECT name FROM users WHERE id = $1', [event.id]);
  return rows[0] ?? null;
};

export = { handler };
