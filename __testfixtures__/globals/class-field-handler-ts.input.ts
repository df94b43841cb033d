// A function-valued class field as the handler, in TypeScript with a parameter property:
// constructing the instance at load creates the arrow function, it does not run its body.
const audit: string[] = [];

class OrderHandler {
  constructor(private readonly prefix: string) {}

  handle = async (event: { id: string }) => {
    audit.push(`${this.prefix}${event.id}`);
    return { audit: audit.length };
  };
}

export const handler = new OrderHandler('order-').handle;
