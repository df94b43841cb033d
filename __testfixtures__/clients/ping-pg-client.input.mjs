// Orders API: one connection per environment.
import pg from 'pg'

const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
client.connect()

export async function handler(event) {
  const { rows } = await client.query('SELECT id, total FROM orders WHERE id = $1', [event.orderId])
  return rows
}
