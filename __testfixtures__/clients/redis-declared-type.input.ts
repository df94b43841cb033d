import { createClient } from 'redis';

type Redis = ReturnType<typeof createClient>;
let client: Redis | undefined;

export const handler = async (event: { key: string }) => {
  if (!client) {
    client = createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: false } });
    await client.connect();
  }
  const value = await client.get(event.key);
  return { value };
};
