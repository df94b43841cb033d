const { randomUUID } = require('node:crypto');
import type { Context } from 'aws-lambda';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

exports.handler = async (event: { id: string }, context: Context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { id: event.id };
};
