import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';

const createUser = async (event, ctx) => {
  return { statusCode: 201, body: JSON.stringify({ name: event.body.name }) };
};

export const handler = middy(createUser).use(jsonBodyParser());
