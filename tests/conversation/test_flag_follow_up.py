"""A flag reaches the people who can act on it: on their home page, their admin dashboard and
the Flags listing, which names the page, the community and the people."""

from django.test import Client
from django.urls import reverse

from conversation import services
from intranet.factories import UserFactory


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_team_sees_an_open_flag_until_it_is_dismissed(discussion, owner, employee):
    comment = services.post_comment(
        UserFactory(first_name="Walter", last_name="Watts"), discussion, "Cheap watches"
    )
    lead = signed_in(owner)
    assert "Flagged comments to look at" not in lead.get("/").text
    services.flag_comment(employee, comment, "spam", "Looks like an advert")
    link = reverse("conversation:comment", args=[comment.pk])

    home = lead.get("/").text
    assert "Flagged comments to look at" in home
    assert f'href="{link}"' in home
    dashboard = lead.get(reverse("wagtailadmin_home")).text
    assert "Flagged comments to look at" in dashboard
    assert f'href="{link}"' in dashboard
    all_flags = reverse("conversation_flag_modeladmin_index")
    assert f'<a href="{all_flags}">All flags</a>' in dashboard
    # Nobody else is asked to look.
    assert "Flagged comments to look at" not in signed_in(employee).get("/").text

    listing = lead.get(reverse("conversation_flag_modeladmin_index")).text
    for shown in (discussion.title, "People and Culture", "Erin", "Walter Watts"):
        assert shown in listing, shown

    services.dismiss_flags(owner, comment)
    assert "Flagged comments to look at" not in lead.get("/").text
    assert "Flagged comments to look at" not in lead.get(reverse("wagtailadmin_home")).text
