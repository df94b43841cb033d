// The handler is a method of a class, exported bound to one instance (the style of
// Powertools' decorators); `new App()` at load runs the constructor, not the method.
class App {
  constructor() {
    this.name = 'orders';
  }

  async handler(event) {
    const ordersSeen = [];
    ordersSeen.push(event.orderId);
    return { service: this.name, orders: ordersSeen.length };
  }
}

const app = new App();
exports.handler = app.handler.bind(app);
