#!/usr/bin/env node
// Newer syntax in one file: class fields and private methods, static blocks, optional
// chaining, nullish assignment, numeric separators, labelled loops, regex flags, BigInt.
class Counter {
  #n = 0;
  static limit;
  static { Counter.limit = 1_000; }
  #bump() { return ++this.#n; }
  next() { return this.#bump(); }
}

const counter = new Counter();
let cache;

exports.handler = async (event) => {
  cache ??= new Map();
  outer: for (const key of event?.keys ?? []) {
    for (const part of key.split(/\s+/u)) {
      if (part === 'stop') break outer;
      cache.set(part, (cache.get(part) ?? 0n) + 1n);
    }
  }
  return { n: counter.next(), size: cache.size };
};
