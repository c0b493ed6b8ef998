#!/usr/bin/env bash
# The weekly upstream sync, the same locally as in .github/workflows/sync.yml:
#   1. download the newest genai-prices and litellm wheels from PyPI, each checked by pip against the sha256 PyPI
#      publishes for it, and take LiteLLM's price map out of its wheel;
#   2. run `python -m macros sync --write` on them, passing the map's hash and both release dates, so the pull
#      request shows exactly which files were trusted;
#   3. commit the edits to one branch (upstream-sync) and open or update one pull request with the report as its body.
#
# --offline   use the committed fixtures (tests/fixtures/upstream) instead of downloading (step 1 skipped)
# --no-pr     stop after the report (step 3 skipped); the report is in $WORK/report.md
# --data DIR  the data folder to compare and edit (default: data/)
set -euo pipefail

offline=0
open_pr=1
data=data
while [ $# -gt 0 ]; do
  case "$1" in
    --offline) offline=1 ;;
    --no-pr) open_pr=0 ;;
    --data) data="$2"; shift ;;
    *) echo "usage: .github/sync.sh [--offline] [--no-pr] [--data DIR]" >&2; exit 2 ;;
  esac
  shift
done

PYTHON="${PYTHON:-.venv/bin/python}"
BRANCH=upstream-sync
WORK="${WORK:-$(mktemp -d)}"
mkdir -p "$WORK"

if [ "$offline" = 1 ]; then
  fixtures=tests/fixtures/upstream
  args=(--genai-prices "$fixtures/genai-prices.json" --genai-prices-date 2026-12-01
        --litellm "$fixtures/litellm.json" --litellm-release 9.9.9 --litellm-date 2026-12-02
        --litellm-sha256 "$(sha256sum "$fixtures/litellm.json" | cut -d' ' -f1)")
  pythonpath="${PYTHONPATH:-}"
else
  # The newest release of each, its wheel's sha256 and its upload date, as PyPI publishes them.
  for package in genai-prices litellm; do
    "$PYTHON" - "$package" > "$WORK/$package.release" <<'PY'
import json, sys, urllib.request
name = sys.argv[1]
with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60) as response:
    info = json.load(response)
version = info["info"]["version"]
wheel = next(f for f in info["urls"] if f["packagetype"] == "bdist_wheel")
print(version, wheel["digests"]["sha256"], wheel["upload_time_iso_8601"][:10])
PY
    read -r version digest date < "$WORK/$package.release"
    echo "$package==$version --hash=sha256:$digest" > "$WORK/$package.req"
    "$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes -r "$WORK/$package.req" -d "$WORK/$package"
    printf -v "${package//-/_}_version" '%s' "$version"
    printf -v "${package//-/_}_date" '%s' "$date"
  done
  # genai-prices' data is Python inside its wheel: unpack it where it shadows the pinned copy in .venv.
  "$PYTHON" -m zipfile -e "$WORK"/genai-prices/*.whl "$WORK/genai-prices-site"
  "$PYTHON" -m zipfile -e "$WORK"/litellm/*.whl "$WORK/litellm-wheel"
  map="$WORK/litellm-wheel/litellm/model_prices_and_context_window_backup.json"
  args=(--genai-prices-date "$genai_prices_date"
        --litellm "$map" --litellm-release "$litellm_version" --litellm-date "$litellm_date"
        --litellm-sha256 "$(sha256sum "$map" | cut -d' ' -f1)")
  pythonpath="$WORK/genai-prices-site${PYTHONPATH:+:$PYTHONPATH}"
  echo "read genai-prices $genai_prices_version ($genai_prices_date) and litellm $litellm_version ($litellm_date)"
fi

status=0
PYTHONPATH="$pythonpath" "$PYTHON" -m macros sync --write --max-listed 3 --data "$data" --output "$WORK/report.md" \
  "${args[@]}" > /dev/null || status=$?
echo "report: $WORK/report.md (sync exit status $status)"
if [ "$open_pr" = 0 ]; then
  exit "$status"
fi

# A pull request body holds at most 65,536 characters.
body="$WORK/body.md"
head -c 60000 "$WORK/report.md" > "$body"
if [ "$(wc -c < "$WORK/report.md")" -gt 60000 ]; then
  printf '\n\n(The report is longer than a pull request body; run `make sync` for all of it.)\n' >> "$body"
fi
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
gh auth setup-git
git switch -C "$BRANCH"
git add "$data"
git commit --quiet -m "Sync prices with the newest genai-prices and LiteLLM releases" || echo "no price edits this week"
git push --force origin "HEAD:refs/heads/$BRANCH"
if gh pr view "$BRANCH" --json state --jq .state 2>/dev/null | grep -q OPEN; then
  gh pr edit "$BRANCH" --body-file "$body"
else
  gh pr create --head "$BRANCH" --title "Upstream price sync" --body-file "$body"
fi
exit "$status"
