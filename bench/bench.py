#!/usr/bin/env python3
"""Statik's build-speed benchmark (run it through bench/run, which builds statik first).

Three corpora, generated from a fixed seed into a temporary folder:

1. plain Markdown pages (headings, paragraphs with emphasis, code and links, two lists, a GFM
   table), N = 1 000 and 10 000;
2. data pages, made from one file by a `pages:` query: each runs one parameterised query over a
   100 000-row CSV and shows it as a table and as a chart (a second table when this statik has no
   ```chart``` blocks), N = 1 000 and 10 000;
3. the example site (the repository itself), built into a temporary folder.

Corpora 1 and 2 are also built with Hugo, with a theme that does the same work (same HTML
frame, top menu, breadcrumbs, a section page listing its pages, sitemap.xml; no RSS, no
taxonomies), and the data pages with shortcodes that read the same CSV (transform.Unmarshal),
index it once by group (partialCached) and look each page's rows up, then draw the same table,
and the same chart as Statik (a wide and a narrow SVG, the data as a table, the source). The
parsing floor is one `cmark-gfm -e table` process over the same Markdown (the page bodies), HTML
to /dev/null. Everything runs in a temporary folder, on tmpfs (/dev/shm) when there is one.

Times are medians of several runs; in every run Statik, Hugo and the floor are run one after
the other, in an order that alternates from run to run. Output folders are removed (untimed)
before every build. Statik's peak memory is GNU time's "Maximum resident set size".
"""

import argparse
import csv
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SEED = 20240607
CSV_ROWS = 100_000
GROUPS = 10_000          # the CSV has 10 rows (years) per group
YEARS = list(range(2011, 2021))

WORDS = (
    "arbete arbetsmarknad deltagare insats projekt region kommun stöd ersättning sjukpenning "
    "aktivitetsersättning programområde socialfonden statistik uppföljning resultat andel antal "
    "kvinnor män unga äldre sysselsättning studier rehabilitering samverkan handläggare "
    "arbetsförmedlingen försäkringskassan målgrupp period utfall kostnad budget medel ansökan "
    "beslut utvärdering metod rapport analys underlag bedömning samordning kartläggning "
    "omställning arbetsgivare utbildning praktik vägledning hälsa funktionsnedsättning"
).split()
SMALL = "och i på att som för med av till från om är har var det den de en ett inte men".split()


def sentence(rng, lo=8, hi=18, markup=True):
    n = rng.randint(lo, hi)
    words = []
    for i in range(n):
        w = rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(SMALL)
        r = rng.random() if markup else 1
        if r < 0.04:
            w = f"**{w}**"
        elif r < 0.07:
            w = f"*{w}*"
        elif r < 0.08:
            w = f"`{w}`"
        elif r < 0.09:
            w = f"[{w}](https://example.org/{w})"
        words.append(w)
    words[0] = words[0][0].upper() + words[0][1:] if words[0][0].isalpha() else words[0]
    return " ".join(words) + "."


def paragraph(rng, lo=3, hi=6):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def title(rng, n=3):
    t = " ".join(rng.choice(WORDS) for _ in range(n))
    return t[0].upper() + t[1:]


