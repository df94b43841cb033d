const { randomUUID } = require('node:crypto');
const middy = require('@middy/core');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

module.exports.handler = middy()
  .use({ before: async (request) => { request.event.name = request.event.name.trim(); } })
  .handler(async (event, context) => {
    invocationCount += 1;
    console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
    const greeting = `hello ${event.name}`;
    return { greeting };
  });
