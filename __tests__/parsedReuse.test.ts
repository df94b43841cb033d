// The engine hands applyTransforms the tree its handler scan already parsed; the result
// must be exactly what a fresh parse gives, also where recast reads the text differently
// from the parser (tabs, CRLF line ends, BOM, shebang).
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../src/analysis/applyTransforms';
import { rawParser } from '../src/analysis/parser';
import { TRANSFORM_ORDER } from '../src/analysis/types';
import { LARGE_FILE, scanForHandlers } from '../src/engine/scanHandlers';
import { transformFile } from '../src/engine/transformFile';
import { loadTransform } from '../transforms';

const transforms = TRANSFORM_ORDER.map(loadTransform);
const body = (text: string) => text.replace(/^\uFEFF/, '').replace(/^#!/, '//');

const sources: Record<string, string> = {
  tabs: 'let seen = []\nexports.handler = async (event) => {\n\tseen.push(event.id)\n\treturn seen.length\n}\n',
  crlf: 'let seen = [];\r\nexports.handler = async (event) => {\r\n  seen.push(event.id);\r\n  return seen.length;\r\n};\r\n',
  bomAndShebang: '\uFEFF#!/usr/bin/env node\nlet seen = [];\nexports.handler = async (event) => {\n  seen.push(event.id);\n  return seen.length;\n};\n',
  fixture: fs.readFileSync(path.join(__dirname, '..', '__testfixtures__', 'globals', 'tabs-no-semicolons.input.js'), 'utf8'),
};

describe.each(Object.entries(sources))('%s', (_name, text) => {
  it('gives the same result from the scanned tree as from a fresh parse', () => {
    const fresh = applyTransforms(text, 'handler.js', { transforms });
    const reused = applyTransforms(text, 'handler.js', { transforms, parsed: rawParser('babel').parse(body(text)) });
    expect(fresh.error).toBeUndefined();
    expect(fresh.output).not.toBeNull();
    expect(reused).toEqual(fresh);
  });
});

describe('a file larger than the scan parses with tokens', () => {
  const filler = `// ${'x'.repeat(100)}\n`.repeat(Math.ceil(LARGE_FILE / 100));
  const large = `${filler}let seen = [];\nexports.handler = async (event) => {\n  seen.push(event.id);\n  return seen.length;\n};\n`;

  it('is scanned without handing its tree on, and migrates as from a fresh parse', () => {
    expect(large.length).toBeGreaterThan(LARGE_FILE);
    expect(scanForHandlers(large, 'handler.js', undefined)).toBe(true);
    const result = transformFile({ id: 0, path: 'handler.js', text: large }, transforms, {});
    expect(result.output).not.toBeNull();
    expect(result.output!.startsWith(filler)).toBe(true);
    expect(result).toEqual(applyTransforms(large, 'handler.js', { transforms }));
  });

  it('is ruled out when it exports no handler', () => {
    expect(scanForHandlers(`${filler}function f(event) {}\nexports.run = () => f;\n`, 'lib.js', undefined)).toBe(false);
  });
});