def plain_body(rng):
    """About 5 KB of Markdown: three sections, lists, a GFM table."""
    out = [paragraph(rng), ""]
    for s in range(3):
        out += [f"## {title(rng)}", "", paragraph(rng), "", paragraph(rng), ""]
        if s == 0:
            out += [f"- {sentence(rng, 4, 9)}" for _ in range(5)] + [""]
        if s == 1:
            out += [f"{i}. {sentence(rng, 4, 9)}" for i in range(1, 5)] + [""]
            out += ["### " + title(rng, 2), "", paragraph(rng, 2, 3), ""]
        if s == 2:
            out += ["| Region | År | Kvinnor | Män | Totalt |", "|---|---:|---:|---:|---:|"]
            for _ in range(6):
                k, m = rng.randint(10, 9999), rng.randint(10, 9999)
                out.append(f"| {title(rng, 1)} | {rng.choice(YEARS)} | {k} | {m} | {k + m} |")
            out += ["", paragraph(rng, 1, 2), ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Themes


STATIK_PAGE = """<!DOCTYPE html>
<html lang="{{site.language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{page.title}} – {{site.title}}</title>
{{#page.description}}<meta name="description" content="{{page.description}}">{{/page.description}}
<link rel="stylesheet" href="{{site.root}}css/bench.css">
</head>
<body>
<header><a href="{{site.root}}">{{site.title}}</a></header>
<nav aria-label="Huvudmeny"><ul>
{{#site.menu}}<li><a href="{{url}}">{{title}}</a></li>
{{/site.menu}}</ul></nav>
{{^page.isHome}}<nav aria-label="Brödsmulor"><ol>
{{#page.breadcrumbs}}<li><a href="{{url}}">{{title}}</a></li>
{{/page.breadcrumbs}}<li><a href="{{page.url}}" aria-current="page">{{page.title}}</a></li>
</ol></nav>{{/page.isHome}}
<main>
<h1>{{page.title}}</h1>
{{{page.content}}}
{{#page.children}}<li><a href="{{url}}">{{title}}</a>{{#description}} {{description}}{{/description}}</li>
{{/page.children}}</main>
</body>
</html>
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "css/bench.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<nav aria-label="Huvudmeny"><ul>
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></nav>
{{ if not .IsHome }}<nav aria-label="Brödsmulor"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}<li><a href="{{ .RelPermalink }}" aria-current="page">{{ .Title }}</a></li>
</ol></nav>{{ end }}
<main>
<h1>{{ .Title }}</h1>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}{{ .Content }}{{ end }}
"""
HUGO_LIST = """{{ define "main" }}{{ .Content }}
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} {{ . }}{{ end }}</li>
{{ end }}{{ end }}
"""

CSS = "body { font-family: sans-serif; max-width: 60rem; margin: auto; }\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def statik_skeleton(root, name):
    write(f"{root}/statik.yml", f"title: Bench {name}\nbaseURL: https://example.org/bench/\nlanguage: sv\ntheme: bench\n")
    write(f"{root}/themes/bench/templates/page.mustache", STATIK_PAGE)
    write(f"{root}/themes/bench/static/css/bench.css", CSS)
    write(f"{root}/content/index.md", "---\ntitle: Start\n---\nStartsidan för jämförelsen.\n")
    write(f"{root}/content/p/index.md", "---\ntitle: Sidor\ndescription: Alla sidor\n---\nAlla sidor.\n")


def hugo_skeleton(root, name, extra=""):
    write(f"{root}/hugo.toml",
          f'baseURL = "https://example.org/bench/"\nlanguageCode = "sv"\ndefaultContentLanguage = "sv"\n'
          f'title = "Bench {name}"\ndisableKinds = ["taxonomy", "term", "RSS"]\n{extra}')
    write(f"{root}/layouts/_default/baseof.html", HUGO_BASEOF)
    write(f"{root}/layouts/_default/single.html", HUGO_SINGLE)
    write(f"{root}/layouts/_default/list.html", HUGO_LIST)
    write(f"{root}/static/css/bench.css", CSS)
    write(f"{root}/content/_index.md", "---\ntitle: Start\n---\nStartsidan för jämförelsen.\n")
    write(f"{root}/content/p/_index.md", "---\ntitle: Sidor\ndescription: Alla sidor\n---\nAlla sidor.\n")


# ---------------------------------------------------------------------------------------------
# Corpus 1: plain pages


def make_plain(base, n):
    rng = random.Random(SEED + n)
    statik, hugo, floor = f"{base}/statik", f"{base}/hugo", f"{base}/floor"
    statik_skeleton(statik, f"plain {n}")
    hugo_skeleton(hugo, f"plain {n}")
    os.makedirs(floor, exist_ok=True)
    for i in range(1, n + 1):
        t = title(rng, 4)
        d = sentence(rng, 6, 10, markup=False)
        body = plain_body(rng)
        matter = f"---\ntitle: {t}\ndescription: {d}\n---\n"
        write(f"{statik}/content/p/s{i:05d}.md", matter + body)
        write(f"{hugo}/content/p/s{i:05d}.md", matter + body)
        write(f"{floor}/s{i:05d}.md", body)
    return statik, hugo, floor


# ---------------------------------------------------------------------------------------------
# Corpus 2: data pages


def make_csv(path):
    rng = random.Random(SEED)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    regions = ["Övre Norrland", "Mellersta Norrland", "Norra Mellansverige", "Stockholm",
               "Östra Mellansverige", "Småland med öarna", "Sydsverige", "Västsverige"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["grupp", "ar", "region", "kvinnor", "man", "kostnad"])
        for g in range(1, GROUPS + 1):
            region = regions[g % len(regions)]
            for y in YEARS:
                w.writerow([g, y, region, rng.randint(0, 5000), rng.randint(0, 5000), round(rng.uniform(0, 1e6), 1)])
    # Shuffled rows: a query cannot rely on the file's order.
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    head, rows = lines[0], lines[1:]
    random.Random(SEED + 1).shuffle(rows)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head)
        f.writelines(rows)


