// The output formats of `migrate --format`, by name. A new format is one file under this
// folder and one line here.
import { diffFormat } from './diff';
import { jsonFormat } from './json';
import { markdownFormat } from './markdown';
import { patchFormat } from './patch';
import { sarifFormat } from './sarif';
import { summaryFormat } from './summary';
import type { ReportFormat } from './types';

export type { RenderOptions, ReportFormat } from './types';

const FORMATS: ReportFormat[] = [
  diffFormat,
  patchFormat,
  jsonFormat,
  markdownFormat,
  sarifFormat,
  summaryFormat,
];

export function formatNames(): string[] {
  return FORMATS.map((f) => f.name);
}

export function getFormat(name: string): ReportFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}
