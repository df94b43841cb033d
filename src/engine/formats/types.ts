import type { MigrateResult } from '../results';

export interface RenderOptions {
  /** ANSI colours (a terminal that wants them). */
  color: boolean;
}

/** One output format of `migrate --format`. Adding a format is one file exporting one of
 * these, plus its line in ./index.ts. */
export interface ReportFormat {
  name: string;
  /** One line, for `--help`. */
  description: string;
  render(result: MigrateResult, options: RenderOptions): string;
}
