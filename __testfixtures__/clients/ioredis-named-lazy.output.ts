import { Redis } from 'ioredis';

let redis: Redis | null = null;

function getRedis(): Redis {
  if (redis && redis.status === 'end') {
    redis = null;
  }

  if (!redis) redis = new Redis(process.env.REDIS_URL as string);
  return redis;
}

export const handler = async (event: { key: string }) => {
  return getRedis().get(event.key);
};
