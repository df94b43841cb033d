const { randomUUID } = require('node:crypto');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const client = new DynamoDBClient({});

exports.handler = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  const result = await client.send(buildCommand(event));
  return { statusCode: 200, body: JSON.stringify(result.Item) };
};

function buildCommand(event) {
  return { input: { Key: { id: event.pathParameters.id } } };
}
