"""The database's full-text search by default; an environment variable names another engine."""

import pytest

from django.conf import settings

from intranet.settings.base import search_backends
from tests.helpers import run_manage


def test_the_database_backend_is_the_default():
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == ("search.backends")
    assert search_backends("", "", "intranet_") == search_backends("database", "", "x")


@pytest.mark.parametrize(
    ("engine", "backend"),
    [
        ("elasticsearch8", "wagtail.search.backends.elasticsearch8"),
        ("opensearch2", "wagtail.search.backends.opensearch2"),
    ],
)
def test_an_engine_and_its_address_select_elasticsearch_or_opensearch(engine, backend):
    config = search_backends(engine, "http://search.internal:9200", "intranet_")["default"]
    assert config["BACKEND"] == backend
    assert config["URLS"] == ["http://search.internal:9200"]
    assert config["INDEX_PREFIX"] == "intranet_"


def test_an_unknown_engine_or_a_missing_address_stops_start_up_with_one_line():
    unknown = run_manage("check", SEARCH_ENGINE="solr")
    assert unknown.returncode == 1
    assert "SEARCH_ENGINE must be database or one of" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    no_url = run_manage("check", SEARCH_ENGINE="elasticsearch8")
    assert no_url.returncode == 1
    assert "SEARCH_URL is required with SEARCH_ENGINE=elasticsearch8" in no_url.stderr
