import Redis from 'ioredis';

// The URL comes from an async lookup, awaited while the module loads.
const getUrl = async () => 'redis://127.0.0.1:6379';

async function createRedis() {
  return new Redis(await getUrl(), { lazyConnect: true });
}

let redis = await createRedis();

export const handler = async (event) => {
  if (redis.status === 'end') {
    redis = await createRedis();
  }

  const views = await redis.incr(`views:${event.page}`);
  return { page: event.page, views };
};
