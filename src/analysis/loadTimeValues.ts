// Values a module takes from the clock or from a random source as it loads:
// `const startedAt = new Date()`, `const runId = randomUUID()`. A cold start computes them
// just before its one invocation; every invocation of a warm environment sees the value of
// the environment's first load. Often that is meant (an environment's age, an id like the
// one `container-id` adds), so `globals` reports such a value and changes nothing.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { findModuleBinding, findNamedImport } from './imports';
import { calleeName } from './mutation';

export interface LoadTimeReading {
  /** The call or `new` expression that reads the clock or the random source. */
  node: any;
  source: 'clock' | 'random';
}

const CLOCK_CALLS = new Set(['Date.now', 'Date', 'performance.now', 'process.hrtime', 'process.hrtime.bigint']);
/** Global functions of the random kind (`crypto` is a global of Node 19+ as well as a module). */
const RANDOM_CALLS = new Set(['Math.random', 'crypto.randomUUID', 'crypto.getRandomValues']);
/** Packages whose named exports (or the module object's methods) give random values. */
const RANDOM_EXPORTS: Record<string, string[]> = {
  crypto: ['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues'],
  uuid: ['v1', 'v4', 'v6', 'v7'],
  nanoid: ['nanoid'],
  ulid: ['ulid'],
};

const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ClassExpression', 'ObjectMethod', 'ClassMethod']);
const SKIPPED_KEYS = new Set(['loc', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'original', 'tokens', 'extra', 'typeAnnotation', 'returnType', 'typeParameters']);

/** The first place where `init` reads the clock or a random source while it is evaluated
 * (not inside a function it only creates), or null. */
export function loadTimeReading(j: JSCodeshift, root: Collection<any>, init: any): LoadTimeReading | null {
  if (!init) return null;
  let random: Set<string> | null = null;
  // the local names under which the module imported the random functions (`import { v4 as uuid } from 'uuid'`)
  const randomNames = (): Set<string> => {
    if (random) return random;
    random = new Set();
    for (const [source, names] of Object.entries(RANDOM_EXPORTS)) {
      const object = findModuleBinding(j, root, source);
      for (const name of names) {
        if (object) random.add(`${object}.${name}`);
        const local = findNamedImport(j, root, source, name);
        if (local) random.add(local);
      }
    }
    return random;
  };
  let found: LoadTimeReading | null = null;
  const visit = (node: any): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (FUNCTIONS.has(node.type)) return;
    if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0) {
      found = { node, source: 'clock' };
      return;
    }
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
      const name = calleeName(node.callee);
      if (CLOCK_CALLS.has(name)) found = { node, source: 'clock' };
      else if (name && (RANDOM_CALLS.has(name) || randomNames().has(name))) found = { node, source: 'random' };
      if (found) return;
    }
    for (const key of Object.keys(node)) {
      if (!SKIPPED_KEYS.has(key)) visit(node[key]);
    }
  };
  visit(init);
  return found;
}
