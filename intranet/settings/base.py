"""Settings shared by every environment.

Values that differ between deployments come from the environment through
`intranet.env`; `dev.py`, `test.py` and `production.py` adjust the rest.
"""

import hashlib
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from intranet import __version__
from intranet.env import env_bool, env_int, env_list, env_str
from intranet.routers import CACHE_DATABASE
from intranet.sso_settings import (
    OIDC_BACKEND,
    SingleSignOn,
    allow_provider_sign_out,
    oidc_settings,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# Which settings module is in force; `seed_demo` refuses to run in production.
ENVIRONMENT = "base"

DEBUG = False

INSTALLED_APPS = [
    "intranet",
    "home",
    "communities",
    # Before conversation, whose ready() undoes one of django-comments-xtd's.
    "django_comments_xtd",
    "django_comments",
    "conversation",
    "people",
    "sso",
    "guides",
    "notifications",
    "insights",
    "search",
    "django_tasks",
    "django_tasks_db",
    "wagtail_modeladmin",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Listed before staticfiles so `runserver` serves static files the way
    # production does (http://whitenoise.readthedocs.io/en/stable/django.html).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Role and team checks asked several times by one page are answered once.
    "intranet.request_memo.RequestMemoMiddleware",
    # Private by default: only LOGIN_EXEMPT_URL_NAMES answer a visitor who has
    # not signed in.
    "intranet.middleware.LoginGateMiddleware",
    # An unreadable charset is refused before any view reads the form (its
    # __call__ runs before every process_view), an impossible id after the gate.
    "intranet.bad_input.BadInputMiddleware",
    # What a restriction to groups keeps from an admin user answers 404 at its id,
    # once the ids are known to fit the database.
    "intranet.admin_privacy.AdminPrivacyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "intranet.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intranet.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                # LANGUAGE_CODE and TIME_ZONE, which every cached fragment is keyed on.
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "intranet.context_processors.site_name",
                "intranet.context_processors.fragment_cache",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "intranet.wsgi.application"


# Database: SQLite by default so a newcomer needs nothing else; PostgreSQL in
# production through DATABASE_URL.
SQLITE_DEFAULT_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"


def database_config(url: str) -> dict:
    """One DATABASES entry for a URL, with SQLite tuned for concurrent writers.

    WAL lets readers carry on while one connection writes; IMMEDIATE
    transactions take the write lock at BEGIN, so two writers queue on the busy
    timeout instead of one failing with "database is locked" when it upgrades
    a read lock (https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior).
    """
    # Connections are kept between requests on SQLite too: opening one for each
    # request, with its pragmas and an empty page cache, took about a third of
    # the time of the smallest signed-in page (docs/operations.md).
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for the lock before giving up.
            "timeout": 20,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
        # PostgreSQL compiles a query it estimates as costly (JIT), which took
        # longer than running the home page's feed: a page's short queries never
        # gain from it (https://www.postgresql.org/docs/current/jit-decision.html).
        config.setdefault("OPTIONS", {})["options"] = "-c jit=off"
        if env_bool("DATABASE_PREPARED_STATEMENTS", True):
            # Parameters sent apart from the SQL let psycopg prepare the queries a
            # connection repeats (after `prepare_threshold` uses): PostgreSQL then
            # plans each once a connection rather than on every request. Planning
            # was most of the time of a page's small queries, joins over the
            # permission tables above all. A pooler in transaction mode that
            # cannot carry prepared statements needs this off.
            config.setdefault("OPTIONS", {}).update(
                {"server_side_binding": True, "prepare_threshold": 5}
            )
    return config


DATABASES = {"default": database_config(env_str("DATABASE_URL", SQLITE_DEFAULT_URL))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_key_prefix(database: dict) -> str:
    """Keeps one database's cached entries apart from another's in the same cache.

    The cache outlives the processes that fill it: a second intranet on the
    same Redis, or the benchmark's database beside the demo's in one cache
    database, would otherwise read each other's blocks.
    """
    where = "|".join(str(database.get(part, "")) for part in ("ENGINE", "HOST", "PORT", "NAME"))
    return "intranet:" + hashlib.sha256(where.encode()).hexdigest()[:12]


# The release running: pyproject.toml's version, or what the deployment names
# (a tag, a commit). Its cache entries are its own: a block cached by the code
# of one release is never read by another.
RELEASE = env_str("RELEASE", __version__)


def cache_config(
    redis_url: str, cache_dir: str = "", key_prefix: str = "intranet", release: str = RELEASE
) -> tuple[dict, dict]:
    """CACHES, and the DATABASES the cache needs besides the intranet's own.

    Django's Redis cache when REDIS_URL is set, shared by every server. Otherwise
    Django's database cache, in an SQLite database of its own in CACHE_DIR
    (`intranet.routers.CacheRouter`), shared by every process of the one server
    (gunicorn's workers, commands). Django's file cache lists its whole folder
    on every write to decide whether to cull: about 3 ms a write with 2,000
    entries and 30 ms with 20,000, a fifth of the server's time under load. The
    database cache counts its rows instead, well under a millisecond, and its
    own file keeps its writes off the intranet database's write lock.
    """
    key_prefix = f"{key_prefix}:{release}"
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": key_prefix,
            }
        }, {}
    folder = Path(cache_dir or BASE_DIR / "cache")
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            # The table, which `migrate` creates (`intranet.apps`).
            "LOCATION": "intranet_cache",
            "KEY_PREFIX": key_prefix,
            # Every person's own blocks (their feed, "people to know"), with room to spare.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
    return caches, {CACHE_DATABASE: database_config(f"sqlite:///{folder / 'cache.sqlite3'}")}


def tasks_config(backend: str, redis_url: str) -> tuple[dict, list[str], dict]:
    """TASKS, the apps its backend needs, and django-rq's RQ_QUEUES.

    django-tasks is the interface Wagtail's own background work uses. Its
    database backend is the default: the queue lives in the intranet's
    database, so a task queued inside a transaction is seen by the worker
    (`manage.py db_worker`) only once that transaction commits. With
    TASKS_BACKEND=redis, RQ queues them on REDIS_URL for several servers; its
    worker is `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler`.
    """
    if backend == "database":
        return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, [], {}
    if backend == "redis":
        if not redis_url:
            sys.exit("Configuration error: TASKS_BACKEND=redis needs REDIS_URL.")
        return (
            {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
            ["django_rq", "django_tasks_rq"],
            {"default": {"URL": redis_url}},
        )
    sys.exit(f"Configuration error: TASKS_BACKEND must be database or redis, not {backend!r}.")


TASKS, TASK_APPS, RQ_QUEUES = tasks_config(
    env_str("TASKS_BACKEND", "database").strip().lower(), env_str("REDIS_URL")
)
INSTALLED_APPS += TASK_APPS

# Authentication
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks each sign-in against recent failures before the usual
# backend runs (https://django-axes.readthedocs.io/en/latest/2_installation.html).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock that pair out for
# fifteen minutes; a success clears the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# How many proxies (load balancer, TLS terminator) stand in front of the app: the
# client's address is read from X-Forwarded-For past them (intranet.client_ip).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "intranet.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The identity provider's answers (single sign-on) are not counted as attempts.
AXES_WHITELIST_CALLABLE = "sso.throttle.is_provider_answer"

# Single sign-on through OpenID Connect (docs/sso.md): on when OIDC_ISSUER is set.
# The endpoints are read from the provider's discovery document at start-up,
# unless all four are named here.
single_sign_on = oidc_settings(
    SingleSignOn(
        issuer=env_str("OIDC_ISSUER").strip(),
        client_id=env_str("OIDC_CLIENT_ID").strip(),
        client_secret=env_str("OIDC_CLIENT_SECRET").strip(),
        scopes=env_str("OIDC_SCOPES", "openid email profile").strip(),
        provider_name=env_str("OIDC_PROVIDER_NAME").strip(),
        email_claim=env_str("OIDC_EMAIL_CLAIM", "email").strip(),
        email_verified_claim=env_str("OIDC_EMAIL_VERIFIED_CLAIM", "email_verified").strip(),
        groups_claim=env_str("OIDC_GROUPS_CLAIM", "groups").strip(),
        job_title_claim=env_str("OIDC_JOB_TITLE_CLAIM", "job_title").strip(),
        department_claim=env_str("OIDC_DEPARTMENT_CLAIM", "department").strip(),
        communicators=tuple(env_list("OIDC_COMMUNICATORS_GROUPS")),
        insights_readers=tuple(env_list("OIDC_INSIGHTS_READERS_GROUPS")),
        administrators=tuple(env_list("OIDC_ADMINISTRATORS_GROUPS")),
        endpoints={
            "OIDC_OP_AUTHORIZATION_ENDPOINT": env_str("OIDC_AUTHORIZATION_ENDPOINT").strip(),
            "OIDC_OP_TOKEN_ENDPOINT": env_str("OIDC_TOKEN_ENDPOINT").strip(),
            "OIDC_OP_USER_ENDPOINT": env_str("OIDC_USERINFO_ENDPOINT").strip(),
            "OIDC_OP_JWKS_ENDPOINT": env_str("OIDC_JWKS_URI").strip(),
            "SSO_END_SESSION_ENDPOINT": env_str("OIDC_END_SESSION_ENDPOINT").strip(),
        },
        sign_algorithm=env_str("OIDC_SIGN_ALGORITHM", "RS256").strip(),
        password_sign_in=env_bool("PASSWORD_SIGN_IN", True),
    )
)
globals().update(single_sign_on)
if single_sign_on["SSO_ENABLED"]:
    AUTHENTICATION_BACKENDS.append(OIDC_BACKEND)

# Provisioning through SCIM 2.0 at /scim/v2/ (docs/sso.md): on when a token is set,
# which the identity provider sends as its bearer token.
SCIM_TOKEN = env_str("SCIM_TOKEN").strip()
SCIM_SERVICE_PROVIDER = {
    "USER_ADAPTER": "sso.scim.Person",
    "USER_FILTER_PARSER": "sso.scim_filters.PeopleFilter",
    "GET_EXTRA_MODEL_FILTER_KWARGS_GETTER": "sso.scim.people_only",
    "GET_EXTRA_MODEL_EXCLUDE_KWARGS_GETTER": "sso.scim.never_provisioned",
    "AUTH_CHECK_MIDDLEWARE": "sso.scim_auth.BearerTokenCheck",
    "SERVICE_PROVIDER_CONFIG_MODEL": "sso.scim.ServiceConfig",
    "BASE_LOCATION_GETTER": "sso.scim.base_location",
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "The token in the intranet's SCIM_TOKEN, sent as a bearer token.",
            "primary": True,
        }
    ],
}

