"""Cached blocks are rebuilt after their data changes, on local memory, in files and on Redis."""

import os
import tempfile

import pytest

from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import RequestFactory

from intranet.caching import block_key, bump, cached_block, forget_everything
from intranet.request_memo import RequestMemoMiddleware

BACKENDS = [
    pytest.param({"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, id="locmem"),
    pytest.param(
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tempfile.mkdtemp(prefix="intranet-test-file-cache-"),
        },
        id="files",
    ),
    pytest.param(
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", ""),
            "KEY_PREFIX": "intranet-test-home",
        },
        id="redis",
        marks=pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set"),
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    settings.CACHES = {"default": request.param}
    cache.clear()
    yield
    cache.clear()


def test_a_block_is_built_once_until_its_topic_changes(backend):
    builds = []

    def build():
        builds.append(len(builds) + 1)
        return {"built": len(builds)}

    def read():
        return cached_block("sample:1", ("discussions", "user:1"), build, 60)

    assert read() == {"built": 1}
    assert read() == {"built": 1}
    bump("activity")  # another topic: still fresh
    assert read() == {"built": 1}
    bump("user:1")
    assert read() == {"built": 2}
    # A version lost from the cache (evicted) starts afresh rather than
    # finding a stale block.
    cache.delete("blocks:version:discussions")
    assert read() == {"built": 3}
    assert builds == [1, 2, 3]


def test_a_block_rebuilt_before_the_change_commits_does_not_last(
    backend, db, django_capture_on_commit_callbacks
):
    builds = []

    def read():
        return cached_block(
            "sample:2", ("discussions",), lambda: builds.append(1) or len(builds), 60
        )

    assert read() == 1
    with django_capture_on_commit_callbacks(execute=True):
        bump("discussions")
        # Another request rebuilds it meanwhile, from the data before the commit.
        assert read() == 2
    assert read() == 3


def test_forgetting_everything_makes_every_block_stale(backend):
    builds = []

    def read(name, topics):
        return cached_block(name, topics, lambda: builds.append(name) or len(builds), 60)

    assert read("sample:3", ("discussions",)) == 1
    assert read("sample:4", ("user:7",)) == 2
    forget_everything()
    assert read("sample:3", ("discussions",)) == 3
    assert read("sample:4", ("user:7",)) == 4


def test_a_block_its_keep_turns_down_is_returned_but_not_kept(backend):
    builds = []

    def read(number):
        def build():
            builds.append(number)
            # As a paginator does: a number past the last page shows the last.
            return {"number": min(number, 3)}

        def asked_for(value):
            return value["number"] == number

        return cached_block(f"sample-page:{number}", ("discussions",), build, 60, keep=asked_for)

    assert read(3) == read(3) == {"number": 3}
    assert read(99) == read(99) == {"number": 3}
    assert builds == [3, 99, 99]
    assert cache.get(block_key("sample-page:99")) is None


def test_a_block_held_in_process_is_read_again_only_once_it_changed_or_expired(
    backend, monkeypatch
):
    from intranet import caching

    builds, reads = [], []
    shared, held = caches["default"], block_key("sample:held")

    def get(key, *args, get=shared.get, **kwargs):
        # Only the block's reads: the versions are read every time, some backends one by one.
        if key == held:
            reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", get)

    def read():
        return cached_block(
            "sample:held",
            ("discussions",),
            lambda: builds.append(1) or {"built": len(builds)},
            60,
            in_process=True,
        )

    first = read()
    assert read() is first
    assert read() is first
    assert (builds, len(reads)) == ([1], 1)

    # A change made by any process moves the versions, which are read every time.
    bump("discussions")
    assert read() == {"built": 2}
    assert read() == {"built": 2}
    assert len(reads) == 2

    # Past its lifetime the block is read from the cache again.
    now = caching.time.monotonic()
    monkeypatch.setattr(caching.time, "monotonic", lambda: now + 61)
    assert read() == {"built": 2}
    assert len(reads) == 3


def test_a_process_holds_a_bounded_number_of_blocks(backend, monkeypatch):
    from intranet import caching

    monkeypatch.setattr(caching, "IN_PROCESS_BLOCKS", 3)
    for number in range(5):
        cached_block(f"sample:many:{number}", (), lambda n=number: n, 60, in_process=True)
    assert len(caching._in_process) == 3
    assert block_key("sample:many:4") in caching._in_process
    assert block_key("sample:many:0") not in caching._in_process


def test_a_block_kept_by_another_release_is_never_read(backend, monkeypatch):
    from intranet import caching

    def read(shape):
        return cached_block("sample:shape", ("discussions",), lambda: shape, 60)

    monkeypatch.setattr(caching, "release", lambda: "before-the-upgrade")
    assert read("a string") == "a string"
    monkeypatch.setattr(caching, "release", lambda: "after-the-upgrade")
    assert read({"html": "a dict"}) == {"html": "a dict"}
    # A change bumped by either release makes both releases' blocks stale.
    bump("discussions")
    monkeypatch.setattr(caching, "release", lambda: "before-the-upgrade")
    assert read("rebuilt") == "rebuilt"


def make_app(base):
    app = base / "people"
    (app / "templates").mkdir(parents=True)
    (app / "views.py").write_text("def person(): ...\n")
    (app / "templates" / "person.html").write_text("<h1>{{ name }}</h1>\n")
    (app / "notes.txt").write_text("not code\n")
    return app


def test_the_release_changes_with_the_code_and_the_versions(tmp_path):
    from intranet.caching import fingerprint

    app = make_app(tmp_path)

    def now():
        return fingerprint(tmp_path, [app], "Django 5.2")

    first = now()
    assert now() == first
    (app / "notes.txt").write_text("still not code\n")
    # A server's own settings change nothing.
    (app / "settings").mkdir()
    (app / "settings" / "local.py").write_text("DEBUG = True\n")
    assert now() == first
    # A file nobody can read (an editor's lock, a dangling link) stops nothing.
    (app / ".#views.py").symlink_to(tmp_path / "gone")
    assert now() != first
    (app / ".#views.py").unlink()
    assert now() == first
    (app / "templates" / "person.html").write_text("<h2>{{ name }}</h2>\n")
    assert now() != first
    second = now()
    assert fingerprint(tmp_path, [app], "Django 6.0") != second


def test_the_same_code_anywhere_is_the_same_release(tmp_path):
    from intranet.caching import fingerprint

    here, there = tmp_path / "here", tmp_path / "there"
    assert fingerprint(here, [make_app(here)], "v") == fingerprint(there, [make_app(there)], "v")


def test_the_release_is_read_from_the_intranets_own_apps():
    import django
    from django.conf import settings

    import wagtail

    from intranet.caching import fingerprint, release

    versions = f"{django.__version__} {wagtail.__version__}"
    assert release() != fingerprint(settings.BASE_DIR, [], versions)


def test_a_request_reads_each_version_once_and_sees_its_own_changes(backend, monkeypatch):
    asked = []
    backend_class = type(caches["default"])
    read_many = backend_class.get_many

    def get_many(self, keys, version=None):
        asked.extend(keys)
        return read_many(self, keys, version)

    builds = []

    def block(name):
        return cached_block(name, ("discussions",), lambda: builds.append(name) or name, 60)

    def view(request):
        block("first")
        block("second")
        bump("discussions")
        block("first")
        return HttpResponse()

    monkeypatch.setattr(backend_class, "get_many", get_many)
    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    # "everything" and "discussions", each read once for the three blocks.
    assert sorted(key for key in asked if ":version:" in key) == [
        "blocks:version:discussions",
        "blocks:version:everything",
    ]
    # The request's own change made its first block stale at once.
    assert builds == ["first", "second", "first"]

    asked.clear()
    RequestMemoMiddleware(view)(RequestFactory().get("/"))
    # The next request reads the versions afresh.
    assert len([key for key in asked if ":version:" in key]) == 2
