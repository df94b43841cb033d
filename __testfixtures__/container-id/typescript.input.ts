import type { APIGatewayProxyEvent, APIGatewayProxyResult, Handler } from 'aws-lambda';

interface Order {
  id: string;
}

export const handler: Handler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context) => {
  const order = JSON.parse(event.body ?? '{}') as Order;
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
};
