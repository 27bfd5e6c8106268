"""The rules of guides: who a guide is for, completing it, acknowledging it.

Views, hooks and signals stay thin and call these functions, so each rule is
written, and tested, once.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from communities.models import CommunityPage, CommunityTeamMember
from communities.services import is_on_team
from guides.models import (
    Acknowledgement,
    AcknowledgementReminder,
    AudienceCode,
    GuideCompletion,
    GuidePage,
)
from intranet.roles import COMMUNICATORS, is_communicator

# How long after their account is made someone counts as a new joiner.
NEW_JOINER_DAYS = 90
# How long after a reminder to acknowledge a guide the next may go: however often the
# button is pressed, nobody is reminded more than once a day.
REMINDER_INTERVAL = datetime.timedelta(hours=24)

# Sent with `reminder` once a reminder is recorded; the notifications app tells the people
# still to acknowledge (guides sits below it, so it asks no further).
acknowledgement_reminder_sent = Signal()


class NotForYou(PermissionDenied):
    """Someone tried to see or do what only a guide's owner or team may."""


def new_joiner_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=NEW_JOINER_DAYS)


def audience_q(code: str) -> Q:
    """Who belongs to an audience other than "everyone", as a filter on users."""
    if code == AudienceCode.NEW_JOINERS:
        return Q(date_joined__gte=new_joiner_since())
    if code == AudienceCode.COMMUNITY_OWNERS:
        return Q(pk__in=CommunityTeamMember.objects.values("user_id"))
    if code == AudienceCode.COMMUNICATORS:
        return Q(groups__name=COMMUNICATORS)
    raise ValueError(code)


def audiences_of(user) -> set[str]:
    """The audience codes `user` belongs to; everyone is in "everyone".

    One query, built from `audience_q`, so the rule is written once.
    """
    User = get_user_model()
    others = [code for code in AudienceCode.values if code != AudienceCode.EVERYONE]
    flags = (
        User.objects.filter(pk=user.pk)
        .annotate(
            **{
                code: Exists(User.objects.filter(audience_q(code), pk=OuterRef("pk")))
                for code in others
            }
        )
        .values(*others)
        .first()
    ) or {}
    return {AudienceCode.EVERYONE.value} | {code for code in others if flags.get(code)}


def _audience_members(guide: GuidePage) -> QuerySet:
    codes = {audience.code for audience in guide.audiences.all()}
    people = get_user_model().objects.filter(is_active=True)
    if not codes:
        return people.none()
    if AudienceCode.EVERYONE in codes:
        return people
    condition = Q()
    for code in codes:
        condition |= audience_q(code)
    return people.filter(condition).distinct()


def _create_once(model, **fields) -> bool:
    """Create the row unless it exists; return whether this call created it."""
    if model.objects.filter(**fields).exists():
        return False
    try:
        # The savepoint lets a concurrent duplicate fail alone, without
        # breaking the caller's transaction.
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        # Another request created the same row first: what the caller asked
        # for is already there.
        return False
    return True


def _require_live(guide: GuidePage) -> None:
    if not guide.live:
        raise ValidationError(_("This guide is not published."))


# Completion


def complete_guide(user, guide: GuidePage) -> bool:
    """Record that `user` has worked through `guide`; return whether it was new."""
    _require_live(guide)
    return _create_once(GuideCompletion, user=user, guide=guide)


# Acknowledgement


def must_acknowledge(user, guide: GuidePage) -> bool:
    """Whether the guide asks `user` to acknowledge it."""
    if not guide.must_read:
        return False
    audiences = audiences_of(user)
    return any(audience.code in audiences for audience in guide.audiences.all())


def acknowledge(user, guide: GuidePage) -> bool:
    """Record that `user` has read a must-read guide, and so completed it; return whether
    the acknowledgement was new.

    One action for the reader: confirming a must-read is also finishing it.
    """
    _require_live(guide)
    if not guide.must_read:
        raise ValidationError(_("This guide does not ask for acknowledgement."))
    with transaction.atomic():
        _create_once(GuideCompletion, user=user, guide=guide)
        return _create_once(Acknowledgement, user=user, guide=guide)


