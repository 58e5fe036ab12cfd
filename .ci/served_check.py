"""What nginx serves of a built site, checked file by file against the build: every file of the
site answers 200 with exactly its bytes, its Content-Type (with charset=utf-8 for text), the
Cache-Control the example config promises (long only for files whose names change with their
content, no-cache for the rest), an ETag, CSV as a download; index.html, feed.xml and the
calendar are revalidated (304 on If-None-Match and on If-Modified-Since); the root path without
its slash and a folder without its slash are redirected; an unknown address and Statik's working
files get the site's own 404 page with status 404. Used by scripts/deploy-test and
.ci/recipes_check.py.

    python .ci/served_check.py BASE ROOT SITE     # http://127.0.0.1:8080 /esf-statistik/ build/
    python .ci/served_check.py --same BASE ROOT SITE   # only: is SITE what is served?
"""
import http.client
import pathlib
import sys
import urllib.parse

UTF8 = "; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The type of each file of a Statik site, by the end of its name. A file that ends otherwise is
# a failure: a new kind of file needs its type here and in deploy/nginx.conf.example.
TYPES = {
    ".html": "text/html" + UTF8,
    ".css": "text/css" + UTF8,
    ".js": "application/javascript" + UTF8,
    ".json": "application/json" + UTF8,
    ".csv": "text/csv" + UTF8,
    ".xlsx": XLSX,
    "feed.xml": "application/atom+xml" + UTF8,
    "sitemap.xml": "text/xml" + UTF8,
    ".txt": "text/plain" + UTF8,
    ".ics": "text/calendar" + UTF8,
    ".rdf": "application/rdf+xml" + UTF8,
    ".svg": "image/svg+xml" + UTF8,
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
}
NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"


def expected_type(relative):
    name = relative.rsplit("/", 1)[-1]
    if name in TYPES:
        return TYPES[name]
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return TYPES.get(suffix)


def expected_cache(relative):
    """Long only for Pagefind's index files, whose names are digests of their content."""
    parts = relative.split("/")
    if parts[0] == "pagefind":
        if len(parts) >= 3 and parts[1] in ("fragment", "index", "filter"):
            return IMMUTABLE
        if len(parts) == 2 and parts[1].startswith("pagefind.") and parts[1].endswith(".pf_meta"):
            return IMMUTABLE
    return NO_CACHE


def site_files(site):
    """The files of a build that are published (Statik's working files are not)."""
    site = pathlib.Path(site)
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative != "redirects.nginx" and not any(part.startswith(".statik-") for part in relative.split("/")):
            yield relative, path


class Server:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.connection = None

    def get(self, path, headers=None):
        """status, headers (lower-case names), body."""
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
            try:
                self.connection.request("GET", urllib.parse.quote(path), headers=headers or {})
                response = self.connection.getresponse()
                body = response.read()
                return response.status, {k.lower(): v for k, v in response.getheaders()}, body
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise


def same(server, root, site):
    """Problems if what is served under ROOT is not SITE, file for file."""
    problems = []
    for relative, path in site_files(site):
        status, _, body = server.get(root + relative)
        if status != 200 or body != path.read_bytes():
            problems.append(f"{root}{relative}: {status}, {'not ' if status == 200 else ''}the build's bytes")
            if len(problems) > 10:
                break
    return problems


