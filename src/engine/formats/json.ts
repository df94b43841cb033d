// `--format json`: the run as data for other tools. The shape is described by
// schema/report.schema.json (shipped in the package) and versioned: `version` changes only
// when a field changes meaning or goes away; fields may be added within a version.
import path from 'node:path';
import type { Finding, TransformName } from '../../analysis/types';
import { packageInfo } from '../packageInfo';
import type { FileResult, MigrateResult } from '../results';
import type { ReportFormat } from './types';
import { unifiedHunks } from './unifiedDiff';

export const JSON_REPORT_VERSION = 1;

export interface JsonFinding {
  transform: TransformName;
  kind: string;
  line: number;
  column: number;
  message: string;
  /** A review item said for the record (see Finding.informational). */
  informational?: true;
}

export interface JsonFile {
  path: string;
  handlers: string[];
  changed: boolean;
  written: boolean;
  changes: JsonFinding[];
  review: JsonFinding[];
  error: { message: string; line: number; column: number } | null;
  diff: string | null;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  wrote: boolean;
  transforms: TransformName[];
  manifests: string[];
  summary: {
    filesScanned: number;
    handlerModules: number;
    filesChanged: number;
    changesByTransform: Record<string, number>;
    reviewItems: number;
    errors: number;
    skipped: number;
  };
  files: JsonFile[];
  skipped: { path: string; reason: string; unprocessed: boolean }[];
  notes: string[];
}

export function toJsonReport(result: MigrateResult): JsonReport {
  const { summary } = result;
  // every transform that ran has a count, so a reader never has to tell "0" from "absent"
  const changesByTransform: Record<string, number> = {};
  for (const name of result.transforms) changesByTransform[name] = summary.changesByTransform[name] ?? 0;
  const tool = packageInfo();
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: tool.name, version: tool.version },
    wrote: result.wrote,
    transforms: [...result.transforms],
    manifests: result.manifests.map(portablePath),
    summary: {
      filesScanned: summary.filesScanned,
      handlerModules: summary.handlerModules,
      filesChanged: summary.filesChanged,
      changesByTransform,
      reviewItems: summary.reviewItems,
      errors: summary.errors,
      skipped: summary.skipped,
    },
    files: result.files.map(jsonFile),
    skipped: result.skipped.map((s) => ({ path: portablePath(s.path), reason: s.reason, unprocessed: s.unprocessed === true })),
    notes: [...result.notes],
  };
}

function jsonFile(file: FileResult): JsonFile {
  const shown = portablePath(file.path);
  const changed = file.changed && !file.error;
  return {
    path: shown,
    handlers: [...file.handlers],
    changed,
    written: file.written === true,
    changes: inLineOrder(file.changes).map(jsonFinding),
    review: inLineOrder(file.review).map(jsonFinding),
    error: file.error ? { message: file.error.message, line: file.error.line, column: file.error.column } : null,
    diff: changed ? `--- a/${shown}\n+++ b/${shown}\n${unifiedHunks(file.before!, file.after!)}` : null,
  };
}

function jsonFinding(finding: Finding): JsonFinding {
  return { transform: finding.transform, kind: finding.kind, line: finding.line, column: finding.column, message: finding.message, ...(finding.informational && { informational: true as const }) };
}

export function inLineOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Forward slashes on every platform, so reports compare equal across machines. */
export function portablePath(shown: string): string {
  return shown.split(path.sep).join('/');
}

export const jsonFormat: ReportFormat = {
  name: 'json',
  description: 'the results as JSON (schema/report.schema.json): per file its handlers, changes, review items and errors',
  render: (result) => `${JSON.stringify(toJsonReport(result), null, 2)}\n`,
};
