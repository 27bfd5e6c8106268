"""The address a request came from, behind the load balancer too.

Sign-in throttling (django-axes) counts wrong passwords per account and
address. Behind a load balancer every request reaches the app from the
balancer's own address, so all failures for an account would add up and
anyone could lock a colleague out. Each proxy appends the address it saw to
X-Forwarded-For, so with `TRUSTED_PROXIES` proxies in front of the app the
client's address is that many entries from the right. Entries further left are
whatever the client sent, and are never read.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        # Not through every proxy: a request straight to the app server.
        return remote
    return _address(forwarded[-proxies]) or remote


def _address(entry: str) -> str | None:
    """The address in an X-Forwarded-For entry, which some balancers write with a port."""
    if entry.startswith("["):  # [2001:db8::1]:443
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:  # 198.51.100.7:5678
        entry = entry.partition(":")[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None
