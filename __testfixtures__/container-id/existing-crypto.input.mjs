import crypto from 'node:crypto';

export const handler = async (event, context) => {
  return crypto.createHash('sha256').update(event.body).digest('hex');
};
