"""Settings for the test suite: fast, isolated, and on whatever DATABASE_URL names."""

from .base import *  # noqa: F403

ENVIRONMENT = "test"
DEBUG = False

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Sign-in throttling is tested on its own (tests/test_login_throttling.py),
# with the production backends; elsewhere tests log in freely.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

# Hashing passwords properly is the slowest part of a test that logs in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Background tasks run at once, inside the request or command that queues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAILADMIN_BASE_URL = "http://testserver"

# Whitenoise serves static files straight from the app folders, as under
# `runserver`, so tests need no `collectstatic`.
WHITENOISE_USE_FINDERS = True
