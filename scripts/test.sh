#!/usr/bin/env bash
# Install what the tests need (the project with its test extras, and Debian's headless
# Chromium for the HTML report's browser test), then lint with ruff (rules and formatting)
# and run the whole test suite. Both always run; the first failure sets the exit status.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: install Debian's 'chromium' package (browser tests will be skipped)" >&2
  fi
fi
python3 -m pip install -q -e ".[test]"
set +e
python3 -m ruff check .
lint=$?
python3 -m ruff format --check .
format=$?
python3 -m pytest "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "no tests were collected: treating as a failure" >&2
  exit 1
fi
if [ "$status" = 0 ] && { [ "$lint" != 0 ] || [ "$format" != 0 ]; }; then
  echo "ruff found problems (run 'ruff check --fix .' and 'ruff format .')" >&2
  exit 1
fi
exit "$status"