DATA_PROSE_SEED = SEED + 7


def data_prose():
    rng = random.Random(DATA_PROSE_SEED)
    return [paragraph(rng) for _ in range(4)]


QUERY = "SELECT ar, region, kvinnor, man, kvinnor + man AS totalt FROM fakta WHERE grupp = :id ORDER BY ar"

STATIK_TABLE = """```table per_ar
caption: Tabell 1. Deltagare per år
columns:
  ar: År
  kvinnor: Kvinnor
  man: Män
  totalt: Totalt
source: Bench, slumpade data
```"""
STATIK_CHART = """```chart per_ar
type: bar
title: Diagram 1. Kvinnor och män per år
x: ar
y:
  kvinnor: Kvinnor
  man: Män
source: Bench, slumpade data
```"""
STATIK_TABLE2 = """```table per_ar
caption: Tabell 2. Kvinnor och män per år
columns:
  ar: År
  region: Region
  kvinnor: Kvinnor
  man: Män
source: Bench, slumpade data
```"""


def statik_data_body(prose, chart):
    return "\n".join([
        prose[0], "",
        "```sql per_ar", QUERY, "```", "",
        "I gruppen {{ params.namn }} deltog {{ per_ar.totalt }} personer det första året.", "",
        "## Deltagare per år", "", prose[1], "", STATIK_TABLE, "", prose[2], "",
        "## Kvinnor och män", "", STATIK_CHART if chart else STATIK_TABLE2, "", prose[3], "",
    ])


def hugo_data_body(prose, chart):
    return "\n".join([
        prose[0], "",
        "I gruppen {{< param namn >}} deltog {{< fakta-varde totalt >}} personer det första året.", "",
        "## Deltagare per år", "", prose[1], "", "{{< fakta-tabell >}}", "", prose[2], "",
        "## Kvinnor och män", "", "{{< fakta-diagram >}}" if chart else "{{< fakta-tabell2 >}}", "", prose[3], "",
    ])


