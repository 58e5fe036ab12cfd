#!/usr/bin/env python3
"""Searches a built site as a reader would: its search page in headless Chromium, Pagefind in the
browser, a real query typed in.

    python3 .ci/search_check.py SITE_DIR ROOT_PATH WORD EXPECTED_PATH    # WORD finds EXPECTED_PATH
    python3 .ci/search_check.py SITE_DIR ROOT_PATH WORD -                # no indexed page holds WORD
    python3 .ci/search_check.py SITE_DIR ROOT_PATH WORD contains:PATH    # a page under PATH holds it
    python3 .ci/search_check.py SITE_DIR ROOT_PATH WORD first:PATH       # PATH is the first result
    python3 .ci/search_check.py SITE_DIR ROOT_PATH WORD heading:TEXT     # a hit links a heading reading TEXT
    python3 .ci/search_check.py SITE_DIR ROOT_PATH WORD within:PATH      # every hit is under PATH

WORD may carry the search page's filters: "arbetslösheten&Region=Övre Norrland" opens the search
page (sok/) with them in its address, as a linked search does.

Prints the results' addresses; exits 1 when the expectation fails.
"""
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from axe_audit import free_port  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    site, root, word, expected = os.path.abspath(sys.argv[1]), "/" + sys.argv[2].strip("/") + "/", sys.argv[3], sys.argv[4]
    serve = tempfile.mkdtemp(prefix="statik-search-")
    mount = os.path.join(serve, root.strip("/"))
    os.makedirs(os.path.dirname(mount), exist_ok=True)
    os.symlink(site, mount)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", serve],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}{root}"
    driver = None
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1024"]:
            options.add_argument(argument)
        if os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
            options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        if "&" in word:
            # A linked search with filters: the search page's address holds them.
            words, *filters = word.split("&")
            query = [("q", words)] + [tuple(f.split("=", 1)) for f in filters]
            driver.get(base + "sok/?" + urllib.parse.urlencode(query))
            word = words
        else:
            # The header's search form leads to the search page with ?q=.
            driver.get(base)
            box = driver.find_element(By.ID, "statik-q")
            box.send_keys(word)
            box.submit()
        # The hits the page shows (the search page's own list, static/js/search.js), once its
        # status line has left "Söker …"; pages that only share a part of the word are counted
        # apart (.statik-sok-liknande) and are not hits.
        results, status = [], ""
        deadline = time.time() + 20
        while time.time() < deadline:
            # Just after the form is sent, the browser may still show the page it came from, or
            # the search page before its script made the list: look again (a CI run failed so).
            try:
                status = driver.find_element(By.CSS_SELECTOR, "#statik-sok .statik-sok-status").text.strip()
                results = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#statik-sok .statik-sok-traffar > li h2 a")]
            except (NoSuchElementException, StaleElementReferenceException):
                status, results = "", []
                time.sleep(0.2)
                continue
            if results or (status and not status.endswith("…") and expected == "-"):
                break
            time.sleep(0.2)
        ordered = list(dict.fromkeys(urllib.parse.urlparse(r).path for r in results))
        paths = sorted(ordered)
        print(f"search '{word}' on {root}: '{status}'; {len(paths)} pages, in order: {', '.join(ordered[:6])}{' …' if len(ordered) > 6 else ''}")
        if expected.startswith("heading:"):
            # A heading with figures is shown whole (Pagefind's own title leaves them out).
            headings = [a.text.strip() for a in driver.find_elements(By.CSS_SELECTOR, "#statik-sok .statik-sok-traffar > li ul a")]
            print(f"  headings: {'; '.join(headings[:6])}")
            return 0 if expected[len("heading:"):] in headings else 1
        if expected.startswith("within:"):
            under = root + expected[len("within:"):].strip("/") + "/"
            return 0 if ordered and all(p.startswith(under) for p in ordered) else 1
        if expected.startswith("first:"):
            return 0 if ordered and ordered[0] == root + expected[len("first:"):].strip("/") + "/" else 1
        if expected == "-" or expected.startswith("contains:"):
            # Pagefind also offers near matches (a shorter stem); what matters is whether the
            # index holds the word: ask its API for every result's text.
            texts = driver.execute_async_script("""
                const [root, word, done] = arguments;
                import(root + 'pagefind/pagefind.js').then(async pf => {
                  const search = await pf.search(word);
                  const data = await Promise.all(search.results.map(r => r.data()));
                  done(data.map(d => [d.url, d.content]));
                }).catch(e => done([['error', String(e)]]));
            """, root, word)
            holding = sorted(url for url, content in texts if word.lower() in content.lower())
            print(f"  pages whose indexed text holds '{word}': {len(holding)}{': ' + ', '.join(holding[:6]) if holding else ''}")
            if expected == "-":
                return 1 if holding or results or any(url == "error" for url, _ in texts) else 0
            return 0 if any(url.startswith(root + expected[len("contains:"):].strip("/")) for url in holding) else 1
        return 0 if any(p.startswith(root + expected.strip("/")) for p in paths) else 1
    finally:
        if driver:
            driver.quit()
        server.terminate()


if __name__ == "__main__":
    sys.exit(main())
