// no manifest: the export named `handler` is the handler, also as a property assigned to
// the object the module exports
const routes = { health: () => ({ ok: true }) };
let calls = 0;

routes.handler = async (request) => {
  calls += 1;
  return { calls, path: request.path };
};

module.exports = routes;
