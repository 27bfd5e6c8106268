"""The Redis cache of a production deployment: Django's, with one client per server.

Django's Redis backend makes a new `redis.Redis` client for every call, and
redis-py builds each new client's table of reply handlers (some two hundred
entries) as it starts. A page reads a dozen cached blocks and versions, so
building those tables cost more than some of the reads themselves. A client
holds no connection of its own: it borrows one from its server's pool for
each command, so one client per pool is safe to share between threads, and
after a fork the pool opens new connections itself.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Connection pools by id (Django keeps one per server), each with its client.
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
