import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

// Fetched on the first invocation, then kept: a rotated key is never read again.
let apiKey;

let apiKeyLoadedAt = 0;

export const handler = async (event) => {
  if (!apiKey || Date.now() - apiKeyLoadedAt > 300_000) {
    apiKey = await getSecret('partner-api-key');
    apiKeyLoadedAt = Date.now();
  }
  return { partner: event.partner, keyLength: apiKey.length };
};
