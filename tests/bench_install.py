"""`make bench`'s first part: a fresh clone's first `make build`, its time and the size of the
environment it makes, as a newsroom's first command meets them.

It clones the committed project (`git clone` of this repository) into a temporary folder and
runs `make build` there with Python writing bytecode on import, as it does by default. Usage:
`python tests/bench_install.py`.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size_mb(path: Path) -> float:
    """Disk usage, as `du -s` counts it (what the files take on disk, in MB of 2**20 bytes)."""
    du = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(du.stdout.split()[0]) / 1024


def bytecode_mb(folder: Path) -> float:
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*.pyc")) / 2**20


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        start = time.perf_counter()
        subprocess.run(["make", "build"], cwd=clone, env=env, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        venv = clone / ".venv"
        packages = next(venv.glob("lib/python*/site-packages"))
        largest = sorted(packages.iterdir(), key=lambda p: -size_mb(p))[:4]
        print(
            f"first `make build` on a fresh clone: {seconds:.1f} s (target under 60 s); "
            f".venv {size_mb(venv):.0f} MB (target under 150 MB), of which bytecode "
            f"{bytecode_mb(venv):.1f} MB; pip inside: "
            f"{'yes' if (venv / 'bin' / 'pip').exists() else 'no'}; largest: "
            + ", ".join(f"{p.name} {size_mb(p):.0f} MB" for p in largest)
        )


if __name__ == "__main__":
    main()
