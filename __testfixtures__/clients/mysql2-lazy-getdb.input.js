const mysql = require('mysql2/promise');

let db;

async function getDb() {
  if (!db) {
    db = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  }
  return db;
}

exports.handler = async (event) => {
  const conn = await getDb();
  const [rows] = await conn.execute('SELECT name FROM products WHERE sku = ?', [event.sku]);
  return rows[0];
};
