// Orders API: one connection per environment.
import pg from 'pg';

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet();

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
function createClient() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.on('notice', (notice) => console.warn(notice.message));

  client.on('error', () => lostConnections.add(client));
  client.on('end', () => lostConnections.add(client));
  return client;
}

let client = createClient();
client.connect();

export async function handler(event) {
  if (lostConnections.has(client)) {
    client = createClient();
    await client.connect();
  }

  const { rows } = await client.query('SELECT id, total FROM orders WHERE id = $1', [event.orderId]);
  return rows;
}
