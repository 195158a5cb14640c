#!/usr/bin/env bash
# Set up everything briefing and its tests need, on a fresh machine:
# a virtualenv in .venv with the package (editable) and its test tools, and
# Chromium for the browser tests (Debian packages; skipped if already there).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev,local]'

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt=(apt-get); else apt=(sudo apt-get); fi
  "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq chromium chromium-driver fonts-noto-core >/dev/null
fi
echo "set up: .venv ready; run the tests with .venv/bin/pytest"
