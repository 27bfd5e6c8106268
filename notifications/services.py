"""The rules of following, notifying and emailing.

Views, signals and commands stay thin and call these functions. Other apps
tell people about something through `notify`: one call per kind of event,
for any number of recipients, in a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Min, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, WorkflowState

from communities.models import (
    CommunityPage,
    CommunityTeamMember,
    Decision,
    DiscussionPage,
    Invitation,
    JoinRequest,
    Membership,
    MembershipAction,
    MembershipEvent,
)
from conversation.models import Comment, Flag
from guides import services as guides_services
from guides.models import AcknowledgementReminder, GuidePage
from intranet.emails import render_subject
from intranet.roles import COMMUNICATORS
from intranet.view_restrictions import addresses, not_passed_by, readers_among
from notifications.models import (
    DEFAULT_FREQUENCIES,
    EmailFrequency,
    EmailPreference,
    Notification,
    NotificationKind,
    PageFollow,
    PersonFollow,
)
from people.mentions import mentioned_usernames, people_named
from people.services import default_display_name

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# An email's unsubscribe link works for a month; after that the page it opens
# sends the person to their email preferences instead.
UNSUBSCRIBE_LINK_MAX_AGE = timedelta(days=31)
# What can be followed as a page; communities are followed by joining them.
FOLLOWABLE_PAGES = (DiscussionPage,)


# Following


def _toggle(model, **fields) -> bool:
    """Create the row, or delete it if it exists; return whether it exists now."""
    deleted, _details = model.objects.filter(**fields).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        # A double click raced the first: the follow is there either way.
        pass
    return True


def toggle_page_follow(user, page: Page) -> bool:
    """Follow a discussion, or stop following it; return whether `user` follows it now."""
    page = page.specific
    if not isinstance(page, FOLLOWABLE_PAGES) or not page.live:
        raise ValidationError(_("Only published discussions can be followed."))
    return _toggle(PageFollow, user=user, page=page)


def toggle_person_follow(user, person) -> bool:
    """Follow a colleague, or stop; return whether `user` follows them now."""
    if person.pk == user.pk:
        raise ValidationError(_("You cannot follow yourself."))
    if not person.is_active:
        raise ValidationError(_("This person has left: there is nothing new to follow."))
    return _toggle(PersonFollow, user=user, person=person)


def follows_page(user, page: Page) -> bool:
    return PageFollow.objects.filter(user=user, page=page).exists()


def follows_person(user, person) -> bool:
    return PersonFollow.objects.filter(user=user, person=person).exists()


# Email preferences


def preferences_of(user) -> dict[str, str]:
    """Each kind's email frequency for `user`, defaults filled in."""
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, DEFAULT_FREQUENCIES[kind]) for kind in NotificationKind.values}


def set_preferences(user, frequencies: dict[str, str]) -> None:
    """Save `user`'s choices; unknown kinds or frequencies change nothing."""
    unknown = (set(frequencies) - set(NotificationKind.values)) | (
        set(frequencies.values()) - set(EmailFrequency.values)
    )
    if unknown:
        raise ValidationError(_("Choose one of the options shown for each kind."))
    with transaction.atomic():
        for kind, frequency in frequencies.items():
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"frequency": frequency}
            )
            # What is still waiting follows the new choice.
            Notification.objects.filter(recipient=user, kind=kind, emailed_at__isnull=True).update(
                email=frequency
            )


def _frequencies(user_ids, kind: str) -> dict[int, str]:
    chosen = dict(
        EmailPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    return {user_id: chosen.get(user_id, DEFAULT_FREQUENCIES[kind]) for user_id in user_ids}


# Notifying


def notify(
    recipient_ids,
    kind: str,
    *,
    group_key: str,
    title: str,
    link: str,
    group_title: str = "",
    group_link: str = "",
    actor=None,
    comment: Comment | None = None,
) -> None:
    """Tell each recipient about one event of `kind` on the item `group_key` names.

    A recipient with an unread notification of this kind on this item sees its
    count go up ("3 new comments on …") instead of a new line. The actor is
    never told about their own event.
    """
    recipient_ids = set(recipient_ids) - {getattr(actor, "pk", None), None}
    if not recipient_ids:
        return
    now = timezone.now()
    latest = {
        "title": title[:255],
        "link": link,
        "actor": actor,
        "comment": comment,
        "updated_at": now,
    }
    unread = Notification.objects.filter(
        recipient_id__in=recipient_ids, kind=kind, group_key=group_key, read_at__isnull=True
    )
    grouped = set(unread.values_list("recipient_id", flat=True))
    frequencies = _frequencies(recipient_ids, kind)
    for frequency in set(frequencies.values()):
        # An email already sent about the group is owed again for the new
        # event, as the person now wants it.
        unread.filter(
            recipient_id__in=[pk for pk in grouped if frequencies[pk] == frequency]
        ).update(count=F("count") + 1, emailed_at=None, email=frequency, **latest)
    fresh = recipient_ids - grouped
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient_id,
                kind=kind,
                group_key=group_key,
                group_title=(group_title or title)[:255],
                group_link=group_link or link,
                email=frequencies[recipient_id],
                **latest,
            )
            for recipient_id in fresh
        ],
        # A concurrent event made the same group first; this one is folded into it.
        ignore_conflicts=True,
    )


