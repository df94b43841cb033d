class Service {
  constructor() {
    this.prefix = 'order-';
  }

  async handle(event) {
    return `${this.prefix}${event.id}`;
  }
}

const service = new Service();
// `bind` with `this` alone fills no parameter: the event is still the first
exports.handler = service.handle.bind(service);
