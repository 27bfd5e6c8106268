"""Static files' addresses come from the manifest once a process, then from memory."""

import json

import pytest

from intranet.static_storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/intranet.css": "css/intranet.0123abcd.css"}, "version": "1.1"})
    )
    return StaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_an_address_is_looked_up_in_the_manifest_once(storage):
    assert storage.url("css/intranet.css") == "/static/css/intranet.0123abcd.css"
    # A release replaces the manifest and restarts the process; this one keeps what it found.
    storage.hashed_files = {}
    assert storage.url("css/intranet.css") == "/static/css/intranet.0123abcd.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
