"""Spreadsheet cells that a spreadsheet program shows as text, never runs as a formula.

Excel and LibreOffice read a cell that starts with "=", "+", "-" or "@" as a
formula, and skip a leading tab or carriage return before looking: a page
title, a name or a search someone typed could then compute, fetch a web
address or start a program when the export is opened ("CSV injection",
https://owasp.org/www-community/attacks/CSV_Injection). Every export the
intranet offers writes such text behind an apostrophe in CSV, and as a
quoted text cell in XLSX.
"""

from django.conf import settings

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from intranet import exports

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def as_text(value):
    """`value`, with an apostrophe in front when it is text a spreadsheet would run."""
    return f"'{value}" if starts_formula(value) else value


class TextCellsExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV and XLSX export, with every cell that could run kept as text.

    Put it before Wagtail's view in the bases (`class V(TextCellsExportMixin, ReportView)`).
    An export longer than EXPORT_IN_BACKGROUND_ROWS is built by the worker (`intranet.exports`).
    """

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if getattr(self.request, "building_export", None) is None:
            rows = exports.row_count(queryset)
            if rows > settings.EXPORT_IN_BACKGROUND_ROWS:
                title = getattr(self, "page_title", "") or self.get_filename()
                return exports.queue(self.request, title, rows, spreadsheet_format)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX cells carry their type (below); a CSV cell is whatever the program reads.
        return as_text(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        # Wagtail already writes such a value as a string cell, not a formula;
        # the quote prefix keeps it text when someone edits the cell, as
        # typing an apostrophe in front does in Excel.
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if starts_formula(cell.value):
                cell.quotePrefix = True
            yield cell
