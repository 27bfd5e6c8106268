"""A signed-in page view finds its Wagtail site in the cache, and a changed site is seen at once."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

from communities.factories import CommunityPageFactory
from home.models import HomePage
from intranet.caching import bump
from intranet.site_lookup import SITES_TOPIC


@pytest.fixture
def home(db):
    return HomePage.objects.get()


def site_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries if "wagtailcore_site" in query["sql"]]


def test_only_the_first_page_view_asks_the_database_for_the_site(home, employee_client):
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    # The site, and every site's root path.
    assert len(site_queries(employee_client, "/")) == 2
    assert site_queries(employee_client, "/") == []
    assert site_queries(employee_client, community.url) == []


def test_a_changed_site_is_seen_on_the_next_request(home, employee_client):
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    assert "Wellbeing" not in employee_client.get("/").content.decode()
    site = Site.objects.get(is_default_site=True)
    site.root_page = community
    site.save()
    assert "<h1>Wellbeing</h1>" in employee_client.get("/").content.decode()


def test_each_host_gets_its_own_site(home, employee_client):
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=community)
    # The default site for the test server, the community's site for 127.0.0.1.
    assert "Wellbeing" not in employee_client.get("/").content.decode()
    other_host = employee_client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert "<h1>Wellbeing</h1>" in other_host
    assert "Wellbeing" not in employee_client.get("/").content.decode()


def test_a_moved_site_root_is_seen_where_it_now_stands(home, employee_client):
    """The cached site carries its root page's place in the tree, which a move changes."""
    root = CommunityPageFactory(parent=home, title="Subsidiary")
    CommunityPageFactory(parent=root, title="Subsidiary cyclists")
    holding = CommunityPageFactory(parent=home, title="Holding")
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=root)
    index = employee_client.get("/communities/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Subsidiary cyclists" in index
    root.move(holding, pos="last-child")
    index = employee_client.get("/communities/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Subsidiary cyclists" in index


def poison_wagtails_root_paths():
    """Wagtail's own copy in the cache, were it read, would put every page elsewhere."""
    cache.set(
        SITE_ROOT_PATHS_CACHE_KEY,
        [SiteRootPath(Site.objects.get().pk, "/nowhere/", "http://elsewhere", "en")],
        version=SITE_ROOT_PATHS_CACHE_VERSION,
    )


def test_page_addresses_are_built_from_the_root_paths_kept_with_the_site(home, employee_client):
    url = CommunityPageFactory(parent=home, title="Wellbeing").url
    assert f'href="{url}"' in employee_client.get("/communities/").content.decode()
    poison_wagtails_root_paths()
    assert f'href="{url}"' in employee_client.get("/communities/").content.decode()


def test_root_paths_rebuilt_after_a_change_are_read_from_the_database(home, employee_client):
    url = CommunityPageFactory(parent=home, title="Wellbeing").url
    assert f'href="{url}"' in employee_client.get("/communities/").content.decode()
    # Refilled, while a change was not yet committed, by a request that read it as it was.
    poison_wagtails_root_paths()
    bump(SITES_TOPIC)
    assert f'href="{url}"' in employee_client.get("/communities/").content.decode()


def test_a_site_root_given_a_new_slug_keeps_every_address_right(
    home, employee_client, django_capture_on_commit_callbacks
):
    community = CommunityPageFactory(parent=home, title="Wellbeing")
    employee_client.get("/communities/")
    with django_capture_on_commit_callbacks(execute=True):
        # Saved, not published: the paths below it change all the same.
        home.slug = "welcome"
        home.save()
    community.refresh_from_db()
    assert community.url_path.startswith("/welcome/")
    html = employee_client.get("/communities/").content.decode()
    assert f'href="{community.url}"' in html
    assert community.url == "/wellbeing/"
