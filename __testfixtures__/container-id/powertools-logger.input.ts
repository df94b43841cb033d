import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders' });

export const handler = async (event: SQSEvent, context: Context): Promise<void> => {
  for (const record of event.Records) {
    logger.info('processing record', { messageId: record.messageId });
  }
};
