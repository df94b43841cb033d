// Products API: one MySQL connection per environment, opened on first use.
import mysql, { type Connection } from 'mysql2/promise';

let db: Connection | undefined;

async function getDb(): Promise<Connection> {
  if (!db) {
    db = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  }
  return db;
}

export const handler = async (event: { sku: string }) => {
  const conn = await getDb();
  const [rows] = await conn.execute('SELECT name FROM products WHERE sku = ?', [event.sku]);
  return rows;
};
