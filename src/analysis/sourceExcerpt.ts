// Code quoted in a report message: the text the user wrote (recast keeps each parsed
// node's source lines), on one line and shortened, so that a message names
// `state.items` rather than an AST node type.

/** The source text of a parsed node as written, or null for a node built by a transform. */
export function originalText(node: any): string | null {
  const loc = node?.loc;
  if (!loc?.lines || !loc.start || !loc.end) return null;
  return loc.lines.slice(loc.start, loc.end).toString();
}

/** `node`'s source on one line, cut to about `max` characters: for messages. */
export function sourceExcerpt(node: any, max = 40): string {
  const text = (originalText(node) ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return 'this expression';
  return shortened(text, max);
}

const WORD = /[\w$]/;

/** `text` cut to at most `max` characters, `...` included, at a token boundary: never inside a
 * name or a number (`cachedAt < CACHE_TTL` becomes `cachedAt <...`, not `cachedAt < CACH...`). */
export function shortened(text: string, max = 40): string {
  if (text.length <= max) return text;
  let cut = max - 3;
  // back off to the start of a word the cut would split
  if (WORD.test(text[cut]) && WORD.test(text[cut - 1])) {
    while (cut > 0 && WORD.test(text[cut - 1])) cut--;
    // a text that is one long word: cut it after all
    if (cut === 0) cut = max - 3;
  }
  return `${text.slice(0, cut).trimEnd()}...`;
}

/** The line a node at `path` is on: a node the parser made without a position (the value of
 * a shorthand property, `{ state }`) takes it from the nearest node around it that has one. */
export function lineOf(path: { node: any; parent: any } | null): number {
  for (let p = path; p; p = p.parent) if (p.node?.loc) return p.node.loc.start.line;
  return 0;
}
