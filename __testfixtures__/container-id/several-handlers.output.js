const { randomUUID: newId } = require('crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = newId();
let invocationCount = 0;

exports.create = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { id: newId(), ...JSON.parse(event.body) };
};

exports.remove = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { deleted: event.pathParameters.id };
};
