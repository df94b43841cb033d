// Orders API: one connection per environment.
import pg from 'pg'

// --client-check ping: a connection that died while the environment was frozen may show it
// only once it is used. Each check sends the client a ping first; a client whose ping
// fails, or gets no answer within a second, is replaced.
async function answersPing(client, ping) {
  let timer
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(false), 1000)
  })
  try {
    return await Promise.race([ping(client).then(() => true, () => false), timeout])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet()

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
function createClient() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  client.on('error', () => lostConnections.add(client))
  client.on('end', () => lostConnections.add(client))
  return client
}

let client = createClient()
client.connect()

export async function handler(event) {
  if (lostConnections.has(client) || !(await answersPing(client, (client) => client.query('SELECT 1')))) {
    client.end().catch(() => {})
    client = createClient()
    await client.connect()
  }

  const { rows } = await client.query('SELECT id, total FROM orders WHERE id = $1', [event.orderId])
  return rows
}
