"""Reads a built site's open-data catalogue (catalog.rdf, DCAT-AP-SE as RDF/XML) with rdflib, a
real RDF parser, and checks it as Sveriges dataportal would harvest it and as a reader would use
it (issue 33):

  - the profile's mandatory classes and properties: one dcat:Catalog with dcterms:title,
    dcterms:description, dcterms:publisher and dcat:dataset; each dcat:Dataset with
    dcterms:title, dcterms:description, dcterms:publisher, dcat:contactPoint (a vcard with
    vcard:fn or vcard:hasEmail) and dcat:distribution; each publisher a foaf:Agent with
    foaf:name and dcterms:type; each dcat:Distribution with dcat:accessURL, dcterms:license and
    dcterms:format; every dataset the catalogue lists described, every one described listed;
  - every distribution's file exists in the site, and its figures are the page's table's
    (the page's HTML table parsed as downloads_check.py does, the CSV compared cell by cell);
  - every table the site's pages offer as a CSV file is a dataset of the catalogue.

    python .ci/catalogue_check.py SITE            # the site must have a catalogue
    python .ci/catalogue_check.py SITE --none     # the site (an edition) must have none
    python .ci/catalogue_check.py SITE --canary   # broken copies of SITE's catalogue must fail
"""
import pathlib
import sys

import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from downloads_check import Tables, check_csv  # noqa: E402  (the one reading of a page's tables)

VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
FILE = "catalog.rdf"


def one(graph, subject, prop):
    return next(iter(graph.objects(subject, prop)), None)


def check_agent(graph, agent, where, problems):
    if (agent, RDF.type, FOAF.Agent) not in graph:
        problems.append(f"{where}: the publisher {agent} is not a foaf:Agent")
    for prop, name in ((FOAF.name, "foaf:name"), (DCTERMS.type, "dcterms:type")):
        if one(graph, agent, prop) is None:
            problems.append(f"{where}: the publisher {agent} has no {name}")


def check_graph(graph, problems):
    """The mandatory classes and properties; answers the datasets."""
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    if len(catalogs) != 1:
        problems.append(f"{len(catalogs)} dcat:Catalog, not one")
        return []
    catalog = catalogs[0]
    for prop, name in ((DCTERMS.title, "dcterms:title"), (DCTERMS.description, "dcterms:description"), (DCTERMS.publisher, "dcterms:publisher"), (DCAT.dataset, "dcat:dataset")):
        if one(graph, catalog, prop) is None:
            problems.append(f"the catalogue has no {name}")
    if (publisher := one(graph, catalog, DCTERMS.publisher)) is not None:
        check_agent(graph, publisher, "the catalogue", problems)
    listed = set(graph.objects(catalog, DCAT.dataset))
    described = set(graph.subjects(RDF.type, DCAT.Dataset))
    for missing in sorted(listed - described):
        problems.append(f"the catalogue lists {missing}, which is not described as a dcat:Dataset")
    for extra in sorted(described - listed):
        problems.append(f"{extra} is a dcat:Dataset the catalogue does not list")
    for dataset in sorted(described):
        for prop, name in ((DCTERMS.title, "dcterms:title"), (DCTERMS.description, "dcterms:description"), (DCTERMS.publisher, "dcterms:publisher"),
                           (DCAT.contactPoint, "dcat:contactPoint"), (DCAT.distribution, "dcat:distribution")):
            if one(graph, dataset, prop) is None:
                problems.append(f"{dataset}: no {name}")
        if (publisher := one(graph, dataset, DCTERMS.publisher)) is not None:
            check_agent(graph, publisher, str(dataset), problems)
        if (contact := one(graph, dataset, DCAT.contactPoint)) is not None and one(graph, contact, VCARD.fn) is None and one(graph, contact, VCARD.hasEmail) is None:
            problems.append(f"{dataset}: its contact point has neither vcard:fn nor vcard:hasEmail")
        for distribution in graph.objects(dataset, DCAT.distribution):
            if (distribution, RDF.type, DCAT.Distribution) not in graph:
                problems.append(f"{dataset}: {distribution} is not a dcat:Distribution")
            for prop, name in ((DCAT.accessURL, "dcat:accessURL"), (DCTERMS.license, "dcterms:license"), (DCTERMS.format, "dcterms:format")):
                if one(graph, distribution, prop) is None:
                    problems.append(f"{distribution}: no {name}")
    return sorted(described)


