#!/usr/bin/env bash
# Installs a real Triton Inference Server for local development and tests,
# without a GPU and without Docker: the tritonserver binary and the Python
# backend that the nvidia-pytriton wheel carries, plus the real tritonclient.
#
# Idempotent: a second run checks what is there and only repairs what is not.
# Where: $TRITON_REPO_HOME, default <this package>/.triton (ignored by git).
#   venv/                 Python venv from Debian's python3 (system numpy visible)
#   tritonserver.json     what gen-repo serve and the tests read: binary, backends, python
# Needs from the OS (Debian: apt-get install -y python3-venv libpython3.11 python3-numpy):
# the Python-backend stub links the shared libpython of the interpreter it was built for.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="${TRITON_REPO_HOME:-$here/.triton}"
python="${TRITON_REPO_PYTHON:-/usr/bin/python3}"
venv="$home/venv"

say() { printf 'triton:install: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

[ -x "$python" ] || fail "no Python at $python (Debian: apt-get install -y python3 python3-venv libpython3.11 python3-numpy)"
pyver="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
"$python" -c 'import numpy' 2>/dev/null || fail "numpy is missing for $python (Debian: apt-get install -y python3-numpy)"
"$python" -c 'import sysconfig, os, sys; d = sysconfig.get_config_var("LIBDIR"); n = sysconfig.get_config_var("INSTSONAME"); sys.exit(0 if os.path.exists(os.path.join(d, n)) else 1)' \
  || fail "the shared libpython$pyver is missing (Debian: apt-get install -y libpython$pyver)"

mkdir -p "$home"
if [ ! -x "$venv/bin/python" ]; then
  say "creating $venv"
  # --system-site-packages: the stub and the venv share Debian's numpy.
  "$python" -m venv --system-site-packages "$venv" || fail "python3 -m venv failed (Debian: apt-get install -y python3-venv)"
fi

need=()
"$venv/bin/python" -c 'import pytriton' 2>/dev/null || need+=("nvidia-pytriton")
"$venv/bin/python" -c 'import tritonclient.grpc, tritonclient.http' 2>/dev/null || need+=("tritonclient[all]")
if [ ${#need[@]} -gt 0 ]; then
  say "pip install ${need[*]}"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${need[@]}" numpy \
    || fail "pip install ${need[*]} failed"
fi

site="$("$venv/bin/python" -c 'import pytriton, os; print(os.path.dirname(pytriton.__file__))')"
server="$site/tritonserver"
[ -x "$server/bin/tritonserver" ] || fail "the nvidia-pytriton wheel carries no tritonserver at $server/bin"
stub="$server/python_backend_stubs/$pyver/triton_python_backend_stub"
[ -f "$stub" ] || fail "no Python-backend stub for Python $pyver in $server/python_backend_stubs"
# What PyTriton does before it starts the server: the stub that matches this Python.
if ! cmp -s "$stub" "$server/backends/python/triton_python_backend_stub"; then
  cp "$stub" "$server/backends/python/triton_python_backend_stub"
  chmod +x "$server/backends/python/triton_python_backend_stub"
fi

# The manifest is written by Python so that any path is quoted correctly.
"$venv/bin/python" - "$home/tritonserver.json.tmp" "$server" "$venv/bin/python" <<'PY'
import importlib.metadata, json, sys
out, server, python = sys.argv[1:4]
with open(out, "w") as f:
    json.dump({
        "tritonserver": f"{server}/bin/tritonserver",
        "backendDirectory": f"{server}/backends",
        "python": python,
        "pytritonVersion": importlib.metadata.version("nvidia-pytriton"),
        "tritonclientVersion": importlib.metadata.version("tritonclient"),
    }, f, indent=2)
    f.write("\n")
PY
mv "$home/tritonserver.json.tmp" "$home/tritonserver.json"
say "ready: $server/bin/tritonserver (backends $server/backends, client python $venv/bin/python)"
printf '%s\n' "$server/bin/tritonserver"