def ask_again(guide: GuidePage) -> int:
    """A significant revision: earlier acknowledgements no longer count.

    Also clears the flag on the live page, so a later publication of the
    same content does not ask a third time.
    """
    deleted, _details = Acknowledgement.objects.filter(guide=guide).delete()
    GuidePage.objects.filter(pk=guide.pk).update(significant_revision=False)
    return deleted


def pending_must_reads(user) -> QuerySet:
    """Live must-read guides for `user`'s audiences that they have not acknowledged.

    One query: whether `user` is in each audience is asked inside it.
    """
    User = get_user_model()
    theirs = Q(audiences__code=AudienceCode.EVERYONE)
    for code in AudienceCode.values:
        if code != AudienceCode.EVERYONE:
            theirs |= Q(audiences__code=code) & Exists(
                User.objects.filter(audience_q(code), pk=user.pk)
            )
    return (
        GuidePage.objects.live()
        .filter(theirs, must_read=True)
        .exclude(acknowledgements__user=user)
        .distinct()
        .order_by("title")
    )


def can_see_acknowledgements(user, guide: GuidePage) -> bool:
    """The owner, and the team: a community's for its guides, the Communicators for the rest."""
    if user.is_superuser or (guide.content_owner_id and guide.content_owner_id == user.pk):
        return True
    if any(row.specific_class is CommunityPage for row in guide.ancestry()):
        return is_on_team(user, guide)
    return is_communicator(user)


def acknowledgement_report(viewer, guide: GuidePage) -> tuple[list, list]:
    """(acknowledgements, people still to acknowledge), each sorted by name.

    Raises NotForYou unless `viewer` is the owner or on the team.
    """
    if not can_see_acknowledgements(viewer, guide):
        raise NotForYou(_("Only the guide's owner and its team can see who has read it."))
    done = list(
        Acknowledgement.objects.filter(guide=guide)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    pending = list(pending_readers(guide).order_by("first_name", "last_name", "username"))
    return done, pending


def pending_readers(guide: GuidePage) -> QuerySet:
    """The active people a must-read asks to acknowledge it who have not yet."""
    return _audience_members(guide).exclude(acknowledgements__guide=guide)


def latest_reminder(guide: GuidePage) -> AcknowledgementReminder | None:
    """The reminder sent within REMINDER_INTERVAL, which holds back the next; else None."""
    return (
        AcknowledgementReminder.objects.filter(
            guide=guide, sent_at__gt=timezone.now() - REMINDER_INTERVAL
        )
        .select_related("sent_by")
        .first()
    )


def _moment(when: datetime.datetime) -> str:
    return date_format(timezone.localtime(when), "j M Y, H:i")


def remind(user, guide: GuidePage) -> AcknowledgementReminder:
    """Remind everyone who must acknowledge the guide and has not, once per REMINDER_INTERVAL.

    Raises NotForYou unless `user` may see who has read it, and ValidationError, changing
    nothing, for a guide that asks no one, when everyone has, or while the last reminder is
    recent. The reminders themselves go out through `acknowledgement_reminder_sent`.
    """
    if not can_see_acknowledgements(user, guide):
        raise NotForYou(_("Only the guide's owner and its team can remind its readers."))
    _require_live(guide)
    if not guide.must_read:
        raise ValidationError(_("This guide does not ask for acknowledgement."))
    with transaction.atomic():
        # Two clicks at once: the second waits here, then finds the first's reminder.
        GuidePage.objects.select_for_update().filter(pk=guide.pk).exists()
        recent = latest_reminder(guide)
        if recent is not None:
            raise ValidationError(
                _(
                    "A reminder already went out on %(when)s; to avoid flooding inboxes, "
                    "the next can be sent from %(next)s."
                ),
                params={
                    "when": _moment(recent.sent_at),
                    "next": _moment(recent.sent_at + REMINDER_INTERVAL),
                },
            )
        # Whoever sends it is not reminded by it.
        count = pending_readers(guide).exclude(pk=user.pk).count()
        if not count:
            raise ValidationError(_("Everyone has acknowledged this guide: nobody to remind."))
        reminder = AcknowledgementReminder.objects.create(
            guide=guide, sent_by=user, recipient_count=count
        )
        acknowledgement_reminder_sent.send(sender=AcknowledgementReminder, reminder=reminder)
    return reminder
