// Where the runner process script and its ESM loader hooks are. The build compiles them
// next to this file; when the TypeScript sources run directly (the tests), esbuild bundles
// them once into node_modules/.cache, keyed by the sources' content.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

export interface RunnerScripts {
  runner: string;
  hooks: string;
}

let located: RunnerScripts | undefined;

export function runnerScripts(): RunnerScripts {
  if (!located) {
    const compiled = path.join(__dirname, 'runner.js');
    located = fs.existsSync(compiled) ? { runner: compiled, hooks: path.join(__dirname, 'hooks.js') } : bundleFromSources();
  }
  return located;
}

/** Modules outside this folder that the runner or its hooks import (paths from here). */
const BUNDLED_FROM_ELSEWHERE = ['../analysis/moduleResolution.ts', '../engine/tsconfig.ts'];

function bundleFromSources(): RunnerScripts {
  // this folder's sources, and those of other folders that the bundles take in
  const sources = [...fs.readdirSync(__dirname).filter((name) => name.endsWith('.ts')).sort(), ...BUNDLED_FROM_ELSEWHERE];
  const hash = createHash('sha256');
  for (const name of sources) hash.update(name).update(fs.readFileSync(path.join(__dirname, name)));
  // inside the package's node_modules, so that the bundles still find esbuild
  const directory = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'lambda-clean-slate', `runner-${hash.digest('hex').slice(0, 16)}`);
  const scripts = { runner: path.join(directory, 'runner.cjs'), hooks: path.join(directory, 'hooks.cjs') };
  if (fs.existsSync(scripts.runner)) return scripts;

  // built beside and renamed into place: parallel test workers never see half a bundle
  const staging = `${directory}.${process.pid}`;
  buildSync({
    entryPoints: { runner: path.join(__dirname, 'runner.ts'), hooks: path.join(__dirname, 'hooks.ts') },
    outdir: staging,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
  });
  try {
    fs.renameSync(staging, directory);
  } catch {
    // another process put the same bundles there first
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return scripts;
}
