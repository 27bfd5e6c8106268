"""Review governance: which pages are due, and who is reminded when.

A page with a `review_by` date goes through three stages: due (within
`DUE_SOON_DAYS` of the date), overdue (past it) and escalated (more than
`ESCALATE_AFTER_DAYS` past it). The owner hears at the first two; then the
community's lead, or the Communicators for pages outside any community.
Each stage of each review is emailed once: `ReviewReminder` remembers it.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import DateField, F, IntegerField, Q, QuerySet
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, get_page_models

from communities.models import CommunityPage, CommunityTeamMember, TeamRole
from guides.models import ReviewReminder, ReviewStage
from intranet.emails import render_subject
from intranet.ownership import ContentOwnership
from intranet.roles import COMMUNICATORS

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 14
ESCALATE_AFTER_DAYS = 14


def reviewed_models() -> list[type]:
    return [model for model in get_page_models() if issubclass(model, ContentOwnership)]


def _child_field(model, field: str) -> F:
    # The multi-table join from Page to the specific model, e.g. `guidepage__review_by`.
    return F(f"{model._meta.model_name}__{field}")


def pages_for_review(today: datetime.date) -> QuerySet:
    """Live pages whose review is due within DUE_SOON_DAYS or past, soonest first.

    Annotated with `review_by` and `content_owner_id` from whichever specific
    model the page is, in one query.
    """
    models = reviewed_models()
    return (
        Page.objects.live()
        .annotate(
            review_by=Coalesce(
                *[_child_field(model, "review_by") for model in models],
                output_field=DateField(),
            ),
            content_owner_id=Coalesce(
                *[_child_field(model, "content_owner") for model in models],
                output_field=IntegerField(),
            ),
        )
        .filter(review_by__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .order_by("review_by", "title")
    )


def owners_of(pages) -> dict:
    """The content owners of annotated pages, by id, in one query."""
    return get_user_model().objects.in_bulk({page.content_owner_id for page in pages} - {None})


def stage_for(review_by: datetime.date, today: datetime.date) -> str | None:
    if today > review_by + datetime.timedelta(days=ESCALATE_AFTER_DAYS):
        return ReviewStage.ESCALATED
    if today > review_by:
        return ReviewStage.OVERDUE
    if today >= review_by - datetime.timedelta(days=DUE_SOON_DAYS):
        return ReviewStage.DUE
    return None


def escalation_recipients(page: Page) -> list:
    """The leads of the nearest community at or above the page; else the Communicators."""
    community = (
        CommunityPage.objects.filter(Q(pk=page.pk) | Q(pk__in=Page.objects.ancestor_of(page)))
        .order_by("-depth")
        .first()
    )
    User = get_user_model()
    if community is not None:
        leads = User.objects.filter(
            pk__in=CommunityTeamMember.objects.filter(page=community, role=TeamRole.LEAD).values(
                "user_id"
            )
        )
        if leads.exists():
            return list(leads)
    return list(User.objects.filter(groups__name=COMMUNICATORS, is_active=True))


def _recipients(page: Page, owner, stage: str) -> list:
    if stage == ReviewStage.ESCALATED or owner is None or not owner.is_active:
        people = escalation_recipients(page)
        if owner is not None and owner.is_active:
            people.append(owner)
    else:
        people = [owner]
    return sorted({person.email for person in people if person.email})


def send_review_reminders(today: datetime.date | None = None) -> int:
    """Email every reminder that is due and not yet sent; return how many were sent.

    Safe to run as often as you like: a stage already recorded for a page's
    review date is skipped.
    """
    today = today or timezone.localdate()
    pages = list(pages_for_review(today))
    owners = owners_of(pages)
    sent = 0
    for page in pages:
        stage = stage_for(page.review_by, today)
        if ReviewReminder.objects.filter(page=page, review_by=page.review_by, stage=stage).exists():
            continue
        owner = owners.get(page.content_owner_id)
        recipients = _recipients(page, owner, stage)
        if not recipients:
            logger.warning("Nobody to remind about the review of page %s", page.pk)
            continue
        context = {
            "page": page,
            "owner": owner,
            "stage": stage,
            "review_by": page.review_by,
            "edit_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        }
        # Recorded and sent together: if the mail server refuses, the row is
        # rolled back and the next run tries again.
        with transaction.atomic():
            ReviewReminder.objects.create(
                page=page, review_by=page.review_by, stage=stage, recipients=", ".join(recipients)
            )
            send_mail(
                render_subject("guides/emails/review_subject.txt", context),
                render_to_string("guides/emails/review_body.txt", context),
                None,
                recipients,
            )
        sent += 1
    return sent
