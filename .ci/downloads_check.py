"""Opens every page's Excel workbook of a built site with openpyxl (a real reader): its cover,
contents and notes sheets (issue 30), then a sheet per table of the page, compared with the
page's table: the same rows, every number the page shows a number cell equal to the page's
figure with the grouping format that shows it as the page does (`#,##0`, `#,##0.0`, `0` for a
year), the same symbols as text. Also reads each CSV (UTF-8 with BOM, semicolons, decimal comma).
Prints the counts and sizes.

    python .ci/downloads_check.py SITE
"""
import csv
import html
import html.parser
import io
import pathlib
import re
import sys

import openpyxl


class Cell(str):
    """A page cell's text, and whether the page marks its column as numbers (`class="num"`)."""

    def __new__(cls, text, numeric):
        cell = super().__new__(cls, text)
        cell.numeric = numeric
        return cell


class Tables(html.parser.HTMLParser):
    """The tables of a page with their download links: rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.row, self.in_table, self.links = [], None, None, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-statik-table" in attrs:
            self.in_table = True
            self.tables.append({"rows": [], "files": []})
        elif self.in_table and tag == "tr":
            self.row = []
        elif self.in_table and tag in ("td", "th"):
            self.cell = ""
            self.numeric = "num" in (attrs.get("class") or "").split()
        elif tag == "a" and "download" in attrs and self.tables:
            self.tables[-1]["files"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif self.in_table and tag in ("td", "th") and self.cell is not None:
            self.row.append(Cell(self.cell.strip(), self.numeric))
            self.cell = None
        elif self.in_table and tag == "tr" and self.row is not None:
            self.tables[-1]["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def number(text):
    """The number a page cell shows (`1 881`, `31 %`, `−5`, `0,5`), or the text itself."""
    t = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace("‰", "").replace("\u2212", "-")
    if re.fullmatch(r"-?\d+(,\d+)?", t):
        return float(t.replace(",", "."))
    return text.split("\u00a0")[0] if text.startswith("<") and not text.endswith("*") else text


def swedish(text):
    """A cell of an English page (`7,674`, `12.5`, `59%`, `<1%`) in the Swedish notation the
    files keep (`7 674`, `12,5`, `59 %`, `<1 %`): the files are the same for every page."""
    m = re.fullmatch(r"(<?)([\u2212-]?)([\d,]+)(\.\d+)?([%‰]?)", text)
    if not m:
        return text
    lt, sign, whole, fraction, unit = m.groups()
    out = lt + sign + whole.replace(",", "\u00a0") + ("," + fraction[1:] if fraction else "")
    return out + ("\u00a0" + unit if unit else "")


COVER = {"Omslag": ("Innehåll", "Noter", ["Om filen", "Publicerad", "Nästa uppdatering", "Webbsida", "Teckenförklaring"]),
         "Cover": ("Contents", "Notes", ["About this file", "Published", "Next update", "Web page", "Symbols"])}


def decimals(text, english):
    """How many decimals a page cell shows (`12,5` → 1; `12.5` on an English page)."""
    m = re.search(re.escape("." if english else ",") + r"(\d+)", text)
    return len(m.group(1)) if m else 0


def expected_format(text, value, english):
    """The number format that shows `value` as the page's `text` does: grouped (`#,##0`, with
    the page's decimals), or `0` for a year (four digits the page shows without grouping)."""
    if abs(value) >= 1000 and re.fullmatch(r"[-\u2212]?\d+", text):
        return "0"
    d = decimals(text, english)
    return "#,##0" + ("." + "0" * d if d else "")


def table_area(sheet):
    """The rows of the sheet's one marked-up table: header first."""
    tables = list(sheet.tables.values())
    if len(tables) != 1:
        return None, f"{len(tables)} marked-up tables"
    ref = tables[0].ref
    first, last = ref.split(":")
    top, bottom = int(re.sub(r"\D", "", first)), int(re.sub(r"\D", "", last))
    return [list(r) for r in sheet.iter_rows(min_row=top, max_row=bottom)], None


def check_workbook(path, parser, page_title, page_text, problems):
    """The cover, contents and notes sheets, then a sheet per table of the page."""
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    if len(names) < 3 or names[0] not in COVER:
        problems.append(f"{path}: the sheets are {names}, not a cover, contents and notes first")
        return book, []
    contents, notes, headings = COVER[names[0]]
    if names[1:3] != [contents, notes]:
        problems.append(f"{path}: sheets 2 and 3 are {names[1:3]}, not {contents}, {notes}")
    cover = [c for row in book[names[0]].iter_rows(values_only=True) for c in row if c is not None]
    if not cover or cover[0] != page_title:
        problems.append(f"{path}: the cover's title is {cover[:1]}, the page's is {page_title!r}")
    # The page's date, when it has one (a page without a date has none to give).
    dated = ">Publicerad<" in page_text or ">Published<" in page_text or "Publicerad " in page_text or "Published " in page_text
    for heading in headings:
        if heading in ("Publicerad", "Published") and not dated:
            continue
        if heading not in cover:
            problems.append(f"{path}: the cover has no {heading!r}")
    rows, why = table_area(book[names[1]])
    listed = [r[0].value for r in rows[1:]] if rows else []
    if why or listed != names[2:]:
        problems.append(f"{path}: the contents list {listed} ({why or 'marked up'}), the sheets are {names[2:]}")
    for r in rows[1:] if rows else []:
        if not r[0].hyperlink or not (r[0].hyperlink.location or "").endswith("!A1"):
            problems.append(f"{path}: contents entry {r[0].value!r} is not a link to its sheet")
    for name in names:
        sheet = book[name]
        if sheet.merged_cells.ranges:
            problems.append(f"{path}: sheet {name!r} has merged cells")
        if len(name) > 31 or any(ch in name for ch in "[]:*?/\\"):
            problems.append(f"{path}: sheet name {name!r} is not one Excel takes")
    with_files = [t for t in parser.tables if t["files"]]
    if len(names) - 3 != len(with_files):
        problems.append(f"{path}: {len(names) - 3} table sheets for {len(with_files)} tables")
    return book, names[3:]


