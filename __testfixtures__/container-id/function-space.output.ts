import { randomUUID } from 'node:crypto';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

interface OrderEvent {
  id: string;
}

export async function handler (event: OrderEvent, context?: { awsRequestId: string }): Promise<{ id: string }> {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { id: event.id };
}

export const refund = async function (event: OrderEvent, context?: { awsRequestId: string }) {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { refunded: event.id };
};
