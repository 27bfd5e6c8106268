"""Configuration comes from the environment, and production refuses to start without it."""

import json
import os
import subprocess
import tomllib

import pytest

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.utils.module_loading import import_string

import intranet
from intranet.routers import CACHE_DATABASE, CacheRouter
from intranet.settings.base import BASE_DIR, cache_config, cache_key_prefix, database_config
from tests.helpers import ROOT, run_manage, run_python

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
    "DJANGO_SECRET_KEY": "a-production-grade-secret-key-that-is-long-and-random-0123456789",
    "ALLOWED_HOSTS": "intranet.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
}


def test_sqlite_is_tuned_for_concurrent_writers(tmp_path):
    config = database_config(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    # Kept between requests, as on PostgreSQL.
    assert config["CONN_MAX_AGE"] > 0


def test_postgres_url_is_read_with_persistent_checked_connections():
    config = database_config("postgres://intranet:secret@db.internal:5433/intranet")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "intranet")
    assert config["CONN_HEALTH_CHECKS"] is True


def test_postgres_prepares_repeated_queries_unless_a_pooler_cannot_carry_them(monkeypatch):
    # The address's own options (TLS above all) are kept beside them.
    url = "postgres://app@db.internal:5432/intranet?sslmode=verify-full&connect_timeout=5"
    assert database_config(url)["OPTIONS"] == {
        "sslmode": "verify-full",
        "connect_timeout": 5,
        "options": "-c jit=off",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "false")
    assert database_config(url)["OPTIONS"] == {
        "sslmode": "verify-full",
        "connect_timeout": 5,
        "options": "-c jit=off",
    }


def test_postgres_never_compiles_a_query_before_running_it(db):
    if connection.vendor != "postgresql":
        pytest.skip("JIT compilation is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_a_query_repeated_on_postgres_is_planned_once_a_connection(db):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(6):
        list(Permission.objects.filter(codename="change_user").values_list("pk"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('"auth_permission"."codename" = $1' in statement for statement in prepared)


def test_redis_url_selects_djangos_redis_cache_and_no_url_its_database_cache():
    caches, databases = cache_config("redis://127.0.0.1:6379/3")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    # Redis needs no database of the intranet's.
    assert databases == {}
    caches, databases = cache_config("")
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert set(databases) == {CACHE_DATABASE}
    assert databases[CACHE_DATABASE]["NAME"] == str(BASE_DIR / "cache" / "cache.sqlite3")
    # An SQLite database like the intranet's: WAL, IMMEDIATE transactions, a busy timeout.
    assert databases[CACHE_DATABASE]["OPTIONS"] == database_config("sqlite:///x")["OPTIONS"]
    _, databases = cache_config("", "/var/cache/intranet")
    assert databases[CACHE_DATABASE]["NAME"] == "/var/cache/intranet/cache.sqlite3"


def test_the_cache_table_lives_in_the_cache_database_and_nothing_else_does():
    router = CacheRouter()
    cache_entry = DatabaseCache("intranet_cache", {}).cache_model_class
    assert router.db_for_read(cache_entry) == router.db_for_write(cache_entry) == CACHE_DATABASE
    assert router.db_for_read(Permission) is router.db_for_write(Permission) is None
    assert router.allow_migrate(CACHE_DATABASE, "django_cache") is True
    assert router.allow_migrate("default", "django_cache") is False
    assert router.allow_migrate(CACHE_DATABASE, "auth", "permission") is False
    assert router.allow_migrate("default", "auth", "permission") is None


def test_production_without_redis_routes_the_cache_to_its_own_database_in_cache_dir(tmp_path):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({a: d['NAME'] for a, d in s.DATABASES.items()})); "
        "print(s.DATABASE_ROUTERS)"
    )
    cache_dir = tmp_path / "not" / "made" / "yet"
    env = {**PRODUCTION_ENV, "CACHE_DIR": str(cache_dir)}
    result = run_python(code, **env, REDIS_URL="")
    assert result.returncode == 0, result.stderr
    names, routers = result.stdout.strip().splitlines()
    assert json.loads(names) == {"default": ":memory:", "cache": str(cache_dir / "cache.sqlite3")}
    assert routers == "['intranet.routers.CacheRouter']"
    # SQLite makes its file on first use, but not the folders it sits in.
    assert cache_dir.is_dir()
    # With Redis, the intranet's database alone, and no router.
    result = run_python(code, **env, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.stdout.strip().splitlines() == ['{"default": ":memory:"}', "[]"]


def test_the_version_is_the_one_pyproject_names():
    pyproject = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())
    assert intranet.__version__ == pyproject["project"]["version"]


def test_each_release_keeps_its_own_cache_entries():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['KEY_PREFIX'])"
    )
    this = run_python(code, **PRODUCTION_ENV).stdout.strip()
    named = run_python(code, **PRODUCTION_ENV, RELEASE="2027.1").stdout.strip()
    assert this.endswith(f":{intranet.__version__}")
    assert named == this.removesuffix(intranet.__version__) + "2027.1"
    for redis_url in ("", "redis://127.0.0.1:6379/0"):
        caches, _ = cache_config(redis_url, key_prefix="x", release="1.2")
        prefix = caches["default"]["KEY_PREFIX"]
        assert prefix == "x:1.2"


