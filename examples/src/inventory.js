// Looks up stock levels in MySQL, connecting on first use.
const mysql = require('mysql2/promise');

let connection;

async function getConnection() {
  if (!connection) {
    connection = await mysql.createConnection({
      host: process.env.DB_HOST,
      user: process.env.DB_USER,
      database: 'inventory',
    });
  }
  return connection;
}

exports.handler = async (event) => {
  const db = await getConnection();
  const [rows] = await db.query('SELECT sku, stock FROM stock WHERE sku IN (?)', [event.skus]);
  return { stock: rows };
};
