import type { CodeStyle } from './types';

/** Measures quotes, semicolons, indentation and line endings of a source file, so that
 * generated code can be printed the way the file's author writes. Counts, not guesses:
 * the majority wins, and ties fall back to the common defaults (single quotes,
 * semicolons, two spaces, LF). */
/** The end of a line after which the next line is one step deeper: a block, a multi-line
 * call, array or object, a `case` label, an arrow's body. */
const OPENS_BLOCK = /(?:[{([:]|=>)$/;

export function measureStyle(source: string): CodeStyle {
  const crlf = (source.match(/\r\n/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length - crlf;
  const lines = source.split(/\r?\n/);

  let single = 0;
  let double = 0;
  let withSemi = 0;
  let withoutSemi = 0;
  let tabs = 0;
  let spaces = 0;
  // steps into a block (the line after one that ends in `{`, `(`, `[`, `:` or `=>`) are
  // what the indentation is: a continuation line (`var a = 1,\n    b = 2;`, a wrapped
  // condition) may be aligned to anything, and must not outvote the blocks. Any other step
  // counts only when the file opens no block on a line of its own.
  // Steps after a `{` come first: some styles indent a wrapped call's arguments by a double
  // step (Google's: blocks +2, continuations after `(` +4), blocks never.
  const braceWidths = new Map<number, number>();
  const widths = new Map<number, number>();
  const anySteps = new Map<number, number>();
  let previousIndent = 0;
  let previousOpens = false;
  let previousBrace = false;

  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue;
    // quotes: strings that open at the start of a token (skip apostrophes inside words)
    for (const m of trimmed.matchAll(/(^|[\s(,=:[{!&|?+])(['"])/g)) {
      if (m[2] === "'") single++;
      else double++;
    }
    // semicolons: statement-ending lines only
    if (/[;]$/.test(trimmed)) withSemi++;
    else if (/^(const|let|var|return|import|export)\b/.test(trimmed) && /[\w)\]'"`]$/.test(trimmed)) withoutSemi++;
    else if (/^[\w.$]+\(.*\)$/.test(trimmed)) withoutSemi++;
    // a leading `;` that guards a line beginning with ( [ ` + - / is written only without them
    if (/^;\s*[([`+\-/]/.test(trimmed)) withoutSemi++;

    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) {
      spaces++;
      const step = Math.abs(indent.length - previousIndent);
      if (step === 2 || step === 4 || step === 8) {
        anySteps.set(step, (anySteps.get(step) ?? 0) + 1);
        if (previousOpens && indent.length > previousIndent) widths.set(step, (widths.get(step) ?? 0) + 1);
        if (previousBrace && indent.length > previousIndent) braceWidths.set(step, (braceWidths.get(step) ?? 0) + 1);
      }
    }
    if (!indent.startsWith('\t')) previousIndent = indent.length;
    const code = trimmed.replace(/\s+\/\/.*$/, '');
    previousOpens = OPENS_BLOCK.test(code);
    previousBrace = code.endsWith('{');
  }

  // one simple parameter: `(x) =>` against `x =>` (an identifier right before the arrow)
  const parenthesised = (source.match(/\(\s*[A-Za-z_$][\w$]*\s*\)\s*=>/g) ?? []).length;
  const bare = (source.match(/(?<![\w$.])[A-Za-z_$][\w$]*\s*=>/g) ?? []).length;

  let tabWidth = 2;
  let best = 0;
  for (const [width, count] of braceWidths.size > 0 ? braceWidths : widths.size > 0 ? widths : anySteps) {
    if (count > best) {
      best = count;
      tabWidth = width;
    }
  }

  return {
    quote: double > single ? 'double' : 'single',
    semicolons: !(withoutSemi > withSemi),
    useTabs: tabs > spaces,
    tabWidth,
    lineTerminator: crlf > lf ? '\r\n' : '\n',
    arrowParens: bare > parenthesised ? 'avoid' : 'always',
  };
}
