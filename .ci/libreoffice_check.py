"""A spreadsheet program shows a page's table as the page does (issue 30): converts the page's
workbook to CSV with LibreOffice (headless, every sheet, cells as shown) in a Swedish and in an
English setting, and compares the table's sheet with the page's table — `9 415 570` and `2011`,
never `9415 570` or `2 011`. The English setting shows `9,415,570` and `6.0`: its separators are
swapped for the page's before comparing.

    python .ci/libreoffice_check.py SITE PAGE CAPTION
    python .ci/libreoffice_check.py public regioner/ovre-norrland "Befolkning den 1 januari"
"""
import csv
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{locale}</value></prop></item>
</oor:items>
"""


def page_table(page, caption):
    """The rows of the page's table whose caption starts with `caption`, as cell texts."""
    text = page.read_text(encoding="utf-8")
    for table in re.findall(r"<table[^>]*data-statik-table[^>]*>.*?</table>", text, re.S):
        cap = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        if cap and html.unescape(re.sub(r"<[^>]+>", "", cap.group(1))).startswith(caption):
            rows = []
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
                cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
                rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
            return html.unescape(re.sub(r"<[^>]+>", "", cap.group(1))), rows
    raise SystemExit(f"{page}: no table with a caption starting {caption!r}")


def shown(workbook, locale, folder):
    """Every sheet of the workbook as LibreOffice shows it in `locale`: {sheet file: rows}."""
    profile = folder / f"profile-{locale}"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE.format(locale=locale), encoding="utf-8")
    out = folder / locale
    out.mkdir()
    # Field 9 (true): cells as shown; field 12 (-1): every sheet, a file each.
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    "--outdir", str(out), str(workbook)], check=True, capture_output=True, timeout=180)
    return {p.name: list(csv.reader(p.open(encoding="utf-8"))) for p in sorted(out.glob("*.csv"))}


def normal(text):
    return re.sub(r"[\u00a0\u202f ]", " ", text).replace("\u2212", "-")


def main():
    site, page_dir, caption = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    full, rows = page_table(site / page_dir / "index.html", caption)
    workbook = site / page_dir / "tabeller.xlsx"
    want = [[normal(c) for c in r] for r in rows]
    problems = 0
    folder = pathlib.Path(tempfile.mkdtemp(prefix="statik-lo-"))
    try:
        for locale in ("sv-SE", "en-US"):
            sheets = shown(workbook, locale, folder)
            found = None
            for name, got in sheets.items():
                if got and got[0] and got[0][0] == full:
                    found = (name, got)
            if not found:
                print(f"{locale}: no sheet has the title {full!r} in A1 ({list(sheets)})", file=sys.stderr)
                problems += 1
                continue
            name, got = found
            start = next((i for i, r in enumerate(got) if [normal(c) for c in r[: len(want[0])]] == want[0]), None)
            if start is None:
                print(f"{locale}: {name}: no header row {want[0]}", file=sys.stderr)
                problems += 1
                continue
            table = [[normal(c) for c in r[: len(want[0])]] for r in got[start: start + len(want)]]
            if locale == "en-US":
                # 9,415,570 and 6.0 → 9 415 570 and 6,0, the page's separators.
                table = [[c.replace(",", "\u0001").replace(".", ",").replace("\u0001", " ") if re.fullmatch(r"-?[\d,]+(\.\d+)?", c) else c for c in r] for r in table]
            for i, (g, w) in enumerate(zip(table, want)):
                if g != w:
                    print(f"{locale}: {name} row {i + 1}: LibreOffice shows {g}, the page {w}", file=sys.stderr)
                    problems += 1
            if problems == 0:
                print(f"LibreOffice ({locale}) shows {name.rsplit('-', 1)[-1]} as the page does: {len(want) - 1} rows, e.g. {table[1]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