LOGIN_URL = "login"
# The views an anonymous visitor may reach; everything else sends them to LOGIN_URL.
LOGIN_EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "healthz",
        # Single sign-on: the way to the provider and the way back from it.
        "sso:start",
        "sso:callback",
        # The provisioning client's bearer token is the credential (sso.scim_auth);
        # no session counts there.
        "scim:root",
        "scim:users",
        "scim:service-provider-config",
        "scim:schemas",
        "scim:not-implemented",
        # A signed token in the link is the credential: a person stops the
        # intranet's emails from the link in one, signed in or not.
        "notifications:unsubscribe",
    }
)
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# One login page for the whole intranet, the admin included.
WAGTAILADMIN_LOGIN_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Nothing is framed, except Wagtail's live preview inside its own admin, whose
# views set SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything comes from the intranet itself. Styles
# allow inline attributes because Wagtail's admin sets them; scripts do not,
# except in the admin (see intranet.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CONTENT_SECURITY_POLICY = allow_provider_sign_out(
    CONTENT_SECURITY_POLICY,
    single_sign_on["SSO_END_SESSION_ENDPOINT"],
)


# Hosts and origins
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


# Email
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "intranet@localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


# Internationalisation
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True


# Static files and uploads. Static files are served by whitenoise; uploads are
# served by `intranet.views.media`, which checks the visitor is signed in.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Wagtail's page editor can exceed Django's default of 1,000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SITE_ID = 1


# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Intranet")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://localhost:8000")


# The search engines `SEARCH_ENGINE` may name besides the database; each needs
# its client package installed (see the README).
EXTERNAL_SEARCH_ENGINES = {
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}


def search_backends(engine: str, url: str, index_prefix: str) -> dict:
    """Wagtail's search backend: the database's own full-text search unless an engine is named.

    The database backend uses SQLite's FTS5 or PostgreSQL's full-text search,
    whichever DATABASE_URL points at
    (https://docs.wagtail.org/en/stable/topics/search/backends.html), through
    `search.backends`, which orders SQLite's results by relevance faster.
    """
    if engine in ("", "database"):
        return {"default": {"BACKEND": "search.backends"}}
    if engine not in EXTERNAL_SEARCH_ENGINES:
        sys.exit(
            f"Configuration error: SEARCH_ENGINE must be database or one of "
            f"{', '.join(EXTERNAL_SEARCH_ENGINES)}, not {engine!r}."
        )
    if not url:
        sys.exit(f"Configuration error: SEARCH_URL is required with SEARCH_ENGINE={engine}.")
    return {
        "default": {
            "BACKEND": EXTERNAL_SEARCH_ENGINES[engine],
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": 5,
        }
    }


WAGTAILSEARCH_BACKENDS = search_backends(
    env_str("SEARCH_ENGINE").strip().lower(),
    env_str("SEARCH_URL").strip(),
    env_str("SEARCH_INDEX_PREFIX", "intranet_"),
)
# Documents go through Wagtail's serve view, which the login gate covers; never a
# direct link to the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Decoding an image takes memory in proportion to its pixels, whatever its file
# size: this bounds Wagtail's images and people's photos alike, counted from
# the header before anything decodes (intranet.image_limits; docs/operations.md
# gives a worker's peak at the limit).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "intranet.image_forms.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: avatars would be fetched from a third party with a hash of each
# person's email address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None


