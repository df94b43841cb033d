import { Pool } from 'pg';

const pool = new Pool({ max: 1 });

export const handler = async (event) => {
  const result = await pool.query('SELECT count(*) FROM orders WHERE customer = $1', [event.customer]);
  return { count: Number(result.rows[0].count) };
};
