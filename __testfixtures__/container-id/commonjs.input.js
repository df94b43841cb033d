const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');

const client = new DynamoDBClient({});

exports.handler = async (event, context) => {
  const result = await client.send(buildCommand(event));
  return { statusCode: 200, body: JSON.stringify(result.Item) };
};

function buildCommand(event) {
  return { input: { Key: { id: event.pathParameters.id } } };
}
