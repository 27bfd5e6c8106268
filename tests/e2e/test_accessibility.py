"""axe-core on the intranet's main pages, as an employee reaches them by clicking.

Each `shot` runs axe (`tests/e2e/conftest.py`): a critical or serious finding on
any of these pages fails the walk, with the rule, the elements and the page.
"""

import re

from playwright.sync_api import expect

from communities.factories import CommunityPageFactory
from home.models import HomePage
from intranet.factories import UserFactory
from tests.e2e.accessibility import audit
from tests.e2e.test_sign_in import close_tour_if_shown, sign_in


def test_the_checker_finds_an_unlabeled_field(page):
    page.set_content('<main><h1>Form</h1><input type="text"><button></button></main>')
    found = {(finding.rule, finding.impact) for finding in audit(page, "bare form")}
    assert {("label", "critical"), ("button-name", "critical")} <= found


def test_an_employees_main_pages_pass_axe(demo_site, page, shot):
    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour_if_shown(page)
    shot(page, "01-home")
    main_nav = page.get_by_role("navigation", name="Main")

    main_nav.get_by_role("link", name="Communities").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "02-communities")
    page.get_by_role("link", name="People and Culture", exact=True).first.click()
    expect(page.get_by_role("heading", name="People and Culture", level=1)).to_be_visible()
    shot(page, "03-community")
    page.get_by_role("link", name="How do I book leave?").first.click()
    expect(page.get_by_role("heading", name="How do I book leave?", level=1)).to_be_visible()
    shot(page, "04-discussion")

    main_nav.get_by_role("link", name="Guides").click()
    page.get_by_role("link", name="Joining a community").first.click()
    expect(page.get_by_role("heading", name="Joining a community", level=1)).to_be_visible()
    shot(page, "05-guide")

    main_nav.get_by_role("link", name="People").click()
    shot(page, "06-people")
    page.get_by_role("link", name="Jonas Berg").first.click()
    expect(page.get_by_role("heading", name="Jonas Berg", level=1)).to_be_visible()
    shot(page, "07-person")

    page.get_by_role("search").get_by_label("Search the intranet").fill("leave")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?query=leave"))
    shot(page, "08-search")

    page.get_by_role("button", name=re.compile(r"^Notifications")).click()
    shot(page, "09-latest-notifications")
    page.get_by_role("link", name="See all notifications").click()
    expect(page).to_have_url(re.compile(r"/notifications/"))
    shot(page, "10-notifications")


def test_the_admins_tag_field_rich_text_and_chooser_have_names(page, shot):
    """Wagtail builds these without a name; `js/admin-accessible-names.js` gives them one."""
    UserFactory(username="ada", password="changeme", is_superuser=True, is_staff=True)
    UserFactory(username="nadia", first_name="Nadia", last_name="Haddad")
    CommunityPageFactory(parent=HomePage.objects.get(), title="Cyclists")
    page.goto("/")
    sign_in(page, "ada", "changeme")
    close_tour_if_shown(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Communities").click()
    page.get_by_role("link", name="Cyclists").first.click()
    page.get_by_role("link", name="Edit this community").click()
    # tag-it's typing box, beside the hidden field its label is for.
    expect(page.locator("ul.tagit input")).to_have_accessible_name("Topics")
    # Draftail's editor in a new block is named for the block's type.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    editor = page.locator("[data-contentpath='body'] [role='textbox']").first
    expect(editor).to_have_accessible_name("Paragraph")
    page.get_by_role("button", name="Add team member").click()
    page.get_by_role("button", name="Choose a person").last.click()
    expect(page.get_by_role("dialog", name="Choose a person")).to_be_visible()
    shot(page, "01-chooser")


def test_a_rich_text_fields_editor_takes_the_fields_label(page):
    UserFactory(username="ada", password="changeme", is_superuser=True, is_staff=True)
    home = HomePage.objects.get()
    # Where the editor is reached from does not matter here: only what it names.
    page.goto(f"/admin/pages/{home.pk}/edit/")
    sign_in(page, "ada", "changeme")
    editor = page.locator("[data-contentpath='introduction'] [role='textbox']")
    expect(editor).to_have_accessible_name("Introduction")
