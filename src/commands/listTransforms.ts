// `lambda-clean-slate list-transforms`: the transforms `migrate` runs, in the order it runs
// them, each with its one-line description (the transform's own `description`).
import type { CommandModule } from 'yargs';
import type { TransformEntry } from '../engine/transformCatalog';

export const listTransformsCommand: CommandModule<object, object> = {
  command: 'list-transforms',
  describe: 'List the transforms migrate runs, with what each one changes',
  handler: () => {
    // loading the transforms loads jscodeshift: only this command and `migrate` pay for it
    const { describeTransforms } = require('../engine/transformCatalog') as typeof import('../engine/transformCatalog');
    process.stdout.write(`${transformTable(describeTransforms())}\n`);
  },
};

/** One transform a line: the CLI name, then its description, aligned. */
export function transformTable(entries: TransformEntry[], indent = ''): string {
  const width = Math.max(0, ...entries.map((e) => e.name.length));
  return entries.map((e) => `${indent}${e.name.padEnd(width)}  ${e.description}`).join('\n');
}
