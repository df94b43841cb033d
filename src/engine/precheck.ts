// The cheap text test run on every file before any parsing: can this text hold a handler
// at all? It only rules files out when no parse could find a handler in them, so a file
// it lets through may still hold none (the parse decides), but a file it rules out never
// does. In a monorepo most files are libraries, tests and scripts that this rules out,
// which is most of a run's time saved.
//
// Why each test is safe, given how `findHandlers` finds handlers:
// - every export form it reads is spelled with the word `export` or `exports`
//   (`export ...`, `export =`, `exports.x`, `module.exports`), and so is the export of an
//   object whose properties the module assigns (`module.exports = handlers`, then `handlers.x = fn`),
//   also when the exports object is held in a name (`var api = exports`, `const api = module.exports`);
// - with names (`--handler`, manifests), an export is found under its property path, whose
//   segments are written in the file (`exports.handler`, `{ handlers: { create } }`), except
//   `default`, which `module.exports = fn` exports without writing it;
// - without names, a handler is the export named `handler` or an exported function whose
//   first parameter is the identifier `event`: `(event`, `(/* c */ event`, `event =>`, and
//   a parameter is followed by `)`, `,`, a default or a type, never by `.` or `===`;
// - a `handler` key is never a direct element of a parenthesised list (`f(a, handler)`).
// Identifiers may be written with escapes (`\u0065vent`) and export names as strings with
// escapes or line continuations (`{ "\x68andler": fn }`); a file holding any is tested a
// second time with them decoded.

const EXPORT_WORD = /\bexports?\b/;
/** Whitespace or a comment, which may stand wherever a pattern below has `_` (written as `_`
 * to keep the patterns readable): `export /* the entry point *\/ const handler`. */
// a line comment runs to the end of its line (the lookahead): `////` cannot also be read as
// two comments, which would make the pattern try exponentially many splits of a `////` banner
const GAP = String.raw`(?:\s|\/\*(?:[^*]|\*(?!\/))*\*\/|\/\/[^\n\r\u2028\u2029]*(?=[\n\r\u2028\u2029]|$))`;
function gapped(pattern: string): RegExp {
  return new RegExp(pattern.replace(/_/g, GAP));
}
const HANDLER_WORD = /\bhandler\b/;
/** `event` as a whole identifier (`$` and word characters continue an identifier). */
const EVENT_WORD = /(?<![\w$])event(?![\w$])/g;
const LINE_END = /[\n\r\u2028\u2029]/;
const ANY_ESCAPE = /\\[ux0-7\r\n\u2028\u2029]/;
const ESCAPE = /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-7]{1,3})|\r\n|[\r\n\u2028\u2029])/g;

/**
 * False when the text cannot hold a handler module: it exports nothing, or nothing that
 * could be a handler under `names` (absent: the default rule, `handler` or an `event`
 * first parameter).
 */
export function mayHoldHandler(text: string, names?: string[]): boolean {
  return textMayHoldHandler(text, names) || (ANY_ESCAPE.test(text) && textMayHoldHandler(decodeEscapes(text), names));
}

function textMayHoldHandler(source: string, names: string[] | undefined): boolean {
  if (!EXPORT_WORD.test(source)) return false;
  if (names && names.length > 0) return names.some((name) => namedSegmentsPresent(source, name));
  return (HANDLER_WORD.test(source) && exportsHandlerName(source)) || hasEventParameter(source);
}

/** The export forms under which `findHandlers` can find an export named `handler`:
 * `exports.handler` / `module.exports.handler`, `export const|let|var|function handler`,
 * `export { x as handler }`, and a `handler` key of an object literal when the module
 * assigns `module.exports` or `export =` (the object may be bound to a name first). Many
 * libraries mention a `handler` without exporting one; they are ruled out here instead
 * of being parsed. */
const HANDLER_EXPORT_FORMS = [
  gapped(String.raw`\bexports_*\._*handler\b`),
  gapped(String.raw`\bexports_*\[_*(['"\x60])handler\1_*\]`),
  gapped(String.raw`\bexport_+(?:declare_+)?(?:async_+)?(?:function\b_*\*?|const\b|let\b|var\b)_*handler\b`),
  gapped(String.raw`\bexport_*(?:type_*)?\{[^}]*\bhandler\b`),
];
const WHOLE_MODULE_EXPORT = gapped(String.raw`\bmodule_*\._*exports_*=|\bexport_*=`);
/** `var api = exports`, `const api = module.exports`: the exports object held in a name,
 * whose properties the module then assigns (`api.handler = fn`). */
const EXPORTS_OBJECT_HELD = gapped(String.raw`(?<![=!<>])=_*(?:module_*\._*)?exports\b(?!_*[.[])`);
/** `{ handler }`, `handler: fn`, `async handler(`, `'handler': fn`: what a key or a shorthand
 * looks like from its right (what stands left of it may be a comment). */
