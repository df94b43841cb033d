'use strict';
// Copyright 2026 Example Corp.

const { randomUUID } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const TABLE = process.env.TABLE || 'orders';

exports.handler = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { table: TABLE, id: event.id };
};
