"""Without Redis, every process of one server shares Django's database cache, in an SQLite
database of its own: a fragment one process cached is found by the others, and a change one
marks reaches them all."""

import sqlite3

import pytest

from tests.helpers import cached_fragment_in_a_new_process, run_manage

ON_ONE_SERVER = {
    "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
    "DJANGO_SECRET_KEY": "a-production-grade-secret-key-that-is-long-and-random-0123456789",
    "ALLOWED_HOSTS": "intranet.example.com",
    "REDIS_URL": "",
}


def one_server(tmp_path, database: str) -> dict[str, str]:
    return {
        **ON_ONE_SERVER,
        "CACHE_DIR": str(tmp_path / "cache"),
        "DATABASE_URL": f"sqlite:///{tmp_path / database}",
    }


def tables(path) -> set[str]:
    with sqlite3.connect(path) as database:
        return {name for (name,) in database.execute("SELECT name FROM sqlite_master")}


def test_processes_share_cached_fragments_and_their_changes(tmp_path):
    env = one_server(tmp_path, "unused.sqlite3")
    # The cache's table, made as `migrate` makes it, without migrating a database no one reads.
    created = run_manage("createcachetable", "--database", "cache", **env)
    assert created.returncode == 0, created.stderr
    assert cached_fragment_in_a_new_process("first", **env) == "first"
    # Another process finds the fragment the first one cached...
    assert cached_fragment_in_a_new_process("second", then="mark", **env) == "first"
    # ...and the change it marked reaches the next one.
    assert cached_fragment_in_a_new_process("third", **env) == "third"


@pytest.mark.own_databases
def test_migrate_on_a_fresh_cache_dir_leaves_a_working_cache(tmp_path):
    env = one_server(tmp_path, "db.sqlite3")
    migrated = run_manage("migrate", "--noinput", **env)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert cached_fragment_in_a_new_process("first", **env) == "first"
    assert cached_fragment_in_a_new_process("second", **env) == "first"
    # The cache's rows are in its own database, never the intranet's, whose write lock
    # its writes would otherwise take.
    assert "intranet_cache" in tables(tmp_path / "cache" / "cache.sqlite3")
    assert "intranet_cache" not in tables(tmp_path / "db.sqlite3")
    with sqlite3.connect(tmp_path / "cache" / "cache.sqlite3") as cache:
        assert cache.execute("SELECT COUNT(*) FROM intranet_cache").fetchone()[0] >= 2
