// The handler method hands each record to another method through `this`.
const errors = [];

class Worker {
  async handler(event) {
    for (const record of event.Records) this.process(record.body);
    return { errors: [...errors] };
  }

  process(body) {
    if (!body.startsWith('{')) errors.push(body);
  }
}

const worker = new Worker();
exports.handler = worker.handler.bind(worker);
