"""Turn every pattern in the URL resolver into a concrete URL that matches it.

The anonymous sweep uses this to visit every route Django, Wagtail and the
comments app register, including ones added after the sweep was written.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# Values tried, in order, for each captured part until one fits its regex.
CANDIDATES = ("1", "x", "x/", "live", "latest", "json", ".json", "app-model", "a/b", "x.y")


@dataclass(frozen=True)
class Route:
    url: str
    pattern: str
    name: str | None
    callback: object


def _fill(regex: str, candidates: tuple[str, ...]) -> str:
    for candidate in candidates:
        if re.fullmatch(regex, candidate):
            return candidate
    raise ValueError(f"no sample value fits {regex!r}")


def _route_to_url(pattern: RoutePattern, candidates: tuple[str, ...]) -> str:
    route = str(pattern)
    for name, converter in pattern.converters.items():
        route = re.sub(rf"<(?:\w+:)?{name}>", _fill(converter.regex, candidates), route)
    return route


def _top_level_groups(regex: str):
    """(start, end, inner) for each outermost group, skipping escaped parentheses."""
    depth, start, i = 0, 0, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # parentheses inside a character class are literal
            i = regex.index("]", i + 1) + 1
            continue
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                inner = re.sub(r"^\?(P<\w+>|:)", "", regex[start + 1 : i])
                yield start, i + 1, inner
        i += 1


def _regex_to_url(regex: str, candidates: tuple[str, ...]) -> str:
    pieces, last = [], 0
    for start, end, inner in _top_level_groups(regex):
        pieces += [regex[last:start], _fill(inner, candidates)]
        last = end
    pieces.append(regex[last:])
    url = "".join(pieces)
    url = url.removeprefix("^").removesuffix("$").replace("/?", "/")
    url = url.replace(".*", "x").replace(".+", "x")
    return re.sub(r"\\(.)", r"\1", url)


def _pattern_to_url(pattern, candidates: tuple[str, ...]) -> str:
    if isinstance(pattern, RoutePattern):
        return _route_to_url(pattern, candidates)
    return _regex_to_url(pattern.regex.pattern, candidates)


def all_routes(patterns=None, prefix: str = "", candidates=CANDIDATES) -> list[Route]:
    """Every route, each captured part filled with the first of `candidates` that fits."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        part = _pattern_to_url(entry.pattern, candidates)
        if isinstance(entry, URLResolver):
            routes += all_routes(entry.url_patterns, prefix + part, candidates)
        elif isinstance(entry, URLPattern):
            routes.append(
                Route("/" + prefix + part, prefix + str(entry.pattern), entry.name, entry.callback)
            )
    return routes