def mentioned_user_ids(text: str) -> set[int]:
    return set(people_named(mentioned_usernames(text)).values_list("pk", flat=True))


def comment_followers(page: Page, comment: Comment) -> set[int]:
    """Who hears of every new comment on `page`: the people it names, earlier
    commenters and everyone who follows it."""
    earlier = Comment.objects.filter(page=page, user__isnull=False).exclude(pk=comment.pk)
    return (
        set(page.comment_followers())
        | set(earlier.values_list("user_id", flat=True))
        | set(PageFollow.objects.filter(page_id=page.pk).values_list("user_id", flat=True))
    )


def notify_about_comment(comment: Comment, page: Page, parent: Comment | None) -> None:
    """Replies, mentions and new comments on followed pages, one reason per person.

    The strongest reason wins: someone replied to and mentioned in one comment
    hears of it once, as a reply.
    """
    reasons: dict[int, str] = {}
    if parent is not None and parent.user_id:
        reasons[parent.user_id] = NotificationKind.REPLY
    for user_id in mentioned_user_ids(comment.comment):
        reasons.setdefault(user_id, NotificationKind.MENTION)
    for user_id in comment_followers(page, comment):
        reasons.setdefault(user_id, NotificationKind.COMMENT)
    # In a closed or secret community, only its readers hear of it: a member
    # who left, or someone mentioned from outside, is told nothing.
    readers = readers_among(reasons, page)
    reasons = {user_id: kind for user_id, kind in reasons.items() if user_id in readers}
    single_link = reverse("conversation:comment", args=[comment.pk])
    for kind in NotificationKind.values:
        recipients = {user_id for user_id, reason in reasons.items() if reason == kind}
        notify(
            recipients,
            kind,
            group_key=f"page:{page.pk}",
            title=page.title,
            link=single_link,
            group_link=f"{page.url}#conversation",
            actor=comment.user,
            comment=comment,
        )


def notify_about_discussion(discussion: DiscussionPage) -> None:
    """A new discussion reaches the people its body mentions, its community's members and
    its author's followers: those of them who read it, in a closed or secret community.

    Someone mentioned hears of it once, as a mention, as in a comment.
    """
    if not discussion.live:
        return
    community = discussion.get_parent()
    mentioned = mentioned_user_ids(discussion.body)
    recipients = (
        mentioned
        | set(
            Membership.objects.filter(community_id=community.pk).values_list("user_id", flat=True)
        )
        | set(
            PersonFollow.objects.filter(person_id=discussion.author_id).values_list(
                "user_id", flat=True
            )
        )
    )
    recipients = readers_among(recipients, discussion)
    notify(
        recipients & mentioned,
        NotificationKind.MENTION,
        group_key=f"page:{discussion.pk}",
        title=discussion.title,
        link=discussion.url,
        actor=discussion.author,
    )
    notify(
        recipients - mentioned,
        NotificationKind.DISCUSSION,
        group_key=f"community:{community.pk}",
        title=discussion.title,
        link=discussion.url,
        group_title=community.title,
        group_link=community.url,
        actor=discussion.author,
    )


def team_to_ask(page: Page) -> set[int]:
    """Who answers for a community, or a page in one: its own team, or, while it has none,
    the nearest team above it (which looks after it too)."""
    teams = CommunityTeamMember.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).values_list("page__depth", "user_id")
    by_depth: dict[int, set[int]] = {}
    for depth, user_id in teams:
        by_depth.setdefault(depth, set()).add(user_id)
    return by_depth[max(by_depth)] if by_depth else set()


def moderators_to_tell(page: Page) -> set[int]:
    """Who hears of a flag on `page`: the nearest community team at or above it, which
    moderates it (`conversation.services.can_moderate`); for a guide outside any community,
    the Communicators."""
    team = team_to_ask(page)
    if team or not isinstance(page.specific_deferred, GuidePage):
        return team
    return set(
        get_user_model()
        .objects.filter(groups__name=COMMUNICATORS, is_active=True)
        .values_list("pk", flat=True)
    )


