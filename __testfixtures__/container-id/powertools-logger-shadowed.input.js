const { Logger } = require('@aws-lambda-powertools/logger');
const logger = new Logger({ serviceName: 'orders' });

exports.handler = async (event, context) => {
  // a logger of the handler's own: the module's one cannot be reached from the handler's top
  const logger = { info: (message) => message };
  return { logged: logger.info(`order ${event.id}`) };
};
