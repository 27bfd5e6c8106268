"""An employee's first steps, in a real browser."""

import re

from playwright.sync_api import expect

from django.core import mail


def sign_in(page, username, password):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def close_tour_if_shown(page):
    """The tour greets some demo accounts and not others: Escape closes it where it shows."""
    page.wait_for_load_state("load")
    tour = page.get_by_role("dialog", name="Welcome to the intranet")
    if tour.is_visible():
        page.keyboard.press("Escape")
        expect(tour).to_be_hidden()


def close_tour(page):
    """A new joiner lands on the first-run tour; Escape closes it for good."""
    expect(page.get_by_role("dialog", name="Welcome to the intranet")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_an_anonymous_visit_lands_on_the_login_page(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_erin_signs_in_and_reaches_the_home_page(page, erin):
    page.goto("/")
    sign_in(page, "erin", "changeme")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Hello, Erin")).to_be_visible()
    expect(page.get_by_role("search")).to_be_visible()
    close_tour(page)
    # The skip link is the first thing the keyboard reaches on a page freshly
    # opened (closing the tour hands focus back to where it was).
    page.goto("/people/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()


def test_a_wrong_password_shows_a_clear_error_and_no_stack_trace(page, erin):
    page.goto("/login/")
    sign_in(page, "erin", "not-her-password")
    expect(page.get_by_role("alert")).to_contain_text(
        "Please enter a correct username and password"
    )
    expect(page).to_have_url(re.compile(r"/login/$"))
    assert "Traceback" not in page.content()


def test_a_visitor_who_forgot_the_password_is_told_to_check_their_email(page, erin):
    page.goto("/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    page.get_by_label("Email").fill(erin.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page).to_have_url(re.compile(r"/password-reset/sent/$"))
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    # The live server answers from this process, so its email lands in this outbox.
    assert [message.to for message in mail.outbox] == [[erin.email]]
