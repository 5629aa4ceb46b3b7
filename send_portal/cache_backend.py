"""The shared cache's backend: Django's Redis cache, with one client per connection pool.

Django's RedisCacheClient builds a new redis.Redis object for every cache call, which copies
some 170 response callbacks each time; a public page makes several calls, and a cached page is
otherwise only two Redis round trips. A redis.Redis object is a thread-safe wrapper around its
pool, so one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PooledClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient
