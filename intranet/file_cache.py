"""The cache of a deployment without Redis: files on the local disk, shared by every process.

gunicorn runs several workers, and commands (imports, the nightly roll-up)
run in processes of their own. A per-process memory cache would leave each
worker with its own copy of every cached block: a change bumps the version
in the process that made it, and the other workers go on serving the old
block until it expires. Files on one disk are seen by all of them.
"""

import itertools

from django.core.cache.backends.filebased import FileBasedCache

# Django's file cache counts its files on every write, to cull them once
# there are too many; with thousands of entries that listing costs more than
# the write. Counting on one write in this many keeps the bound, roughly.
CULL_CHECK_EVERY = 50


class SharedFileCache(FileBasedCache):
    def __init__(self, directory, params):
        super().__init__(directory, params)
        self._writes = itertools.count()

    def _cull(self):
        if next(self._writes) % CULL_CHECK_EVERY == 0:
            super()._cull()
