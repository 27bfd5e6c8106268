"""The cache of a deployment without Redis: files on the local disk, shared by every process.

gunicorn runs several workers, and commands (imports, the nightly roll-up)
run in processes of their own. A per-process memory cache would leave each
worker with its own copy of every cached block: a change bumps the version
in the process that made it, and the other workers go on serving the old
block until it expires. Files on one disk are seen by all of them.

A cache is never the only copy of anything, so a file that cannot be read or
written (a full disk, a folder owned by another account, a file left half
written or by an older release) counts as missing: the page is built from
the database, and the problem is logged rather than shown to the reader.
"""

import itertools
import logging
import pickle
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

logger = logging.getLogger(__name__)

# Django's file cache counts its files on every write, to cull them once
# there are too many; with thousands of entries that listing costs more than
# the write. Counting on one write in this many keeps the bound, roughly.
CULL_CHECK_EVERY = 50

UNREADABLE = (OSError, EOFError, zlib.error, pickle.UnpicklingError, AttributeError, ImportError)


class SharedFileCache(FileBasedCache):
    def __init__(self, directory, params):
        self._writes = itertools.count()
        try:
            super().__init__(directory, params)
        except OSError as error:
            # Django creates the folder here; without it every read is a miss.
            logger.error("The cache folder %s cannot be created: %s", directory, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREADABLE as error:
            logger.warning("Cache entry %s could not be read: %s", key, error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except OSError as error:
            logger.warning("Cache entry %s could not be written: %s", key, error)

    def _cull(self):
        if next(self._writes) % CULL_CHECK_EVERY:
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        # Expired entries first: only a read deletes an expired file, and some
        # entries are never read again (the blocks of someone who has left).
        for name in files:
            self._delete_if_expired(name)
        # Then, if there are still too many, Django's own: a random share.
        super()._cull()

    def _delete_if_expired(self, name: str) -> None:
        try:
            with open(name, "rb") as file:
                self._is_expired(file)
        except UNREADABLE:
            self._delete(name)
