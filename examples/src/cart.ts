// Adds items to a shopping cart stored in PostgreSQL.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';
import { Pool } from 'pg';

interface CartItem {
  sku: string;
  quantity: number;
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });

const cart: CartItem[] = [];
const seenSkus = new Set<string>();

export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event) => {
  const items: CartItem[] = JSON.parse(event.body ?? '[]');
  items.forEach((item) => {
    seenSkus.add(item.sku);
    cart.push(item);
  });
  await pool.query('INSERT INTO cart_events (items) VALUES ($1)', [JSON.stringify(items)]);
  return { statusCode: 200, body: JSON.stringify({ items: cart.length, distinctSkus: seenSkus.size }) };
};
