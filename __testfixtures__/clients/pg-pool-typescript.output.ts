import type { APIGatewayProxyHandler } from 'aws-lambda';
import { Pool } from 'pg';

function createPool() {
  const pool: Pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  pool.on('error', (error) => console.error('idle client error', error.message));

  return pool;
}

let pool: Pool = createPool();

export const handler: APIGatewayProxyHandler = async (event) => {
  if (pool.ending) {
    pool = createPool();
  }

  const { rows } = await pool.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [event.pathParameters?.id]);
  return { statusCode: 200, body: JSON.stringify(rows) };
};
