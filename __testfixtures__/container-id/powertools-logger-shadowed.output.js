const { randomUUID } = require('node:crypto');
const { Logger } = require('@aws-lambda-powertools/logger');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const logger = new Logger({ serviceName: 'orders' });

logger.appendPersistentKeys({ containerId });

exports.handler = async (event, context) => {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  // a logger of the handler's own: the module's one cannot be reached from the handler's top
  const logger = { info: (message) => message };
  return { logged: logger.info(`order ${event.id}`) };
};
