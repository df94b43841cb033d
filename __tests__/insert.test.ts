// Module-level insertion keeps a file's header on top and never mixes one source text's
// positions with another's (which made recast crash while printing).
import { applyTransforms } from '../src/analysis/applyTransforms';
import { loadTransform } from '../transforms';

const run = (source: string, file = 'handler.js') =>
  applyTransforms(source, file, { transforms: (['globals', 'container-id'] as const).map(loadTransform) });

describe('insertInModule', () => {
  it('leaves comments above a handler with the handler when a declaration before them moves away', () => {
    const notes = Array.from({ length: 8 }, (_, i) => `// notes, line ${i + 1}`).join('\n');
    const result = run(`const seen = [];\n${notes}\nexports.handler = async (event) => {\n  seen.push(event.id);\n  return seen.length;\n};\n`);
    expect(result.error).toBeUndefined();
    expect(result.output).toContain(`${notes}\nexports.handler = async (event, context) => {`);
    expect(result.output!.startsWith("const { randomUUID } = require('node:crypto');\n")).toBe(true);
  });

  it('keeps a header comment and a shebang on top, with the blank line after them', () => {
    const result = run(`#!/usr/bin/env node\n// Orders service.\n\nlet count = 0;\nexports.handler = async (event) => {\n  count += 1;\n  return count;\n};\n`);
    expect(result.error).toBeUndefined();
    expect(result.output!.startsWith("#!/usr/bin/env node\n// Orders service.\n\nconst { randomUUID } = require('node:crypto');\n")).toBe(true);
    expect(run(result.output!).output).toBeNull();
  });

  it('keeps the header at the top when the first statement moves into the handler (globals alone)', () => {
    const result = applyTransforms(`#!/usr/bin/env node\n// Orders service.\n\nlet count = 0;\nexports.handler = async (event) => {\n  count += 1;\n  return count;\n};\n`, 'handler.js', {
      transforms: [loadTransform('globals')],
    });
    expect(result.output).toBe(`#!/usr/bin/env node\n// Orders service.\n\nexports.handler = async (event) => {\n  let count = 0;\n  count += 1;\n  return count;\n};\n`);
  });

  it('gives each statement of a one-line handler body its own line after the generated ones', () => {
    const result = run(`let hits = 0;\nconst items = [];\nfunction add(x) { items.push(x); }\nexports.handler = async (event) => { add(1); hits++; return { hits, items }; };\n`);
    expect(result.error).toBeUndefined();
    expect(result.output).toContain('  let hits = 0;\n  add(1);\n  hits++;\n  return { hits, items };\n};\n');
    expect(run(result.output!).output).toBeNull();
  });
});
