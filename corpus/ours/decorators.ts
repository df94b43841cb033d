// TypeScript with decorators (the Powertools style): the handler is a class method bound
// to an instance, and module state is a class field as well as a global.
import type { Context } from 'aws-lambda';

function traced(_target: unknown, _key: string, descriptor: PropertyDescriptor): PropertyDescriptor {
  const original = descriptor.value as (...args: unknown[]) => unknown;
  descriptor.value = function (this: unknown, ...args: unknown[]) {
    return original.apply(this, args);
  };
  return descriptor;
}

const audit: string[] = [];

class Lambda {
  private calls = 0;

  @traced
  public async handler(event: { user?: string }, context: Context): Promise<{ calls: number; audit: number }> {
    this.calls++;
    audit.push(event.user ?? 'anonymous');
    return { calls: this.calls, audit: audit.length };
  }
}

const instance = new Lambda();
export const handler = instance.handler.bind(instance);
