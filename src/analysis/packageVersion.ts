// The version of a package that a file will run with: read from the version installed in
// the nearest `node_modules` above the file, else from the lowest version the nearest
// `package.json` that depends on it allows. Null when neither says (dependencies not
// installed, the package declared elsewhere, a range such as `latest` or `*`).
import fs from 'node:fs';
import path from 'node:path';

const versions = new Map<string, [number, number] | null>();

/** The major and minor version of `pkg` that `filePath` will run with, or null. */
export function packageVersion(filePath: string, pkg: string): [number, number] | null {
  return versionIn(path.dirname(path.resolve(filePath)), pkg);
}

function versionIn(dir: string, pkg: string): [number, number] | null {
  const key = `${pkg}\0${dir}`;
  const known = versions.get(key);
  if (known !== undefined) return known;
  let found: [number, number] | null = null;
  const installed = readJson(path.join(dir, 'node_modules', pkg, 'package.json'));
  if (installed) {
    found = majorMinor(installed.version);
  } else {
    const manifest = readJson(path.join(dir, 'package.json'));
    const range = manifest && ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].map((field) => manifest[field]?.[pkg]).find((r) => typeof r === 'string');
    if (range) found = majorMinor(range);
    else if (path.dirname(dir) !== dir) found = versionIn(path.dirname(dir), pkg);
  }
  versions.set(key, found);
  return found;
}

/** `2.8.1`, `^1.18.0`, `~2.3`, `>=2.8.0 <3`, `2.x` → the first major and minor written. */
function majorMinor(version: unknown): [number, number] | null {
  const m = typeof version === 'string' ? /(\d+)(?:\.(\d+|[xX*]))?/.exec(version) : null;
  if (!m) return null;
  return [Number(m[1]), m[2] === undefined || /[xX*]/.test(m[2]) ? 0 : Number(m[2])];
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
