"""A community's team manages its members from the front end: a request to join answered
from its notification, a member removed with a reason, someone added with the chooser."""

import re

from playwright.sync_api import expect

from communities.factories import MembershipFactory
from communities.models import JoinRequest, Membership, MembershipEvent, MembershipPolicy
from intranet.factories import UserFactory
from people.models import Profile
from tests.e2e.test_communities import published_community
from tests.e2e.test_sign_in import sign_in


def test_erin_asks_to_join_olivia_approves_from_the_bell_and_removes_sam(
    browser, live_server, page, erin, olivia, shot
):
    community = published_community("Inner circle", lead=olivia)
    community.membership_policy = MembershipPolicy.INVITATION
    community.save_revision().publish()
    sam = UserFactory(username="sam", first_name="Sam", last_name="Hill")
    MembershipFactory(user=sam, community=community)
    nadia = UserFactory(first_name="Nadia", last_name="Okafor", email="nadia@example.com")
    Profile.objects.filter(user=nadia).update(department="Facilities")

    # Erin asks, with a word for the team.
    page.goto(community.url)
    sign_in(page, "erin", "changeme")
    expect(page.get_by_role("button", name="Join this community")).to_have_count(0)
    page.get_by_label("A word for the team (optional)").fill("I run the Tuesday sessions.")
    shot(page, "1-ask-to-join")
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_text("Your request to join Inner circle is sent")).to_be_visible()
    expect(page.get_by_text("You asked to join")).to_be_visible()
    assert JoinRequest.objects.filter(user=erin, status="pending").exists()

    # Olivia opens the notification and approves from its link.
    team = browser.new_context(base_url=live_server.url)
    lead = team.new_page()
    lead.set_default_timeout(15_000)
    lead.goto(community.url)
    sign_in(lead, "olivia", "changeme")
    lead.get_by_role("button", name=re.compile("Notifications, 1 unread")).click()
    lead.get_by_role("link", name=re.compile("asks to join “Inner circle”")).click()
    expect(lead).to_have_url(re.compile(rf"/communities/{community.pk}/members/#requests$"))
    expect(lead.get_by_text("I run the Tuesday sessions.")).to_be_visible()
    shot(lead, "2-requests")
    lead.get_by_role("button", name=re.compile(r"^Approve Erin")).click()
    expect(lead.get_by_text(re.compile(r"Erin .*is now a member\."))).to_be_visible()
    assert Membership.objects.filter(user=erin, community=community).exists()

    # Erin is a member now.
    page.reload()
    expect(page.get_by_role("button", name="Leave this community")).to_be_visible()

    # Olivia removes Sam, saying why.
    lead.get_by_text("Manage Sam Hill").click()
    lead.get_by_label("Why remove Sam Hill?").fill("Moved to the Lyon office")
    shot(lead, "3-remove")
    lead.get_by_role("button", name="Remove Sam Hill").click()
    expect(lead.get_by_text("Sam Hill is no longer a member.")).to_be_visible()
    assert not Membership.objects.filter(user=sam, community=community).exists()
    removal = MembershipEvent.objects.get(person=sam, action="removed")
    assert (removal.actor, removal.reason) == (olivia, "Moved to the Lyon office")

    # And adds Nadia with the chooser, found by her department.
    lead.get_by_label("Find a person by name, email or department").press_sequentially("facil")
    option = lead.get_by_role("option", name=re.compile("Nadia Okafor"))
    expect(option).to_be_visible()
    shot(lead, "4-chooser")
    option.click()
    expect(lead.get_by_text("Nadia Okafor (nadia@example.com · Facilities)")).to_be_visible()
    lead.get_by_role("button", name="Add as a member").click()
    expect(lead.get_by_text("Nadia Okafor is now a member.")).to_be_visible()
    shot(lead, "5-added")
    assert Membership.objects.filter(user=nadia, community=community).exists()
    team.close()
