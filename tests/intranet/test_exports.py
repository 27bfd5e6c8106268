"""Long spreadsheet exports are built by the worker, shown with their state, and emailed.

Each test asks for the "Who belongs where" report, whose rows are memberships.
"""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import Resolver404
from django.utils import timezone

from communities.factories import CommunityPageFactory, MembershipFactory
from intranet.exports import build_export_task
from intranet.factories import UserFactory
from intranet.models import Export, TaskRetry
from intranet.tasks import prune_task_records_task
from tests.helpers import DATABASE_QUEUE

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/community-members/"


@pytest.fixture
def memberships(settings):
    settings.EXPORT_IN_BACKGROUND_ROWS = 2
    community = CommunityPageFactory(title="Sales")
    for name in ("ana", "bo", "cy"):
        MembershipFactory(community=community, user=UserFactory(username=name))


@pytest.fixture
def auditor(client):
    person = UserFactory(username="audrey", email="audrey@example.com", is_superuser=True)
    client.force_login(person)
    return person


def test_a_long_export_waits_for_the_worker_then_is_emailed_once(
    client, auditor, memberships, settings
):
    settings.TASKS = DATABASE_QUEUE
    response = client.get(REPORT + "?export=csv")
    assert (response.status_code, response["Location"]) == (302, "/admin/exports/")
    export = Export.objects.get()
    assert (export.requested_by, export.format, export.rows) == (auditor, "csv", 3)
    assert export.status == Export.Status.QUEUED
    assert DBTaskResult.objects.get().args_kwargs == {"args": [export.pk], "kwargs": {}}

    listing = client.get("/admin/exports/").content.decode()
    assert "Waiting for a worker" in listing
    assert "data-exports-building" in listing
    assert "has 3 rows: it is being prepared" in listing

    built = build_export_task.call(export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.READY
    assert built == export.file.name
    (email,) = mail.outbox
    assert email.to == ["audrey@example.com"]
    assert email.subject == "Your export “Who belongs where” is ready"
    assert "http://testserver/admin/exports/" in email.body
    # A retry finds it built: no second file, no second email.
    build_export_task.call(export.pk)
    assert len(mail.outbox) == 1

    listing = client.get("/admin/exports/").content.decode()
    assert "data-exports-building" not in listing
    assert f"/admin/exports/{export.pk}/download/" in listing


def test_the_file_holds_what_the_report_downloads_at_once(client, auditor, memberships, settings):
    settings.EXPORT_IN_BACKGROUND_ROWS = 1000
    at_once = b"".join(client.get(REPORT + "?export=csv&q=").streaming_content)
    settings.EXPORT_IN_BACKGROUND_ROWS = 2
    client.get(REPORT + "?export=csv&q=")
    export = Export.objects.get()
    download = client.get(f"/admin/exports/{export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="community-members.csv"'
    built = b"".join(download.streaming_content)
    assert built == at_once
    assert built.count(b"\r\n") == 4  # the headings and the three memberships


def test_an_excel_export_is_built_too(client, auditor, memberships):
    client.get(REPORT + "?export=xlsx")
    export = Export.objects.get()
    assert export.status == Export.Status.READY
    assert export.file.name.endswith("/community-members.xlsx")
    assert export.file.open("rb").read(2) == b"PK"


def test_nobody_else_downloads_it_nor_sees_it(client, auditor, memberships):
    client.get(REPORT + "?export=csv")
    export = Export.objects.get()
    other = UserFactory(username="otto", is_superuser=True)
    client.force_login(other)
    assert client.get(f"/admin/exports/{export.pk}/download/").status_code == 404
    assert (
        f"/admin/exports/{export.pk}/download/"
        not in client.get("/admin/exports/").content.decode()
    )
    # Nor from /media/, where uploads of other kinds are sent to anyone signed in.
    assert client.get("/media/" + export.file.name).status_code == 404
    assert default_storage.exists(export.file.name)


def test_a_person_who_lost_the_right_gets_a_failed_export_not_the_rows(
    client, memberships, settings
):
    person = UserFactory(username="aisha", email="aisha@example.com")
    person.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_membership"),
    )
    client.force_login(person)
    settings.TASKS = DATABASE_QUEUE
    client.get(REPORT + "?export=csv")
    export = Export.objects.get()
    person.user_permissions.remove(Permission.objects.get(codename="view_membership"))

    # Run as the worker runs it: the task fails, for the administrators to see,
    # and is not tried again (it would be refused again).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = build_export_task.enqueue(export.pk)
    assert result.status == TaskResultStatus.FAILED
    assert not TaskRetry.objects.exists()
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert export.error == "The report refused to build it: you may no longer have access to it."
    assert not export.file
    assert mail.outbox == []
    assert "Failed" in client.get("/admin/exports/").content.decode()


def test_a_short_export_downloads_at_once(client, auditor, memberships, settings):
    settings.EXPORT_IN_BACKGROUND_ROWS = 3
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    assert not Export.objects.exists()


def test_exports_and_their_files_go_after_seven_days(client, auditor, memberships):
    client.get(REPORT + "?export=csv")
    old = Export.objects.get()
    Export.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=8))
    client.get(REPORT + "?export=xlsx")
    prune_task_records_task.call()
    assert list(Export.objects.values_list("format", flat=True)) == ["xlsx"]
    assert not default_storage.exists(old.file.name)


def test_asking_again_while_it_waits_queues_nothing_more(client, auditor, memberships, settings):
    settings.TASKS = DATABASE_QUEUE
    for _ in range(3):
        response = client.get(REPORT + "?export=csv", follow=True)
    assert Export.objects.count() == 1
    assert DBTaskResult.objects.count() == 1
    assert "is already being prepared" in response.content.decode()
    # Another format, or the same once built, is a new export.
    client.get(REPORT + "?export=xlsx")
    assert Export.objects.count() == 2


def test_a_build_that_breaks_tells_its_person_in_words(client, auditor, memberships, settings):
    settings.TASKS = DATABASE_QUEUE
    client.get(REPORT + "?export=csv")
    export = Export.objects.get()
    # An address no view answers: the build breaks rather than being refused.
    Export.objects.filter(pk=export.pk).update(path="/no-such-report!/")
    with pytest.raises(Resolver404):
        build_export_task.call(export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert export.error.startswith("The file could not be built.")
    assert "no-such-report" not in client.get("/admin/exports/").content.decode()


def test_the_list_of_exports_is_no_spreadsheet_of_its_own(client, auditor):
    response = client.get("/admin/exports/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
