"""Without Redis, every process of one server shares the cache in files: a fragment one process
cached is found by the others, and a change one marks reaches them all."""

from tests.helpers import cached_fragment_in_a_new_process

ON_ONE_SERVER = {
    "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
    "DJANGO_SECRET_KEY": "a-production-grade-secret-key-that-is-long-and-random-0123456789",
    "ALLOWED_HOSTS": "intranet.example.com",
    "REDIS_URL": "",
}


def test_processes_share_cached_fragments_and_their_changes(tmp_path):
    env = {**ON_ONE_SERVER, "CACHE_DIR": str(tmp_path / "cache")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    assert cached_fragment_in_a_new_process("first", **env) == "first"
    # Another process finds the fragment the first one cached...
    assert cached_fragment_in_a_new_process("second", then="mark", **env) == "first"
    # ...and the change it marked reaches the next one.
    assert cached_fragment_in_a_new_process("third", **env) == "third"
