"""Reading, completing and acknowledging guides, and finding them in the index."""

import pytest

from django.test import Client
from django.urls import reverse

from guides.factories import AcknowledgementFactory, GuideCompletionFactory, GuideIndexPageFactory
from guides.models import Acknowledgement, Audience, AudienceCode, GuideCompletion
from intranet.factories import UserFactory
from tests.communities.conftest import publish

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Completion


def test_mark_as_completed_records_once_and_shows_progress(employee_client, employee, make_guide):
    guide = make_guide(title="Joining a community")
    url = reverse("guides:complete", args=[guide.pk])
    response = employee_client.post(url, follow=True)
    assert "“Joining a community” is marked as completed." in messages_of(response)
    assert "You have completed this guide." in response.content.decode()
    response = employee_client.post(url, follow=True)
    assert "You had already completed “Joining a community”." in messages_of(response)
    assert GuideCompletion.objects.filter(user=employee, guide=guide).count() == 1


def test_completing_needs_a_post_with_a_csrf_token(employee, make_guide):
    guide = make_guide()
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    url = reverse("guides:complete", args=[guide.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not GuideCompletion.objects.exists()


def test_completing_an_unpublished_guide_is_not_found(employee_client, make_guide):
    guide = make_guide()
    guide.unpublish()
    response = employee_client.post(reverse("guides:complete", args=[guide.pk]))
    assert response.status_code == 404
    assert not GuideCompletion.objects.exists()


def test_completing_returns_to_where_the_reader_was_but_never_off_site(
    employee_client, make_guide, make_path
):
    guide = make_guide()
    path = make_path([guide])
    url = reverse("guides:complete", args=[guide.pk])
    assert employee_client.post(url, {"next": path.url}).url == path.url
    assert employee_client.post(url, {"next": "https://evil.example.com/"}).url == guide.url


# Learning paths


def test_a_guide_links_to_the_previous_and_next_in_its_path(employee_client, make_guide, make_path):
    first, second, third = (make_guide(title=title) for title in ("Why", "Join", "Find"))
    make_path([first, second, third], title="Welcome to the intranet")
    html = employee_client.get(second.url).content.decode()
    assert "guide 2 of 3" in html
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html
    html = employee_client.get(first.url).content.decode()
    assert 'rel="prev"' not in html


def test_a_guides_kept_path_links_follow_paths_and_guides_being_published_moved_and_deleted(
    employee_client, guides_index, make_guide, make_path
):
    first, second = make_guide(title="First"), make_guide(title="Second")
    assert "Learning path" not in employee_client.get(second.url).content.decode()
    path = make_path([first, second], title="Basics")
    assert "Previous: First" in employee_client.get(second.url).content.decode()
    # Moved: the kept link follows the guide to its new address.
    first.move(GuideIndexPageFactory(parent=guides_index, slug="elsewhere"), pos="last-child")
    first.refresh_from_db()
    assert f'rel="prev" href="{first.url}"' in employee_client.get(second.url).content.decode()
    path.delete()
    assert "Previous: First" not in employee_client.get(second.url).content.decode()


def test_the_path_shows_progress_and_what_to_read_next(
    employee_client, employee, make_guide, make_path
):
    first, second = make_guide(title="Why"), make_guide(title="Join")
    path = make_path([first, second])
    GuideCompletionFactory(user=employee, guide=first)
    GuideCompletionFactory(guide=second)  # someone else's progress is not ours
    response = employee_client.get(path.url)
    html = response.content.decode()
    assert "1 of 2 guides completed" in html
    assert "Continue with Join" in html
    assert response.context["progress"]["percent"] == 50
    GuideCompletionFactory(user=employee, guide=second)
    html = employee_client.get(path.url).content.decode()
    assert "You have completed this learning path." in html


def test_the_guide_shows_progress_through_its_path(
    employee_client, employee, make_guide, make_path
):
    first, second = make_guide(), make_guide()
    make_path([first, second])
    GuideCompletionFactory(user=employee, guide=first)
    assert "1 of 2 completed" in employee_client.get(second.url).content.decode()


# Acknowledgement


def test_a_must_read_asks_its_audience_until_acknowledged(employee_client, employee, make_guide):
    guide = make_guide(must_read=True, title="Using the intranet responsibly")
    index_html = employee_client.get("/guides/").content.decode()
    assert "Please read and acknowledge" in index_html
    html = employee_client.get(guide.url).content.decode()
    assert "This is a must-read for you" in html

    response = employee_client.post(reverse("guides:acknowledge", args=[guide.pk]), follow=True)
    assert "Thank you: your acknowledgement is recorded." in messages_of(response)
    assert "You have acknowledged this must-read." in response.content.decode()
    assert "Please read and acknowledge" not in employee_client.get("/guides/").content.decode()
    response = employee_client.post(reverse("guides:acknowledge", args=[guide.pk]), follow=True)
    assert "You had already acknowledged this guide." in messages_of(response)
    assert Acknowledgement.objects.filter(user=employee).count() == 1


def test_a_must_read_is_one_action_after_its_text(employee_client, employee, make_guide):
    guide = make_guide(
        must_read=True, body__0__paragraph__value="<p>Never share your password.</p>"
    )
    html = employee_client.get(guide.url).content.decode()
    confirm = html.index("I have read and understood this guide")
    assert html.index("Never share your password.") < confirm
    # The confirmation stands in for "Mark as completed": one button, not two.
    assert "Mark as completed" not in html

    employee_client.post(reverse("guides:acknowledge", args=[guide.pk]))
    assert GuideCompletion.objects.filter(user=employee, guide=guide).exists()
    html = employee_client.get(guide.url).content.decode()
    assert "You have completed this guide." in html
    assert "I have read and understood this guide" not in html


def test_a_guide_for_another_audience_does_not_ask(employee_client, make_guide):
    guide = make_guide(must_read=True, audiences=[AudienceCode.COMMUNICATORS])
    assert "This is a must-read for you" not in employee_client.get(guide.url).content.decode()


def test_acknowledging_a_guide_that_is_not_a_must_read_says_so(employee_client, make_guide):
    guide = make_guide(must_read=False)
    response = employee_client.post(reverse("guides:acknowledge", args=[guide.pk]), follow=True)
    assert "This guide does not ask for acknowledgement." in messages_of(response)
    assert not Acknowledgement.objects.exists()


def test_employees_cannot_see_who_has_acknowledged(employee_client, make_guide):
    guide = make_guide(must_read=True)
    assert "See who has acknowledged" not in employee_client.get(guide.url).content.decode()
    for name in ("guides:acknowledgements", "guides:acknowledgements-csv"):
        assert employee_client.get(reverse(name, args=[guide.pk])).status_code == 403


def test_the_owner_sees_who_has_and_has_not_and_downloads_it(client, make_guide):
    owner = UserFactory(username="owen", first_name="Owen", last_name="Reed")
    guide = make_guide(must_read=True, content_owner=owner)
    AcknowledgementFactory(guide=guide, user=UserFactory(username="ann", first_name="Ann"))
    UserFactory(username="bob", first_name="=HYPERLINK(1)")
    client.force_login(owner)
    assert "See who has acknowledged" in client.get(guide.url).content.decode()
    html = client.get(reverse("guides:acknowledgements", args=[guide.pk])).content.decode()
    assert "1 has acknowledged" in html
    assert "Ann" in html and "Owen Reed" in html

    response = client.get(reverse("guides:acknowledgements-csv", args=[guide.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().splitlines()
    assert rows[0] == "Username,Name,Email,Acknowledged at"
    assert rows[1].startswith("ann,")
    assert any(row.startswith("owen,Owen Reed,owen@example.com,") for row in rows)
    # A name cannot run as a formula when the file is opened in a spreadsheet.
    assert any(",'=HYPERLINK(1)" in row for row in rows)


# The index


@pytest.fixture
def catalogue(make_guide, employee):
    why = make_guide(
        title="Why we have this intranet", audiences=[AudienceCode.EVERYONE], topics=["purpose"]
    )
    cultivate = make_guide(
        title="Cultivating your community",
        audiences=[AudienceCode.COMMUNITY_OWNERS],
        body__0__paragraph__value="<p>Welcome newcomers and connect members.</p>",
        topics=["communities"],
    )
    write = make_guide(title="Writing a good guide", audiences=[AudienceCode.COMMUNICATORS])
    GuideCompletionFactory.create_batch(3, guide=cultivate)
    GuideCompletionFactory(guide=write)
    return why, cultivate, write


def titles(response):
    return [guide.title for guide in response.context["guides"]]


def test_the_header_links_to_the_guide_index(employee_client, guides_index, catalogue):
    response = employee_client.get(reverse("guides:index"))
    assert response.status_code == 200
    assert response.context["page"].pk == guides_index.pk
    assert 'href="/guides/" aria-current="page"' in response.content.decode()


def test_the_index_sorts_by_recent_updates_or_by_readers(employee_client, catalogue):
    assert titles(employee_client.get("/guides/")) == [
        "Writing a good guide",
        "Cultivating your community",
        "Why we have this intranet",
    ]
    assert titles(employee_client.get("/guides/", {"sort": "read"})) == [
        "Cultivating your community",
        "Writing a good guide",
        "Why we have this intranet",
    ]


def test_the_index_filters_by_audience_and_topic(employee_client, catalogue):
    assert titles(employee_client.get("/guides/", {"audience": "community_owners"})) == [
        "Cultivating your community"
    ]
    assert titles(employee_client.get("/guides/", {"topic": "purpose"})) == [
        "Why we have this intranet"
    ]


def test_the_index_searches_within_guides(employee_client, catalogue, make_community, make_guide):
    community = make_community()
    make_guide(
        parent=GuideIndexPageFactory(parent=community),
        body__0__paragraph__value="<p>Welcome newcomers, from elsewhere.</p>",
    )
    assert titles(employee_client.get("/guides/", {"q": "newcomers"})) == [
        "Cultivating your community"
    ]


def test_bad_filters_say_what_is_wrong_and_show_every_guide(employee_client, catalogue):
    response = employee_client.get("/guides/", {"audience": "martians", "sort": "random"})
    html = response.content.decode()
    assert "There is no audience called “martians”." in html
    assert "Guides can be sorted by date or by readers." in html
    assert len(titles(response)) == 3


def test_the_community_page_shows_its_guides(employee_client, make_community, make_guide):
    community = make_community(title="Wellbeing")
    index = GuideIndexPageFactory(parent=community)
    make_guide(parent=index, title="Taking a proper lunch break")
    make_guide(title="An intranet-wide guide")
    html = employee_client.get(community.url).content.decode()
    assert "Guides from this community" in html
    assert "Taking a proper lunch break" in html
    assert "An intranet-wide guide" not in html


def test_the_front_page_shows_must_reads_until_acknowledged(employee_client, employee, make_guide):
    guide = make_guide(must_read=True, title="Using the intranet responsibly")
    html = employee_client.get("/").content.decode()
    assert "Please read and acknowledge" in html
    assert f'href="{guide.url}"' in html
    AcknowledgementFactory(user=employee, guide=guide)
    assert "Please read and acknowledge" not in employee_client.get("/").content.decode()


def test_the_header_link_follows_the_index_when_it_moves(employee_client, guides_index):
    guides_index.slug = "learning"
    guides_index.save_revision().publish()
    response = employee_client.get(reverse("guides:index"))
    assert response.status_code == 302
    assert response.url == "/learning/"


def test_without_a_guide_index_the_header_link_is_not_found(employee_client, guides_index):
    guides_index.unpublish()
    assert employee_client.get(reverse("guides:index")).status_code == 404


def test_the_back_office_lists_completions_and_acknowledgements_read_only(admin_client, make_guide):
    guide = make_guide(title="Finding people", must_read=True)
    GuideCompletionFactory(guide=guide, user=UserFactory(username="zoe"))
    AcknowledgementFactory(guide=guide, user=UserFactory(username="yann"))
    response = admin_client.get("/admin/guides/guidecompletion/", {"q": "zoe"})
    assert [str(row) for row in response.context["object_list"]] == ["zoe completed Finding people"]
    response = admin_client.get("/admin/guides/acknowledgement/")
    assert [str(row) for row in response.context["object_list"]] == [
        "yann acknowledged Finding people"
    ]
    assert admin_client.get("/admin/guides/guidecompletion/create/").status_code in (302, 403)


def test_employees_cannot_open_the_back_office_listings(employee_client):
    for url in ("/admin/guides/guidecompletion/", "/admin/guides/acknowledgement/"):
        assert employee_client.get(url).status_code in (302, 403)


def test_the_index_marks_the_guides_the_reader_has_completed(employee_client, employee, make_guide):
    done = make_guide(title="Done already")
    make_guide(title="Still to read")
    GuideCompletionFactory(user=employee, guide=done)
    html = employee_client.get("/guides/").content.decode()
    items = {item.split("</a>")[0].rsplit(">", 1)[-1]: item for item in html.split("<li>")[1:]}
    assert "badge--done" in items["Done already"]
    assert "badge--done" not in items["Still to read"]


def test_a_community_guide_is_found_under_its_community(
    employee_client, make_community, make_guide
):
    community = make_community(title="Wellbeing")
    index = GuideIndexPageFactory(parent=community, title="Wellbeing guides")
    guide = make_guide(parent=index, title="Taking a proper lunch break")
    response = employee_client.get(guide.url)
    assert [page.title for page in response.context["breadcrumb"]] == [
        "Wellbeing",
        "Wellbeing guides",
    ]
    html = response.content.decode()
    assert f'<a href="{community.url}">Wellbeing</a>' in html


def test_a_guides_audiences_change_when_it_is_published_again(employee_client, make_guide):
    guide = make_guide(must_read=True, audiences=[AudienceCode.COMMUNICATORS])
    employee_client.get(guide.url)
    html = employee_client.get(guide.url).content.decode()
    assert "For Communicators" in html
    assert "This is a must-read for you" not in html

    guide.audiences.set([Audience.objects.get(code=AudienceCode.EVERYONE)])
    publish(guide)
    html = employee_client.get(guide.url).content.decode()
    assert "For Everyone" in html
    assert "This is a must-read for you" in html
