// Builds the benchmark's source tree: real JavaScript (the .js files of this repository's
// own node_modules, copied under vendor/, where nothing ignores them) with one handler
// module in ten taken from the transforms' fixtures (services/). The same inputs always
// give the same tree, so runs on one machine can be compared.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.join(__dirname, '..');
/** The tool skips larger files (MAX_FILE_BYTES); the tree holds only files it reads. */
const MAX_FILE_BYTES = 1024 * 1024;
const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);

/** Every .js file under node_modules, in code-point order of its path. */
function vendorFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile() && entry.name.endsWith('.js') && fs.statSync(abs).size <= MAX_FILE_BYTES) out.push(abs);
    }
  };
  walk(path.join(REPO, 'node_modules'));
  return out;
}

/** The fixtures' handler modules (inputs only: what a user's code looks like before migrating). */
function fixtureHandlers() {
  const root = path.join(REPO, '__testfixtures__');
  const out = [];
  for (const transform of fs.readdirSync(root).sort()) {
    const dir = path.join(root, transform);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (/\.input\.[cm]?[jt]sx?$/.test(name)) out.push(path.join(dir, name));
    }
  }
  return out;
}

/** `count` items spread evenly over `list` (every package contributes, not only the first few). */
function spread(list, count) {
  if (count >= list.length) return list.slice();
  const out = [];
  for (let i = 0; i < count; i++) out.push(list[Math.floor((i * list.length) / count)]);
  return out;
}

/**
 * Writes a tree of `files` source files into `dir` (emptied first). One file in ten is a
 * handler module copied from the fixtures; vendor files are reused when the tree asks for
 * more than node_modules holds. Returns the tree's files, absolute, in the order written.
 */
function buildTree(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const handlerCount = Math.floor(files / 10);
  const vendorCount = files - handlerCount;
  const vendor = vendorFiles();
  const handlers = fixtureHandlers();
  const written = [];
  const copy = (from, to) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    written.push(to);
  };

  const rounds = Math.ceil(vendorCount / vendor.length);
  for (let round = 0; round < rounds; round++) {
    const chosen = spread(vendor, Math.min(vendor.length, vendorCount - round * vendor.length));
    const base = path.join(dir, rounds === 1 ? 'vendor' : `vendor-${round + 1}`);
    // nested node_modules/ folders are renamed: the tool never looks inside node_modules
    for (const file of chosen) copy(file, path.join(base, path.relative(path.join(REPO, 'node_modules'), file).split(path.sep).map((part) => (part === 'node_modules' ? 'deps' : part)).join(path.sep)));
  }
  for (let i = 0; i < handlerCount; i++) {
    const fixture = handlers[i % handlers.length];
    const [transform, name] = path.relative(path.join(REPO, '__testfixtures__'), fixture).split(path.sep);
    const ext = path.extname(name);
    const service = `service-${String(i + 1).padStart(4, '0')}`;
    const target = path.join(dir, 'services', service, `${transform}-${name.replace(/\.input\.[^.]+$/, '')}`, `handler${ext}`);
    copy(fixture, target);
    // no two handler modules alike: a run must not profit from identical files
    fs.appendFileSync(target, `\n// ${service}\n`);
  }
  return written.filter((f) => SOURCE_EXTENSIONS.has(path.extname(f)));
}

module.exports = { buildTree };
