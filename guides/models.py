import math

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.search import index

from communities.services import is_on_team, team_comments
from conversation.models import CommentableMixin
from guides.blocks import GuideBodyBlock
from guides.slugs import DraftsGiveWayMixin
from intranet.ancestry import Ancestry
from intranet.indexing import SUMMARY_BOOST, headings, plain_text
from intranet.ownership import ContentOwnership
from intranet.relations import UserPageRelation
from intranet.roles import is_communicator

# A comfortable reading pace for instructions, in words a minute.
WORDS_PER_MINUTE = 200
SUMMARY_MAX_LENGTH = 300


class AudienceCode(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    NEW_JOINERS = "new_joiners", _("New joiners")
    COMMUNITY_OWNERS = "community_owners", _("Community owners")
    COMMUNICATORS = "communicators", _("Communicators")


class Audience(models.Model):
    """One of the fixed groups of readers a guide is written for.

    A table rather than a text field so a guide can have several, and the
    index can filter on them with a join on every database. The migration
    creates one row per `AudienceCode`; who belongs to each is decided in
    `services.audiences_of`.
    """

    code = models.CharField(_("code"), max_length=30, choices=AudienceCode.choices, unique=True)

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_code_display())


class GuideIndexPage(Ancestry, Page):
    """Where guides and learning paths live.

    The intranet's own index sits under the home page, governed by the
    "Communications review" workflow; a community may have one too, which its
    team publishes without that review.
    """

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage", "communities.CommunityPage"]
    subpage_types = ["guides.GuidePage", "guides.LearningPathPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("guide index")
        verbose_name_plural = _("guide indexes")

    def get_context(self, request, *args, **kwargs):
        # Imported here: queries imports these models.
        from guides.queries import guide_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_index_context(request, self))
        return context


class GuideTopic(TaggedItemBase):
    content_object = ParentalKey(
        "guides.GuidePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class GuidePageForm(DraftsGiveWayMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The flag belongs to one publication: the next edit starts unticked,
        # even though the latest revision, which the form loads, has it set.
        self.initial["significant_revision"] = False


class GuidePage(Ancestry, CommentableMixin, ContentOwnership, Page):
    """A guide: training or an explanation of why things are as they are.

    Lives in a guide index, the intranet's or a community's, and has no
    children. It may belong to learning paths and may be a must-read for its
    audience.
    """

    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("What the reader will know or be able to do afterwards, in a sentence."),
    )
    body = StreamField(GuideBodyBlock(), verbose_name=_("body"))
    audiences = ParentalManyToManyField(
        Audience,
        verbose_name=_("audience"),
        related_name="guides",
        help_text=_("Who the guide is written for; choose one or more."),
    )
    topics = ClusterTaggableManager(verbose_name=_("topics"), through=GuideTopic, blank=True)
    reading_minutes = models.PositiveIntegerField(_("reading time (minutes)"), default=1)
    must_read = models.BooleanField(
        _("must read"),
        default=False,
        help_text=_("Everyone in the audience is asked to acknowledge they have read it."),
    )
    significant_revision = models.BooleanField(
        _("significant revision"),
        default=False,
        help_text=_(
            "Tick when publishing a change everyone must read again: earlier "
            "acknowledgements no longer count."
        ),
    )

    base_form_class = GuidePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                # Needed to publish, not to keep a draft: the editor autosaves a new
                # guide as soon as it has a title.
                FieldPanel(
                    "audiences", widget=forms.CheckboxSelectMultiple, required_on_save=False
                ),
                FieldPanel("must_read"),
                FieldPanel("significant_revision"),
            ],
            heading=_("Readers"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        *ContentOwnership.ownership_panels,
        *CommentableMixin.conversation_panels,
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=SUMMARY_BOOST),
        index.SearchField("search_headings", boost=SUMMARY_BOOST),
        index.SearchField("body"),
    ]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    # The Communicators look after every guide's comments, and a community's team
    # after those of the guides it keeps, as it publishes them: one rule for the
    # moderation lists and for acting on the page.
    def can_moderate_comments(self, user) -> bool:
        return is_communicator(user) or is_on_team(user, self)

    @classmethod
    def moderated_comments(cls, user) -> Q | None:
        return Q() if is_communicator(user) else team_comments(user)

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.body)
        return super().save(*args, **kwargs)

    def search_headings(self) -> str:
        return headings(self.body)

    def comment_followers(self) -> set[int]:
        # The content owner answers for the guide, so they hear its questions.
        return {self.content_owner_id} - {None}

    def get_context(self, request, *args, **kwargs):
        from guides.queries import guide_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_page_context(request, self))
        return context


