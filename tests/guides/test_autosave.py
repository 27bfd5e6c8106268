"""The editor autosaves a guide from its title on, and an abandoned autosaved draft does not
block its title: the next guide takes a free slug."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from guides.models import GuidePage
from tests.guides.test_workflow import add_guide_url, guide_form

pytestmark = pytest.mark.django_db

TITLE = "Booking a meeting room"
SLUG = "booking-a-meeting-room"
NO_COMMENTS = {"comments": inline_formset([])}


def autosave(client, url, **extra):
    """What the editor's autosave sends: a draft save that asks for JSON."""
    return client.post(url, guide_form(**extra), HTTP_ACCEPT="application/json").json()


def test_a_new_guide_autosaves_from_its_title_alone(client, communicator, guides_index):
    client.force_login(communicator)
    data = nested_form_data(
        {"title": TITLE, "slug": SLUG, "summary": "", "body": streamfield([]), **NO_COMMENTS}
    )
    saved = client.post(add_guide_url(guides_index), data, HTTP_ACCEPT="application/json").json()
    assert saved["success"], saved
    draft = GuidePage.objects.get(pk=saved["pk"])
    assert not draft.live
    # Submitting it still asks who the guide is for.
    complete = guide_form(**{"action-submit": "submit"})
    del complete["audiences"]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), complete)
    assert list(response.context["form"].errors) == ["audiences"]
    assert draft.current_workflow_state is None


def test_a_second_tab_saves_a_guide_of_the_same_title_beside_an_abandoned_draft(
    client, communicator, second_communicator, guides_index
):
    client.force_login(second_communicator)
    assert autosave(client, add_guide_url(guides_index))["success"]
    client.force_login(communicator)
    saved = autosave(client, add_guide_url(guides_index))
    assert saved["success"], saved
    new = GuidePage.objects.get(pk=saved["pk"])
    assert new.slug == f"{SLUG}-2"
    # The open editor is told the slug it saved with.
    assert saved["field_updates"]["slug"] == f"{SLUG}-2"
    # The next autosave sends the title's slug again; the page keeps its own.
    again = autosave(client, reverse("wagtailadmin_pages:edit", args=[new.pk]))
    assert again["success"], again
    new.refresh_from_db()
    assert new.slug == f"{SLUG}-2"
    assert sorted(GuidePage.objects.values_list("slug", flat=True)) == [SLUG, f"{SLUG}-2"]


def test_submitting_a_guide_whose_title_an_abandoned_draft_holds_goes_through(
    client, communicator, guides_index
):
    client.force_login(communicator)
    autosave(client, add_guide_url(guides_index))
    client.post(add_guide_url(guides_index), guide_form(**{"action-submit": "submit"}))
    submitted = GuidePage.objects.get(slug=f"{SLUG}-2")
    assert submitted.current_workflow_state is not None


def test_a_published_guide_still_holds_its_address(client, communicator, make_guide, guides_index):
    make_guide(title=TITLE, slug=SLUG)
    client.force_login(communicator)
    response = client.post(add_guide_url(guides_index), guide_form())
    assert "The slug &#x27;booking-a-meeting-room&#x27; is already in use" in (
        response.content.decode()
    )
    assert GuidePage.objects.count() == 1
