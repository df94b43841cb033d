// Looks like a cache by key (a hit hands an entry back), but what it stores is the request's
// own data (the user and the cart), not something computed from the session id: the next
// request with that session id gets the first caller's profile, a per-request leak.
exports.handler = async (event) => {
  const sessions = new Map();
  const sid = event.sessionId;
  if (sessions.has(sid)) return sessions.get(sid);
  const profile = { user: event.user, cart: event.cart };
  sessions.set(sid, profile);
  return profile;
};