# The CSV, read once per build and indexed by group: a map from group to its rows.
HUGO_INDEX = """{{ $rows := resources.Get "fakta.csv" | transform.Unmarshal }}
{{ $s := newScratch }}
{{ range after 1 $rows }}{{ $s.SetInMap (index . 0) (index . 1) . }}{{ end }}
{{ return $s.Values }}
"""
# A page's rows, sorted by year (a template ranges over a map in key order): what the SQL query
# gives Statik.
HUGO_ROWS = """{{ $index := partialCached "fakta-index.html" . "fakta" }}
{{ $rows := slice }}
{{ range index $index (string .Params.grupp) }}{{ $rows = $rows | append (slice .) }}{{ end }}
{{ return $rows }}
"""
HUGO_VALUE = """{{- $rows := partial "fakta-rader.html" .Page -}}
{{- with index $rows 0 -}}{{ lang.FormatNumber 0 (add (int (index . 3)) (int (index . 4))) }}{{- end -}}
"""
HUGO_TABLE = """{{- $rows := partial "fakta-rader.html" .Page -}}
<div class="table" role="region" tabindex="0"><table id="tabell-fakta">
<caption>Tabell 1. Deltagare per år</caption>
<thead><tr><th scope="col">År</th><th scope="col">Kvinnor</th><th scope="col">Män</th><th scope="col">Totalt</th></tr></thead>
<tbody>
{{ range $rows }}<tr><th scope="row">{{ index . 1 }}</th><td>{{ lang.FormatNumber 0 (int (index . 3)) }}</td><td>{{ lang.FormatNumber 0 (int (index . 4)) }}</td><td>{{ lang.FormatNumber 0 (add (int (index . 3)) (int (index . 4))) }}</td></tr>
{{ end }}</tbody>
</table>
<p class="source">Källa: Bench, slumpade data</p></div>
"""
HUGO_TABLE2 = """{{- $rows := partial "fakta-rader.html" .Page -}}
<div class="table" role="region" tabindex="0"><table id="tabell-fakta-2">
<caption>Tabell 2. Kvinnor och män per år</caption>
<thead><tr><th scope="col">År</th><th scope="col">Region</th><th scope="col">Kvinnor</th><th scope="col">Män</th></tr></thead>
<tbody>
{{ range $rows }}<tr><th scope="row">{{ index . 1 }}</th><td>{{ index . 2 }}</td><td>{{ lang.FormatNumber 0 (int (index . 3)) }}</td><td>{{ lang.FormatNumber 0 (int (index . 4)) }}</td></tr>
{{ end }}</tbody>
</table>
<p class="source">Källa: Bench, slumpade data</p></div>
"""
# A grouped bar chart as Statik draws one: a wide SVG (vertical bars, legend, grid, ticks) and a
# narrow one (horizontal bars with their values), then the data as a table, then the source.
HUGO_CHART = """{{- $rows := partial "fakta-rader.html" .Page -}}
{{- $max := 1 -}}{{- range $rows }}{{ $max = math.Max $max (int (index . 3)) (int (index . 4)) }}{{ end -}}
{{- $top := mul (math.Ceil (div (float $max) 1000)) 1000 -}}
<figure class="chart chart-bar" id="diagram-per-ar">
<figcaption>Diagram 1. Kvinnor och män per år</figcaption>
<div class="chart-wide"><svg xmlns="http://www.w3.org/2000/svg" class="svg svg-bar" viewBox="0 0 640 308" role="img" aria-labelledby="diagram-per-ar-titel diagram-per-ar-beskrivning" font-size="13">
<title id="diagram-per-ar-titel">Diagram 1. Kvinnor och män per år</title>
<desc id="diagram-per-ar-beskrivning">Stapeldiagram: Diagram 1. Kvinnor och män per år. Visar Kvinnor och Män för {{ len $rows }} kategorier. Högst: {{ lang.FormatNumber 0 $max }}.</desc>
<g class="legend"><rect class="series-1" x="0" y="10" width="12" height="12"/><text x="18" y="20.5">Kvinnor</text><rect class="series-2" x="85.8" y="10" width="12" height="12"/><text x="103.8" y="20.5">Män</text></g>
<g class="grid">{{ range $i := seq 5 }}<line x1="41.9" y1="{{ sub 282 (mul $i 48) }}" x2="636" y2="{{ sub 282 (mul $i 48) }}"/>{{ end }}</g>
<g class="ticks" font-size="12">{{ range $i := seq 0 5 }}<text x="35.9" y="{{ sub 286 (mul $i 48) }}" text-anchor="end">{{ lang.FormatNumber 0 (mul $i (div $top 5)) }}</text>{{ end }}</g>
<g class="bars">{{ range $i, $r := $rows }}{{ $x := add 47.9 (mul $i 59.4) }}{{ $k := div (mul 240.0 (int (index $r 3))) $top }}{{ $m := div (mul 240.0 (int (index $r 4))) $top }}<rect class="bar series-1" x="{{ printf "%.1f" $x }}" y="{{ printf "%.1f" (sub 282 $k) }}" width="23.8" height="{{ printf "%.1f" $k }}"/><rect class="bar series-2" x="{{ printf "%.1f" (add $x 23.8) }}" y="{{ printf "%.1f" (sub 282 $m) }}" width="23.8" height="{{ printf "%.1f" $m }}"/>{{ end }}</g>
<line class="axis zero" x1="41.9" y1="282" x2="636" y2="282"/>
<g class="categories">{{ range $i, $r := $rows }}<text x="{{ printf "%.1f" (add 71.7 (mul $i 59.4)) }}" y="300" text-anchor="middle">{{ index $r 1 }}</text>{{ end }}</g>
</svg></div>
<div class="chart-narrow"><svg xmlns="http://www.w3.org/2000/svg" class="svg svg-bar" viewBox="0 0 320 448" role="img" aria-labelledby="diagram-per-ar-smal-titel" font-size="13">
<title id="diagram-per-ar-smal-titel">Diagram 1. Kvinnor och män per år</title>
<g class="legend"><rect class="series-1" x="0" y="10" width="12" height="12"/><text x="18" y="20.5">Kvinnor</text><rect class="series-2" x="85.8" y="10" width="12" height="12"/><text x="103.8" y="20.5">Män</text></g>
<g class="bars">{{ range $i, $r := $rows }}{{ $y := add 47 (mul $i 40) }}{{ $k := div (mul 225.0 (int (index $r 3))) $top }}{{ $m := div (mul 225.0 (int (index $r 4))) $top }}<rect class="bar series-1" x="46.7" y="{{ $y }}" width="{{ printf "%.1f" $k }}" height="14"/><rect class="bar series-2" x="46.7" y="{{ add $y 16 }}" width="{{ printf "%.1f" $m }}" height="14"/>{{ end }}</g>
<line class="axis zero" x1="46.7" y1="38" x2="46.7" y2="438"/>
<g class="categories">{{ range $i, $r := $rows }}<text x="36.7" y="{{ add 62.5 (mul $i 40) }}" text-anchor="end">{{ index $r 1 }}</text>{{ end }}</g>
<g class="values" font-size="12">{{ range $i, $r := $rows }}{{ $y := add 54 (mul $i 40) }}<text x="{{ printf "%.1f" (add 52.7 (div (mul 225.0 (int (index $r 3))) $top)) }}" y="{{ $y }}">{{ lang.FormatNumber 0 (int (index $r 3)) }}</text><text x="{{ printf "%.1f" (add 52.7 (div (mul 225.0 (int (index $r 4))) $top)) }}" y="{{ add $y 16 }}">{{ lang.FormatNumber 0 (int (index $r 4)) }}</text>{{ end }}</g>
</svg></div>
<details class="chart-data"><summary>Visa tabell</summary>
<div class="table" role="region" tabindex="0"><table id="diagram-per-ar-tabell">
<caption>Diagram 1. Kvinnor och män per år</caption>
<thead><tr><th scope="col">År</th><th scope="col">Kvinnor</th><th scope="col">Män</th></tr></thead><tbody>
{{ range $rows }}<tr><th scope="row">{{ index . 1 }}</th><td>{{ lang.FormatNumber 0 (int (index . 3)) }}</td><td>{{ lang.FormatNumber 0 (int (index . 4)) }}</td></tr>
{{ end }}</tbody></table></div>
</details>
<p class="source">Källa: Bench, slumpade data</p>
</figure>
"""


