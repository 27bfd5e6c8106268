"""A real OpenID Connect provider for the tests, on loopback, in a process of its own.

A small Django project of its own (its settings are not the intranet's), serving
django-oauth-toolkit's OpenID Connect provider: discovery, authorization with a
login form, tokens signed with an RSA key made when it starts, userinfo, keys
and sign-out. `tests.sso.provider` starts it; `serve` is its entry point.
"""
