"""WSGI entry point for gunicorn (`make serve`); production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.production")

django_application = get_wsgi_application()

# Imported once Django is set up: it reads the settings and the apps.
from intranet.bad_input import refuse_unreadable_charsets  # noqa: E402

application = refuse_unreadable_charsets(django_application)
