// Maps a built file named by a handler string (`dist/app.handler`) back to the source the
// user edits (`src/app.ts`), through the `outDir` and `rootDir` of the nearest tsconfig.json.
import fs from 'node:fs';
import path from 'node:path';

export interface OutputLayout {
  /** Absolute directory the compiler writes to. */
  outDir: string;
  /** Absolute directories the sources may live in, most likely first. */
  sourceRoots: string[];
}

/** The outDir/rootDir layout of the tsconfig.json nearest to `dir` (searching up to `stopAt`). */
export function findOutputLayout(dir: string, stopAt: string): OutputLayout | null {
  for (let current = dir; ; current = path.dirname(current)) {
    const file = path.join(current, 'tsconfig.json');
    if (fs.existsSync(file)) {
      const options = readCompilerOptions(file, 0);
      if (!options.outDir) return null;
      const sourceRoots = options.rootDir
        ? [options.rootDir]
        : // without rootDir TypeScript uses the common root of the inputs: usually src/ or the project
          [path.join(current, 'src'), current];
      return { outDir: options.outDir, sourceRoots };
    }
    if (current === stopAt || path.dirname(current) === current) return null;
  }
}

interface PathOptions {
  outDir?: string;
  rootDir?: string;
}

/** compilerOptions.outDir/rootDir, absolute, following relative `extends` chains. */
function readCompilerOptions(file: string, depth: number): PathOptions {
  let config: any;
  try {
    config = JSON.parse(stripJsonComments(fs.readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
  const dir = path.dirname(file);
  const own: PathOptions = {};
  const compilerOptions = config?.compilerOptions ?? {};
  if (typeof compilerOptions.outDir === 'string') own.outDir = path.resolve(dir, compilerOptions.outDir);
  if (typeof compilerOptions.rootDir === 'string') own.rootDir = path.resolve(dir, compilerOptions.rootDir);
  const parents = typeof config?.extends === 'string' ? [config.extends] : Array.isArray(config?.extends) ? config.extends : [];
  let inherited: PathOptions = {};
  for (const parent of parents) {
    if (typeof parent !== 'string' || !parent.startsWith('.') || depth > 8) continue;
    const parentFile = path.resolve(dir, parent.endsWith('.json') ? parent : `${parent}.json`);
    inherited = { ...inherited, ...readCompilerOptions(parentFile, depth + 1) };
  }
  return { ...inherited, ...own };
}

/** tsconfig.json is JSON with comments and trailing commas. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
