"""Editors pick the purpose guide, the onboarding path and featured items in the admin."""

import datetime

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import FeaturedItem, HomePage
from intranet.factories import UserFactory


def test_an_editor_features_a_page_until_a_date_and_sets_the_onboarding_path(
    client, home, make_guide, make_path
):
    guide = make_guide(title="Benefits enrolment")
    path = make_path([guide], title="Welcome to the intranet")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    assert "Featured" in client.get(url).content.decode()
    until = datetime.date(2030, 1, 31)
    data = nested_form_data(
        {
            "title": "Home",
            "slug": "home",
            "welcome": "Welcome!",
            "introduction": rich_text("<p>Why we are here.</p>"),
            "purpose_page": guide.pk,
            "onboarding_path": path.pk,
            "featured_items": inline_formset(
                [{"item": guide.pk, "blurb": "Open until January", "ends_on": until.isoformat()}]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    home = HomePage.objects.get()
    assert (home.purpose_page_id, home.onboarding_path_id) == (guide.pk, path.pk)
    assert list(FeaturedItem.objects.values_list("item_id", "ends_on")) == [(guide.pk, until)]