def check_files(site, graph, datasets, problems):
    """Each distribution's file against its page's table; every page's CSV file a dataset.
    Answers how many files were compared."""
    catalog = next(iter(graph.subjects(RDF.type, DCAT.Catalog)))
    base = str(catalog)[: -len(FILE)]
    pages, offered, compared = {}, set(), 0
    for page in sorted(site.rglob("index.html")):
        parser = Tables()
        text = page.read_text(encoding="utf-8")
        parser.feed(text)
        english = '<html lang="en">' in text[:200]
        pages[page.parent] = (parser, english)
        for table in parser.tables:
            offered.update(page.parent / name for name in table["files"] if name.endswith(".csv"))
    listed = set()
    for dataset in datasets:
        for distribution in graph.objects(dataset, DCAT.distribution):
            url = str(one(graph, distribution, DCAT.downloadURL) or one(graph, distribution, DCAT.accessURL) or "")
            if not url.startswith(base):
                problems.append(f"{distribution}: {url} is not an address of the site ({base})")
                continue
            path = site / url[len(base):]
            listed.add(path)
            if not path.is_file():
                problems.append(f"{distribution}: {path} does not exist")
                continue
            parser, english = pages.get(path.parent, (None, False))
            table = next((t for t in (parser.tables if parser else []) if path.name in t["files"]), None)
            if table is None:
                problems.append(f"{distribution}: no table of {path.parent / 'index.html'} links to {path.name}")
                continue
            before = len(problems)
            check_csv(path, table, english, problems)
            compared += len(problems) == before
    for path in sorted(offered - listed):
        problems.append(f"{path}: a page offers this table, the catalogue has no dataset of it")
    return compared


def check(site, graph):
    problems = []
    datasets = check_graph(graph, problems)
    compared = check_files(site, graph, datasets, problems) if datasets else 0
    return problems, datasets, compared


def canary(site, graph):
    """Broken copies of the catalogue: each must be found broken."""
    failures = []
    dataset = next(iter(graph.subjects(RDF.type, DCAT.Dataset)))
    distribution = one(graph, dataset, DCAT.distribution)
    for what, triples in (("a dataset without dcterms:title", [(dataset, DCTERMS.title, None)]),
                          ("a distribution without dcterms:license", [(distribution, DCTERMS.license, None)]),
                          ("a dataset without its contact point", [(dataset, DCAT.contactPoint, None)])):
        broken = rdflib.Graph()
        for t in graph:
            broken.add(t)
        for pattern in triples:
            broken.remove(pattern)
        if not check(site, broken)[0]:
            failures.append(what)
    moved = rdflib.Graph()
    for s, p, o in graph:
        if p == DCAT.downloadURL and s == distribution:
            o = rdflib.URIRef(str(o) + ".missing")
        moved.add((s, p, o))
    if not check(site, moved)[0]:
        failures.append("a distribution whose file does not exist")
    return failures


def main():
    site = pathlib.Path(sys.argv[1])
    path = site / FILE
    if "--none" in sys.argv[2:]:
        if path.exists():
            print(f"{path}: this edition has no catalogue (catalogue: false), yet the file is there", file=sys.stderr)
            return 1
        print(f"No {FILE} in {site}, as this edition's settings say")
        return 0
    if not path.exists():
        print(f"{path}: no catalogue", file=sys.stderr)
        return 1
    graph = rdflib.Graph()
    graph.parse(path, format="xml")
    if "--canary" in sys.argv[2:]:
        failures = canary(site, graph)
        for what in failures:
            print(f"the catalogue check found nothing wrong with {what}: it is not working", file=sys.stderr)
        return 1 if failures else 0
    problems, datasets, compared = check(site, graph)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"Parsed {FILE} with rdflib {rdflib.__version__}: {len(graph)} triples, {len(datasets)} datasets; "
          + (f"{len(problems)} problems" if problems else f"every mandatory DCAT-AP-SE class and property present, {compared} CSV files equal to their pages' tables, every table of the site listed"))
    return 1 if problems or not datasets else 0


if __name__ == "__main__":
    sys.exit(main())
