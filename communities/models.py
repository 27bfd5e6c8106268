import functools

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from communities.blocks import CommunityBodyBlock
from conversation.models import CommentableMixin
from intranet.ancestry import Ancestry
from intranet.indexing import SUMMARY_BOOST, headings
from intranet.ownership import ContentOwnership
from intranet.relations import UserPageRelation
from intranet.text import render_discussion_body
from people.mentions import with_linked_mentions
from people.models import Discipline

PURPOSE_MAX_LENGTH = 200


class MembershipPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone can join")
    INVITATION = "invitation", _("By invitation: the team adds members")


class Visibility(models.TextChoices):
    OPEN = "open", _("Open: everyone reads it, anyone joins")
    CLOSED = "closed", _("Closed: everyone sees its name and purpose, only members read it")
    SECRET = "secret", _("Secret: only its members know it exists")


# The communities anyone may join, for a list that offers to.
ANYONE_JOINS = Q(visibility=Visibility.OPEN, membership_policy=MembershipPolicy.OPEN)


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    FACILITATOR = "facilitator", _("Facilitator")


class CommunityTopic(TaggedItemBase):
    content_object = ParentalKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class CommunityPage(Ancestry, ContentOwnership, Page):
    """A community: the big one's children, and their children, to any depth.

    Lives under the home page or under another community. Its team (the
    `team_members` inline) owns it: publishing the page gives that team edit
    rights on this page and everything below it, and on a collection of its
    own (see `services.sync_team_permissions`).
    """

    purpose = models.CharField(
        _("purpose"),
        max_length=PURPOSE_MAX_LENGTH,
        help_text=_("Why this community exists, in one sentence."),
    )
    body = StreamField(CommunityBodyBlock(), verbose_name=_("body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ClusterTaggableManager(verbose_name=_("topics"), through=CommunityTopic, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.OPEN,
        help_text=_(
            "Who reads this community and what is below it. A sub-community is at least as "
            "private as the communities above it."
        ),
    )
    membership_policy = models.CharField(
        _("membership policy"),
        max_length=20,
        choices=MembershipPolicy.choices,
        default=MembershipPolicy.OPEN,
        help_text=_(
            "For an open community. People ask to join a closed community, and are invited "
            "to a secret one: its team answers or invites, whatever is chosen here."
        ),
    )
    contact_channel = models.CharField(
        _("contact channel"),
        max_length=255,
        blank=True,
        help_text=_("Where to reach the team: a chat channel, a mailbox or a room."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldPanel("visibility"),
                FieldPanel("membership_policy"),
                FieldPanel("contact_channel"),
            ],
            heading=_("Visibility, joining and contact"),
        ),
        InlinePanel(
            "team_members",
            heading=_("Who cultivates this community"),
            label=_("team member"),
            help_text=_(
                "A lead and people from at least two disciplines. Saving the page gives "
                "them edit rights on this community and its sub-communities."
            ),
        ),
    ]
    settings_panels = [*Page.settings_panels, *ContentOwnership.ownership_panels]

    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose", boost=SUMMARY_BOOST),
        index.SearchField("search_headings", boost=SUMMARY_BOOST),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "communities.CommunityPage"]
    # A community may keep guides of its own, which its team publishes without
    # the communicators' review.
    subpage_types = [
        "communities.CommunityPage",
        "communities.DiscussionPage",
        "guides.GuideIndexPage",
    ]

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def search_headings(self) -> str:
        return headings(self.body)

    def private_above(self) -> Page | None:
        """The nearest page above whose view restriction this community lies behind: an
        open community below a closed or secret one is read by that one's readers alone.
        Read from the restrictions and ancestors Wagtail's check has already read."""
        restricting = {restriction.page_id for restriction in self.get_view_restrictions()}
        above = [page for page in self.ancestry() if page.pk in restricting]
        return above[-1] if above else None

    @property
    def is_invitation_only(self) -> bool:
        """Whether only the team adds members: always so for a closed or secret community."""
        return (
            self.visibility != Visibility.OPEN
            or self.membership_policy == MembershipPolicy.INVITATION
        )

    def takes_requests(self) -> bool:
        """Whether people ask to join instead of joining: the one rule the page, the join
        and the request views read, so a new way of closing a community changes it here."""
        # A secret community is found by nobody outside it: its team invites.
        return self.visibility != Visibility.SECRET and self.is_invitation_only

    def get_context(self, request, *args, **kwargs):
        # Imported here: queries and services import these models.
        from communities.queries import community_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(community_page_context(request, self))
        return context