const HANDLER_KEY = /(?<![\w$.])(['"]?)handler\1\s*(?:[,}:(<]|\/[/*])/g;
/** `handlers.handler = fn`, `handlers['handler'] = fn`: a property assigned to an object the
 * module exports whole (`module.exports = handlers`). */
const HANDLER_MEMBER_ASSIGNMENT = gapped(String.raw`(?:\._*handler|\[_*(['"\x60])handler\1_*\])_*=(?![=>])`);

/** `export const config = {...}, handler = ...`: a later declarator of an exported declaration. */
const EXPORTED_DECLARATION = gapped(String.raw`\bexport_+(?:declare_+)?(?:const|let|var)\b`);
const HANDLER_DECLARATOR = gapped(String.raw`(?<![\w$.])handler_*(?::(?:[^=;]|=>)*)?=(?![=>])`);

function exportsHandlerName(source: string): boolean {
  if (HANDLER_EXPORT_FORMS.some((form) => form.test(source))) return true;
  if (EXPORTED_DECLARATION.test(source) && HANDLER_DECLARATOR.test(source)) return true;
  if (!WHOLE_MODULE_EXPORT.test(source) && !EXPORTS_OBJECT_HELD.test(source)) return false;
  if (HANDLER_MEMBER_ASSIGNMENT.test(source)) return true;
  for (const match of source.matchAll(HANDLER_KEY)) if (!inParenthesisedList(source, match.index!)) return true;
  return false;
}

/** True when the `handler` at `start` is surely an element of a parenthesised list, a
 * parameter or an argument (`function TryStatement(block, handler, finalizer)`,
 * `on('handler', fn)`), and so no object key: only names, whitespace and commas stand
 * between it and the `(`. Anything else on the way (`{`, `:`, a quote, a comment) leaves
 * it possible. A line ending in a // comment may hide anything, so crossing into one
 * leaves it possible too. */
function inParenthesisedList(source: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = source[i];
    if (c === '(') return true;
    if (LINE_END.test(c)) {
      if (lineAboveHasComment(source, i)) return false;
    } else if (!/[\w$\s,]/.test(c)) {
      return false;
    }
  }
  return false;
}

/** The line that ends at the line break `end` holds `//`: it may end in a comment, which a
 * walk backwards cannot tell from code. */
function lineAboveHasComment(source: string, end: number): boolean {
  let lineStart = end - 1;
  while (lineStart >= 0 && !LINE_END.test(source[lineStart])) lineStart--;
  return source.slice(lineStart + 1, end).includes('//');
}

/** `(event`, `( /* c *\/ event`, `event =>`: an `event` that can be a first parameter. Walks
 * from each `event` over the whitespace and comments beside it (a regex that skips comments
 * from every `(` retries to the end of the file after each unclosed one: quadratic). */
function hasEventParameter(source: string): boolean {
  // TypeScript's `this` parameter comes before the first real one: `(this: void, event`
  const thisParameter = THIS_PARAMETER.test(source);
  for (const match of source.matchAll(EVENT_WORD)) {
    const end = match.index! + 'event'.length;
    const opens = parenthesisBefore(source, match.index!) || (thisParameter && commaBefore(source, match.index!));
    if ((opens && parameterAfter(source, end)) || arrowAfter(source, end)) return true;
  }
  return false;
}

const THIS_PARAMETER = /\(\s*this\s*[:,)]/;

/** A `,` before `end`, past whitespace (a cautious stand-in for `(this: T, event`). */
function commaBefore(source: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && /\s/.test(source[i])) i--;
  return source[i] === ',';
}

function parenthesisBefore(source: string, end: number): boolean {
  for (let i = end - 1; i >= 0; ) {
    const c = source[i];
    if (c === '(') return true;
    if (LINE_END.test(c)) {
      if (lineAboveHasComment(source, i)) return true;
      i--;
    } else if (/\s/.test(c)) {
      i--;
    } else if (c === '/' && source[i - 1] === '*') {
      // a block comment's start cannot be found walking backwards (`/* a /* b */` is one
      // comment): a comment here may well stand between `(` and `event`
      return true;
    } else {
      return false;
    }
  }
  return false;
}

/** What may follow a first parameter `event`: `)`, `,`, a default (`=`, not `==`), a type
 * (`:`, `?:`, `?`), or an arrow; not `.`, `[`, `==`, `&&` and the like, which make
 * `(event.type === 'x')` an expression. */
function parameterAfter(source: string, start: number): boolean {
  const i = skipSpace(source, start);
  const c = source[i];
  if (c === ')' || c === ',' || c === ':') return true;
  if (c === '=') return source[i + 1] !== '=';
  if (c === '?') return source[i + 1] !== '?' && source[i + 1] !== '.';
  return false;
}

/** The index of the first character at or after `start` that is not whitespace or a
 * comment (the length of the source when there is none, or a comment is not closed). */
function skipSpace(source: string, start: number): number {
  let i = start;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) return source.length;
      i = close + 2;
    } else if (c === '/' && source[i + 1] === '/') {
      i += 2;
      while (i < source.length && !LINE_END.test(source[i])) i++;
    } else {
      return i;
    }
  }
  return i;
}

function arrowAfter(source: string, start: number): boolean {
  const i = skipSpace(source, start);
  return source[i] === '=' && source[i + 1] === '>';
}

/** `handlers.create`: both segments are written somewhere in the file; `default` need not be. */
function namedSegmentsPresent(source: string, name: string): boolean {
  return name
    .split('.')
    .filter((segment) => segment !== 'default' && segment !== '')
    .every((segment) => source.includes(segment));
}

function decodeEscapes(text: string): string {
  return text.replace(ESCAPE, (escape, braced?: string, fourDigits?: string, twoDigits?: string, octal?: string) => {
    const digits = braced ?? fourDigits ?? twoDigits;
    // a line continuation stands for nothing
    const codePoint = digits !== undefined ? parseInt(digits, 16) : octal !== undefined ? parseInt(octal, 8) : -1;
    if (codePoint < 0) return '';
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : escape;
  });
}
