import { createClient } from 'redis';

type Redis = ReturnType<typeof createClient>;
let client: Redis | undefined;

// node-redis reconnects by itself; without an error listener a lost
// connection would crash the process.
function createClient2() {
  const client: Redis = createClient({ url: process.env.REDIS_URL, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  return client;
}

export const handler = async (event: { key: string }) => {
  if (client && !client.isOpen) {
    client = undefined;
  }

  if (!client) {
    client = createClient2();
    await client.connect();
  }
  const value = await client.get(event.key);
  return { value };
};
