// The handler is a method of a module-level object literal, exported by member
// (`export const handler = consumer.handle`): Lambda calls that method.
interface SQSEvent { Records: { messageId: string }[] }
interface Consumer { handle(event: SQSEvent): Promise<number> }

export const consumer: Consumer = {
  async handle(event) {
    const ids: string[] = [];
    for (const r of event.Records) ids.push(r.messageId);
    return ids.length;
  },
};

export const handler = consumer.handle;
