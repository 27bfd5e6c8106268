"""Run Django in a child process, for behaviour that only shows at start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_environment(**env: str) -> dict[str, str]:
    """Ours, with `env` on top, less the browser tests' async-safety switch,
    which Django's deployment checks rightly refuse."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**inherited, **env}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` with the project's Python and the given environment on top of ours."""
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=child_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_environment(**env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
