"""Static files with hashed, compressed names, each address looked up once a process.

Every page names a dozen static files and every admin page some twenty. With
a manifest, each address is a lookup of the file's hashed name, its path
cleaned and joined to `STATIC_URL` again on every page. The manifest is read
when a process starts and stays as it is while it runs (a release restarts
the servers), so each address found is kept.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Addresses kept: the static files' templates name, many times over.
KEPT = 2048


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            # A name the manifest lacks raises here, and is never kept.
            url = super().url(name)
            if len(self._urls) < KEPT:
                self._urls[name] = url
        return url
