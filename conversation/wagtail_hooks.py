"""The moderators' back office: comments and flags, each moderator seeing only their own scope;
and a person's latest comments, on their page (`people.contributions`).

Moderating itself (hide, restore, dismiss flags) happens on the page, next to
the thread; each row links there.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from conversation import queries, services
from conversation.models import Comment, Flag
from intranet.admin_listings import ReadOnlyPermissionHelper
from people.contributions import PERSON_SECTIONS
from people.services import default_display_name


class ModeratorPermissionHelper(ReadOnlyPermissionHelper):
    """Community teams and Communicators list what they moderate; nobody edits here."""

    def user_can_list(self, user):
        return services.moderates_anything(user)

    def user_can_inspect_obj(self, user, obj):
        return False


def _moderate_link(comment: Comment):
    return format_html('<a href="{}">{}</a>', comment.get_absolute_url(), _("Moderate on the page"))


class CommentAdmin(ModelAdmin):
    model = Comment
    menu_label = _("Comments")
    menu_icon = "comment"
    list_display = ("excerpt", "user", "page", "submit_date", "status", "moderate")
    list_filter = ("is_public", "is_removed")
    search_fields = ("comment", "user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "page")
    permission_helper_class = ModeratorPermissionHelper

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(services.moderated_comments_filter(request.user))
            .order_by("-submit_date")
        )

    @staticmethod
    def excerpt(comment):
        return comment.excerpt()

    @staticmethod
    def status(comment):
        if comment.is_removed:
            return _("Removed by its author")
        return _("Shown") if comment.is_public else _("Hidden")

    @staticmethod
    def moderate(comment):
        return _moderate_link(comment)


class FlagAdmin(ModelAdmin):
    model = Flag
    menu_label = _("Flags")
    menu_icon = "warning"
    list_display = (
        "comment_excerpt",
        "comment_author",
        "page",
        "community",
        "reason",
        "note",
        "flagged_by",
        "flagged_at",
        "reviewed_at",
        "moderate",
    )
    list_select_related = ("comment__user__profile", "comment__page", "user__profile")
    permission_helper_class = ModeratorPermissionHelper

    def get_queryset(self, request):
        scope = services.moderated_comments_filter(request.user)
        flags = (
            super()
            .get_queryset(request)
            .filter(comment__in=Comment.objects.filter(scope).values("pk"))
            .order_by("reviewed_at", "-flagged_at")
        )
        for community_title_of in hooks.get_hooks(queries.COMMUNITY_TITLE_OF):
            flags = flags.annotate(community_title=community_title_of("comment__page__path"))
        return flags

    @staticmethod
    def comment_excerpt(flag):
        return flag.comment.excerpt()

    @admin.display(description=_("written by"))
    def comment_author(self, flag):
        return default_display_name(flag.comment.user) if flag.comment.user else ""

    @admin.display(description=_("page"))
    def page(self, flag):
        return flag.comment.page.title

    @admin.display(description=_("community"))
    def community(self, flag):
        return getattr(flag, "community_title", None) or ""

    @admin.display(description=_("flagged by"))
    def flagged_by(self, flag):
        return default_display_name(flag.user)

    @staticmethod
    def moderate(flag):
        return _moderate_link(flag.comment)


@modeladmin_register
class ConversationAdminGroup(ModelAdminGroup):
    menu_label = _("Conversation")
    menu_icon = "comment"
    items = (CommentAdmin, FlagAdmin)


class OpenFlagsPanel(Component):
    """On a moderator's admin home: the flagged comments they have not looked at yet."""

    name = "conversation_open_flags"
    order = 80
    template_name = "conversation/admin/open_flags_panel.html"

    def __init__(self, flags):
        self.flags = flags

    def get_context_data(self, parent_context):
        return {"flags": self.flags}


@hooks.register("construct_homepage_panels")
def add_open_flags_panel(request, panels):
    flags = queries.open_flags(request.user)
    if flags:
        panels.append(OpenFlagsPanel(flags))


# Last on a person's page, after their communities, discussions and guides.
hooks.register(PERSON_SECTIONS, queries.PersonComments, order=400)
