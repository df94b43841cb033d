import pg = require('pg');

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet();

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
function createClient() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('error', () => lostConnections.add(client));
  client.on('end', () => lostConnections.add(client));
  return client;
}

let client = createClient();
let connected = false;

const handler = async (event: { id: string }) => {
  if (lostConnections.has(client)) {
    client = createClient();
    connected = false;
  }

  if (!connected) {
    await client.connect();
    connected = true;
  }
  const { rows } = await client.query('SELECT name FROM users WHERE id = $1', [event.id]);
  return rows[0] ?? null;
};

export = { handler };
