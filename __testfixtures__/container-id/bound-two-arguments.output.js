const { randomUUID } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

class Service {
  constructor() {
    this.prefix = 'order-';
  }

  handle(table, region, event, context, callback) {
    invocationCount += 1;
    console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
    callback(null, { key: `${this.prefix}${event.id}`, table, region });
  }
}

const service = new Service();
// `this` and two arguments bound: the event is the third parameter, the context the fourth
exports.handler = service.handle.bind(service, 'orders', 'eu-west-1');
