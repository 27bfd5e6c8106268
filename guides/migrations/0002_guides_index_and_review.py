"""The audiences, the intranet's guide index, and the review that governs it.

- One `Audience` row per code, so editors can tick them.
- A "Guides" index under the home page.
- The "Communications review" workflow (one group approval task for the
  Communicators) on that index: every guide below it is approved before it
  goes live.
- Communicators may add and edit pages there. Not publish: Wagtail lets
  whoever can publish skip the workflow, so approval is what publishes
  (see `guides.workflows.publish_approved`).
- Wagtail's starter "Moderators approval" workflow leaves the root: its group
  was retired by the roles migration, so nobody could ever approve, and
  community teams publish their own spaces without review.
"""

from django.db import migrations

AUDIENCES = ("everyone", "new_joiners", "community_owners", "communicators")
COMMUNICATORS = "Communicators"
WORKFLOW_NAME = "Communications review"
TASK_NAME = "Communications approval"
COMMUNICATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def next_child_path(Page, parent):
    """The treebeard path of a new last child (historical models lack MP_Node's methods)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def guides_index(apps):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GuideIndexPage = apps.get_model("guides", "GuideIndexPage")
    HomePage = apps.get_model("home", "HomePage")

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    existing = GuideIndexPage.objects.filter(
        path__startswith=home.path, depth=home.depth + 1
    ).first()
    if existing is not None:
        return existing
    slug = "guides"
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug).exists():
        slug = "intranet-guides"
    content_type, _ = ContentType.objects.get_or_create(app_label="guides", model="guideindexpage")
    index = GuideIndexPage.objects.create(
        title="Guides",
        draft_title="Guides",
        slug=slug,
        content_type=content_type,
        locale_id=home.locale_id,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{slug}/",
        live=True,
        introduction=(
            "How the intranet works, why it exists and how to get the most from it. "
            "Follow a learning path, or pick a guide for what you need today."
        ),
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return index


def set_up(apps, schema_editor):
    Audience = apps.get_model("guides", "Audience")
    for code in AUDIENCES:
        Audience.objects.get_or_create(code=code)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    WorkflowPage.objects.filter(page__depth=1).delete()

    index = guides_index(apps)
    communicators, _ = Group.objects.get_or_create(name=COMMUNICATORS)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(communicators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if index is None:
        return
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})

    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename in COMMUNICATOR_PAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        GroupPagePermission.objects.get_or_create(
            group=communicators, page=Page.objects.get(pk=index.pk), permission=permission
        )


def tear_down(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(
        group__name=COMMUNICATORS, page__content_type__app_label="guides"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_initial"),
        ("home", "0002_replace_welcome_page"),
        ("intranet", "0001_roles"),
        ("communities", "0002_content_ownership"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
