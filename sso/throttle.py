"""Sign-in throttling (django-axes) leaves the provider's answers alone.

Axes counts every failed `authenticate()`. A callback from the provider
carries no username, so forged or refused callbacks from one address would
all count against the same (no one, address) pair, and after five of them
lock everyone at that address out of single sign-on. No password can be
tried through the callback, and the provider throttles its own sign-in.
"""

from django.urls import reverse


def is_provider_answer(request, credentials=None) -> bool:
    """AXES_WHITELIST_CALLABLE: the callback from the identity provider is never throttled."""
    return request is not None and request.path == reverse("sso:callback")