def make_data(base, n, csv_path, chart):
    statik, hugo, floor = f"{base}/statik", f"{base}/hugo", f"{base}/floor"
    statik_skeleton(statik, f"data {n}")
    hugo_skeleton(hugo, f"data {n}")
    os.makedirs(f"{statik}/content/data", exist_ok=True)
    os.makedirs(f"{hugo}/assets", exist_ok=True)
    for target in (f"{statik}/content/data/fakta.csv", f"{hugo}/assets/fakta.csv"):
        try:
            os.link(csv_path, target)
        except OSError:
            shutil.copy(csv_path, target)
    with open(f"{statik}/content/data/grupper.csv", "w", encoding="utf-8") as f:
        f.write("id,namn\n" + "".join(f"{i},G{i:05d}\n" for i in range(1, n + 1)))
    prose = data_prose()
    body = statik_data_body(prose, chart)
    write(f"{statik}/content/p/[id].md",
          "---\ntitle: \"Grupp {{ params.namn }}\"\ndescription: Deltagare i grupp {{ params.namn }}\n"
          "pages: SELECT id, 'g' || id AS slug, namn FROM grupper ORDER BY id\n---\n" + body)
    hbody = hugo_data_body(prose, chart)
    sc = f"{hugo}/layouts/shortcodes"
    write(f"{hugo}/layouts/partials/fakta-index.html", HUGO_INDEX)
    write(f"{hugo}/layouts/partials/fakta-rader.html", HUGO_ROWS)
    write(f"{sc}/fakta-varde.html", HUGO_VALUE)
    write(f"{sc}/fakta-tabell.html", HUGO_TABLE)
    write(f"{sc}/fakta-tabell2.html", HUGO_TABLE2)
    write(f"{sc}/fakta-diagram.html", HUGO_CHART)
    os.makedirs(floor, exist_ok=True)
    for i in range(1, n + 1):
        name = f"G{i:05d}"
        write(f"{hugo}/content/p/g{i}.md",
              f"---\ntitle: Grupp {name}\ndescription: Deltagare i grupp {name}\ngrupp: {i}\nid: {i}\nnamn: {name}\n---\n" + hbody)
        write(f"{floor}/g{i:05d}.md", body.replace("{{ params.namn }}", name).replace("{{ params.id }}", str(i)))
    return statik, hugo, floor


