"""Spreadsheet exports (CSV and XLSX) of our admin reports.

Cells carry text that providers and partners write (service titles, organisation names,
case descriptions). A cell starting with "=", "+", "-", "@", a tab or a carriage return
is run as a formula by Excel and LibreOffice ("CSV injection": a title such as
`=HYPERLINK("https://…?"&A1)` would send the sheet's data away when opened), and openpyxl
writes such a string into an XLSX file as a formula. Such text gets a leading apostrophe,
as OWASP recommends; numbers and dates are untouched.

CSV is written for Excel as Finnish and Swedish users open it (`excel_csv`,
`csv_response`): UTF-8 with a byte-order mark (without one Excel reads "Työkokeilu" as
"TyÃ¶kokeilu"), `;` between cells (the list separator of Excel in a Finnish or Swedish
locale, where `,` is the decimal separator), numbers with the interface language's
decimal separator (19,5 in fi and sv), dates as the language writes them and yes/no
in words (Kyllä/Ei, Ja/Nej), never Python's True/False. Use these for every CSV export.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import tablib
from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def dataset(rows, headers: dict, title: str) -> tablib.Dataset:
    """A sheet of `rows` (dicts) with the columns and headings of `headers`."""
    sheet = tablib.Dataset(headers=[str(h) for h in headers.values()], title=title)
    for row in rows:
        sheet.append([safe_cell(row[key] if row[key] is not None else "") for key in headers])
    return sheet


CSV_DELIMITER = ";"
BOM = "\ufeff"


def csv_cell(value) -> str:
    """One cell of an Excel CSV as text in the active language (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float | Decimal):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, str):
        return safe_cell(value)
    return str(value)


def excel_csv(rows, headers: dict) -> bytes:
    """`rows` (dicts) with the columns and headings of `headers` as the bytes of a CSV file
    for Excel: BOM, `;`, CRLF, cells by `csv_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([str(h) for h in headers.values()])
    for row in rows:
        writer.writerow([csv_cell(row[key]) for key in headers])
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_response(rows, headers: dict, filename: str) -> HttpResponse:
    """An attachment `<filename>.csv` of `excel_csv(rows, headers)`."""
    response = HttpResponse(excel_csv(rows, headers), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
