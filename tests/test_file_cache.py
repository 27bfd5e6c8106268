"""Without Redis, every process on the machine shares one cache: a change made in one is seen
by the others."""

from intranet.file_cache import CULL_CHECK_EVERY, SharedFileCache
from tests.helpers import cached_block_in_a_new_process


def test_processes_share_cached_blocks_and_their_invalidation(tmp_path):
    # No Redis: the default a newcomer, or a small deployment, runs on.
    env = {"DJANGO_SETTINGS_MODULE": "intranet.settings.dev", "REDIS_URL": ""}
    env["CACHE_DIR"] = str(tmp_path)
    assert cached_block_in_a_new_process("first", **env) == "first"
    # Another process finds the block the first one built...
    assert cached_block_in_a_new_process("second", then="bump", **env) == "first"
    # ...and a change it announced reaches the next one.
    assert cached_block_in_a_new_process("third", **env) == "third"


def test_the_number_of_files_stays_near_its_bound(tmp_path):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100}})
    for number in range(300):
        cache.set(f"entry:{number}", number, 60)
    files = list(tmp_path.glob("*.djcache"))
    assert len(files) <= 100 + CULL_CHECK_EVERY
    # Culling removes whole entries: what is left reads back.
    assert sum(1 for number in range(300) if cache.get(f"entry:{number}") == number) == len(files)
