// Independent checks of what the tool wrote: the text parses with the parser the spec
// names for the file's extension, and every comment of the original is still there.
// @babel/parser is called directly here (not through the tool's own parse path), with
// the plugins each kind of file needs.
import { parse, type ParserPlugin } from '@babel/parser';
import path from 'node:path';

function pluginsFor(file: string): ParserPlugin[] {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tsx') return ['typescript', 'jsx', 'decorators-legacy'];
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return ['typescript', 'decorators-legacy'];
  return ['jsx', 'decorators-legacy'];
}

/** Parses `text` as the file's kind of source; throws a SyntaxError naming the file. */
export function parseSource(file: string, text: string) {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return parse(body, {
      sourceType: 'unambiguous',
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      errorRecovery: false,
      plugins: pluginsFor(file),
    });
  } catch (error: any) {
    throw new SyntaxError(`${file}: ${error.message}`);
  }
}

/** The text of each comment in the file, in order. */
export function commentsOf(file: string, text: string): string[] {
  return (parseSource(file, text).comments ?? []).map((c) => c.value.trim());
}
