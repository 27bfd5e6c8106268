"""Password reset: it works, and it tells a visitor nothing about who has an account.

An anonymous visitor asks for a link for any address; whether the address
has an account, is inactive or has been asked for too often, the answer is
the same redirect to the same "check your email" page. Only the mailbox of
an active account learns more.
"""

import re

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail

from intranet.factories import UserFactory
from intranet.password_reset import (
    RESETS_PER_ADDRESS,
    RESETS_PER_CLIENT,
    send_password_reset_task,
)
from tests.helpers import DATABASE_QUEUE

pytestmark = pytest.mark.django_db

RESET_URL = "/password-reset/"
LINK = re.compile(r"^http://testserver(/password-reset/[^/\s]+/[^/\s]+/)$", re.MULTILINE)
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def ask_for_a_link(client, email, ip="198.51.100.7"):
    """Post the reset form; return what the visitor sees: the answer and the page it leads to."""
    response = client.post(RESET_URL, {"email": email}, REMOTE_ADDR=ip)
    page = client.get(response["Location"]) if response.status_code == 302 else response
    return (
        response.status_code,
        response.get("Location"),
        CSRF_TOKEN.sub("", response.content.decode()),
        page.status_code,
        CSRF_TOKEN.sub("", page.content.decode()),
    )


def emailed_link(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def erin():
    return UserFactory(username="erin", email="erin@example.com", password="old-password")


def test_a_known_and_an_unknown_address_get_the_same_answer(client, erin):
    known = ask_for_a_link(client, "erin@example.com")
    unknown = ask_for_a_link(client, "nobody@example.com")
    assert known == unknown
    status, location, _content, page_status, page = known
    assert (status, location, page_status) == (302, "/password-reset/sent/", 200)
    assert "Check your email" in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["erin@example.com"]


def test_the_emailed_link_leads_to_a_new_password_that_signs_in(client, erin):
    ask_for_a_link(client, "ERIN@example.com")
    (message,) = mail.outbox
    assert "erin" in message.body
    link = emailed_link(message)

    # Django moves the token from the address into the session first.
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.get(form_url)
    assert response.status_code == 200
    assert "Choose a new password" in response.content.decode()
    assert 'name="new_password1"' in response.content.decode()

    new_password = "a-long-new-passphrase-42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert response["Location"] == "/password-reset/done/"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "Password changed" in response.content.decode()

    response = client.post("/login/", {"username": "erin", "password": new_password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(erin.pk)

    # The link has done its work: opened again it offers a new one instead.
    client.post("/logout/")
    response = client.get(link, follow=True)
    assert "This link has expired or was already used" in response.content.decode()


def test_the_old_password_no_longer_signs_in_after_a_reset(client, erin):
    ask_for_a_link(client, "erin@example.com")
    form_url = client.get(emailed_link(mail.outbox[0]))["Location"]
    client.post(form_url, {"new_password1": "x-brand-new-9", "new_password2": "x-brand-new-9"})
    response = client.post("/login/", {"username": "erin", "password": "old-password"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_inactive_account_gets_no_email_and_the_same_answer(client):
    UserFactory(username="gone", email="gone@example.com", is_active=False)
    inactive = ask_for_a_link(client, "gone@example.com")
    assert inactive == ask_for_a_link(client, "nobody@example.com")
    assert mail.outbox == []


def test_one_address_gets_a_few_emails_an_hour_from_any_number_of_clients(client, erin):
    answers = {
        ask_for_a_link(client, "erin@example.com", ip=f"198.51.100.{n}")
        for n in range(RESETS_PER_ADDRESS + 2)
    }
    assert len(mail.outbox) == RESETS_PER_ADDRESS
    # The throttled requests are answered exactly as the others.
    assert len(answers) == 1


def test_one_client_asks_for_a_few_addresses_an_hour(client, erin):
    answers = {ask_for_a_link(client, f"person{n}@example.com") for n in range(RESETS_PER_CLIENT)}
    answers.add(ask_for_a_link(client, "erin@example.com"))
    assert mail.outbox == []
    assert len(answers) == 1
    # Another client still gets Erin her link.
    ask_for_a_link(client, "erin@example.com", ip="203.0.113.9")
    assert len(mail.outbox) == 1


def test_the_login_page_offers_a_reset(client):
    html = client.get("/login/").content.decode()
    assert '<a href="/password-reset/">Forgot your password?</a>' in html


def test_the_email_goes_from_the_worker_and_the_queue_never_holds_the_link(client, erin, settings):
    settings.TASKS = DATABASE_QUEUE
    ask_for_a_link(client, "erin@example.com")
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "intranet.password_reset.send_password_reset_task"
    assert queued.args_kwargs == {"args": [erin.pk], "kwargs": {}}

    assert send_password_reset_task.call(erin.pk) is True
    (message,) = mail.outbox
    assert message.to == ["erin@example.com"]
    assert client.get(emailed_link(message)).status_code == 302
    # Deactivated while the task waited: no link goes.
    erin.is_active = False
    erin.save()
    assert send_password_reset_task.call(erin.pk) is False
    assert len(mail.outbox) == 1
