const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger({ serviceName: 'billing' });

module.exports = {
  async handler(event) {
    logger.info('charging', { amount: event.amount });
    return { charged: true };
  },
};
