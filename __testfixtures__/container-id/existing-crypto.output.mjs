import crypto from 'node:crypto';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = crypto.randomUUID();
let invocationCount = 0;

export const handler = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return crypto.createHash('sha256').update(event.body).digest('hex');
};