def chart_supported(statik_bin, base):
    """Whether this statik draws ```chart``` blocks (the feature may not have landed)."""
    site = f"{base}/chart-probe"
    statik_skeleton(site, "probe")
    write(f"{site}/content/data/t.csv", "ar,kvinnor,man\n2019,10,20\n2020,30,40\n")
    write(f"{site}/content/p/a.md", "---\ntitle: A\n---\n```sql per_ar\nSELECT * FROM t\n```\n\n"
          + STATIK_CHART + "\n")
    out = f"{base}/chart-probe-out"
    r = subprocess.run([statik_bin, "build", "--source", site, "--output", out], capture_output=True, text=True)
    ok = r.returncode == 0 and os.path.exists(f"{out}/p/a/index.html") and "<svg" in open(f"{out}/p/a/index.html", encoding="utf-8").read()
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return ok


def make_postgres(root, n):
    """n pages, each aggregating its group of the 10 000 000-row table bench_fakta on the server
    (a source query with a bound parameter); only the page list is a CSV file."""
    statik_skeleton(root, "postgres")
    with open(f"{root}/statik.yml", "a") as f:
        f.write("sources:\n  fakta:\n    postgres: env:STATIK_BENCH_URL\n")
    write(f"{root}/content/data/grupper.csv", "id\n" + "".join(f"{i}\n" for i in range(n)))
    write(f"{root}/content/p/[id].md", """---
title: Grupp {{ params.id }}
pages: SELECT id FROM grupper ORDER BY id
---
Summor per år för gruppen, ur en tabell på tio miljoner rader i PostgreSQL.

```sql fakta source=fakta
SELECT ar, count(*) AS rader, sum(varde) AS summa, round(avg(varde), 2) AS medel
FROM bench_fakta WHERE grupp = :id GROUP BY ar ORDER BY ar
```

```table fakta
caption: Rader och summor per år
source: Genererade data (generate_series)
```
""")