def test_make_run_caches_in_its_own_memory_and_forgets_it_when_a_template_changes():
    code = """
import django
from pathlib import Path
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.utils.autoreload import file_changed
cache.set("block", "built from the old template")
file_changed.send(sender=None, file_path=Path("code.py"))
kept = cache.get("block")
file_changed.send(sender=None, file_path=settings.BASE_DIR / "home/templates/home/home_page.html")
print(settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1], kept, cache.get("block"))
"""
    result = run_python(code, DJANGO_SETTINGS_MODULE="intranet.settings.dev", REDIS_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "LocMemCache built from the old template None"


def test_each_database_keeps_its_own_entries_in_a_shared_cache():
    demo = database_config("sqlite:////srv/intranet/db.sqlite3")
    bench = database_config("sqlite:////tmp/large.sqlite3")
    production = database_config("postgres://app@db.internal:5432/intranet")
    prefixes = {cache_key_prefix(config) for config in (demo, bench, production)}
    assert len(prefixes) == 3
    assert cache_key_prefix(database_config("sqlite:////srv/intranet/db.sqlite3")) in prefixes
    for redis_url in ("", "redis://127.0.0.1:6379/0"):
        caches, _ = cache_config(redis_url, key_prefix="x")
        assert caches["default"]["KEY_PREFIX"].startswith("x:")


def test_concurrent_writers_on_sqlite_wait_instead_of_failing(tmp_path):
    """Eight threads read then write the same SQLite file at once; none is refused.

    A read followed by a write is the pattern that fails with "database is
    locked" under SQLite's default deferred transactions.
    """
    script = """
import threading, django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER)")
connection.close()
errors = []

def writer():
    try:
        for _ in range(25):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM tally")
                (count,) = cursor.fetchone()
                cursor.execute("INSERT INTO tally (n) VALUES (%s)", [count])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=writer) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*), COUNT(DISTINCT n) FROM tally")
    print(cursor.fetchone(), errors)
"""
    result = run_python(
        script,
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'concurrent.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    # 200 rows, and every row saw all the ones before it: the writes were serialised.
    assert result.stdout.strip() == "(200, 200) []"


def test_production_without_secret_key_names_the_variable_without_a_traceback():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", **env)
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_without_allowed_hosts_names_the_variable():
    result = run_manage("check", **{**PRODUCTION_ENV, "ALLOWED_HOSTS": ""})
    assert result.returncode == 1
    assert "ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_passes_the_deployment_checklist_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_reads_hosts_origins_and_email_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "ALLOWED_HOSTS": "a.example.com, b.example.com",
        "CSRF_TRUSTED_ORIGINS": "https://a.example.com",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "true",
        "REDIS_URL": "redis://127.0.0.1:6379/2",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.EMAIL_HOST, s.EMAIL_PORT, "
        "s.EMAIL_USE_TLS, s.DEBUG, s.CACHES['default']['BACKEND'].rsplit('.', 1)[-1])"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['a.example.com', 'b.example.com'] ['https://a.example.com'] smtp.example.com 587 "
        "True False RedisCache"
    )


@pytest.mark.parametrize(
    ("module", "debug"),
    [("intranet.settings.production", "False"), ("intranet.settings.dev", "True")],
)
def test_debug_is_on_only_with_the_dev_settings(module, debug):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = run_python(code, **{**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": module})
    assert result.stdout.strip() == debug


def test_tests_run_without_debug():
    assert settings.DEBUG is False


def test_production_serves_hashed_compressed_static_files(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        **PRODUCTION_ENV,
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/intranet.css": "css/intranet.' in manifest
    hashed = [path for path in (tmp_path / "css").iterdir() if path.name.endswith(".css.gz")]
    assert any(path.name != "intranet.css.gz" for path in hashed)


def production_redis_cache():
    """The cache backend production configures for REDIS_URL, against the real server CI starts."""
    caches, _ = cache_config(os.environ["REDIS_URL"])
    config = caches["default"]
    backend = import_string(config["BACKEND"])
    return backend(config["LOCATION"], {"KEY_PREFIX": "intranet-test"})


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL names no Redis server")
def test_the_redis_cache_stores_and_reads_back():
    cache = production_redis_cache()
    cache.set("greeting", {"hello": "community"}, timeout=30)
    assert cache.get("greeting") == {"hello": "community"}
    cache.set_many({"a": 1, "b": 2}, timeout=30)
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": 2}
    cache.delete_many(["greeting", "a", "b"])
    assert cache.get("greeting") is None


def test_make_run_links_emails_to_the_address_it_serves():
    # `make -n` prints the commands without running them (nor installing anything).
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8123"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={name: value for name, value in os.environ.items() if name != "BASE_URL"},
    )
    assert (
        'BASE_URL="${BASE_URL:-http://127.0.0.1:8123}" .venv/bin/python manage.py '
        "devserver 127.0.0.1:8123"
    ) in result.stdout
