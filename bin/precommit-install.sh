#!/usr/bin/env bash
# Installs the current pre-commit release from PyPI into .precommit-venv/, so
# that test/precommit runs the hooks through it as well as through the
# distribution's pre-commit on PATH. Only PyPI is contacted (pip).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .precommit-venv/bin/pre-commit ]; then
  python3 -m venv .precommit-venv
  .precommit-venv/bin/pip install --quiet --disable-pip-version-check pre-commit
fi
.precommit-venv/bin/pre-commit --version
