import Redis from 'ioredis';

// The URL comes from an async lookup, awaited while the module loads.
const getUrl = async () => 'redis://127.0.0.1:6379';
const redis = new Redis(await getUrl(), { lazyConnect: true });

export const handler = async (event) => {
  const views = await redis.incr(`views:${event.page}`);
  return { page: event.page, views };
};
