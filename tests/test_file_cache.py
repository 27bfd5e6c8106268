"""Without Redis, every process on the machine shares one cache: a change made in one is seen
by the others. A file that cannot be read or written counts as missing."""

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


def files_in(folder):
    return list(folder.glob("*.djcache"))


def test_expired_entries_are_culled_before_live_ones(tmp_path):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100}})
    for number in range(60):
        cache.set(f"old:{number}", number, 0)  # expired as soon as written
    for number in range(60):
        cache.set(f"live:{number}", number, 60)
    assert [cache.get(f"live:{number}") for number in range(60)] == list(range(60))
    assert len(files_in(tmp_path)) == 60


def test_the_files_are_counted_once_every_so_many_writes_and_stay_near_their_bound(
    tmp_path, monkeypatch
):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100}})
    listings = []
    list_files = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or list_files())
    for number in range(300):
        cache.set(f"entry:{number}", number, 60)
    assert 300 // CULL_CHECK_EVERY <= len(listings) <= 2 * (300 // CULL_CHECK_EVERY)
    assert len(files_in(tmp_path)) <= 100 + CULL_CHECK_EVERY


def test_a_damaged_entry_reads_as_missing(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.set("block", {"built": 1}, 60)
    [entry] = files_in(tmp_path)
    entry.write_bytes(b"half a file")
    assert cache.get("block", "missing") == "missing"
    cache.set("block", {"built": 2}, 60)
    assert cache.get("block") == {"built": 2}


def test_a_folder_that_cannot_be_written_leaves_every_read_a_miss(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = SharedFileCache(str(blocker / "cache"), {})
    cache.set("block", 1, 60)
    cache.set_many({"a": 1, "b": 2}, None)
    assert cache.get("block") is None
    assert cache.get_many(["a", "b"]) == {}
