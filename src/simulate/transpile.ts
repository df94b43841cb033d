// TypeScript and JSX for the handler's process, through esbuild (the runner registers it
// for `require`, and hooks.ts for `import`).
import fs from 'node:fs';
import path from 'node:path';
import { transformSync, type Loader, type TransformOptions } from 'esbuild';
import { transpileOptionsFor } from '../engine/tsconfig';

/** Extensions Node cannot load by itself, with the esbuild loader for each. */
export const TRANSPILED_EXTENSIONS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
};

export function needsTranspiling(file: string): boolean {
  return path.extname(file).toLowerCase() in TRANSPILED_EXTENSIONS;
}

/** The file as JavaScript in the given module format, with an inline source map so that
 * stack traces point at the original lines. The nearest tsconfig.json's options that change
 * the output are followed, as the user's build does: `experimentalDecorators` above all
 * (Powertools' `@logger.injectLambdaContext()` style), which compiles to other code than
 * standard decorators. */
export function transpile(file: string, format: 'esm' | 'cjs'): string {
  const loader = TRANSPILED_EXTENSIONS[path.extname(file).toLowerCase()];
  const compilerOptions = transpileOptionsFor(file);
  // JSX left as it is (`preserve`, for a bundler after tsc) is no code Node can run
  if (compilerOptions.jsx === 'preserve' || compilerOptions.jsx === 'react-native') delete compilerOptions.jsx;
  const result = transformSync(fs.readFileSync(file, 'utf8'), {
    loader,
    format,
    sourcefile: file,
    sourcemap: 'inline',
    target: `node${process.versions.node.split('.')[0]}`,
    tsconfigRaw: { compilerOptions } as TransformOptions['tsconfigRaw'],
    // the automatic runtime unless the project says how it compiles JSX
    ...(compilerOptions.jsx === undefined ? { jsx: 'automatic' as const } : {}),
  });
  return result.code;
}

/** TypeScript sources are imported under the name of their output (`./db.js` for
 * `db.ts`) or without an extension (bundler style); the files to try, in order. */
export function typeScriptCandidates(specifier: string): string[] {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return [];
  const extension = path.posix.extname(specifier);
  const stem = specifier.slice(0, specifier.length - extension.length);
  switch (extension) {
    case '.js':
    case '.jsx':
      return [`${stem}.ts`, `${stem}.tsx`];
    case '.mjs':
      return [`${stem}.mts`];
    case '.cjs':
      return [`${stem}.cts`];
    case '':
      return [`${specifier}.ts`, `${specifier}.tsx`, `${specifier}/index.ts`, `${specifier}.js`, `${specifier}/index.js`];
    default:
      return [];
  }
}
