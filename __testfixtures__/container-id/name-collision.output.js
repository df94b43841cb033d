const { randomUUID: randomUUID2 } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId2 = randomUUID2();
let invocationCount2 = 0;

const containerId = process.env.CONTAINER_ID;
const invocationCount = 3;

exports.handler = async (event, context) => {
  invocationCount2 += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId: containerId2, invocation: invocationCount2, coldStart: invocationCount2 === 1, requestId: context?.awsRequestId }));
  return { containerId, invocationCount, randomUUID: event.id };
};