# Comments (django-comments-xtd). The author is always the signed-in user, so
# no email confirmation is needed. Comments are posted, moderated and listed
# through the conversation app's own views; django-comments-xtd's URLs (its
# anonymous-friendly forms, feeds and API) are not mounted at all.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "conversation.models.Comment"
COMMENTS_XTD_CONFIRM_EMAIL = False
# A comment, a reply, a reply to the reply, and one more level.
COMMENTS_XTD_MAX_THREAD_LEVEL = 3
# How many comments one person may post in the window before being asked to wait.
CONVERSATION_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", 5)
CONVERSATION_RATE_WINDOW = timedelta(seconds=env_int("COMMENT_RATE_WINDOW_SECONDS", 60))
# A spreadsheet export with more rows than this is built by a worker and emailed
# (`intranet.exports`); shorter ones download at once.
EXPORT_IN_BACKGROUND_ROWS = env_int("EXPORT_IN_BACKGROUND_ROWS", 2000)
# Notification emails wait this long, so several events reach a person as one email.
NOTIFICATION_EMAIL_DELAY = timedelta(minutes=env_int("NOTIFICATION_EMAIL_DELAY_MINUTES", 10))

# Insights: raw page views and events are deleted after this many days, once
# the nightly roll-up has counted them (the roll-ups are kept).
INSIGHTS_RETENTION_DAYS = env_int("INSIGHTS_RETENTION_DAYS", 90)

# Approval publishes, without the approver holding the publish permission
# that would let them skip review (see guides/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "guides.workflows.publish_approved"
