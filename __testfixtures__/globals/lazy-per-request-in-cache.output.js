// `config` is a cache, but its initialisation also stores the first caller: `firstCaller`
// leaks, and resetting it alone would leave it empty on warm starts. Kept and reported as a
// leak, never as a deliberate cache.
let config;
let firstCaller;

async function loadConfig() {
  return { feature: true };
}

exports.handler = async (event) => {
  if (!config) {
    config = await loadConfig();
    firstCaller = event.caller;
  }
  return { config, firstCaller };
};
