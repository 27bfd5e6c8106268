"""Database routers (https://docs.djangoproject.com/en/5.2/topics/db/multi-db/#using-routers)."""

# The alias of the SQLite database the cache lives in without Redis
# (`intranet.settings.production`).
CACHE_DATABASE = "cache"


class CacheRouter:
    """Django's database cache in a database of its own, as "Database caching and multiple
    databases" shows (https://docs.djangoproject.com/en/5.2/topics/cache/#database-caching).

    A cache write then never waits for, nor holds, the intranet database's write
    lock. The cache's model is not a real one: Django names its app
    `django_cache`. Nothing else is migrated into the cache's database, and the
    cache's table nowhere else (`createcachetable` asks this router).
    """

    def db_for_read(self, model, **hints):
        if model._meta.app_label == "django_cache":
            return CACHE_DATABASE
        return None

    def db_for_write(self, model, **hints):
        return self.db_for_read(model, **hints)

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == CACHE_DATABASE or app_label == "django_cache":
            return db == CACHE_DATABASE and app_label == "django_cache"
        return None