def notify_about_flag(flag: Flag) -> None:
    """A new flag reaches the page's moderators: several on one page fold into one line."""
    page = flag.comment.page
    notify(
        moderators_to_tell(page),
        NotificationKind.FLAG,
        group_key=f"flags:{page.pk}",
        title=page.title,
        link=reverse("conversation:comment", args=[flag.comment_id]),
        group_title=page.title,
        group_link=f"{page.url}#conversation",
        actor=flag.user,
        comment=flag.comment,
    )


def notify_about_reminder(reminder: AcknowledgementReminder) -> None:
    """Remind those a must-read guide asks who have not acknowledged it (and still may read
    it); a second reminder while the first is unread counts up on the same line."""
    guide = reminder.guide
    pending = guides_services.pending_readers(guide).values_list("pk", flat=True)
    notify(
        readers_among(pending, guide),
        NotificationKind.MUST_READ,
        group_key=f"must-read:{guide.pk}",
        title=guide.title,
        link=guide.url,
        actor=reminder.sent_by,
    )


# What whoever submitted a page reads of the verdict: who gave it, on which page, and, of a
# request for changes, what the reviewer wrote.
REVIEW_SENTENCES = {
    True: _("%(actor)s approved “%(title)s”"),
    False: _("%(actor)s asked for changes to “%(title)s”"),
}


def notify_about_review(workflow_state: WorkflowState, reviewer, approved: bool) -> None:
    """A workflow on a page ended in approval or a request for changes: tell whoever submitted
    it. An approved page links to itself, one to change to its editor."""
    if not isinstance(workflow_state.content_object, Page):
        return
    # Read again: an approval has just published the page through another instance.
    page = Page.objects.get(pk=workflow_state.content_object.pk)
    sentence = REVIEW_SENTENCES[approved] % {
        "actor": default_display_name(reviewer) if reviewer else _("A reviewer"),
        "title": page.get_admin_display_title(),
    }
    comment = "" if approved else workflow_state.current_task_state.comment
    if comment:
        sentence = f"{sentence}: {comment}"
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    notify(
        {workflow_state.requested_by_id},
        NotificationKind.REVIEW,
        group_key=f"review:{page.pk}",
        title=sentence,
        link=page.url if approved and page.live else edit_url,
        group_title=page.get_admin_display_title(),
        group_link=edit_url,
        actor=reviewer,
    )


# What the person concerned reads, for each change to their membership.
MEMBERSHIP_SENTENCES = {
    MembershipAction.ADDED: _("%(actor)s added you to “%(community)s”"),
    MembershipAction.REMOVED: _("%(actor)s removed you from “%(community)s”: %(reason)s"),
    # The reason of a promotion is the role given: "… as Lead".
    MembershipAction.PROMOTED: _("%(actor)s put you on the team of “%(community)s” as %(reason)s"),
    MembershipAction.APPROVED: _("Your request to join “%(community)s” was approved"),
    MembershipAction.DECLINED: _("Your request to join “%(community)s” was declined"),
    MembershipAction.ACCEPTED: _("%(actor)s accepted your invitation to “%(community)s”"),
    MembershipAction.REFUSED: _("%(actor)s declined your invitation to “%(community)s”"),
}
# An answer to an invitation goes to whoever invited; any other change to its person.
ANSWERS_TO_INVITATIONS = (MembershipAction.ACCEPTED, MembershipAction.REFUSED)


def _inviter(event: MembershipEvent) -> int | None:
    """Who sent the invitation the event answers: the latest answered one."""
    return (
        Invitation.objects.filter(user_id=event.person_id, community_id=event.community_id)
        .exclude(status=Decision.PENDING)
        .order_by("-decided_at", "-pk")
        .values_list("invited_by_id", flat=True)
        .first()
    )


