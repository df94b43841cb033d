import { createClient } from 'redis';

const client = await createClient({ url: process.env.REDIS_URL })
  .on('error', (err) => console.log('Redis Client Error', err))
  .connect();

export const handler = async (event) => {
  const value = await client.get(event.key);
  return { value };
};
