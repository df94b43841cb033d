// The cheap text test run on every file before any parsing: can this text hold a handler
// at all? It only rules files out when no parse could find a handler in them, so a file
// it lets through may still hold none (the parse decides), but a file it rules out never
// does. In a monorepo most files are libraries, tests and scripts that this rules out,
// which is most of a run's time saved.
//
// Why each test is safe, given how `findHandlers` finds handlers:
// - every export form it reads is spelled with the word `export` or `exports`
//   (`export ...`, `export =`, `exports.x`, `module.exports`);
// - with names (`--handler`, manifests), an export is found under its property path, whose
//   segments are written in the file (`exports.handler`, `{ handlers: { create } }`), except
//   `default`, which `module.exports = fn` exports without writing it;
// - without names, a handler is the export named `handler` or an exported function whose
//   first parameter is the identifier `event`: `(event`, `(/* c */ event`, `event =>`.
// Identifiers may be written with escapes (`\u0065vent`) and export names as strings with
// escapes or line continuations (`{ "\x68andler": fn }`); a file holding any is tested a
// second time with them decoded.

const EXPORT_WORD = /\bexports?\b/;
const HANDLER_WORD = /\bhandler\b/;
// A block comment is matched up to its first `*/` and no further (`[\s\S]*?` would let
// a failed match retry up to every later `*/` in the file: quadratic on big files).
const BLOCK_COMMENT = String.raw`\/\*(?:[^*]|\*(?!\/))*\*\/`;
const LINE_COMMENT = String.raw`\/\/[^\n]*\n`;
/** `(` then whitespace and comments, then `event` as a whole identifier. */
const EVENT_FIRST_PARAMETER = new RegExp(String.raw`\((?:\s|${BLOCK_COMMENT}|${LINE_COMMENT})*event(?![\w$])`);
/** `event =>`, the one parameter of an arrow function written without parentheses. */
const EVENT_ARROW_PARAMETER = new RegExp(String.raw`(?<![\w$])event(?:\s|${BLOCK_COMMENT})*=>`);
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
  return HANDLER_WORD.test(source) || EVENT_FIRST_PARAMETER.test(source) || EVENT_ARROW_PARAMETER.test(source);
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
