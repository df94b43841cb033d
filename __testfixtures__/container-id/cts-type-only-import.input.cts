import type { Context } from 'aws-lambda';

exports.handler = async (event: { id: string }, context: Context) => {
  return { id: event.id };
};
