// The package's own name and version, for reports that name the tool (JSON, SARIF). Read
// from the package.json found above this file, which works from src/ and from dist/src/.
import fs from 'node:fs';
import path from 'node:path';

export interface PackageInfo {
  name: string;
  version: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (manifest.name !== 'lambda-clean-slate') continue;
    cached = { name: manifest.name, version: manifest.version };
    return cached;
  }
  cached = { name: 'lambda-clean-slate', version: 'unknown' };
  return cached;
}
