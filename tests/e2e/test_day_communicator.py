"""Carl's day, in a real browser: a communicator writes a guide from the guides index, sees
its live preview, submits it for review, hears of the approval in the notification centre and
reminds the readers of a must-read who have not acknowledged it, with a screenshot of each step."""

import re

from playwright.sync_api import expect

from guides.models import AcknowledgementReminder, GuidePage
from notifications.models import Notification, NotificationKind
from tests.e2e.test_guides import write_guide
from tests.e2e.test_sign_in import close_tour_if_shown, sign_in

TITLE = "Booking a meeting room"
MUST_READ = "Why we have this intranet"


def approve_as_admin(browser, base_url, shot):
    """Ada, an administrator, approves the guide from her dashboard, in a browser of her own."""
    context = browser.new_context(base_url=base_url)
    admin = context.new_page()
    admin.set_default_timeout(15_000)
    admin.set_viewport_size({"width": 1280, "height": 900})
    admin.goto("/")
    sign_in(admin, "admin", "changeme")
    close_tour_if_shown(admin)
    admin.locator("summary.user-menu__toggle").click()
    admin.get_by_role("link", name="Wagtail admin").click()
    admin.get_by_role("link", name=TITLE).first.click()
    expect(admin).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(admin.get_by_role("button", name="More actions")).to_be_visible()
    shot(admin, "05-admin-reviews-the-guide")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Approve and Publish").first.click()
    expect(admin.get_by_text("has been updated")).to_be_visible()
    shot(admin, "06-admin-approved")
    context.close()


def test_carl_writes_a_guide_hears_it_is_approved_and_reminds_readers(
    demo_site, page, browser, shot
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    sign_in(page, "carl", "changeme")
    close_tour_if_shown(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guides").click()
    expect(page.get_by_role("link", name="Write a guide")).to_be_visible()
    shot(page, "01-guides-index")

    page.get_by_role("link", name="Write a guide").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/guides/guidepage/\d+/$"))
    write_guide(page, TITLE)
    shot(page, "02-guide-written")

    # The live preview renders the guide in the editor's panel.
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads each preview into a second frame and swaps it in: the newest shows.
    preview = page.locator("iframe[title='Preview']").last.content_frame
    expect(preview.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(preview.get_by_text("Open the room calendar and pick a free slot.")).to_be_visible()
    shot(page, "03-live-preview")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Communications review").click()
    expect(page.get_by_text("submitted for moderation")).to_be_visible()
    shot(page, "04-submitted")
    guide = GuidePage.objects.get(title=TITLE)
    assert not guide.live

    base_url = page.url.split("/admin/")[0]
    approve_as_admin(browser, base_url, shot)
    guide.refresh_from_db()
    assert guide.live

    # Back on the intranet (the admin has no link to it), the bell tells him.
    page.goto("/")
    close_tour_if_shown(page)
    bell = page.get_by_role("button", name=re.compile(r"Notifications, \d+ unread"))
    expect(bell).to_be_visible()
    shot(page, "07-home-bell")
    bell.click()
    approved = page.locator("#bell-menu-panel").get_by_role(
        "link", name=f"Ada Admin approved “{TITLE}”"
    )
    expect(approved).to_be_visible()
    shot(page, "08-notification-of-approval")
    assert Notification.objects.filter(
        recipient__username="carl", kind=NotificationKind.REVIEW
    ).exists()
    approved.click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Edit"))).to_be_visible()
    shot(page, "09-published-guide")

    # A must-read he looks after: who has not acknowledged it, and a reminder to them.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guides").click()
    page.get_by_role("link", name=MUST_READ).first.click()
    page.get_by_role("link", name="See who has acknowledged this guide").click()
    expect(page.get_by_role("heading", name=f"Who has read “{MUST_READ}”")).to_be_visible()
    shot(page, "10-acknowledgements")
    page.get_by_role("button", name="Remind those who haven't").click()
    expect(page.get_by_text(re.compile(r"A reminder is on its way to \d+ pe"))).to_be_visible()
    shot(page, "11-reminder-sent")
    # A second click soon after reminds nobody again, and says why.
    page.get_by_role("button", name="Remind those who haven't").click()
    expect(page.get_by_text(re.compile("A reminder already went out on"))).to_be_visible()
    shot(page, "12-reminder-held-back")
    assert AcknowledgementReminder.objects.count() == 1
    assert Notification.objects.filter(kind=NotificationKind.MUST_READ).exists()
