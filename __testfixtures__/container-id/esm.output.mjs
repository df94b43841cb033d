import { randomUUID } from 'node:crypto';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const s3 = new S3Client({});

export const handler = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  const object = await s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
  return object.ContentLength;
};
