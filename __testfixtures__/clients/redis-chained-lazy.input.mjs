import { createClient } from 'redis';

let client;

export const handler = async (event) => {
  if (!client) {
    client = await createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: false } })
      .on('error', (err) => console.log('Redis Client Error', err))
      .connect();
  }
  const value = await client.get(event.key);
  return { value };
};
