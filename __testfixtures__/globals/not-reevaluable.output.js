const { readFileSync } = require('fs');

class Registry {
  constructor() {
    this.entries = [];
  }
}

const registry = new Registry();
const known = new Set(JSON.parse(readFileSync(__filename, 'utf8').length > 0 ? '[]' : '[]'));
let startedAt = Date.now();

exports.handler = async (event) => {
  registry.entries.push(event.id);
  known.add(event.id);
  startedAt = Math.min(startedAt, event.time);
  return { entries: registry.entries.length, known: known.size };
};
