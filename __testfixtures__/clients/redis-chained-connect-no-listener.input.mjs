import { createClient } from 'redis';

const client = await createClient({ url: process.env.REDIS_URL }).connect();

export const handler = async (event) => {
  const value = await client.get(event.key);
  return { value };
};
