const mysql = require('mysql2/promise');

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet();

let db;

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
async function createDb() {
  const db = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  db.on('error', () => lostConnections.add(db));
  db.on('end', () => lostConnections.add(db));
  return db;
}

async function getDb() {
  if (db && lostConnections.has(db)) {
    db = undefined;
  }

  if (!db) {
    db = await createDb();
  }
  return db;
}

exports.handler = async (event) => {
  const conn = await getDb();
  const [rows] = await conn.execute('SELECT name FROM products WHERE sku = ?', [event.sku]);
  return rows[0];
};
