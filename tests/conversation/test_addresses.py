"""A comment's addresses, filled in from one reversed pattern, are the ones Django reverses."""

import pytest

from django.urls import reverse, set_script_prefix

from conversation.templatetags.conversation_tags import comment_address

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
