// serverless.yml: handler: webhook.stripe (Lambda looks `stripe` up on the exported object)
const handlers = {};
let seen = new Set();

function remember(id) {
  seen.add(id);
  return seen.size;
}

handlers.stripe = async (event) => {
  seen = new Set();
  const pending = [];
  pending.push(event.id);
  return { pending: pending.length, seen: remember(event.id) };
};

handlers['ping'] = async () => ({ ok: true });

module.exports = handlers;
