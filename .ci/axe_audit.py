#!/usr/bin/env python3
"""axe-core in headless Chromium over every page of a built site, served over http.

    python3 .ci/axe_audit.py SITE_DIR ROOT_PATH

SITE_DIR is the built site (public/), ROOT_PATH the path it is published under (/esf-statistik/).
The site is served by python3 -m http.server on 127.0.0.1 under ROOT_PATH, every HTML page is
loaded in Chromium (chromium-driver, Selenium) and audited by axe-core (axe-selenium-python)
with the WCAG 2.0 and 2.1 A and AA rules, at 1280 px and at 375 px wide (AXE_WIDTHS); at 375 px also the phone layout (phone_layout.py: headings, tables, a region two taps away). Prints each violation with its page and element, then
'Audited N pages: M violations'; exits 1 when there is any.
"""
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from axe_selenium_python import Axe

import phone_layout
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe.run, with its failure reported instead of left to time out.
RUN = """
const [tags, done] = arguments;
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations, testEngine: r.testEngine}))
  .catch(e => done({error: String(e)}));
"""


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pages(site):
    found = []
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                rel = os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/")
                found.append(rel)
    return sorted(found)


def url_path(rel):
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site = os.path.abspath(sys.argv[1])
    root = "/" + sys.argv[2].strip("/") + "/" if sys.argv[2].strip("/") else "/"
    all_pages = pages(site)
    if not all_pages:
        sys.exit(f"{site}: no HTML pages")

    # Serve the site under its root path, as the web server will: ROOT/… is SITE_DIR/….
    serve = tempfile.mkdtemp(prefix="statik-axe-")
    mount = os.path.join(serve, root.strip("/")) if root != "/" else None
    if mount:
        os.makedirs(os.path.dirname(mount), exist_ok=True)
        os.symlink(site, mount)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", serve if mount else site],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}{root}"
    driver = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit(f"the http server on port {port} did not start")

        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--window-size=1280,1024", "--lang=sv-SE"]:
            options.add_argument(argument)
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        if os.path.exists(chromium):
            options.binary_location = chromium
        driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(60)

        violations = 0
        version = None
        widths = [int(w) for w in os.environ.get("AXE_WIDTHS", "1280,375").split(",")]
        for rel, width in [(rel, width) for width in widths for rel in all_pages]:
            driver.set_window_size(width, 1024 if width > 600 else 812)
            driver.get(base + url_path(rel))
            Axe(driver).inject()
            result = driver.execute_async_script(RUN, TAGS)
            if "error" in result:
                print(f"{rel}: axe-core could not run: {result['error']}")
                violations += 1
                continue
            version = version or result.get("testEngine", {}).get("version")
            if width < 600:
                for problem in phone_layout.layout_problems(driver):
                    violations += 1
                    print(f"{rel} at {width} px: {problem}")
            for violation in result["violations"]:
                for node in violation["nodes"]:
                    violations += 1
                    target = " ".join(str(t) for t in node.get("target", []))
                    print(f"{rel} at {width} px: {violation['id']} ({violation['impact']}): {violation['help']}: {target}")
                    summary = node.get("failureSummary", "").replace("\n", " ")
                    if summary:
                        print(f"    {summary}")
        # A region two taps away on a phone, from the start page and from a page deep in the site.
        region = "regioner/ovre-norrland/index.html"
        if region in all_pages and any(w < 600 for w in widths):
            driver.set_window_size(375, 812)
            deep = next((rel for rel in all_pages if rel.count("/") >= 2 and not rel.startswith("regioner/")), "index.html")
            for start in ["index.html", deep]:
                for problem in phone_layout.two_taps(driver, base, url_path(start), url_path(region), "Övre Norrland"):
                    violations += 1
                    print(f"at 375 px: {problem}")
            print(f"Övre Norrland is two taps away at 375 px from / and /{url_path(deep)}")
        print(f"Audited {len(all_pages)} pages at {' and '.join(f'{w} px' for w in widths)} with axe-core {version} ({', '.join(TAGS)}): {violations} violations")
        return 1 if violations else 0
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait()
        if mount:
            os.unlink(mount)
        subprocess.run(["rm", "-rf", serve])


if __name__ == "__main__":
    sys.exit(main())
