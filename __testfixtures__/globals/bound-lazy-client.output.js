let db;

async function main(deps, event) {
  // a client made from the bound dependencies, not from the request: a lazy cache, kept
  db ??= deps.connect();
  return db.get(event.id);
}

const deps = {
  opened: 0,
  connect() {
    this.opened += 1;
    const opened = this.opened;
    return { get: async (id) => ({ id, connection: opened }) };
  },
};

exports.handler = main.bind(null, deps);
