#!/usr/bin/env bash
# The comment step of the composite action (action.yml): posts the Markdown report on the
# pull request, or updates the comment an earlier run of this action posted (found by its
# hidden marker), so that a pull request carries one report that follows its commits.
# Environment: GH_TOKEN, LCS_MARKDOWN (the report), LCS_PULL_REQUEST (its number),
# GITHUB_REPOSITORY.
set -euo pipefail

marker='<!-- lambda-clean-slate report -->'
body="$(mktemp)"
{ echo "$marker"; cat "$LCS_MARKDOWN"; } > "$body"

comments="repos/$GITHUB_REPOSITORY/issues/$LCS_PULL_REQUEST/comments"
existing="$(gh api --paginate "$comments" --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | tail -n 1)"
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" > /dev/null
  echo "lambda-clean-slate: updated the report comment on #$LCS_PULL_REQUEST"
else
  gh api --method POST "$comments" -F "body=@$body" > /dev/null
  echo "lambda-clean-slate: posted the report on #$LCS_PULL_REQUEST"
fi
rm -f "$body"
