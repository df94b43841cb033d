const mysql = require('mysql2/promise');

// Connections that reported an error or their end; they are replaced at the next invocation.
const lostConnections = new WeakSet();

let conn = null;

// A connection closed while the environment was frozen is reported through these events;
// the next invocation then replaces the client instead of the process crashing on the error.
async function createConn() {
  const conn = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  conn.on('error', () => lostConnections.add(conn));
  conn.on('end', () => lostConnections.add(conn));
  return conn;
}

async function db() {
  if (conn && lostConnections.has(conn)) {
    conn = null;
  }

  if (conn !== null) return conn;
  conn = await createConn();
  return conn;
}

exports.handler = async (event) => {
  const [rows] = await (await db()).execute('SELECT name FROM products WHERE sku = ?', [event.sku]);
  return rows[0];
};
