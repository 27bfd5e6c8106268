"""Settings for a developer's machine: `make run` uses these."""

import contextlib

from intranet.env import env_list, env_str

from .base import *  # noqa: F403

ENVIRONMENT = "dev"
DEBUG = True

# A fixed key is fine on a developer's machine and nowhere else.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# In this process's memory: `runserver` restarts on every code change, and an
# edited template empties it (`intranet.apps`), so the edit shows on the next page.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Personal overrides, never committed.
with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
