import { createHash, randomUUID } from 'crypto';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

export async function handler(event: { body: string }, context?: { awsRequestId: string }) {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return createHash('sha256').update(event.body).digest('hex');
}