def notify_about_membership(event: MembershipEvent) -> None:
    """Tell the people a line of a membership log concerns: the team of a request, the
    person invited and, of their answer, who invited them; and the person whose
    membership the team changed or whose request it answered."""
    community = event.community
    members_link = reverse("communities:members", args=[community.pk])
    # Not the page's address: for someone it keeps out (an invitee, someone declined
    # or removed), the notification centre would leave out what names it.
    about_link = reverse("communities:about", args=[community.pk])
    common = {
        "actor": event.actor,
        "group_title": community.title,
        "group_link": about_link,
    }
    if event.action == MembershipAction.REQUESTED:
        notify(
            team_to_ask(community),
            NotificationKind.JOIN_REQUEST,
            group_key=f"join-requests:{community.pk}",
            title=community.title,
            link=f"{members_link}#requests",
            **{**common, "group_link": f"{members_link}#requests"},
        )
    elif event.action in (
        MembershipAction.APPROVED,
        MembershipAction.DECLINED,
        MembershipAction.WITHDRAWN,
    ):
        _count_only_requests_waiting(community)
    if event.action == MembershipAction.INVITED:
        notify(
            {event.person_id},
            NotificationKind.INVITATION,
            group_key=f"invitation:{community.pk}",
            title=community.title,
            link=about_link,
            **common,
        )
    elif event.action in MEMBERSHIP_SENTENCES:
        actor = event.actor
        sentence = MEMBERSHIP_SENTENCES[event.action] % {
            "actor": default_display_name(actor) if actor else _("Someone"),
            "community": community.title,
            "reason": event.reason,
        }
        recipient = _inviter(event) if event.action in ANSWERS_TO_INVITATIONS else event.person_id
        notify(
            {recipient},
            NotificationKind.MEMBERSHIP,
            # Per action: a removal and its reason are not folded into an earlier addition.
            group_key=f"membership:{community.pk}:{event.action}",
            title=sentence,
            link=about_link,
            **common,
        )


def _count_only_requests_waiting(community: CommunityPage) -> None:
    """Once a request is answered or withdrawn, the team's unread lines count no more requests than
    are still waiting ("3 requests to join" with 2 left says 2); with none left, they are
    read: the team member who answered has dealt with them for everyone."""
    waiting = JoinRequest.objects.filter(community=community, status=Decision.PENDING).count()
    unread = Notification.objects.filter(
        kind=NotificationKind.JOIN_REQUEST,
        group_key=f"join-requests:{community.pk}",
        read_at__isnull=True,
    )
    if waiting:
        unread.filter(count__gt=waiting).update(count=waiting)
    else:
        unread.update(read_at=timezone.now())


# The notification centre


@dataclass(frozen=True)
class HeaderFacts:
    unread: int
    photo_url: str


def header_facts(user) -> HeaderFacts:
    """The bell's unread count and the person's photo, for the header on every page.

    One query, whatever the number of notifications: the photo comes along with the count.
    """
    unread = Count("notifications", filter=Q(notifications__read_at__isnull=True))
    photo, count = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(unread=unread)
        .values_list("profile__photo", "unread")
        .get()
    )
    # Profile photos live in the default storage (people.models.Profile.photo).
    return HeaderFacts(unread=count, photo_url=default_storage.url(photo) if photo else "")


def mark_read(user, notification_id: int) -> bool:
    """Mark one of `user`'s notifications read; False if it is not theirs or was read."""
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# Unsubscribing


@dataclass(frozen=True)
class UnsubscribeLink:
    """What an unsubscribe link stops: the emails of these kinds, for this one person."""

    user: AbstractBaseUser
    kinds: tuple[str, ...]


def unsubscribe_token(user, kinds) -> str:
    """A link's token for `user` and `kinds`, signed with the time it was made."""
    return signing.dumps({"person": user.pk, "kinds": sorted(kinds)}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> UnsubscribeLink:
    """The person and kinds a token names.

    Raises `signing.SignatureExpired` for a token older than
    UNSUBSCRIBE_LINK_MAX_AGE, or from before links named their kinds (which
    stopped every email, for ever), and `signing.BadSignature` for any other
    token that this intranet did not sign, or whose person is gone.
    """
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_LINK_MAX_AGE)
    if not isinstance(value, dict):
        raise signing.SignatureExpired("An unsubscribe link from before links expired.")
    kinds = value.get("kinds")
    if not isinstance(kinds, list) or not kinds or not set(kinds) <= set(NotificationKind.values):
        raise signing.BadSignature("An unsubscribe link for no kind of email.")
    user = get_user_model().objects.filter(pk=value.get("person")).first()
    if user is None:
        raise signing.BadSignature("An unsubscribe link for nobody.")
    return UnsubscribeLink(user, tuple(kinds))


def unsubscribe(link: UnsubscribeLink) -> None:
    """Stop the emails of the link's kinds for the link's person; the other kinds stay."""
    set_preferences(link.user, dict.fromkeys(link.kinds, EmailFrequency.OFF))


