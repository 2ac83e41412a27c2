#!/usr/bin/env bash
# The GitHub Action's audit step (action.yml): runs `cookie-lens audit` once (JSON), renders the SARIF for
# code scanning and a Markdown job summary from that report, and sets the outputs. It never fails the step
# itself: the action's last step exits with the audit's code, after the SARIF upload.
# COOKIE_LENS_BIN runs a local build instead of the published package of the action's version (the tests).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${RUNNER_TEMP:-$(mktemp -d)}/cookie-lens"
mkdir -p "$out"

if [ -n "${COOKIE_LENS_BIN:-}" ]; then
  run() { node "$COOKIE_LENS_BIN" "$@"; }
else
  version="$(node -p "require('$here/package.json').version")"
  run() { npx --yes "cookie-lens@$version" "$@"; }
fi

# GitHub's Ubuntu runners have Google Chrome; elsewhere fetch Chrome for Testing once.
if [ -z "${CHROME_PATH:-}" ] && ! command -v google-chrome >/dev/null && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  CHROME_PATH="$(npx --yes @puppeteer/browsers install chrome@stable --path "$out/browsers" | tail -1 | cut -d' ' -f2-)"
  export CHROME_PATH
fi

tr ' ' '\n' <<<"${INPUT_URLS:-}" | sed '/^\s*$/d' >"$out/urls.txt"
args=(audit --urls "$out/urls.txt" --format json --output "$out/report.json")
[ -n "${INPUT_POLICY:-}" ] && args+=(--policy "$INPUT_POLICY")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_LOGIN:-}" ] && args+=(--login "$INPUT_LOGIN")
# The extra options split as a shell would (quotes kept together), without globbing or running anything.
if [ -n "${INPUT_ARGS:-}" ]; then
  mapfile -t extra < <(printf '%s' "$INPUT_ARGS" | xargs printf '%s\n')
  args+=("${extra[@]}")
fi

run "${args[@]}"
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [ -f "$out/report.json" ]; then
  echo "report=$out/report.json" >>"${GITHUB_OUTPUT:-/dev/null}"
  render=(merge "$out/report.json")
  [ -n "${INPUT_SARIF_FILE:-}" ] && render+=(--sarif-file "$INPUT_SARIF_FILE")
  run "${render[@]}" --format sarif --output "$out/cookie-lens.sarif"
  echo "sarif=$out/cookie-lens.sarif" >>"${GITHUB_OUTPUT:-/dev/null}"
  run merge "$out/report.json" --format markdown >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
fi
exit 0
