// `--format sarif`: SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif and
// other viewers). One rule per transform that ran; one result per change (level warning:
// the code needs migrating) and per review item that asks something of the reader (level
// note; one said for the record is left out); files that could not be
// processed are tool execution notifications. File URIs are relative to the repository
// root (the git work tree, else the working directory) through the SRCROOT base id.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, TransformName } from '../../analysis/types';
import { packageInfo } from '../packageInfo';
import type { FileResult, MigrateResult } from '../results';
import { describeTransforms } from '../transformCatalog';
import { inLineOrder } from './json';
import { plainText, RULE_HELP } from './sarifRules';
import { realPathOf, segmentsBelow } from './repositoryPaths';
import type { ReportFormat } from './types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = 'SRCROOT';

export function toSarif(result: MigrateResult): object {
  const root = realPathOf(result.gitRoot ?? result.cwd);
  const transforms = describeTransforms(result.transforms);
  const ruleIndex = new Map<TransformName, number>(transforms.map((t, i) => [t.name, i]));
  const tool = packageInfo();

  const results = result.files.flatMap((file) => {
    const location = artifactLocation(file, root);
    const entries = (findings: Finding[], level: 'warning' | 'note', describe: (message: string) => string) =>
      inLineOrder(findings).map((finding) => ({
        ruleId: finding.transform,
        ruleIndex: ruleIndex.get(finding.transform) ?? -1,
        level,
        message: { text: describe(finding.message) },
        locations: [{ physicalLocation: { artifactLocation: location, region: { startLine: finding.line, startColumn: finding.column } } }],
        properties: { kind: finding.kind, category: level === 'warning' ? 'change' : 'review' },
      }));
    const changeText = result.wrote ? (m: string) => `Changed: ${m}` : (m: string) => `Needs migrating: ${m} (apply with \`lambda-clean-slate migrate --write\`)`;
    // (a review item said for the record asks nothing: as an alert it would stay open after
    // the code is migrated)
    const asked = file.review.filter((finding) => !finding.informational);
    return [...entries(file.error ? [] : file.changes, 'warning', changeText), ...entries(asked, 'note', (m) => `For review: ${m}`)];
  });

  const errorNotifications = result.files
    .filter((file) => file.error)
    .map((file) => {
      const error = file.error!;
      const physicalLocation =
        error.line > 0
          ? { artifactLocation: artifactLocation(file, root), region: { startLine: error.line, startColumn: Math.max(1, error.column) } }
          : { artifactLocation: artifactLocation(file, root) };
      return { level: 'error', message: { text: `${file.path}: ${/left unchanged/.test(error.message) ? error.message : `${error.message} (left unchanged)`}` }, locations: [{ physicalLocation }] };
    })
    // paths the run meant to read and could not (binary, too large, a broken link): they fail it too
    .concat(
      result.skipped
        .filter((skipped) => skipped.unprocessed)
        .map((skipped) => ({ level: 'error', message: { text: `${skipped.path}: ${skipped.reason} (not processed)` }, locations: [{ physicalLocation: { artifactLocation: skippedLocation(skipped.path, result.cwd, root) } }] })),
    );

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(/^\d+\.\d+\.\d+/.test(tool.version) ? { semanticVersion: tool.version } : {}),
            rules: transforms.map(({ name, description }) => {
              const help = RULE_HELP[name];
              return {
                id: name,
                ...(help ? { name: help.name } : {}),
                shortDescription: { text: description },
                fullDescription: { text: help ? plainText(help.markdown.split('\n\n')[0]) : description },
                help: help ? { text: plainText(help.markdown), markdown: help.markdown } : { text: description },
                defaultConfiguration: { level: 'warning' },
                properties: { tags: ['aws-lambda', 'warm-start'] },
              };
            }),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        invocations: [{ executionSuccessful: errorNotifications.length === 0, toolExecutionNotifications: errorNotifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** Relative to the root with percent-encoded segments; an absolute file URI when the file
 * is outside the root. */
function artifactLocation(file: FileResult, root: string): { uri: string; uriBaseId?: string } {
  return locationOf(file.absolutePath, root);
}

/** A skipped path (as shown: relative to the working directory, or absolute) against the root. */
function skippedLocation(shown: string, cwd: string, root: string): { uri: string; uriBaseId?: string } {
  return locationOf(path.resolve(cwd, shown), root);
}

function locationOf(absolute: string, root: string): { uri: string; uriBaseId?: string } {
  const segments = segmentsBelow(root, absolute);
  if (segments === null) return { uri: pathToFileURL(absolute).href };
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

export const sarifFormat: ReportFormat = {
  name: 'sarif',
  description: 'SARIF 2.1.0 for code scanning: a rule per transform, a result per change or review item',
  render: (result) => `${JSON.stringify(toSarif(result), null, 2)}\n`,
};
