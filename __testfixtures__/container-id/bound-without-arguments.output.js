const { randomUUID } = require('node:crypto');

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

class Service {
  constructor() {
    this.prefix = 'order-';
  }

  async handle(event, context) {
    invocationCount += 1;
    console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
    return `${this.prefix}${event.id}`;
  }
}

const service = new Service();
// `bind` with `this` alone fills no parameter: the event is still the first
exports.handler = service.handle.bind(service);
