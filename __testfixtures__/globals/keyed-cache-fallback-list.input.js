// Looks like a cache by key (a hit hands an entry back), but the entry is read with a fallback
// and changed in place: each user's list grows across invocations, a per-request leak.
const byUser = new Map();
exports.handler = async (event) => {
  if (event.action === 'list' && byUser.has(event.user)) return byUser.get(event.user);
  const list = byUser.get(event.user) || [];
  list.push(event.item);
  byUser.set(event.user, list);
  return list;
};
