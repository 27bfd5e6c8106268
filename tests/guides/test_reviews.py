"""Review governance: the report of pages due for review, and the reminders."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from communities.factories import CommunityTeamMemberFactory
from communities.models import TeamRole
from guides import reviews
from guides.factories import GuideIndexPageFactory
from guides.models import ReviewReminder, ReviewStage
from guides.tasks import send_review_reminders_task
from intranet.factories import UserFactory
from people.models import Discipline

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/reviews/"
TODAY = datetime.date(2026, 3, 16)


def days(number):
    return TODAY + datetime.timedelta(days=number)


@pytest.fixture
def review_owner(db):
    return UserFactory(username="owen", first_name="Owen", last_name="Reed")


def test_stages_follow_the_review_date():
    review_by = days(0)
    assert reviews.stage_for(review_by, days(-reviews.DUE_SOON_DAYS - 1)) is None
    assert reviews.stage_for(review_by, days(-reviews.DUE_SOON_DAYS)) == ReviewStage.DUE
    assert reviews.stage_for(review_by, days(0)) == ReviewStage.DUE
    assert reviews.stage_for(review_by, days(1)) == ReviewStage.OVERDUE
    assert reviews.stage_for(review_by, days(reviews.ESCALATE_AFTER_DAYS)) == ReviewStage.OVERDUE
    assert (
        reviews.stage_for(review_by, days(reviews.ESCALATE_AFTER_DAYS + 1)) == ReviewStage.ESCALATED
    )


def test_guides_and_communities_due_for_review_are_listed_soonest_first(
    make_guide, make_community, review_owner
):
    make_guide(title="Fresh", review_by=days(60))
    make_guide(title="Due", review_by=days(5), content_owner=review_owner)
    make_guide(title="Undated")
    make_community(title="Overdue community", review_by=days(-3))
    pages = list(reviews.pages_for_review(TODAY))
    assert [page.title for page in pages] == ["Overdue community", "Due"]
    assert pages[1].content_owner_id == review_owner.pk


# The report


def test_the_report_lists_pages_with_owners_and_status(admin_client, make_guide, review_owner):
    today = timezone.localdate()
    make_guide(title="Overdue guide", review_by=today - datetime.timedelta(days=2))
    make_guide(
        title="Due guide", review_by=today + datetime.timedelta(days=3), content_owner=review_owner
    )
    make_guide(title="Fine guide", review_by=today + datetime.timedelta(days=90))
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Overdue guide") < html.index("Due guide")
    assert "Owen Reed" in html
    assert "Overdue" in html and "Due soon" in html
    assert "Fine guide" not in html


def test_the_report_exports_to_csv_and_xlsx(admin_client, make_guide, review_owner):
    review_by = timezone.localdate() + datetime.timedelta(days=3)
    make_guide(title="Due guide", review_by=review_by, content_owner=review_owner)

    response = admin_client.get(REPORT, {"export": "csv"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert rows[0] == "Page,Type,Content owner,Owner's email,Review by,Status"
    assert rows[1] == f"Due guide,guide,Owen Reed,owen@example.com,{review_by},Due soon"

    response = admin_client.get(REPORT, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[2]][:3] == ["Due guide", "guide", "Owen Reed"]


def test_a_community_team_sees_only_its_own_pages(
    client, make_community, make_guide, owner, communicator
):
    today = timezone.localdate()
    own = make_community(title="Own space", lead=owner, review_by=today)
    make_community(title="Someone else's", lead=UserFactory(), review_by=today)
    make_guide(title="An intranet guide", review_by=today)
    client.force_login(owner)
    html = client.get(REPORT).content.decode()
    assert own.title in html
    assert "Someone else&#x27;s" not in html
    assert "An intranet guide" not in html

    client.force_login(communicator)
    html = client.get(REPORT).content.decode()
    assert "An intranet guide" in html
    assert "Own space" not in html


def test_employees_cannot_open_the_report(employee_client):
    response = employee_client.get(REPORT)
    assert response.status_code in (302, 403)
    assert employee_client.get(REPORT, {"export": "csv"}).status_code in (302, 403)


# Reminders


def run(today):
    out = io.StringIO()
    call_command("send_review_reminders", today=today.isoformat(), stdout=out)
    return out.getvalue()


def test_the_owner_is_reminded_once_when_due_then_when_overdue_then_the_lead_is_told(
    make_community, make_guide, review_owner
):
    lead = UserFactory(username="lena")
    community = make_community(lead=lead)
    index = GuideIndexPageFactory(parent=community)
    guide = make_guide(parent=index, title="Lunch breaks", content_owner=review_owner)
    guide.review_by = days(0)
    guide.save_revision().publish()

    assert "sent: 0" in run(days(-30))
    assert "sent: 1" in run(days(-10))
    assert mail.outbox[-1].to == ["owen@example.com"]
    assert mail.outbox[-1].subject == "Review due soon: Lunch breaks"
    assert "sent: 0" in run(days(-9))  # the same stage is not sent twice

    assert "sent: 1" in run(days(2))
    assert mail.outbox[-1].subject == "Review overdue: Lunch breaks"
    assert "sent: 0" in run(days(3))

    assert "sent: 1" in run(days(20))
    assert sorted(mail.outbox[-1].to) == ["lena@example.com", "owen@example.com"]
    assert "Escalated" in mail.outbox[-1].subject
    assert "Owen Reed, has been reminded twice" in mail.outbox[-1].body
    assert len(mail.outbox) == 3
    assert list(
        ReviewReminder.objects.filter(page=guide)
        .order_by("sent_at")
        .values_list("stage", flat=True)
    ) == [ReviewStage.DUE, ReviewStage.OVERDUE, ReviewStage.ESCALATED]


def test_outside_a_community_escalation_goes_to_the_communicators(
    make_guide, communicator, second_communicator
):
    make_guide(title="Orphan", review_by=days(-30))
    run(TODAY)
    assert sorted(mail.outbox[-1].to) == ["carl@example.com", "cora@example.com"]


def test_a_page_without_an_owner_goes_straight_to_the_team(make_community, owner):
    community = make_community(lead=owner, review_by=days(3))
    CommunityTeamMemberFactory(
        page=community, user=UserFactory(), discipline=Discipline.IT, role=TeamRole.FACILITATOR
    )
    run(TODAY)
    assert mail.outbox[-1].to == ["olivia@example.com"]


def test_a_new_review_date_starts_the_stages_again(make_guide, review_owner):
    guide = make_guide(review_by=days(0), content_owner=review_owner)
    run(days(-1))
    guide.review_by = days(180)
    guide.last_reviewed = days(-1)
    guide.save_revision().publish()
    assert "sent: 1" in run(days(170))
    assert ReviewReminder.objects.filter(page=guide).count() == 2


def test_a_bad_date_is_refused_and_nothing_is_sent(make_guide):
    make_guide(review_by=TODAY)
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_review_reminders", today="next tuesday")
    assert mail.outbox == []
    assert not ReviewReminder.objects.exists()


def test_the_reminders_also_run_as_a_background_task(make_guide, review_owner):
    make_guide(review_by=timezone.localdate(), content_owner=review_owner)
    result = send_review_reminders_task.enqueue()
    assert result.return_value == 1
    assert mail.outbox[-1].to == ["owen@example.com"]
