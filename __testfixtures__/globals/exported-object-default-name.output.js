// no manifest: the export named `handler` is the handler, also as a property assigned to
// the object the module exports
const routes = { health: () => ({ ok: true }) };

routes.handler = async (request) => {
  let calls = 0;
  calls += 1;
  return { calls, path: request.path };
};

module.exports = routes;
