// TypeScript CommonJS forms: `import = require`, `export =`, enums, namespaces, satisfies.
import fs = require('fs');

enum Mode { Read, Write }
namespace Settings { export const mode = Mode.Write; }

const lines: string[] = [];

async function handler(event: { line: string }) {
  lines.push(event.line);
  if (Settings.mode === Mode.Write) fs.writeFileSync('/tmp/lines.txt', lines.join('\n'));
  return { count: lines.length } satisfies { count: number };
}

export = { handler };
