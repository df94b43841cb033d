let config;
let configLoadedAt = 0;
let secrets = null;

let secretsLoadedAt = 0;

async function loadConfig() {
  return { stage: process.env.STAGE || 'dev' };
}

async function getConfig() {
  if (!config || Date.now() - configLoadedAt > 300_000) {
    config = await loadConfig();
    configLoadedAt = Date.now();
  }
  return config;
}

exports.handler = async (event) => {
  const current = await getConfig();

  if (secrets == null || Date.now() - secretsLoadedAt > 300_000) {
    secrets = { key: 'k' };
    secretsLoadedAt = Date.now();
  }

  return { stage: current.stage, hasKey: Boolean(secrets.key) };
};
