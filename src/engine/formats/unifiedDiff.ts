// Unified diff text for one changed file. Lines keep their own endings (a CRLF file's
// lines end in \r in the patch, as git writes them) and a missing final newline is marked,
// so that applying the patch gives the written file byte for byte.
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';

export function unifiedHunks(before: string, after: string): string {
  return formatPatch(structuredPatch('a', 'b', before, after, undefined, undefined, { context: 3 }), OMIT_HEADERS);
}

/** git's quoting of a path in patch headers: C-style escapes and octal bytes inside double
 * quotes, for paths with quotes, backslashes, control or non-ASCII characters. */
export function quoteGitPath(name: string): string {
  if (!/[\x00-\x1f"\\\x7f-\uffff]/.test(name)) return name;
  const escapes: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x09: '\\t', 0x0a: '\\n' };
  let out = '"';
  for (const byte of Buffer.from(name, 'utf8')) {
    if (escapes[byte]) out += escapes[byte];
    else if (byte < 0x20 || byte >= 0x7f) out += '\\' + byte.toString(8).padStart(3, '0');
    else out += String.fromCharCode(byte);
  }
  return out + '"';
}