def check(server, root, site):
    """Problems with what is served under ROOT of SITE; prints what was checked."""
    problems = []
    problem = problems.append
    counts = {}
    not_found = (pathlib.Path(site) / "404.html").read_bytes()
    for relative, path in site_files(site):
        want_type = expected_type(relative)
        if want_type is None:
            problem(f"{relative}: no expected Content-Type for this kind of file (.ci/served_check.py TYPES, deploy/nginx.conf.example)")
            continue
        status, headers, body = server.get(root + relative)
        where = root + relative
        if status != 200:
            problem(f"{where}: status {status}, not 200")
            continue
        if body != path.read_bytes():
            problem(f"{where}: not the build's bytes")
        if headers.get("content-type") != want_type:
            problem(f"{where}: Content-Type {headers.get('content-type')!r}, not {want_type!r}")
        want_cache = expected_cache(relative)
        if headers.get("cache-control") != want_cache:
            problem(f"{where}: Cache-Control {headers.get('cache-control')!r}, not {want_cache!r}")
        if not headers.get("etag") or not headers.get("last-modified"):
            problem(f"{where}: no ETag or Last-Modified to revalidate with")
        disposition = headers.get("content-disposition")
        if relative.endswith(".csv") and disposition != "attachment":
            problem(f"{where}: Content-Disposition {disposition!r}, not 'attachment' (a download)")
        if not relative.endswith(".csv") and disposition is not None:
            problem(f"{where}: Content-Disposition {disposition!r} on a file that is not a download")
        key = (want_type, want_cache, disposition)
        counts[key] = counts.get(key, 0) + 1
        # A folder's index.html is its address with the slash.
        if relative == "index.html" or relative.endswith("/index.html"):
            folder = relative[: -len("index.html")]
            status, headers, body = server.get(root + folder)
            if status != 200 or body != path.read_bytes() or headers.get("content-type") != TYPES[".html"]:
                problem(f"{root}{folder}: {status} {headers.get('content-type')}, not its index.html")
            if folder:
                status, headers, _ = server.get(root + folder.rstrip("/"))
                if status != 301 or headers.get("location") != root + folder:
                    problem(f"{root}{folder.rstrip('/')}: {status} to {headers.get('location')!r}, not 301 to {root}{folder}")
    for (content_type, cache, disposition), n in sorted(counts.items()):
        print(f"  {n:4} files: 200 {content_type}, Cache-Control: {cache}" + (f", Content-Disposition: {disposition}" if disposition else ""))

    # Revalidation: a browser that has the file asks again and gets 304.
    revalidated = []
    for relative in ("index.html", "", "feed.xml", "aktuellt/feed.xml", "publiceringskalender/kalender.ics", "css/statik.css"):
        if relative and not (pathlib.Path(site) / relative).is_file():
            continue
        status, headers, _ = server.get(root + relative)
        for name, value in (("If-None-Match", headers.get("etag")), ("If-Modified-Since", headers.get("last-modified"))):
            again, again_headers, _ = server.get(root + relative, {name: value})
            if again != 304 or again_headers.get("cache-control") != NO_CACHE:
                problem(f"{root}{relative} with {name}: {again} Cache-Control {again_headers.get('cache-control')!r}, not 304 no-cache")
        revalidated.append(root + relative)
    print(f"  revalidated (304 on If-None-Match and If-Modified-Since): {', '.join(revalidated)}")

    # Redirects.
    bare = root.rstrip("/")
    for path, want_status, want_location in ((bare, 301, root), ("/", 302, root)):
        status, headers, _ = server.get(path)
        if status != want_status or headers.get("location") != want_location:
            problem(f"{path}: {status} to {headers.get('location')!r}, not {want_status} to {want_location}")
        else:
            print(f"  {path} → {status} {want_location}")

    # The site's own 404 page, with status 404, for what is not there and for working files.
    for path in (root + "finns-inte/", root + "finns-inte.html", root + ".statik-manifest", root + ".statik-cache",
                 root + "aktuellt/.statik-manifest", root + "pagefind/fragment/finns-inte.pf_fragment", root + "redirects.nginx"):
        status, headers, body = server.get(path)
        if status != 404 or body != not_found or headers.get("content-type") != TYPES[".html"]:
            problem(f"{path}: {status} {headers.get('content-type')}, not 404 with the site's 404.html")
        elif headers.get("cache-control") != NO_CACHE:
            problem(f"{path}: 404 with Cache-Control {headers.get('cache-control')!r}, not no-cache")
    print(f"  unknown addresses, .statik-* files and redirects.nginx → 404 text/html; charset=utf-8, the site's own 404.html, no-cache")
    return problems


def main(arguments):
    only_same = arguments[:1] == ["--same"]
    if only_same:
        arguments = arguments[1:]
    if len(arguments) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    base, root, site = arguments
    server = Server(base)
    problems = same(server, root, site) if only_same else check(server, root, site)
    for line in problems:
        print(f"FAIL: {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
