function main(deps, event) {
  return deps.db.get(event.id);
}

// bound with one argument: the context Lambda passes is the third argument `main` receives
exports.handler = main.bind(null, { db: { get: async (id) => ({ id }) } });
