"""Run every check the project promises: ruff, mypy (strict), the import contract, pytest.

Used by the README's test command and by CI. Qt runs offscreen, so no display is needed.
Extra arguments are passed to pytest (e.g. ``-k timeline`` or ``-m slow``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    steps = [
        ("ruff", [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts"]),
        ("mypy", [sys.executable, "-m", "mypy"]),
        ("import contract", [str(BIN / "lint-imports")]),
        ("pytest", [sys.executable, "-m", "pytest", *sys.argv[1:]]),
    ]
    failed = []
    for name, command in steps:
        print(f"== {name}: {' '.join(command[1:] if command[0] == sys.executable else command)}",
              flush=True)
        if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
            failed.append(name)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
