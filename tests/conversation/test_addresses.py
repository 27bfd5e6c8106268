"""A comment's addresses, filled in from one reversed pattern, are the ones Django reverses; its
actions are labelled in the page's language."""

import pytest

from django.urls import reverse, set_script_prefix
from django.utils import translation

from conversation.templatetags.conversation_tags import comment_actions, comment_address

NAMES = ["comment", "reply", "edit", "delete", "react", "flag", "moderate"]


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/intranet/", "/2147483647/"])
def test_every_comment_address_is_what_reverse_gives(script_prefix, prefix):
    script_prefix(prefix)
    for pk in (1, 42, 2147483647, 10**12):
        for name in NAMES:
            assert comment_address(pk, name) == reverse(f"conversation:{name}", args=[pk])


def test_the_actions_under_a_comment_are_in_the_language_of_the_page():
    with translation.override("de"):
        german = comment_actions(5, own=True, csrf_token="token")
    with translation.override("fr"):
        french = comment_actions(5, own=False, csrf_token="token")
    english = comment_actions(5, own=True, csrf_token="token")
    assert ">Bearbeiten</a>" in german
    assert ">Löschen</button>" in german
    assert ">Signaler</a>" in french
    assert ">Edit</a>" in english
    assert ">Delete</button>" in english
