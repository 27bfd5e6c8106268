"""Wagtail's admin sidebar, kept for each person until what it is built from changes.

Every admin page carries its menu as JSON (Wagtail's `{% sidebar_props %}`),
built on every request: each menu item and search area asks whether the
person may see it, and the whole menu is packed for the browser's script. On
the insights dashboard that was half the page's time.

The menu follows from who the person is and what they may do, so it is kept
under a key made of exactly that, read from the database on this request:
their model, page and collection permissions, groups and teams (which also
decide what they may read of the insights), the name and face the menu
shows, the help items they have dismissed, and the language. Any change
makes another key at once; nothing waits for a signal, so the menu never
shows rights someone has lost. Each admin view still checks permissions
itself; the menu only shows the way. What else shapes the menu is code, which
`caching.release` covers, or settings, which the lifetime bounds. Each server
holds the menus it served last in its memory, as a block of a page.
"""

from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from communities.services import team_paths
from intranet.caching import cached_block, digest
from intranet.compiled_query import CompiledQuery
from intranet.roles import group_names

# Seconds a menu is kept: bounds a settings change that adds or removes an
# admin area, which the key does not hold.
LIFETIME = 10 * 60


def facts(request) -> tuple:
    """Everything about the request's user that Wagtail's menu and ours decide on, as plain
    values.

    Permissions, the profile, groups and teams are read through the caches the
    rest of the request reads too: Django's and Wagtail's on the user, ours on
    the request (groups and teams, from which the insights scope follows).
    """
    user = request.user
    profile = getattr(user, "wagtail_userprofile", None)
    shown_as = (
        user.first_name or user.get_username(),
        wagtailadmin_tags.avatar_url(user, size=50),
        tuple(sorted(profile.dismissibles.items())) if profile else (),
        translation.get_language(),
    )
    if user.is_superuser:
        # Sees every area, whatever their groups hold.
        return ("superuser", user.is_active, *shown_as)
    return (
        user.is_active,
        *shown_as,
        tuple(sorted(user.get_all_permissions())),
        page_and_collection_rights(user),
        tuple(sorted(group_names(user))),
        tuple(sorted(team_paths(user))),
    )


def page_and_collection_rights(user) -> tuple:
    """What the person's groups may do on pages and on collections, as plain values, in one query.

    Wagtail's permission policies read the same rows as whole objects, with
    their pages and permissions: on PostgreSQL, planning those joins was a
    tenth of an admin page. Each row is an id, its path (the page explorer
    starts from the pages' common path, and a deleted page's path can be given
    to a new one) and the permission. Page and collection permissions are
    permissions on different models, so a row of one can never be taken for a
    row of the other.
    """
    return tuple(sorted(_RIGHTS.rows(user.pk)))


_RIGHTS = CompiledQuery(
    lambda user_id: (
        GroupPagePermission.objects.filter(group__user=user_id)
        .values_list("page_id", "page__path", "permission_id")
        .union(
            GroupCollectionPermission.objects.filter(group__user=user_id).values_list(
                "collection_id", "collection__path", "permission_id"
            ),
            all=True,
        )
    )
)


def kept_sidebar_props(context):
    """`{% sidebar_props %}`, built by Wagtail when this person's facts are new."""
    request = context["request"]
    if not request.user.is_authenticated:
        # No admin page shows a menu to nobody, but Wagtail's tag would cope.
        return wagtailadmin_tags.sidebar_props(context)
    return mark_safe(  # noqa: S308 (Wagtail's own json_script output, kept as it was built)
        cached_block(
            f"admin-sidebar:{request.user.pk}:{digest(facts(request))}",
            (),
            lambda: str(wagtailadmin_tags.sidebar_props(context)),
            LIFETIME,
            in_process=True,
        )
    )


def install() -> None:
    """Put the kept sidebar in the place of Wagtail's tag, for every admin page.

    Registered under the same name in Wagtail's own tag library, so Wagtail's
    `wagtailadmin/base.html` is used as it is, and the tag it calls (still
    `wagtailadmin_tags.sidebar_props`) builds what is kept.
    """
    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(
        kept_sidebar_props
    )
