"""Finding who knows what: from the directory to a person, and on to their community."""

import re

from playwright.sync_api import expect

from communities.factories import MembershipFactory
from intranet.factories import UserFactory
from people.factories import PersonFactory
from tests.e2e.test_communities import published_community
from tests.e2e.test_sign_in import close_tour, sign_in


def test_erin_finds_an_expert_and_reaches_their_community(page):
    UserFactory(username="erin", first_name="Erin", password="changeme")
    kofi = PersonFactory(
        username="kofi",
        profile__display_name="Kofi Mensah",
        profile__job_title="Security analyst",
        expertise=["phishing", "incident response"],
    )
    PersonFactory(profile__display_name="Paula Payroll", expertise=["payroll"])
    community = published_community("Cyber security")
    MembershipFactory(user=kofi, community=community)

    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()

    directory = page.get_by_role("search", name="People")
    directory.get_by_label("Name, job title or expertise").fill("phishing")
    directory.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/people/\?q=phishing"))
    expect(page.get_by_role("heading", name="1 person")).to_be_visible()
    expect(page.get_by_text("Paula Payroll")).to_have_count(0)

    page.get_by_role("link", name="Kofi Mensah").click()
    expect(page).to_have_url(re.compile(r"/people/kofi/$"))
    expect(page.get_by_role("heading", name="Kofi Mensah")).to_be_visible()
    expect(page.get_by_text("Security analyst")).to_be_visible()

    page.get_by_role("link", name="Cyber security").click()
    expect(page.get_by_role("heading", name="Cyber security", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(community.url) + "$"))
