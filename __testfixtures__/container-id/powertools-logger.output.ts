import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent } from 'aws-lambda';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

const logger = new Logger({ serviceName: 'orders' });

logger.appendPersistentKeys({ containerId });

export const handler = async (event: SQSEvent, context: Context): Promise<void> => {
  invocationCount += 1;
  logger.info('invocation', { invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId });
  for (const record of event.Records) {
    logger.info('processing record', { messageId: record.messageId });
  }
};
