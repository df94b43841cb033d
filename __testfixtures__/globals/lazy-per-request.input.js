// Written once, but from the request: `session` and `user` are per-request data, not caches.
// `settings` comes from the environment alone and stays a cache.
let session;
let user = null;
let settings;

async function lookup(id) {
  return { id, name: id.toUpperCase() };
}

async function loadSettings(name) {
  return { name, region: 'eu-west-1' };
}

async function getUser(id) {
  if (!user) user = await lookup(id);
  return user;
}

exports.handler = async (event) => {
  settings ??= await loadSettings(process.env.APP_NAME || 'app');
  session ??= { user: event.user, started: event.user.length };
  const current = await getUser(event.userId);
  return { session, current, region: settings.region };
};
