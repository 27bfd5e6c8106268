# The release, as in pyproject.toml; a deployment may name its own in RELEASE
# (`intranet.settings.base`), which keeps each release's cache entries apart.
__version__ = "0.1.0"
