'use strict';

const { randomUUID } = require('node:crypto');

const querystring = require('querystring');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

exports.handler = function (event, context, callback) {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  const params = querystring.parse(event.body || '');
  callback(null, { statusCode: 200, body: JSON.stringify(params) });
};
