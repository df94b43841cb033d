import { createClient } from 'redis';

// node-redis reconnects by itself; without an error listener a lost
// connection would crash the process.
function createClient2() {
  const client = createClient({ url: process.env.REDIS_URL });
  client.on('error', () => {});
  return client;
}

let client = await createClient2().connect();

export const handler = async (event) => {
  if (!client.isOpen) {
    await client.connect();
  }

  const value = await client.get(event.key);
  return { value };
};
