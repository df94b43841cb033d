import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async (event, context) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: event.bucket, Key: event.key }));
  return object.ContentLength;
};
