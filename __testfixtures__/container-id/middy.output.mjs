import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const createUser = async (event, ctx) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: ctx?.awsRequestId }));
  return { statusCode: 201, body: JSON.stringify({ name: event.body.name }) };
};

export const handler = middy(createUser).use(jsonBodyParser());
