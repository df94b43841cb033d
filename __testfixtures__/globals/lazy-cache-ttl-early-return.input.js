const TTL_MS = 10 * 60 * 1000;
let cachedSecret;
let fetchedAt = 0;
let fetches = 0;

async function fetchSecret() {
  // stands in for a Secrets Manager call: one per cache fill, not one per invocation
  fetches++;
  return { apiKey: `k-${fetches}` };
}

async function getSecret() {
  if (cachedSecret && Date.now() - fetchedAt < TTL_MS) return cachedSecret;
  cachedSecret = await fetchSecret();
  fetchedAt = Date.now();
  return cachedSecret;
}

exports.handler = async (event) => {
  const secret = await getSecret();
  return { apiKey: secret.apiKey, fetches, user: event.user };
};
