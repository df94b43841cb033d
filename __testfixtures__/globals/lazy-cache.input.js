let config;
let secrets = null;

async function loadConfig() {
  return { stage: process.env.STAGE || 'dev' };
}

async function getConfig() {
  if (!config) {
    config = await loadConfig();
  }
  return config;
}

exports.handler = async (event) => {
  const current = await getConfig();
  secrets ??= { key: 'k' };
  return { stage: current.stage, hasKey: Boolean(secrets.key) };
};
