// A memo by id: each id is looked up once per environment, on purpose.
const cache = new Map();
async function lookup(id) {
  if (cache.has(id)) return cache.get(id);
  const v = { id, name: `item-${id}` };
  cache.set(id, v);
  return v;
}
export const handler = async (event) => lookup(event.id);
