import { createClient } from 'redis';

// node-redis reconnects by itself; without an error listener a lost
// connection would crash the process.
function createCache() {
  const cache = createClient({ url: process.env.REDIS_URL });
  cache.on('error', () => {});
  return cache;
}

let cache = createCache();
await cache.connect();

export const handler = async (event) => {
  if (!cache.isOpen) {
    await cache.connect();
  }

  const value = await cache.get(`user:${event.userId}`);
  return value ? JSON.parse(value) : null;
};
