const { randomUUID } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

function main(deps, event, context) {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return deps.db.get(event.id);
}

// bound with one argument: the context Lambda passes is the third argument `main` receives
exports.handler = main.bind(null, { db: { get: async (id) => ({ id }) } });
