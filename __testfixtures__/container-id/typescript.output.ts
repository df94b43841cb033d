import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

interface Order {
  id: string;
}

export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  const order = JSON.parse(event.body ?? '{}') as Order;
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
};
