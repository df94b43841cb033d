async function main(deps, event, context) {
  const item = await deps.db.get(event.id);
  return { item, requestId: context.awsRequestId };
}

// dependency injection: `bind` fills `deps`, so Lambda's event is the second parameter and
// its context the third
exports.handler = main.bind(null, { db: { get: async (id) => ({ id }) } });
