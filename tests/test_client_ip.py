"""The client's address, read past the proxies the deployment says it has."""

import pytest

from django.test import RequestFactory

from intranet.client_ip import client_ip


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No proxy declared: the header is anyone's to write, and is ignored.
        (0, "198.51.100.7", "10.0.0.254"),
        (1, "198.51.100.7", "198.51.100.7"),
        # What the client wrote comes first; only the balancer's entry counts.
        (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.9, 198.51.100.7, 10.0.0.3", "198.51.100.7"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        # Some balancers write the client's port too.
        (1, "198.51.100.7:5678", "198.51.100.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        # Fewer entries than proxies, none at all, or not an address: the connection's own.
        (2, "198.51.100.7", "10.0.0.254"),
        (1, None, "10.0.0.254"),
        (1, "not-an-address", "10.0.0.254"),
    ],
)
def test_the_client_is_the_entry_the_first_trusted_proxy_appended(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    assert client_ip(request_from("10.0.0.254", forwarded)) == expected
