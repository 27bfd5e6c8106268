"""Production settings, measured: `make bench`, `make load` and `make faults` serve with these.

Each response says how many queries it made (`X-Queries`), and `/bench/floor/`
answers signed-in people with nothing, to time the floor every page stands on.
Never for a real deployment.
"""

from .production import *  # noqa: F403

ENVIRONMENT = "bench"
DEBUG = False

MIDDLEWARE = ["benchmarks.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
ROOT_URLCONF = "benchmarks.urls"

# The benchmark reads the timings it needs from its own clock; a line per
# request on the console would only slow gunicorn down.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
