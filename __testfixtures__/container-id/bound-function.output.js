const { randomUUID } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

async function main(deps, event, context) {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  const item = await deps.db.get(event.id);
  return { item, requestId: context.awsRequestId };
}

// dependency injection: `bind` fills `deps`, so Lambda's event is the second parameter and
// its context the third
exports.handler = main.bind(null, { db: { get: async (id) => ({ id }) } });
