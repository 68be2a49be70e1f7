#!/bin/sh
# Installs pinned requirements into the project's virtual environment, making it first if need
# be: `scripts/install.sh -r requirements/runtime.txt` (what `make build` runs).
#
# What keeps the environment lean (docs/benchmarks.md has the figures):
# - pip stays outside it when python3 has a pip that installs into another environment
#   (pip 22.3 and later: `--python`): the site never runs pip or setuptools (24 MB). Where
#   python3 has no such pip, the environment gets its own, as `python3 -m venv` makes it.
# - No bytecode is compiled ahead (`--no-compile`): Python writes it on first import, for the
#   modules a build imports, not for every module of every package (27 MB).
# - `--no-deps`: the requirements files are whole pins, so pip resolves nothing; they leave out
#   what nothing here imports (Babel, 36 MB, which only Material's blog plugin uses).
set -eu
python=${PYTHON:-python3}
venv=${VENV:-.venv}

if ! test -x "$venv/bin/python"; then
    "$python" -m venv --without-pip "$venv"
    if ! "$python" -m pip --python "$venv/bin/python" --version >/dev/null 2>&1; then
        "$venv/bin/python" -m ensurepip --default-pip >/dev/null
    fi
fi
if test -x "$venv/bin/pip"; then
    set -- "$venv/bin/python" -m pip install "$@"
else
    set -- "$python" -m pip --python "$venv/bin/python" install "$@"
fi
exec "$@" --quiet --disable-pip-version-check --no-compile --no-deps