def reading_minutes(body) -> int:
    """Whole minutes to read the body's text, at least one."""
    words = len(plain_text(body).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class LearningPathPage(Ancestry, Page):
    """An ordered series of guides, such as "Welcome to the intranet".

    Lives in a guide index beside its guides; each guide in it links to the
    one before and the one after.
    """

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel("steps", heading=_("Guides, in order"), label=_("guide"), min_num=1),
    ]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def get_context(self, request, *args, **kwargs):
        from guides.queries import learning_path_context

        context = super().get_context(request, *args, **kwargs)
        context.update(learning_path_context(request, self))
        return context


class LearningPathStep(Orderable):
    path = ParentalKey(
        LearningPathPage,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("learning path"),
    )
    guide = models.ForeignKey(
        GuidePage, on_delete=models.CASCADE, related_name="path_steps", verbose_name=_("guide")
    )

    panels = [FieldPanel("guide")]

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")


class GuideCompletion(UserPageRelation):
    """A person has worked through a guide."""

    guide = models.ForeignKey(
        GuidePage, on_delete=models.CASCADE, related_name="completions", verbose_name=_("guide")
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("guide completion")
        verbose_name_plural = _("guide completions")
        constraints = [UserPageRelation.unique_per_person("guide", "unique_guide_completion")]

    def __str__(self):
        return _("%(person)s completed %(guide)s") % {"person": self.user, "guide": self.guide}


class Acknowledgement(UserPageRelation):
    """A person has read a must-read guide since its last significant revision.

    A significant revision deletes the guide's acknowledgements, so everyone
    is asked again.
    """

    guide = models.ForeignKey(
        GuidePage,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("guide"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [UserPageRelation.unique_per_person("guide", "unique_acknowledgement")]

    def __str__(self):
        return _("%(person)s acknowledged %(guide)s") % {"person": self.user, "guide": self.guide}


class AcknowledgementReminder(models.Model):
    """A reminder sent to those who must acknowledge a guide and have not: the next may go
    only once `services.REMINDER_INTERVAL` has passed, so a second click reminds no one."""

    guide = models.ForeignKey(
        GuidePage,
        on_delete=models.CASCADE,
        related_name="acknowledgement_reminders",
        verbose_name=_("guide"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    recipient_count = models.PositiveIntegerField(_("people reminded"))

    class Meta:
        verbose_name = _("acknowledgement reminder")
        verbose_name_plural = _("acknowledgement reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.guide_id} {self.sent_at:%Y-%m-%d %H:%M}"


class ReviewStage(models.TextChoices):
    DUE = "due", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    ESCALATED = "escalated", _("Escalated")


class ReviewReminder(models.Model):
    """A reminder already sent, so each stage of one review is emailed once.

    Keyed on the review date too: when the owner sets a new one, the next
    review starts again from the first stage.
    """

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="review_reminders", verbose_name=_("page")
    )
    review_by = models.DateField(_("review by"))
    stage = models.CharField(_("stage"), max_length=20, choices=ReviewStage.choices)
    recipients = models.TextField(_("recipients"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "review_by", "stage"], name="unique_review_reminder"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.review_by} {self.stage}"


class PeerApprovalTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups other than the person who submitted.

    The "Communications review" uses it, so a communicator's guide is always
    read by a second pair of eyes. Administrators may still approve anything.
    """

    class Meta:
        verbose_name = _("peer approval task")
        verbose_name_plural = _("peer approval tasks")

    def _is_own_submission(self, obj, user) -> bool:
        state = obj.current_workflow_state
        return not user.is_superuser and state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        # Wagtail checks these actions both in the editor's menu and in the
        # view that performs them, so an empty list refuses the approval.
        if self._is_own_submission(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, but never their own submission")