def check_sheet(path, sheet, table, english, problems):
    """One table's sheet against the page's table: its header, and every cell as the page shows
    it — a number as a number cell with a grouping format, a symbol as text."""
    rows, why = table_area(sheet)
    if why:
        problems.append(f"{path} [{sheet.title}]: {why}")
        return 0
    header, *body = table["rows"]
    body = [r for r in body if r not in (["Uppgifter saknas"], ["No data"])]
    got_header = [str(c.value).replace(" (%)", "").replace(" (‰)", "") for c in rows[0]]
    if got_header[: len(header)] != header:
        problems.append(f"{path} [{sheet.title}]: header {got_header} is not {header}")
    data = [r for r in rows[1:] if any(c.value is not None for c in r)]
    if len(data) != len(rows) - 1:
        problems.append(f"{path} [{sheet.title}]: blank rows inside the table")
    if body and len(data) != len(body):
        problems.append(f"{path} [{sheet.title}]: {len(data)} rows, the page shows {len(body)}")
        return 0
    numbers = 0
    for i, page_cells in enumerate(body):
        shown = [swedish(c) for c in page_cells] if english else page_cells
        for cell, text, original in zip(data[i], shown, page_cells):
            want = number(text)
            # A number column's cell, or a year the page shows in a label column (a number cell
            # showing what the page shows).
            as_number = original.numeric or (isinstance(cell.value, (int, float)) and isinstance(want, float))
            digits = re.sub(r"\D", "", text)
            if isinstance(want, float) and len(digits) > 15 and "," not in text and "." not in text:
                # More digits than a spreadsheet keeps: text, every digit as in the data.
                if cell.value != ("-" if text.startswith(("-", "\u2212")) else "") + digits:
                    problems.append(f"{path} [{sheet.title}] {cell.coordinate}: {cell.value!r}, the page shows {text!r} (16 digits or more: text)")
            elif isinstance(want, float) and not text.startswith("<") and as_number:
                fmt = expected_format(original, want, english)
                if not isinstance(cell.value, (int, float)) or isinstance(cell.value, bool):
                    problems.append(f"{path} [{sheet.title}] {cell.coordinate}: {cell.value!r} is not a number cell (the page shows {text!r})")
                elif float(cell.value) != want:
                    problems.append(f"{path} [{sheet.title}] {cell.coordinate}: {cell.value} is not the page's {text!r}")
                elif cell.number_format != fmt:
                    problems.append(f"{path} [{sheet.title}] {cell.coordinate}: format {cell.number_format!r}, the page shows {text!r} ({fmt!r})")
                numbers += 1
            else:
                want = text.split("\u00a0")[0] if text.startswith("<") and not text.endswith("*") else text
                if cell.value != want:
                    problems.append(f"{path} [{sheet.title}] {cell.coordinate}: {cell.value!r}, the page shows {want!r}")
    return numbers


def check_csv(path, table, english, problems):
    header, *body = table["rows"]
    body = [r for r in body if r not in (["Uppgifter saknas"], ["No data"])]
    if english:
        body = [[swedish(c) for c in r] for r in body]
    raw = path.read_bytes()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{path}: no byte-order mark")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    for i, cells in enumerate(body):
        got = [number(c) if re.fullmatch(r"-?\d+(,\d+)?", c) else c for c in rows[3 + i][: len(cells)]]
        want = [number(c) for c in cells]
        if got != want:
            problems.append(f"{path}: CSV row {i + 1} is {got}, the page shows {want}")


def main():
    site = pathlib.Path(sys.argv[1])
    problems, files, sizes, books, numbers = [], 0, [], 0, 0
    for page in sorted(site.rglob("index.html")):
        parser = Tables()
        text = page.read_text(encoding="utf-8")
        parser.feed(text)
        english = '<html lang="en">' in text[:200]
        title = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        title = html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else None
        book, sheets = None, []
        for index, table in enumerate(t for t in parser.tables if t["files"]):
            for name in table["files"]:
                path = page.parent / name
                files += 1
                sizes.append(path.stat().st_size)
                if name.endswith(".xlsx"):
                    if book is None:
                        book, sheets = check_workbook(path, parser, title, text, problems)
                        books += 1
                    if index < len(sheets):
                        numbers += check_sheet(path, book[sheets[index]], table, english, problems)
                else:
                    check_csv(path, table, english, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    total = sum(sizes)
    print(f"Compared {files} download links ({books} workbooks, {numbers} number cells) with their tables (openpyxl {openpyxl.__version__}): "
          + (f"{len(problems)} problems" if problems else "every cell as on the page, every workbook with its cover, contents and notes")
          + f"; {total / 1000:.0f} kB in all, {max(sizes, default=0) / 1000:.1f} kB the largest")
    return 1 if problems or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
