"""Opens every table's Excel file of a built site with openpyxl (a real reader) and compares
its cells with the page's table: the same rows, the same numbers (as numbers), the same symbols.
Also reads each CSV (UTF-8 with BOM, semicolons, decimal comma). Prints the counts and sizes.

    python .ci/downloads_check.py SITE
"""
import csv
import html.parser
import io
import pathlib
import re
import sys

import openpyxl


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
        elif tag == "a" and "download" in attrs and self.tables:
            self.tables[-1]["files"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif self.in_table and tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
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


def main():
    site = pathlib.Path(sys.argv[1])
    problems, files, sizes = [], 0, []
    for page in sorted(site.rglob("index.html")):
        parser = Tables()
        text = page.read_text(encoding="utf-8")
        parser.feed(text)
        english = '<html lang="en">' in text[:200]
        for table in parser.tables:
            for name in table["files"]:
                path = page.parent / name
                if name.startswith("tabeller."):
                    # The page's tables in one workbook: a sheet per table.
                    sheets = openpyxl.load_workbook(path).sheetnames
                    with_files = sum(1 for t in parser.tables if any(not f.startswith("tabeller.") for f in t["files"]))
                    if len(sheets) != with_files:
                        problems.append(f"{path}: {len(sheets)} sheets for {with_files} tables")
                    files += 1
                    sizes.append(path.stat().st_size)
                    continue
                files += 1
                sizes.append(path.stat().st_size)
                header, *body = table["rows"]
                body = [r for r in body if r not in (["Uppgifter saknas"], ["No data"])]
                if english:
                    body = [[swedish(c) for c in r] for r in body]
                if name.endswith(".xlsx"):
                    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
                    data_rows = [r for r in rows[3:] if any(c is not None for c in r)]
                    if len(data_rows) < len(body):
                        problems.append(f"{path}: {len(data_rows)} rows, the page shows {len(body)}")
                        continue
                    if [c for c in rows[2] if c is not None][: len(header)] != [h + (" (%)" if False else "") for h in header] and \
                            [str(c).replace(" (%)", "").replace(" (‰)", "") for c in rows[2][: len(header)]] != header:
                        problems.append(f"{path}: header {rows[2]} is not {header}")
                    for i, cells in enumerate(body):
                        got = list(rows[3 + i][: len(cells)])
                        # A number in the file is the number the page shows; text is the text.
                        got = [float(g) if isinstance(g, (int, float)) else g for g in got]
                        want = [number(c) if isinstance(g, float) else (c.split("\u00a0")[0] if c.startswith("<") and not c.endswith("*") else c)
                                for g, c in zip(got, cells)]
                        if got != want:
                            problems.append(f"{path}: row {i + 1} is {got}, the page shows {want}")
                else:
                    raw = path.read_bytes()
                    if not raw.startswith(b"\xef\xbb\xbf"):
                        problems.append(f"{path}: no byte-order mark")
                    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
                    for i, cells in enumerate(body):
                        got = [number(c) if re.fullmatch(r"-?\d+(,\d+)?", c) else c for c in rows[3 + i][: len(cells)]]
                        want = [number(c) for c in cells]
                        if got != want:
                            problems.append(f"{path}: CSV row {i + 1} is {got}, the page shows {want}")
    for problem in problems:
        print(problem, file=sys.stderr)
    total = sum(sizes)
    print(f"Compared {files} download files with their tables (openpyxl {openpyxl.__version__}): "
          + (f"{len(problems)} problems" if problems else "every cell as on the page")
          + f"; {total / 1000:.0f} kB in all, {max(sizes, default=0) / 1000:.1f} kB the largest")
    return 1 if problems or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
