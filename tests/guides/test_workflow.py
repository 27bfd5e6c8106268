"""Who may write and publish guides: the Communications review, community teams, employees."""

import pytest

from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from guides.factories import GuideIndexPageFactory
from guides.models import Audience, AudienceCode, GuidePage, PeerApprovalTask
from intranet.factories import UserFactory

pytestmark = pytest.mark.django_db


def guide_form(title="Booking a meeting room", **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "How to find and book a room for a meeting.",
            "body": streamfield([("paragraph", rich_text("<p>Open the room calendar.</p>"))]),
            "comments": inline_formset([]),
            **extra,
        }
    )
    # A multiple choice: nested_form_data would number a list's items.
    data["audiences"] = [Audience.objects.get(code=AudienceCode.EVERYONE).pk]
    return data


def add_guide_url(parent):
    return reverse("wagtailadmin_pages:add", args=["guides", "guidepage", parent.pk])


def test_the_guides_index_is_under_communications_review(guides_index):
    workflow = guides_index.get_workflow()
    assert workflow is not None
    assert workflow.name == "Communications review"
    [task] = [task.specific for task in workflow.tasks]
    assert isinstance(task, PeerApprovalTask)
    assert [group.name for group in task.groups.all()] == ["Communicators"]


def test_no_workflow_governs_the_rest_of_the_tree(make_community):
    # Wagtail's starter workflow on the root had no approvers left: it is gone.
    assert Page.get_first_root_node().get_workflow() is None
    assert make_community().get_workflow() is None


def test_communicators_write_guides_but_cannot_publish_them_alone(
    client, communicator, guides_index
):
    client.force_login(communicator)
    client.post(add_guide_url(guides_index), guide_form(**{"action-publish": "publish"}))
    guide = GuidePage.objects.get(title="Booking a meeting room")
    assert not guide.live
    permissions = guide.permissions_for_user(communicator)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_a_guide_submitted_for_review_goes_live_once_another_communicator_approves(
    client, communicator, second_communicator, guides_index
):
    guide, approve = submit(client, communicator, guides_index)
    assert not guide.live
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Communications review"

    client.force_login(second_communicator)
    response = client.post(approve, {"comment": "Clear and accurate."})
    assert response.status_code in (200, 302)
    guide.refresh_from_db()
    assert guide.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def submit(client, author, index):
    """`author` writes a guide and submits it; return it and its review's approval URL."""
    client.force_login(author)
    client.post(add_guide_url(index), guide_form(**{"action-submit": "submit"}))
    guide = GuidePage.objects.get(title="Booking a meeting room")
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[guide.pk, "approve", state.current_task_state.pk],
    )
    return guide, approve


def test_a_communicator_cannot_approve_their_own_guide(client, communicator, guides_index):
    guide, approve = submit(client, communicator, guides_index)
    task = guides_index.get_workflow().tasks.get().specific
    assert task.get_actions(guide, communicator) == []
    assert not task.get_task_states_user_can_moderate(communicator).exists()
    response = client.post(approve, {"comment": "Looks good to me!"})
    assert response.status_code in (302, 403)
    guide.refresh_from_db()
    assert not guide.live


def test_an_administrator_may_approve_any_guide(client, admin_user, guides_index):
    guide, approve = submit(client, admin_user, guides_index)
    client.post(approve, {"comment": ""})
    guide.refresh_from_db()
    assert guide.live


def test_only_communicators_can_approve_a_submitted_guide(
    client, communicator, employee, make_community, owner, guides_index
):
    make_community(lead=owner)
    guide, approve = submit(client, communicator, guides_index)
    state = WorkflowState.objects.get(object_id=str(guide.pk))
    for outsider in (employee, owner):
        client.force_login(outsider)
        response = client.post(approve, {"comment": ""})
        assert response.status_code in (302, 403)
        guide.refresh_from_db()
        assert not guide.live
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_employee_cannot_edit_a_guide(client, employee, communicator, guides_index, make_guide):
    guide = make_guide(title="Existing guide")
    client.force_login(employee)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[guide.pk]),
        guide_form(title="Defaced", **{"action-publish": "publish"}),
    )
    assert response.status_code in (302, 403)
    response = client.post(add_guide_url(guides_index), guide_form(title="Rogue guide"))
    assert response.status_code in (302, 403)
    guide.refresh_from_db()
    assert guide.title == "Existing guide"
    assert not GuidePage.objects.filter(title__in=["Defaced", "Rogue guide"]).exists()
    assert not guide.permissions_for_user(employee).can_edit()


def test_a_community_team_publishes_its_own_guides_without_review(
    client, make_community, owner, guides_index
):
    community = make_community(lead=owner)
    index = GuideIndexPageFactory(parent=community)
    client.force_login(owner)
    client.post(add_guide_url(index), guide_form(**{"action-publish": "publish"}))
    guide = GuidePage.objects.get(title="Booking a meeting room")
    assert guide.live
    assert not WorkflowState.objects.filter(object_id=str(guide.pk)).exists()


def test_a_community_team_cannot_write_in_the_intranet_guides_or_another_community(
    client, make_community, owner, guides_index
):
    make_community(lead=owner)
    other = make_community(lead=UserFactory())
    other_index = GuideIndexPageFactory(parent=other)
    client.force_login(owner)
    for parent in (guides_index, other_index):
        response = client.post(add_guide_url(parent), guide_form(title=f"Intrusion {parent.pk}"))
        assert response.status_code in (302, 403)
    assert not GuidePage.objects.filter(title__startswith="Intrusion").exists()


def test_communicators_cannot_write_in_a_community_they_are_not_on(
    client, communicator, make_community
):
    index = GuideIndexPageFactory(parent=make_community(lead=UserFactory()))
    client.force_login(communicator)
    response = client.post(add_guide_url(index), guide_form(title="Uninvited"))
    assert response.status_code in (302, 403)
    assert not GuidePage.objects.filter(title="Uninvited").exists()


def test_the_significant_revision_box_starts_unticked_on_every_edit(admin_client, make_guide):
    guide = make_guide(must_read=True)
    guide.significant_revision = True
    guide.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    form = response.context["form"]
    assert form.initial["significant_revision"] is False
