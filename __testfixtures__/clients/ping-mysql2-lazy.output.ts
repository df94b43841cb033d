// Products API: one MySQL connection per environment, opened on first use.
import mysql, { type Connection } from 'mysql2/promise';

// --client-check ping: a connection that died while the environment was frozen may show it
// only once it is used. Each check sends the client a ping first; a client whose ping
// fails, or gets no answer within a second, is replaced.
async function answersPing<T>(client: T, ping: (client: T) => Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 1000);
  });
  try {
    return await Promise.race([ping(client).then(() => true, () => false), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet();

let db: Connection | undefined;

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
async function createDb() {
  const db: Connection = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  db.on('error', () => lostConnections.add(db));
  db.on('end', () => lostConnections.add(db));
  return db;
}

async function getDb(): Promise<Connection> {
  if (db && (lostConnections.has(db) || !(await answersPing(db, (db) => db.ping())))) {
    db.destroy();
    db = undefined;
  }

  if (!db) {
    db = await createDb();
  }
  return db;
}

export const handler = async (event: { sku: string }) => {
  const conn = await getDb();
  const [rows] = await conn.execute('SELECT name FROM products WHERE sku = ?', [event.sku]);
  return rows;
};
