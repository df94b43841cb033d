// Build output of TypeScript sources in the same run: `build/src/app.js` next to `src/app.ts`
// when tsc writes into a folder git does not ignore. The source is migrated; its built copy
// is not (it is overwritten at the next build). Decided from paths: the nearest tsconfig
// whose outDir holds the file maps it back to a TypeScript source under its rootDir, which
// the run also holds (tsconfigs read once per directory). A file whose source is not in the
// run (`migrate build/`) is left to the rest of the pipeline, as before. A built file outside
// any outDir is recognised later, by its sourceMappingURL (see builtFromSourceMap).
import fs from 'node:fs';
import path from 'node:path';
import type { DiscoveredFile } from './discover';
import { sourceFromMap } from './manifests';
import { layoutsAt, type OutputLayout } from './tsconfig';

const BUILT_EXTENSIONS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};
const TYPESCRIPT = new Set(['.ts', '.tsx', '.mts', '.cts']);

export interface BuiltCopies {
  /** The files of the run that are build output of a TypeScript source in it, by the
   * tsconfig (or `sourceMappingURL`) that says so. */
  byOrigin: Map<string, { outDir?: string; count: number }>;
  /** Every path under which a file of the run is known (as reached and real). */
  inRun: Set<string>;
}

/** Splits the run's files into those migrated and the built copies of TypeScript sources
 * the run also holds. */
export function separateBuiltCopies(files: DiscoveredFile[], stopAt: string, counted: (abs: string) => boolean = () => true, listed?: Map<string, string[]>): { files: DiscoveredFile[]; built: BuiltCopies } {
  const inRun = new Set<string>();
  for (const f of files) {
    inRun.add(f.path);
    inRun.add(f.realPath);
  }
  const built: BuiltCopies = { byOrigin: new Map(), inRun };
  // no TypeScript in the run: nothing in it is built from a source in it
  if (!files.some((f) => TYPESCRIPT.has(path.extname(f.path)))) return { files, built };
  const layouts = layoutsAt(stopAt, listed);
  const kept = files.filter((file) => {
    const targets = BUILT_EXTENSIONS[path.extname(file.path)];
    if (!targets) return true;
    const layout = layouts(path.dirname(file.path)).find((l) => isUnder(file.path, l.outDir));
    if (!layout || !sourceOf(file.path, layout, targets, inRun)) return true;
    if (counted(file.path)) count(built, layout.config, layout.outDir);
    return false;
  });
  return { files: kept, built };
}

/** The TypeScript source, in the run, that a built JavaScript file's source map names. */
export function builtFromSourceMap(file: DiscoveredFile, text: string, built: BuiltCopies): string | null {
  if (!BUILT_EXTENSIONS[path.extname(file.path)] || !text.includes('sourceMappingURL')) return null;
  const source = sourceFromMap(file.realPath, path.parse(file.realPath).root);
  return source && TYPESCRIPT.has(path.extname(source)) && built.inRun.has(source) ? source : null;
}

/** The origin under which built files recognised by their source maps are counted. */
export const SOURCE_MAPS = 'source maps';

export function count(built: BuiltCopies, origin: string, outDir?: string): void {
  const entry = built.byOrigin.get(origin) ?? { outDir, count: 0 };
  entry.count++;
  built.byOrigin.set(origin, entry);
}

/** One note per tsconfig (or one for source maps): how many built files were not migrated, and why. */
export function builtCopiesNotes(built: BuiltCopies, shown: (abs: string) => string): string[] {
  return [...built.byOrigin.entries()].map(([origin, { outDir, count: n }]) => {
    const files = n === 1 ? '1 built file' : `${n} built files`;
    return origin !== SOURCE_MAPS
      ? `${files} in ${shown(outDir!)}/ (outDir of ${shown(origin)}) not migrated: ${n === 1 ? 'it is' : 'they are'} tsc output of TypeScript sources in this run, which are migrated instead`
      : `${files} not migrated: ${n === 1 ? 'its source map names a TypeScript source' : 'their source maps name TypeScript sources'} in this run, which ${n === 1 ? 'is' : 'are'} migrated instead`;
  });
}

function sourceOf(file: string, layout: OutputLayout, targets: string[], inRun: Set<string>): string | null {
  const relative = path.relative(layout.outDir, file);
  const stem = relative.slice(0, relative.length - path.extname(relative).length);
  for (const root of layout.sourceRoots) {
    for (const ext of targets) {
      const candidate = path.join(root, stem + ext);
      if (inRun.has(candidate)) return candidate;
      // reached through a link: the run knows the source by its real path
      if (fs.existsSync(candidate) && inRun.has(fs.realpathSync(candidate))) return candidate;
    }
  }
  return null;
}

function isUnder(file: string, dir: string): boolean {
  return file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
