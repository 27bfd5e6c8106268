"""Erin's photo: previewed in the form before she saves it, then beside her name."""

import re

from playwright.sync_api import expect

from people.factories import PersonFactory, image_bytes
from tests.e2e.test_sign_in import close_tour, sign_in


def test_erin_previews_her_photo_saves_it_and_sees_it_in_the_header(page, erin, shot):
    PersonFactory(profile__department="Finance")
    page.goto("/")
    sign_in(page, "erin", "changeme")
    close_tour(page)
    page.locator(".user-menu__toggle").click()
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Edit profile").click()

    preview = page.get_by_role("figure")
    expect(preview).to_be_hidden()  # no photo yet
    page.get_by_label("Photo", exact=True).set_input_files(
        {"name": "me.png", "mimeType": "image/png", "buffer": image_bytes((300, 300))}
    )
    expect(preview).to_be_visible()
    expect(preview).to_contain_text("The photo you chose: Save to keep it.")
    expect(preview.locator("img")).to_have_attribute("src", re.compile(r"^blob:"))
    page.get_by_label("Department").select_option("Finance")
    shot(page, "1-preview")

    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The profile is saved.")).to_be_visible()
    header_photo = page.locator(".user-menu__toggle img.avatar")
    expect(header_photo).to_have_attribute("src", re.compile(r"^/media/people/photos/"))
    assert header_photo.evaluate("image => image.naturalWidth") > 0
    shot(page, "2-saved")

    # Back in the form, the current photo is shown first.
    page.get_by_role("link", name="Edit profile").click()
    expect(preview).to_contain_text("The current photo")
    expect(preview.locator("img")).to_have_attribute("src", re.compile(r"^/media/people/photos/"))
