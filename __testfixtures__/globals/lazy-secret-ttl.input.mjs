import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

// Fetched on the first invocation, then kept: a rotated key is never read again.
let apiKey;

export const handler = async (event) => {
  if (!apiKey) apiKey = await getSecret('partner-api-key');
  return { partner: event.partner, keyLength: apiKey.length };
};
