const mysql = require('mysql2/promise');

let conn = null;

async function db() {
  if (conn !== null) return conn;
  conn = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  return conn;
}

exports.handler = async (event) => {
  const [rows] = await (await db()).execute('SELECT name FROM products WHERE sku = ?', [event.sku]);
  return rows[0];
};
