import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
  await pipeline(Readable.from([event.body ?? '']), responseStream);
});
