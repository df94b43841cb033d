// the handler is a property the module gives its exported object: Lambda finds `handler` on it
const { randomUUID } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const api = {};

Object.assign(api, {
  handler: async (event, context) => {
    invocationCount += 1;
    console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
    return { statusCode: 200, body: String(event.id) };
  },
});

module.exports = api;
