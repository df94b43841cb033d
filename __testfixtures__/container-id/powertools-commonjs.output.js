const { randomUUID } = require('node:crypto');
const { Logger } = require('@aws-lambda-powertools/logger');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const logger = new Logger({ serviceName: 'billing' });

logger.appendPersistentKeys({ containerId });

module.exports = {
  async handler(event, context) {
    invocationCount += 1;
    logger.info('invocation', { invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId });
    logger.info('charging', { amount: event.amount });
    return { charged: true };
  },
};
