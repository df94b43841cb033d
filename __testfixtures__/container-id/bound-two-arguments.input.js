class Service {
  constructor() {
    this.prefix = 'order-';
  }

  handle(table, region, event, context, callback) {
    callback(null, { key: `${this.prefix}${event.id}`, table, region });
  }
}

const service = new Service();
// `this` and two arguments bound: the event is the third parameter, the context the fourth
exports.handler = service.handle.bind(service, 'orders', 'eu-west-1');