# ---------------------------------------------------------------------------------------------
# Timing


def run_timed(cmd, out_dir, rss_file=None, cwd=None):
    if out_dir:
        shutil.rmtree(out_dir, ignore_errors=True)
    if rss_file:
        cmd = ["/usr/bin/time", "-v", "-o", rss_file] + cmd
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    rss = None
    if rss_file:
        with open(rss_file) as f:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
            rss = int(m.group(1)) / 1024 if m else None
    return elapsed, rss


def floor_cmd(floor_dir):
    files = sorted(os.path.join(floor_dir, f) for f in os.listdir(floor_dir))
    return ["sh", "-c", 'exec cmark-gfm -e table "$@" > /dev/null', "cmark-gfm"] + files


def measure(label, runs, statik, hugo=None, floor=None, work=None, warmup=True):
    """Runs every tool `runs` times (after one untimed warm-up), alternating the order.

    warmup=False: no warm-up run (the 10 000-page rows: the 1 000-page rows before them have
    loaded the same binaries, the sites are in memory on tmpfs, and a warm-up of Hugo on
    10 000 data pages alone costs half a minute).
    """
    tools = [("statik", statik)]
    if hugo:
        tools.append(("hugo", hugo))
    if floor:
        tools.append(("floor", floor))
    times = {name: [] for name, _ in tools}
    rss = []
    first = 0 if warmup else 1
    for i in range(first, runs + 1):
        order = tools if i % 2 == 0 else list(reversed(tools))
        for name, (cmd, out) in order:
            t, m = run_timed(cmd, out, rss_file=f"{work}/time.txt" if name == "statik" else None)
            if i == 0:
                continue  # warm-up: files in the page cache, binaries loaded
            times[name].append(t)
            if m is not None:
                rss.append(m)
        sys.stderr.write(".")
        sys.stderr.flush()
    sys.stderr.write(f" {label}\n")
    med = {name: statistics.median(v) for name, v in times.items()}
    return {"label": label, "statik": med["statik"], "hugo": med.get("hugo"), "floor": med.get("floor"),
            "rss": max(rss) if rss else None, "runs": runs}