# Emails


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _email(recipient, notifications: list[Notification], digest: str = "") -> EmailMessage:
    # The link stops what this email is about, and nothing else.
    token = unsubscribe_token(recipient, {notification.kind for notification in notifications})
    unsubscribe_url = absolute_url(reverse("notifications:unsubscribe", args=[token]))
    for notification in notifications:
        notification.absolute_url = absolute_url(notification.url)
    context = {
        "recipient": recipient,
        "notifications": notifications,
        "digest": digest,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute_url(reverse("notifications:preferences")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    body = render_to_string("notifications/email/notifications.txt", context)
    return EmailMessage(
        subject=render_subject("notifications/email/subject.txt", context),
        body=body,
        to=[recipient.email],
        # One click in the mail client stops the emails (RFC 8058).
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _worth_sending(
    notification: Notification, private: tuple[str, ...], private_addresses: tuple[str, ...]
) -> bool:
    """Unread, and not about a comment that was hidden or deleted since, nor on a page the
    recipient may not read (now) (`private`: `intranet.view_restrictions.not_passed_by`,
    and the addresses they are served at, which a new discussion's links name)."""
    if notification.read_at is not None:
        return False
    if _names_any(notification, private_addresses):
        return False
    comment = notification.comment
    return comment is None or (
        comment.is_visible and comment.page.live and not comment.page.path.startswith(private)
    )


def _names_any(notification: Notification, places: tuple[str, ...]) -> bool:
    """Whether the notification links to a page at or below one of the addresses `places`."""
    return bool(places) and (
        notification.link.startswith(places) or notification.group_link.startswith(places)
    )


def without_places(notifications: QuerySet, places: tuple[str, ...]) -> QuerySet:
    """`notifications` but those that link to a page at or below one of the addresses
    `places` (`intranet.view_restrictions.addresses`)."""
    for address in places:
        notifications = notifications.exclude(link__startswith=address).exclude(
            group_link__startswith=address
        )
    return notifications


class EmailsNotSent(Exception):
    """Some emails could not be sent; their notifications wait for the next run."""


def _send(pending, now: datetime, digest: str = "") -> int:
    """One email per recipient for the pending notifications; mark them all emailed.

    A person's notifications are marked before their email goes, and unmarked
    if it cannot go: a retry, or another worker sending at the same moment,
    never sends anyone the same email twice. The failures are raised together
    once everyone else has been sent theirs.
    """
    notifications = pending.select_related(
        "recipient", "actor", "comment__page", "comment__user"
    ).order_by("recipient_id", "-updated_at")
    by_recipient: dict[int, list[Notification]] = {}
    for notification in notifications:
        by_recipient.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    failures: list[Exception] = []
    for batch in by_recipient.values():
        recipient = batch[0].recipient
        claimed = Notification.objects.filter(
            pk__in=[n.pk for n in batch], emailed_at__isnull=True
        ).update(emailed_at=now)
        if not claimed:
            continue
        # What this person may read, judged as the notification centre judges it,
        # but without a session: a password keeps them out.
        private = not_passed_by(recipient).pages
        private_addresses = addresses(private)
        worth_sending = [n for n in batch if _worth_sending(n, private, private_addresses)]
        if not (worth_sending and recipient.email and recipient.is_active):
            continue
        try:
            _email(recipient, worth_sending, digest).send()
        except Exception as error:  # Whatever failed, the email is still owed.
            Notification.objects.filter(pk__in=[n.pk for n in batch], emailed_at=now).update(
                emailed_at=None
            )
            failures.append(error)
        else:
            sent += 1
    if failures:
        raise EmailsNotSent(f"{len(failures)} of {len(by_recipient)} emails not sent") from (
            failures[0]
        )
    return sent


def send_pending_emails(now: datetime | None = None, delay: timedelta | None = None) -> int:
    """Email the "immediately" notifications of everyone whose oldest is `delay` old.

    Waiting lets several replies and mentions arrive as one email. Returns how
    many emails were sent.
    """
    now = now or timezone.now()
    delay = settings.NOTIFICATION_EMAIL_DELAY if delay is None else delay
    pending = Notification.objects.filter(email=EmailFrequency.IMMEDIATELY, emailed_at__isnull=True)
    due = (
        pending.values("recipient_id")
        .annotate(first=Min("created_at"))
        .filter(first__lte=now - delay)
        .values_list("recipient_id", flat=True)
    )
    return _send(pending.filter(recipient_id__in=list(due)), now)


def send_digests(frequency: str, now: datetime | None = None) -> int:
    """Email each person their waiting notifications for a daily or weekly digest."""
    if frequency not in (EmailFrequency.DAILY, EmailFrequency.WEEKLY):
        raise ValueError(frequency)
    now = now or timezone.now()
    pending = Notification.objects.filter(email=frequency, emailed_at__isnull=True)
    return _send(pending, now, digest=frequency)
