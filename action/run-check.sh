#!/usr/bin/env bash
# The check step of the composite action (action.yml): `lambda-clean-slate migrate --check`
# with a SARIF report for code scanning and a Markdown report for the job summary and the
# pull-request comment. It always exits 0 and records the tool's exit code as the step
# output `exit-code`, so that the upload steps run; the action's last step fails the job.
#
# Inputs arrive as environment variables (never spliced into the script, so a path or a
# pattern cannot run as shell code): LCS_PATHS, LCS_TRANSFORMS, LCS_HANDLER, LCS_IGNORE,
# LCS_VERSION, LCS_ACTION_PATH, LCS_REPORT_DIR, LCS_JOB_SUMMARY; GITHUB_OUTPUT and
# GITHUB_STEP_SUMMARY are the runner's.
set -uo pipefail
# paths and patterns go to the tool as written, without this shell expanding globs
set -f

version="${LCS_VERSION:-}"
if [ -z "$version" ]; then
  # the release of this action runs the package of the same version
  version="$(node -p 'require(process.argv[1]).version' "$LCS_ACTION_PATH/package.json")"
fi
package="lambda-clean-slate@$version"

args=()
for path in ${LCS_PATHS:-.}; do args+=("$path"); done
if [ -n "${LCS_TRANSFORMS:-}" ]; then args+=(--transforms "$LCS_TRANSFORMS"); fi
handlers="${LCS_HANDLER:-}"
for name in ${handlers//,/ }; do args+=(--handler "$name"); done
while IFS= read -r pattern; do
  if [ -n "$pattern" ]; then args+=("--ignore=$pattern"); fi
done <<< "${LCS_IGNORE:-}"

mkdir -p "$LCS_REPORT_DIR"
sarif="$LCS_REPORT_DIR/lambda-clean-slate.sarif"
markdown="$LCS_REPORT_DIR/lambda-clean-slate.md"
rm -f "$sarif" "$markdown"

echo "lambda-clean-slate: $package migrate ${args[*]} --check"
npx --yes "$package" migrate "${args[@]}" --check --format sarif --output "$sarif"
status=$?
# 0: nothing to change, 1: code would change, 2: usage error or a file that could not be
# processed. Anything else, or no report, means the tool itself did not run (npx failed).
if [ ! -s "$sarif" ] || [ "$status" -gt 2 ]; then
  echo "::error title=lambda-clean-slate::the check did not run (exit code $status, no report)"
  status=2
else
  npx --yes "$package" migrate "${args[@]}" --check --format markdown --output "$markdown" > /dev/null
  if [ "${LCS_JOB_SUMMARY:-true}" = true ] && [ -s "$markdown" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$markdown" >> "$GITHUB_STEP_SUMMARY"
  fi
fi

{
  echo "exit-code=$status"
  # exit code 2 with code that would change elsewhere: the report's changes say so
  changed=false
  if [ "$status" = 1 ]; then
    changed=true
  elif [ "$status" = 2 ] && [ -s "$sarif" ]; then
    changed="$(node -e 'const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(String(log.runs.some((run) => (run.results || []).some((r) => r.level === "warning"))))' "$sarif" 2>/dev/null || echo false)"
  fi
  echo "changed=$changed"
  if [ -s "$sarif" ]; then echo "sarif-file=$sarif"; else echo "sarif-file="; fi
  if [ -s "$markdown" ]; then echo "markdown-file=$markdown"; else echo "markdown-file="; fi
} >> "$GITHUB_OUTPUT"
exit 0
