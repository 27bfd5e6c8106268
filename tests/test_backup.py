"""A seeded intranet, exported and restored into a fresh database, comes back whole."""

import json
import shutil

import pytest

from tests.helpers import CHILD_CACHE_DIR, cached_fragment_in_a_new_process, run_manage, run_python

# SQLite files of its own, on either pass: CI runs it with the SQLite pass only.
pytestmark = pytest.mark.own_databases

COUNT_EVERY_MODEL = """
import json, django
django.setup()
from django.apps import apps
from intranet.backup import EXCLUDED

print(json.dumps({
    m._meta.label_lower: m._default_manager.count()
    for m in apps.get_models()
    if m._meta.app_label not in EXCLUDED and m._meta.label_lower not in EXCLUDED
}))
"""


def on(database, cache_dir=CHILD_CACHE_DIR):
    # The cache, in a folder of the test run's, never Redis or the checkout's.
    return {
        "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
        "DATABASE_URL": database,
        "REDIS_URL": "",
        "CACHE_DIR": cache_dir,
    }


def on_one_server(database, cache_dir):
    """As production runs without Redis: a cache database in `cache_dir`, which every process
    shares."""
    return {
        **on(database, cache_dir),
        "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
        "DJANGO_SECRET_KEY": "a-production-grade-secret-key-that-is-long-and-random-0123456789",
        "ALLOWED_HOSTS": "intranet.example.com",
    }


def manage(database, *args, cache_dir=CHILD_CACHE_DIR, where=on):
    result = run_manage(*args, **where(database, cache_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def counts(database):
    result = run_python(COUNT_EVERY_MODEL, **on(database))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def restored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backup")
    source = f"sqlite:///{folder / 'source.sqlite3'}"
    fresh = f"sqlite:///{folder / 'fresh.sqlite3'}"
    backup = folder / "backup.json"
    manage(source, "migrate", "--noinput")
    # A copy of the migrated, still empty, database is the fresh one to restore into.
    shutil.copyfile(folder / "source.sqlite3", folder / "fresh.sqlite3")
    manage(source, "seed_demo")
    manage(source, "export_backup", str(backup))
    cache_dir = str(folder / "cache")
    # As a deployment does before serving: `migrate` creates the cache's table.
    manage(fresh, "migrate", "--noinput", cache_dir=cache_dir, where=on_one_server)
    before = cached_fragment_in_a_new_process(
        "before the restore", **on_one_server(fresh, cache_dir)
    )
    manage(fresh, "import_backup", str(backup), cache_dir=cache_dir, where=on_one_server)
    after = cached_fragment_in_a_new_process("after the restore", **on_one_server(fresh, cache_dir))
    return source, fresh, backup, (before, after)


def test_every_record_comes_back(restored):
    source, fresh, _, _ = restored
    before, after = counts(source), counts(fresh)
    assert before["wagtailcore.page"] > 20
    assert before["communities.membership"] >= 30
    assert after == before


def test_restoring_over_a_database_with_accounts_is_refused(restored):
    _, fresh, backup, _ = restored
    before = counts(fresh)
    result = run_manage("import_backup", str(backup), **on(fresh))
    assert result.returncode == 1
    assert "already holds accounts" in result.stderr
    assert counts(fresh) == before


def test_a_missing_backup_file_is_named(tmp_path):
    result = run_manage(
        "import_backup", str(tmp_path / "nope.json"), **on(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    )
    assert result.returncode == 1
    assert "No backup file at" in result.stderr


def test_no_block_cached_before_the_restore_is_found_after_it(restored):
    *_, (before, after) = restored
    assert (before, after) == ("before the restore", "after the restore")
