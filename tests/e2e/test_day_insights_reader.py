"""Dana's day, in a real browser: an Insights reader goes from the intranet to the figures.

She signs in, follows links to Insights, reads the whole intranet's overview and then
one community's, opens each report and its exports, and prints a community's summary.
A screenshot of each step is saved under the system's temporary folder, in a
folder named after the test (`tests/e2e/conftest.py`), for a reviewer to look at.
"""

import re

from playwright.sync_api import expect

from tests.e2e.test_sign_in import close_tour_if_shown, sign_in

REPORTS = ("Community engagement", "Stale content", "Guides nobody completes")


def report_rows(page) -> list[list[str]]:
    table = page.locator("table.listing").first
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def test_dana_reads_the_intranets_figures_and_prints_a_summary(demo_site, page, shot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    sign_in(page, "dana", "changeme")
    close_tour_if_shown(page)
    shot(page, "01-home")

    page.locator(".user-menu__toggle").click()
    page.get_by_role("link", name="Wagtail admin").click()
    page.get_by_role("link", name="Insights", exact=True).click()
    # An Insights reader starts from the whole intranet.
    expect(page.locator(".w-header__subtitle")).to_have_text("Whole intranet")
    expect(page.get_by_role("heading", name="Key figures, last four weeks")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Views and people reading"))).to_be_visible()
    shot(page, "02-overview")

    # Counts under five (few discussions start in a week) are a "<5" mark, never a bar.
    chart = page.locator("figure.insights-chart").filter(
        has=page.get_by_role("img", name=re.compile("Discussions and comments"))
    )
    expect(chart.locator("figcaption")).to_contain_text("fewer than 5")
    expect(chart.locator("text.insights-chart__masked").first).to_contain_text("<5")
    chart.get_by_text(re.compile("as a table")).click()
    expect(chart.locator("table")).to_be_visible()
    shot(page, "03-overview-table")

    compared = page.get_by_role("region", name="Communities compared")
    compared.get_by_role("link", name="Customers and Sales", exact=True).click()
    expect(page.locator(".w-header__subtitle")).to_have_text("Customers and Sales")
    expect(page.get_by_role("heading", name="Health", exact=True)).to_be_visible()
    shot(page, "04-community")

    for number, title in enumerate(REPORTS, start=5):
        page.get_by_role("button", name="Reports").click()
        page.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        rows = report_rows(page)
        assert rows, title
        # Every row names its community or page, and for pages its type and owner.
        assert all(row[0] for row in rows), title
        if title != "Community engagement":
            assert all(row[1] and row[2] for row in rows), title
        csv_link = page.get_by_role("link", name="Download CSV")
        excel_link = page.get_by_role("link", name="Download Excel")
        expect(csv_link).to_be_visible()
        expect(excel_link).to_be_visible()
        exported = page.request.get(csv_link.get_attribute("href"))
        assert exported.ok and exported.headers["content-type"].startswith("text/csv")
        # The export has the rows the screen shows.
        lines = exported.text().strip().splitlines()
        assert len(lines) == len(rows) + 1, title
        shot(page, f"{number:02d}-{title.lower().replace(' ', '-')}")

    page.get_by_role("link", name="Insights", exact=True).click()
    page.get_by_label("Community").select_option(label="Customers and Sales")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Printable summary").click()
    expect(page.get_by_role("heading", name="Customers and Sales", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    shot(page, "08-summary")

    # The Print button opens the browser's print dialog (here: a recorded call).
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") is True

    page.emulate_media(media="print")
    shot(page, "09-summary-printed")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