class CommunityTeamMember(Orderable):
    """One person in the team that owns a community, and what they bring to it."""

    page = ParentalKey(
        CommunityPage,
        on_delete=models.CASCADE,
        related_name="team_members",
        verbose_name=_("community"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_teams",
        verbose_name=_("person"),
    )
    discipline = models.CharField(_("discipline"), max_length=20, choices=Discipline.choices)
    role = models.CharField(
        _("role"), max_length=20, choices=TeamRole.choices, default=TeamRole.FACILITATOR
    )

    panels = [FieldPanel("user"), FieldPanel("discipline"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return (
            f"{self.user.get_full_name() or self.user.get_username()} ({self.get_role_display()})"
        )


class Membership(UserPageRelation):
    """A person belongs to a community."""

    community = models.ForeignKey(
        CommunityPage,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("community"),
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-joined_at"]
        constraints = [UserPageRelation.unique_per_person("community", "unique_membership")]

    def __str__(self):
        return _("%(person)s in %(community)s") % {
            "person": self.user,
            "community": self.community,
        }


class TeamAccess(models.Model):
    """The Wagtail group and collection a community's team works through.

    Kept out of `CommunityPage` on purpose: page fields travel in revisions, so
    publishing an old revision would point the page at a stale group. Deleting
    the community deletes this row, and a signal deletes the group with it.
    """

    community = models.OneToOneField(
        CommunityPage, on_delete=models.CASCADE, related_name="team_access"
    )
    # Deleting the group by hand deletes this row too; the next save of the
    # community makes a fresh one.
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="+")
    # SET_NULL rather than CASCADE: images in the collection may be used
    # elsewhere, so deleting a community must not delete them.
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("team access")
        verbose_name_plural = _("team access")

    def __str__(self):
        return self.group.name


class CommunityReaders(models.Model):
    """The Wagtail group a closed or secret community's page is restricted to.

    Its people are the community's members and the teams of the community and
    of those above it, kept in step by `communities.visibility`: nobody edits it
    by hand. Like `TeamAccess`, kept out of the page's revisions.
    """

    community = models.OneToOneField(
        CommunityPage, on_delete=models.CASCADE, related_name="readers"
    )
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("community readers")
        verbose_name_plural = _("community readers")

    def __str__(self):
        return self.group.name


class DiscussionPage(Ancestry, CommentableMixin, Page):
    """A conversation a member starts inside a community.

    Lives only under a `CommunityPage` and has no children. Members create it
    from the community page (see `services.start_discussion`); the team can
    lock it or unpublish it from the admin. People comment on it and react
    to it (`CommentableMixin`).
    """

    body = models.TextField(
        _("body"),
        help_text=_("Plain text; bold, italics, links, lists and quotes are kept."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussions",
        verbose_name=_("author"),
    )
    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("author")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("visible_comments_text"),
    ]

    parent_page_types = ["communities.CommunityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def can_moderate_comments(self, user) -> bool:
        # Imported here: services imports these models.
        from communities.services import is_on_team

        # The community's team, whose rights reach down its whole subtree.
        return is_on_team(user, self)

    @classmethod
    def moderated_comments(cls, user) -> Q | None:
        from communities.services import team_comments

        return team_comments(user)

    def visible_comments_text(self) -> str:
        """The comments anyone may read, so a discussion is found by its answers too.

        Hidden and removed comments stay out of the index; `search.signals`
        indexes the page again whenever one of its comments changes.
        """
        if not self.comments_enabled:
            return ""
        comments = self.conversation_comments.filter(is_public=True, is_removed=False)
        return "\n".join(comments.order_by("pk").values_list("comment", flat=True))

    def comment_followers(self) -> set[int]:
        # The person who started the discussion hears about every answer.
        return {self.author_id} - {None}

    def get_context(self, request, *args, **kwargs):
        from communities.services import can_edit_discussion
        from people.queries import person_with_profile

        context = super().get_context(request, *args, **kwargs)
        # Read already, with the view restrictions: a plain `Page`, for its title and URL.
        context["community"] = self.ancestry()[-1]
        # With the profile, for the author's link and avatar; called only when
        # the cached discussion is built (the template calls a callable).
        context["author"] = functools.cache(
            lambda: person_with_profile(self.author_id) if self.author_id else None
        )
        context["can_edit"] = can_edit_discussion(request.user, self)
        return context

    @property
    def body_html(self):
        """The body as safe HTML, sanitised again on the way out.

        The team can edit the body in the admin, where nothing sanitises it. Mentions
        of people still here link to them.
        """
        return with_linked_mentions(render_discussion_body(self.body), self.body)


class MembershipAction(models.TextChoices):
    ADDED = "added", _("added")
    REMOVED = "removed", _("removed")
    PROMOTED = "promoted", _("promoted to the team")
    LEFT = "left", _("left")
    REQUESTED = "requested", _("asked to join")
    WITHDRAWN = "withdrawn", _("request withdrawn")
    APPROVED = "approved", _("request approved")
    DECLINED = "declined", _("request declined")
    INVITED = "invited", _("invited")
    ACCEPTED = "accepted", _("invitation accepted")
    REFUSED = "refused", _("invitation declined")


class MembershipEvent(models.Model):
    """One line of a community's membership log: who did what to whom, when and why.

    Written by the functions in `communities.services` and `communities.membership`,
    never edited; the notifications app tells the people concerned when a line is
    added. People are kept as `SET_NULL` so the log outlives an account's deletion.
    """

    community = models.ForeignKey(
        CommunityPage,
        on_delete=models.CASCADE,
        related_name="membership_events",
        verbose_name=_("community"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=MembershipAction.choices)
    reason = models.TextField(_("reason or message"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("membership log entry")
        verbose_name_plural = _("membership log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.community}: {self.person} {self.action}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MembershipProposal(models.Model):
    """A way into a community that waits for someone's answer: a request, an invitation.

    At most one waits per person and community (`one_pending`); once answered it
    stays as a record, and a new one may be made.
    """

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("community")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @staticmethod
    def one_pending(name: str) -> models.UniqueConstraint:
        return models.UniqueConstraint(
            fields=["user", "community"], condition=Q(status=Decision.PENDING), name=name
        )


class JoinRequest(MembershipProposal):
    """Someone asks to join a community that takes requests; its team answers."""

    class Meta(MembershipProposal.Meta):
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [MembershipProposal.one_pending("one_pending_join_request")]

    def __str__(self):
        return f"{self.user} → {self.community} ({self.status})"


class Invitation(MembershipProposal):
    """The team invites someone into a community; the invitee answers."""

    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )

    class Meta(MembershipProposal.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [MembershipProposal.one_pending("one_pending_invitation")]

    def __str__(self):
        return f"{self.invited_by} invites {self.user} → {self.community} ({self.status})"
