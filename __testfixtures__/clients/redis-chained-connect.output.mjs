import { createClient } from 'redis';

function createClient2() {
  return createClient({ url: process.env.REDIS_URL })
    .on('error', (err) => console.log('Redis Client Error', err));
}

let client = await createClient2().connect();

export const handler = async (event) => {
  if (!client.isOpen) {
    await client.connect();
  }

  const value = await client.get(event.key);
  return { value };
};
