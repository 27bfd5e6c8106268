"""Reading the search page as a visitor would."""

import re
from html import unescape


def result_titles(response) -> list[str]:
    """The titles of the results listed, in order, without their highlighting."""
    return titles(response.content.decode())


def titles(html: str) -> list[str]:
    """The titles of the results listed in `html`, in order, without their highlighting."""
    found = re.findall(r'class="item-list__title" href="[^"]*">(.*?)</a>', html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", title)).strip() for title in found]


def search(client, query, **params):
    response = client.get("/search/", {"query": query, **params})
    assert response.status_code == 200
    return response
