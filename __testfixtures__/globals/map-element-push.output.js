// Each tenant's list lives inside a Map; the handler changes the list it gets out of it.
exports.handler = async (event) => {
  const byTenant = new Map([
    ['acme', []],
    ['globex', []],
  ]);

  byTenant.get(event.tenant).push(event.id);
  return { ids: byTenant.get(event.tenant) };
};
