const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = require('@aws-sdk/lib-dynamodb');
const AWS = require('aws-sdk');

const s3 = new S3Client({});
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sqs = new AWS.SQS();

exports.handler = async (event) => {
  const item = await ddb.send(new GetCommand({ TableName: process.env.TABLE, Key: { id: event.id } }));
  const object = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: item.Item.key }));
  await sqs.sendMessage({ QueueUrl: process.env.QUEUE, MessageBody: event.id }).promise();
  return object.ContentLength;
};
