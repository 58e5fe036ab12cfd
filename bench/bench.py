#!/usr/bin/env python3
"""Statik's build-speed benchmark (run it through bench/run, which builds statik first).

Sites generated from a fixed seed (their sources on tmpfs), built with Statik and with Hugo,
Statik and Hugo alternated run by run, into folders on the repository's filesystem
(.build-bench/sites; --work chooses another), as a user builds into the public/ folder they have:

1. the users' case: a start page and sections, each with its index page listing its pages and a
   menu that opens the current section, 10 × 100 and 50 × 200 pages (--quick: 10 × 100);
   and one section of 5 000 pages (--quick: 1 000), whose menu shows the current page's
   neighbourhood and a link to the section's page;
2. data pages, made from one file by a `pages:` query: each runs one parameterised query over a
   100 000-row CSV and shows it as a table and as a chart, N = 1 000 and 10 000;
3. the old rows: 1 000 plain pages in one section, on tmpfs (the layout of the earlier tables);
4. the example site (the repository itself), and the PostgreSQL row (bench/run's server).

Cases: fresh (into a new, empty output folder; nothing is removed until the bench ends, then
in the background: see the note above `measure_cases`), unchanged (built again into
its own output), one page changed, one CSV value changed. Hugo's theme does the same work as
Statik's (same HTML frame, menu, breadcrumbs, a section page listing its pages, sitemap.xml; no
RSS, no taxonomies), and the data pages with shortcodes that read the same CSV
(transform.Unmarshal), index it once by group (partialCached) and draw the same table and chart.
The parsing floor is one `cmark-gfm -e table` process over the same Markdown (the page bodies),
HTML to /dev/null. Times are medians, with the fastest and slowest run and the range of the
per-run ratios; Statik's peak memory is GNU time's "Maximum resident set size".
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
# Corpus 1b: the users' case: a start page, sections with their own index page, plain pages in
# them, and a menu that opens the current section (as the default theme's). The menu of a long
# section shows the current page's neighbourhood (five before, five after) and a link to the
# section's page, which lists them all; Hugo's theme does the same (PrevInSection/NextInSection).

# Each tool caches what the menu has in common between pages, as its own documentation says to:
# Statik a partial per menu entry (`cache:` in the theme's theme.yml: rendered once per entry as
# the page shows it), Hugo the entries outside the current section (`partialCached`, keyed by
# the entry). The pages are the same as without the caches.
STATIK_SITE_PAGE = STATIK_PAGE.replace(
    "{{#site.menu}}<li><a href=\"{{url}}\">{{title}}</a></li>\n{{/site.menu}}",
    "{{#site.menu}}{{> partials/menu-entry}}{{/site.menu}}")
assert STATIK_SITE_PAGE != STATIK_PAGE
STATIK_MENU_ENTRY = ("<li><a href=\"{{url}}\">{{title}}</a>{{#active}}{{#children}}{{#first()}}<ul>\n{{/first()}}"
                     "<li><a href=\"{{url}}\">{{title}}</a></li>\n{{#last()}}</ul>{{/last()}}{{/children}}{{/active}}</li>\n")
STATIK_THEME_YML = "cache:\n  partials/menu-entry: [.]\n"

HUGO_SITE_MENU = """{{ $cur := . }}{{ range site.Sections }}{{ if or (eq $cur .) ($cur.IsDescendant .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ $pages := .Pages }}{{ if le (len $pages) 50 }}<ul>
{{ range $pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ else }}<ul>
{{ if eq $cur . }}{{ range first 11 $pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ else }}{{ $before := slice }}{{ $p := $cur }}{{ range seq 5 }}{{ with $p.NextInSection }}{{ $p = . }}{{ $before = append $before (slice .) }}{{ end }}{{ end }}{{ range $before }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}<li><a href="{{ $cur.RelPermalink }}">{{ $cur.Title }}</a></li>
{{ $p = $cur }}{{ range seq 5 }}{{ with $p.PrevInSection }}{{ $p = . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}{{ end }}{{ end }}<li><a href="{{ .RelPermalink }}">Alla {{ len $pages }} sidor</a></li>
</ul>{{ end }}</li>
{{ else }}{{ partialCached "menu-entry.html" . .RelPermalink }}{{ end }}{{ end }}"""
HUGO_MENU_ENTRY = """<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
"""
HUGO_SITE_BASEOF = HUGO_BASEOF.replace(
    "{{ range site.Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}", HUGO_SITE_MENU)
assert HUGO_SITE_BASEOF != HUGO_BASEOF


def make_site(base, sections, per_section):
    """A start page and `sections` sections of `per_section` plain pages, each with its index."""
    n = sections * per_section
    rng = random.Random(SEED + 3 * n + sections)
    statik, hugo, floor = f"{base}/statik", f"{base}/hugo", f"{base}/floor"
    statik_skeleton(statik, f"site {n}")
    hugo_skeleton(hugo, f"site {n}")
    write(f"{statik}/themes/bench/templates/page.mustache", STATIK_SITE_PAGE)
    write(f"{statik}/themes/bench/templates/partials/menu-entry.mustache", STATIK_MENU_ENTRY)
    write(f"{statik}/themes/bench/theme.yml", STATIK_THEME_YML)
    write(f"{hugo}/layouts/_default/baseof.html", HUGO_SITE_BASEOF)
    write(f"{hugo}/layouts/partials/menu-entry.html", HUGO_MENU_ENTRY)
    for root in (statik, hugo):
        shutil.rmtree(f"{root}/content/p", ignore_errors=True)
    os.makedirs(floor, exist_ok=True)
    for s in range(1, sections + 1):
        name = f"a{s:03d}"
        t = title(rng, 2)
        write(f"{statik}/content/{name}/index.md", f"---\ntitle: {t}\nweight: {s}\n---\n{paragraph(rng, 1, 2)}\n")
        write(f"{hugo}/content/{name}/_index.md", f"---\ntitle: {t}\nweight: {s}\n---\n{paragraph(rng, 1, 2)}\n")
        for i in range(1, per_section + 1):
            matter = f"---\ntitle: {title(rng, 4)}\ndescription: {sentence(rng, 6, 10, markup=False)}\nweight: {i}\n---\n"
            body = plain_body(rng)
            write(f"{statik}/content/{name}/s{i:05d}.md", matter + body)
            write(f"{hugo}/content/{name}/s{i:05d}.md", matter + body)
            write(f"{floor}/{name}-s{i:05d}.md", body)
    return statik, hugo, floor


def edit_page(root, hugo, run):
    """One page's text changed: the first page of the first section (the same page in both)."""
    path = f"{root}/content/a001/s00001.md"
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"\n\nÄndrad \d+\.\n$", "\n", f.read())
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + f"\n\nÄndrad {run}.\n")


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