def fmt_time(t):
    return "–" if t is None else (f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s")


def table(rows):
    head = ["corpus", "pages", "Statik", "Hugo", "Hugo / Statik", "cmark-gfm floor", "Statik / floor", "Statik peak RSS"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in rows:
        ratio = f"{r['hugo'] / r['statik']:.1f}×" if r["hugo"] else "–"
        fratio = f"{r['statik'] / r['floor']:.1f}×" if r["floor"] else "–"
        lines.append("| " + " | ".join([
            r["label"], r["pages"], fmt_time(r["statik"]), fmt_time(r["hugo"]), ratio,
            fmt_time(r["floor"]), fratio, f"{r['rss']:.0f} MB" if r["rss"] else "–",
        ]) + " |")
    return "\n".join(lines)


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    cmark = subprocess.run(["cmark-gfm", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return f"nproc {len(os.sched_getaffinity(0))}, {model}; Linux {platform.release()}; hugo {hugo}; {cmark}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--statik", required=True)
    ap.add_argument("--example", default=".")
    ap.add_argument("--quick", action="store_true", help="the 1 000-page rows only")
    ap.add_argument("--runs", type=int, help="timed runs per row (default 5 for 1 000 pages, 3 for 10 000)")
    ap.add_argument("--keep", help="generate the sites here and keep them")
    ap.add_argument("--only", help="comma-separated corpora: plain,data,example,postgres")
    ap.add_argument("--postgres-url", help="a server with the table bench_fakta (bench/run makes it): the PostgreSQL row")
    args = ap.parse_args()
    statik_bin = os.path.abspath(args.statik)
    # In memory (tmpfs) when there is one: the sites and outputs then cost the tools CPU time
    # only, not the disk's (the same for both, and noisy on a shared machine).
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    base = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="statik-bench-", dir=scratch)
    os.makedirs(base, exist_ok=True)
    sizes = [1000] if args.quick else [1000, 10_000]
    only = set(args.only.split(",")) if args.only else {"plain", "data", "example", "postgres"}
    rows = []
    try:
        chart = chart_supported(statik_bin, base)
        sys.stderr.write(f"data pages: {'a table and a chart' if chart else 'two tables (this statik has no chart blocks)'}\n")
        if "plain" in only:
            for n in sizes:
                d = f"{base}/plain-{n}"
                sys.stderr.write(f"generating {n} plain pages…\n")
                s, h, f = make_plain(d, n)
                runs = args.runs or (5 if n <= 1000 else 3)
                r = measure(f"plain Markdown", runs,
                            statik=([statik_bin, "build", "--source", s, "--output", f"{d}/out-statik"], f"{d}/out-statik"),
                            hugo=(["hugo", "--quiet", "--source", h, "--destination", f"{d}/out-hugo"], f"{d}/out-hugo"),
                            floor=(floor_cmd(f), None), work=d, warmup=n <= 1000)
                r["pages"] = f"{n:,}".replace(",", " ")
                rows.append(r)
                shutil.rmtree(d, ignore_errors=True)
        if "data" in only:
            csv_path = f"{base}/fakta.csv"
            make_csv(csv_path)
            for n in sizes:
                d = f"{base}/data-{n}"
                sys.stderr.write(f"generating {n} data pages…\n")
                s, h, f = make_data(d, n, csv_path, chart)
                runs = args.runs or (5 if n <= 1000 else 3)
                r = measure("data pages" + ("" if chart else " (2 tables)"), runs,
                            statik=([statik_bin, "build", "--source", s, "--output", f"{d}/out-statik"], f"{d}/out-statik"),
                            hugo=(["hugo", "--quiet", "--source", h, "--destination", f"{d}/out-hugo"], f"{d}/out-hugo"),
                            floor=(floor_cmd(f), None), work=d, warmup=n <= 1000)
                r["pages"] = f"{n:,}".replace(",", " ")
                rows.append(r)
                shutil.rmtree(d, ignore_errors=True)
        if "example" in only:
            out = f"{base}/example-out"
            r = measure("example site", args.runs or 5,
                        statik=([statik_bin, "build", "--source", os.path.abspath(args.example), "--output", out], out), work=base)
            pages = sum(1 for root, _, files in os.walk(out) for f in files if f == "index.html")
            r["pages"] = str(pages)
            rows.append(r)
        if "postgres" in only and args.postgres_url:
            d = f"{base}/postgres-1000"
            sys.stderr.write("generating 1000 pages over PostgreSQL…\n")
            make_postgres(d, 1000)
            os.environ["STATIK_BENCH_URL"] = args.postgres_url
            r = measure("PostgreSQL source, 10 M rows", args.runs or 5,
                        statik=([statik_bin, "build", "--refresh", "--source", d, "--output", f"{d}/out-statik"], f"{d}/out-statik"), work=d)
            r["pages"] = "1 000"
            rows.append(r)
            shutil.rmtree(d, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(table(rows))
    print()
    fs = "tmpfs" if base.startswith("/dev/shm") else "disk"
    csv_rows = f"{CSV_ROWS:,}".replace(",", " ")
    runs = " and ".join(sorted({str(r["runs"]) for r in rows}))
    if any(r["label"].startswith("PostgreSQL") for r in rows):
        print("PostgreSQL source: 1 000 pages from one file, each a query on a local PostgreSQL 15 server that"
              " aggregates its group (10 000 rows, by an index) of a 10 000 000-row table made with generate_series;"
              " the data is never loaded into the build.")
    print(f"Machine: {machine()}. Sites and output on {fs}. Medians of {runs} runs (after one warm-up for the 1 000-page rows);"
          " Statik, Hugo and the floor alternated; peak RSS is the largest of Statik's runs."
          f" Data pages: one query over a {csv_rows}-row CSV, a table and {'a bar chart' if chart else 'a second table'} each.")


if __name__ == "__main__":
    main()
