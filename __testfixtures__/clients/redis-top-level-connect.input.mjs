import { createClient } from 'redis';

const cache = createClient({ url: process.env.REDIS_URL });
await cache.connect();

export const handler = async (event) => {
  const value = await cache.get(`user:${event.userId}`);
  return value ? JSON.parse(value) : null;
};