STARTED = time.perf_counter()


def elapsed():
    """Seconds since the bench started, for its progress lines."""
    return f"{time.perf_counter() - STARTED:.0f} s"


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
    """The old rows: every tool `runs` times (after one untimed warm-up), alternating the order,
    each build into a removed output folder."""
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
    sys.stderr.write(f" {label} ({elapsed()})\n")
    return row(label, "fresh, tmpfs", times, rss, runs)


def row(label, case, times, rss, runs, sizes=None):
    rss = [m for m in rss if m is not None]
    r = {"label": label, "case": case, "runs": runs, "rss": max(rss) if rss else None, "sizes": sizes or {}}
    for name in ("statik", "hugo", "floor"):
        v = times.get(name) or []
        r[name] = statistics.median(v) if v else None
        r[name + "_range"] = (min(v), max(v)) if v else None
    if times.get("hugo") and times.get("statik"):
        ratios = [h / s for h, s in zip(times["hugo"], times["statik"])]
        r["ratio_range"] = (min(ratios), max(ratios))
    return r


def folder_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total


# Why a fresh build goes into a new folder and nothing is removed until the bench ends: on a
# filesystem without a journal (this VM's ext4 is one), ext4 does not hand out an inode freed
# in the last 5 seconds, or 5 minutes while its block is not yet written back, and looks past
# each such inode, from the start of the block group, for every file it creates
# (`find_inode_bit` → `recently_deleted`). A build right after its old output was removed then
# spends most of its time in that search, more the more files it writes, and so does any
# build within minutes of a removal in the same block group: measured so, the fresh rows said
# more about the order of the runs than about the tools. A fresh clone in CI, or a first
# build, writes into a folder where nothing was just removed.
def measure_cases(label, runs, statik, hugo, cases, floor=None, work=None, warmup=True, warm_in=None):
    """The users' case: builds into the output folder that is there.

    statik, hugo: (command for an output folder, output folder, source folder). cases: names
    among "fresh" (a build into a new, empty output folder), "unchanged" (nothing changed since
    the last build), and (name, edit) pairs: edit(source, is_hugo, run) changes the source,
    untimed, before each build; the cases after "fresh" rebuild the last fresh build's output.
    Statik and Hugo alternate, run by run, after one untimed warm-up build each (binaries and
    sources in memory), into a folder in `warm_in` (tmpfs) that is removed at once. Nothing on
    the disk is removed while a row is measured (the note above). Returns one row per case."""
    tools = [("statik", statik), ("hugo", hugo)]
    rows = []
    target = {}
    for name, (make, out, _) in tools:
        target[name] = out
        if warmup:
            warm = f"{warm_in or os.path.dirname(out)}/warm-up-{name}"
            run_timed(make(warm), None)
            shutil.rmtree(warm, ignore_errors=True)
    edit_run = 0
    fresh_run = 0
    last_fresh = dict(target)
    for case in cases:
        case_name, edit = (case, None) if isinstance(case, str) else case
        times = {"statik": [], "hugo": []}
        rss = []
        for i in range(runs):
            edit_run += 1
            fresh_run += case_name == "fresh"
            order = tools if i % 2 == 0 else list(reversed(tools))
            for name, (make, out, src) in order:
                if edit:
                    edit(src, name == "hugo", edit_run)
                if case_name == "fresh":
                    dest = f"{out}-fresh-{fresh_run}"
                    last_fresh[name] = dest
                    target[name] = dest
                else:
                    dest = target[name]
                t, m = run_timed(make(dest), None, rss_file=f"{work}/time.txt" if name == "statik" else None)
                times[name].append(t)
                if m is not None:
                    rss.append(m)
            sys.stderr.write(".")
            sys.stderr.flush()
        if case_name == "fresh" and floor:
            times["floor"] = [run_timed(floor, None)[0] for _ in range(runs)]
        sizes = {"statik": folder_bytes(last_fresh["statik"]), "hugo": folder_bytes(last_fresh["hugo"])} if case_name == "fresh" else None
        rows.append(row(label, case_name, times, rss, runs, sizes))
        sys.stderr.write(f" {label}: {case_name} ({elapsed()})\n")
    return rows


