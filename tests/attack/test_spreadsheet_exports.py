"""No export hands a spreadsheet program a formula to run.

Every export the admin routes (found by walking the URL resolver, so a new
report joins by itself) and the acknowledgement list are downloaded with text
that starts each way a formula can start, in every column people write:
titles, names, searches, addresses. Each such cell comes back as text: behind
an apostrophe in CSV, a quoted text cell in XLSX.
"""

import csv
import datetime
import inspect
import io

import pytest
from openpyxl import load_workbook

from django.urls import resolve, reverse
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail_modeladmin.options import ModelAdmin

from communities.factories import CommunityPageFactory
from communities.models import Membership
from guides.factories import GuidePageFactory
from guides.models import AudienceCode, GuideIndexPage
from insights.models import CommunityDay
from intranet.factories import UserFactory
from intranet.spreadsheets import FORMULA_STARTS, TextCellsExportMixin, as_text
from search.models import SearchQueryDay
from tests.attack.conftest import publish
from tests.url_samples import all_routes

# One text for each way a cell can start a formula, each told apart by its number.
FORMULAS = [
    f'{start}hyperlink("https://example.com/{n}","x{n}")' for n, start in enumerate(FORMULA_STARTS)
]


def _exports():
    """(url, view class) of every admin listing that offers a CSV and XLSX download."""
    found = []
    for route in all_routes():
        view_class = getattr(route.callback, "view_class", None)
        if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
            continue
        # A viewset passes its columns to `as_view`, a report names them on its class.
        if route.callback.view_initkwargs.get("list_export", view_class.list_export):
            found.append((route.url, view_class))
    return found


EXPORTS = _exports()
# Unique: a view that answers in place of Wagtail's sits at the same address.
EXPORT_URLS = list(dict.fromkeys(url for url, _ in EXPORTS))


def test_the_walk_finds_the_reports():
    # Wagtail's own reports and the intranet's: a walk that found nothing would prove nothing.
    for url in (
        "/admin/reports/site-history/",
        "/admin/redirects/",
        "/admin/reports/reviews/",
        "/admin/reports/insights/engagement/",
        "/admin/reports/searches/no-results/",
    ):
        assert url in EXPORT_URLS


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_every_export_address_is_served_by_a_view_that_keeps_text(url):
    served_by = resolve(url).func.view_class
    assert issubclass(served_by, TextCellsExportMixin), (url, served_by)


def test_every_modeladmin_listing_that_exports_keeps_text():
    for route in all_routes():
        model_admin = getattr(inspect.unwrap(route.callback), "__self__", None)
        if isinstance(model_admin, ModelAdmin) and model_admin.list_export:
            assert issubclass(model_admin.index_view_class, TextCellsExportMixin), route.url


@pytest.fixture(scope="module")
def formulas_everywhere(world, django_db_blocker):
    """Pages, people, searches and redirects whose text is a formula, in every report's reach."""
    with django_db_blocker.unblock():
        admin = world.users["admin"]
        guide_index = GuideIndexPage.objects.child_of(world.pages["home"]).get()
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        for text in FORMULAS:
            person = UserFactory(username=text, first_name=text, last_name=text)
            guide = GuidePageFactory(
                parent=guide_index, title=text, review_by=yesterday, content_owner=person
            )
            publish(guide)
            # Waiting in the review workflow, and locked, by someone named so.
            guide.get_workflow().start(guide, person)
            Page.objects.filter(pk=guide.pk).update(
                locked=True, locked_by=person, locked_at=timezone.now()
            )
            community = publish(CommunityPageFactory(parent=world.pages["home"], title=text))
            Membership.objects.create(user=person, community=community)
            CommunityDay.objects.create(community=community, day=yesterday, members=12, views=40)
            SearchQueryDay.objects.create(
                query_string=text, day=yesterday, searches=3, zero_results=3
            )
            Query.get(text).add_hit()
            Redirect.objects.create(old_path=f"/old-{len(text)}-{ord(text[0])}", redirect_link=text)
        return admin


def _shows(kept: str, cell: str, text: str) -> bool:
    """Whether the cell holds the text as written, or trimmed (as search terms are) to
    something harmless."""
    return kept in cell or text.strip() == cell


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = getattr(response, "streaming_content", None)
    data = b"".join(content) if content is not None else response.content
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _assert_no_formula(cells: list[str], url: str) -> None:
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), (url, cell)
    for text in FORMULAS:
        assert any(_shows(as_text(text), cell, text) for cell in cells), (url, text)


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_every_export_writes_formulas_as_text_in_csv(client, formulas_everywhere, db, url):
    client.force_login(formulas_everywhere)
    rows = _csv_rows(client.get(url, {"export": "csv"}))
    _assert_no_formula([cell for row in rows[1:] for cell in row], url)


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_every_export_writes_formulas_as_text_cells_in_xlsx(client, formulas_everywhere, db, url):
    client.force_login(formulas_everywhere)
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    for text in FORMULAS:
        # An XLSX file stores a lone carriage return as a new line.
        assert any(_shows(text.replace("\r", "\n"), value, text) for value in texts), (url, text)
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            assert cell.data_type == "s", (url, cell.value)
            assert cell.quotePrefix, (url, cell.value)


@pytest.mark.parametrize("url", EXPORT_URLS)
def test_an_employee_downloads_no_admin_export(client, world, db, url):
    client.force_login(world.users["erin"])
    response = client.get(url, {"export": "csv"})
    assert not response.get("Content-Type", "").startswith("text/csv"), url


def test_the_acknowledgement_list_writes_formulas_as_text(client, formulas_everywhere, world, db):
    guide_index = GuideIndexPage.objects.child_of(world.pages["home"]).get()
    guide = publish(
        GuidePageFactory(parent=guide_index, must_read=True, audiences=[AudienceCode.EVERYONE])
    )
    client.force_login(formulas_everywhere)
    rows = _csv_rows(client.get(reverse("guides:acknowledgements-csv", args=[guide.pk])))
    _assert_no_formula([cell for row in rows[1:] for cell in row], "acknowledgements")
