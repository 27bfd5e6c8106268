"""Answers kept for the length of one request: a page asks the same question several times.

`RequestMemoMiddleware` opens an empty memo for each request and drops it
afterwards. Outside a request (a command, a task, a test calling a service)
there is no memo and every call asks the database, so nothing long-lived ever
reads a stale answer.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

_memo: ContextVar[dict | None] = ContextVar("intranet_request_memo", default=None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def once_per_request(key: tuple, compute: Callable[[], Any]) -> Any:
    """`compute()`, asked once per request for each `key`."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
