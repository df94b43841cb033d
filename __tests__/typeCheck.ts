// tsc --strict over migrated TypeScript files, as the tests that promise migrated code still
// type-checks run it: the compiler's complaints, or '' when there are none.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const REPO = path.join(__dirname, '..');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

export function typeCheckErrors(files: string[], cwd: string): string {
  const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', path.join(REPO, 'node_modules', '@types'), ...files];
  try {
    execFileSync(process.execPath, [TSC, ...args], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error: any) {
    return `${error.stdout}${error.stderr}`;
  }
}
