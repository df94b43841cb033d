import { createHash } from 'crypto';

export async function handler(event: { body: string }) {
  return createHash('sha256').update(event.body).digest('hex');
}
