// The floor the benchmark compares against: read every file of the tree and parse it
// once with @babel/parser, on one thread, doing nothing else. Started as its own process
// (like the other two measurements), so loading the parser is part of its time.
// Usage: node bench/floor.js FILE_LIST   (one absolute path a line)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@babel/parser');

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

function pluginsFor(file) {
  const ext = path.extname(file);
  if (ext === '.tsx') return ['typescript', 'jsx'];
  if (TYPESCRIPT.has(ext)) return ['typescript'];
  return ['jsx'];
}

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let parsed = 0;
let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    parse(text, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, errorRecovery: true, plugins: pluginsFor(file) });
    parsed++;
  } catch {
    failed++;
  }
}
process.stdout.write(JSON.stringify({ parsed, failed }) + '\n');
