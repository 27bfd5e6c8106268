"""Production settings: every secret and host comes from the environment.

A missing required variable stops start-up with one named error (see
`intranet.env.require_env`); there are no defaults to fall back on.
"""

import contextlib
from pathlib import Path

from intranet.env import env_bool, env_int, env_list, env_str, require_env

from .base import *  # noqa: F403
from .base import CACHE_DATABASE, DATABASES, cache_config, cache_key_prefix

ENVIRONMENT = "production"
DEBUG = False

SECRET_KEY = require_env(
    "DJANGO_SECRET_KEY", "a long random string, for example from `openssl rand -base64 48`"
)
require_env("ALLOWED_HOSTS", "the comma-separated host names the intranet answers to")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# Redis when REDIS_URL names one; otherwise Django's database cache, in an
# SQLite database of its own in CACHE_DIR (`cache_config`).
CACHES, CACHE_DATABASES = cache_config(
    env_str("REDIS_URL"), env_str("CACHE_DIR"), cache_key_prefix(DATABASES["default"])
)
if CACHE_DATABASES:
    DATABASES = {**DATABASES, **CACHE_DATABASES}
    DATABASE_ROUTERS = ["intranet.routers.CacheRouter"]
    # SQLite creates its file but not its folder, which Django's file cache created itself.
    Path(DATABASES[CACHE_DATABASE]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

# Hashed, compressed static files; whitenoise serves them with far-future
# cache headers (https://whitenoise.readthedocs.io/en/stable/django.html).
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# HTTPS. The app sits behind a proxy that terminates TLS and sets
# X-Forwarded-Proto; /healthz/ stays reachable over plain HTTP for probes.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

# Personal overrides, never committed.
with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
