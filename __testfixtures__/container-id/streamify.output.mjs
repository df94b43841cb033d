import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  await pipeline(Readable.from([event.body ?? '']), responseStream);
});
