"""Read configuration from the environment.

Settings modules call these helpers so that every deployment value comes from the
environment (see `.env.example`) and a missing required value stops start-up with
one readable line instead of a traceback.
"""

import os
import sys


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        sys.exit(f"Configuration error: {name} must be a whole number, not {value!r}.")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated variable as a list, ignoring blanks."""
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def require_env(name: str, hint: str) -> str:
    """The value of a variable production cannot run without.

    `sys.exit` with a message prints that one line to stderr and exits with
    status 1, so `manage.py`, gunicorn and the README's commands all show the
    same named error and no stack trace.
    """
    value = os.environ.get(name, "").strip()
    if not value:
        sys.exit(
            f"Configuration error: the environment variable {name} is required "
            f"in production ({hint})."
        )
    return value