def fmt_time(t):
    return "–" if t is None else (f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s")


def fmt_range(r):
    if not r:
        return ""
    lo, hi = r
    return f" ({fmt_time(lo)}–{fmt_time(hi)})" if hi >= 0.01 else ""


def table(rows):
    head = ["corpus", "pages", "case", "Statik", "Hugo", "Hugo / Statik", "cmark-gfm floor", "Statik / floor",
            "Statik peak RSS", "output Statik / Hugo", "runs"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * 3 + ["---:"] * (len(head) - 3)) + "|"]
    for r in rows:
        if r["hugo"]:
            lo, hi = r.get("ratio_range", (None, None))
            ratio = f"{r['hugo'] / r['statik']:.1f}×" + (f" ({lo:.1f}–{hi:.1f})" if lo else "")
        else:
            ratio = "–"
        fratio = f"{r['statik'] / r['floor']:.1f}×" if r["floor"] else "–"
        sizes = r.get("sizes") or {}
        size = f"{sizes['statik'] / 1e6:.0f} / {sizes['hugo'] / 1e6:.0f} MB" if sizes.get("hugo") else "–"
        lines.append("| " + " | ".join([
            r["label"], r["pages"], r["case"], fmt_time(r["statik"]) + fmt_range(r["statik_range"]),
            fmt_time(r["hugo"]) + fmt_range(r["hugo_range"]), ratio,
            fmt_time(r["floor"]), fratio, f"{r['rss']:.0f} MB" if r["rss"] else "–", size, str(r["runs"]),
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


def edit_csv(root, hugo, run):
    """One value of the 100 000-row CSV changed (group 1's first year): the pages that read it change."""
    path = f"{root}/assets/fakta.csv" if hugo else f"{root}/content/data/fakta.csv"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"^1,2011,([^,\n]*),\d+,", lambda m: f"1,2011,{m.group(1)},{1000 + run},", text, count=1, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def pages_label(n):
    return f"{n:,}".replace(",", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--statik", required=True)
    ap.add_argument("--example", default=".")
    ap.add_argument("--quick", action="store_true", help="the 1 000-page rows only")
    ap.add_argument("--runs", type=int, help="timed runs per row (default 5 for 1 000 pages, 3 for more)")
    ap.add_argument("--keep", help="generate the sites here and keep them")
    ap.add_argument("--work", help="where the sites are generated and built (default .build-bench/sites"
                    " in the repository: the same filesystem as the repository, as a user's site)")
    ap.add_argument("--only", help="comma-separated corpora: site,section,plain,data,example,postgres"
                    " (plain: the old rows, plain pages in one section, on tmpfs)")
    ap.add_argument("--postgres-url", help="a server with the table bench_fakta (bench/run makes it): the PostgreSQL row")
    args = ap.parse_args()
    statik_bin = os.path.abspath(args.statik)
    example = os.path.abspath(args.example)
    if args.keep:
        base = os.path.abspath(args.keep)
    else:
        parent = os.path.abspath(args.work or os.path.join(example, ".build-bench", "sites"))
        os.makedirs(parent, exist_ok=True)
        base = tempfile.mkdtemp(prefix="statik-bench-", dir=parent)
    os.makedirs(base, exist_ok=True)
    only = set(args.only.split(",")) if args.only else {"site", "section", "plain", "data", "example", "postgres"}
    rows = []
    # The generated sources (and the warm-up builds) on tmpfs, when there is one and --keep is
    # not given; every timed build's output on the disk, in `base`. The sources are read from
    # memory either way (they were just written), and removing 400 000 files on this disk
    # (mounted with `discard`) took minutes of the bench's ten.
    scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    sources = base if args.keep or not scratch else tempfile.mkdtemp(prefix="statik-bench-sources-", dir=scratch)

    def statik_tool(d, s):
        return (lambda out: [statik_bin, "build", "--source", s, "--output", out], f"{d}/out-statik", s)

    def hugo_tool(d, h):
        return (lambda out: ["hugo", "--quiet", "--source", h, "--destination", out], f"{d}/out-hugo", h)

    try:
        chart = chart_supported(statik_bin, base)
        sys.stderr.write(f"data pages: {'a table and a chart' if chart else 'two tables (this statik has no chart blocks)'}\n")
        # The users' case first: sections with their pages, rebuilt into the site that is there.
        site_shapes = [(10, 100)] if args.quick else [(10, 100), (50, 200)]
        if "site" in only:
            for sections, per in site_shapes:
                n = sections * per
                d, src = f"{base}/site-{n}", f"{sources}/site-{n}"
                os.makedirs(d, exist_ok=True)
                sys.stderr.write(f"generating {n} pages in {sections} sections… ({elapsed()})\n")
                s, h, f = make_site(src, sections, per)
                runs = args.runs or (3 if n <= 2000 else 2)
                for r in measure_cases(f"{sections} sections of {per}", runs, statik_tool(d, s), hugo_tool(d, h),
                                       ["fresh", "unchanged", ("one page changed", edit_page)], floor=floor_cmd(f), work=d, warm_in=src):
                    r["pages"] = pages_label(n)
                    rows.append(r)
        if "section" in only:
            per = 1000 if args.quick else 5000
            d, src = f"{base}/section-{per}", f"{sources}/section-{per}"
            os.makedirs(d, exist_ok=True)
            sys.stderr.write(f"generating one section of {per} pages… ({elapsed()})\n")
            s, h, f = make_site(src, 1, per)
            for r in measure_cases(f"one section of {pages_label(per)}", args.runs or 2, statik_tool(d, s), hugo_tool(d, h),
                                   ["fresh", "unchanged", ("one page changed", edit_page)], floor=floor_cmd(f), work=d, warm_in=src):
                r["pages"] = pages_label(per)
                rows.append(r)
        if "data" in only:
            csv_path = f"{sources}/fakta.csv"
            make_csv(csv_path)
            for n in ([1000] if args.quick else [1000, 10_000]):
                d, src = f"{base}/data-{n}", f"{sources}/data-{n}"
                os.makedirs(d, exist_ok=True)
                sys.stderr.write(f"generating {n} data pages… ({elapsed()})\n")
                s, h, f = make_data(src, n, csv_path, chart)
                # Copies, not links: a case edits the CSV.
                for target in (f"{s}/content/data/fakta.csv", f"{h}/assets/fakta.csv"):
                    os.unlink(target)
                    shutil.copy(csv_path, target)
                # 10 000 data pages: two runs and no warm-up (the fresh build's first run makes
                # the output the unchanged case rebuilds), to keep the whole bench short.
                runs = args.runs or (3 if n <= 1000 else 2)
                cases = ["fresh", "unchanged", ("one CSV value changed", edit_csv)] if n <= 1000 else ["fresh", "unchanged"]
                for r in measure_cases("data pages" + ("" if chart else " (2 tables)"), runs, statik_tool(d, s), hugo_tool(d, h),
                                       cases, floor=floor_cmd(f), work=d, warmup=n <= 1000, warm_in=src):
                    r["pages"] = pages_label(n)
                    rows.append(r)
        if "plain" in only:
            # The old rows, kept for comparison with earlier runs: 1 000 plain pages in one
            # section without a menu of its pages, on tmpfs, output removed before each build.
            scratch = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
            tmp = tempfile.mkdtemp(prefix="statik-bench-", dir=scratch)
            try:
                d = f"{tmp}/plain-1000"
                s, h, f = make_plain(d, 1000)
                r = measure("plain Markdown, old layout", args.runs or 3,
                            statik=([statik_bin, "build", "--source", s, "--output", f"{d}/out-statik"], f"{d}/out-statik"),
                            hugo=(["hugo", "--quiet", "--source", h, "--destination", f"{d}/out-hugo"], f"{d}/out-hugo"),
                            floor=(floor_cmd(f), None), work=d)
                r["pages"] = "1 000"
                if not scratch:
                    r["case"] = "fresh"
                rows.append(r)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        if "example" in only:
            # Two fresh builds, each into a new folder, then two into the last of them.
            n = args.runs or 2
            out = None
            for case in ("fresh", "unchanged"):
                times = {"statik": []}
                rss = []
                for i in range(n):
                    if case == "fresh":
                        out = f"{base}/example-out-{i + 1}"
                    t, m = run_timed([statik_bin, "build", "--source", example, "--output", out], None, rss_file=f"{base}/time.txt")
                    times["statik"].append(t)
                    rss.append(m)
                r = row("example site", case, times, rss, n)
                r["pages"] = str(sum(1 for root, _, files in os.walk(out) for f in files if f == "index.html"))
                rows.append(r)
            sys.stderr.write(f"example site ({elapsed()})\n")
        if "postgres" in only and args.postgres_url:
            d = f"{base}/postgres-1000"
            sys.stderr.write("generating 1000 pages over PostgreSQL…\n")
            make_postgres(d, 1000)
            os.environ["STATIK_BENCH_URL"] = args.postgres_url
            r = measure("PostgreSQL source, 10 M rows", args.runs or 5,
                        statik=([statik_bin, "build", "--refresh", "--source", d, "--output", f"{d}/out-statik"], f"{d}/out-statik"), work=d)
            r["pages"] = "1 000"
            r["case"] = "fresh (--refresh)"
            rows.append(r)
            shutil.rmtree(d, ignore_errors=True)
    finally:
        if not args.keep:
            # The sources are on tmpfs: gone at once. The outputs on the disk (about 400 000
            # files) took 54–75 s to remove, a tenth of the run: they are moved aside (one
            # rename) and removed by a process of their own, at low priority, after the table.
            shutil.rmtree(sources, ignore_errors=True)
            if os.path.isdir(base):
                trash = f"{base}.removing-{os.getpid()}"
                os.rename(base, trash)
                subprocess.Popen(["nice", "-n", "19", "rm", "-rf", "--", trash], start_new_session=True,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                sys.stderr.write(f"the generated sites and their output are being removed in the background ({trash}) ({elapsed()})\n")
    print(table(rows))
    print()
    fs = subprocess.run(["stat", "-f", "-c", "%T", os.path.dirname(base)], capture_output=True, text=True).stdout.strip() or "?"
    csv_rows = f"{CSV_ROWS:,}".replace(",", " ")
    runs = " or ".join(sorted({str(r["runs"]) for r in rows}))
    if any(r["label"].startswith("PostgreSQL") for r in rows):
        print("PostgreSQL source: 1 000 pages from one file, each a query on a local PostgreSQL 15 server that"
              " aggregates its group (10 000 rows, by an index) of a 10 000 000-row table made with generate_series;"
              " the data is never loaded into the build.")
    print(f"Machine: {machine()}. Sites and output in {os.path.dirname(base)} ({fs}), the old layout's row on tmpfs."
          f" Medians of {runs} runs, after one untimed build of each (not for 10 000 data pages and the example site); in parentheses the fastest and slowest run, and the"
          " smallest and largest of the runs' Hugo / Statik ratios. Statik and Hugo alternate run by run."
          " fresh: into a new, empty output folder (nothing is removed until the bench ends: bench.py says why);"
          " unchanged: built again into its own output;"
          " one page changed: one Markdown file edited before each build; one CSV value changed: one value of the"
          f" {csv_rows}-row CSV edited before each build. Peak RSS is the largest of Statik's runs."
          f" Data pages: one query over the CSV, a table and {'a bar chart' if chart else 'a second table'} each.")


if __name__ == "__main__":
    main()
