#!/usr/bin/env python3
"""The preview's latency: from a save to the browser being told to reload, and the page served
with the change.

    python3 bench/preview.py STATIK [--site DIR] [--saves N]

Copies the example site (DIR, default: the repository) to a scratch folder, starts
`STATIK serve` on it on 127.0.0.1, listens to its reload channel (/__statik/events, the
server-sent events the page's reload script listens to), then N times (default 10) saves a page
with a changed sentence, and N times a data file with one value changed, and measures for each
save the time from the write to the `reload` event, and to the page served with the change.
Prints one line per kind: median, min and max in milliseconds. A save is done as an editor does
it: the file written anew in place.
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PAGE = "content/esf/deltagare.md"
PAGE_URL = "esf/deltagare/"
# A CSV whose value shows on a page: the population table of the region pages.
DATA = "content/data/befolkning.csv"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Events:
    """The reload channel, read on a thread: the time of each `reload` event."""

    def __init__(self, port):
        self.times = []
        self.lock = threading.Condition()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.connection.request("GET", "/__statik/events")
        self.response = self.connection.getresponse()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        while True:
            line = self.response.fp.readline()
            if not line:
                return
            if line.startswith(b"event: reload") or line.startswith(b"event: problems"):
                with self.lock:
                    self.times.append(time.perf_counter())
                    self.lock.notify_all()

    def wait_after(self, count, timeout=30):
        with self.lock:
            self.lock.wait_for(lambda: len(self.times) > count, timeout)
            return self.times[count] if len(self.times) > count else None


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    body = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    return body


def save(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def measure(site, port, events, root, kind, saves):
    results = []
    if kind == "page":
        path = os.path.join(site, PAGE)
        original = open(path, encoding="utf-8").read()
        url = root + PAGE_URL
    else:
        path = os.path.join(site, DATA)
        original = open(path, encoding="utf-8").read()
        url = None
    for i in range(saves):
        before = len(events.times)
        if kind == "page":
            marker = f"Mätning {i} {time.time_ns()}."
            text = original.rstrip("\n") + f"\n\n{marker}\n"
        else:
            # One value changed: the last digit of the last row's last number, a new one each save.
            lines = original.rstrip("\n").split("\n")
            fields = lines[-1].split(",")
            at = max(j for j, f in enumerate(fields) if f.isdigit())
            fields[at] = fields[at][:-1] + str((int(fields[at][-1]) + 1 + i) % 10)
            lines[-1] = ",".join(fields)
            text = "\n".join(lines) + "\n"
            marker = None
        start = time.perf_counter()
        save(path, text)
        reloaded = events.wait_after(before)
        served = None
        if reloaded is not None and marker:
            while time.perf_counter() - start < 30:
                if marker in fetch(port, url):
                    served = time.perf_counter()
                    break
        results.append(((reloaded - start) * 1000 if reloaded else None, (served - start) * 1000 if served else None))
        time.sleep(0.3)
    save(path, original)
    time.sleep(1)
    return results


def line(name, values):
    values = [v for v in values if v is not None]
    if not values:
        return f"{name}: no reload"
    return f"{name}: median {statistics.median(values):.0f} ms (min {min(values):.0f}, max {max(values):.0f}, {len(values)} saves)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("statik")
    ap.add_argument("--site", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--saves", type=int, default=10)
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="statik-preview-bench-")
    site = os.path.join(scratch, "site")
    # The site's own files only (the repository also holds the tool and its tests).
    os.makedirs(site)
    for name in ("statik.yml", "content", "themes", "snapshots"):
        source = os.path.join(args.site, name)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(site, name))
        elif os.path.isfile(source):
            shutil.copy2(source, os.path.join(site, name))
    port = free_port()
    server = subprocess.Popen([os.path.abspath(args.statik), "serve", "--source", site, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                body = fetch(port, "/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("statik serve did not answer")
        # The site's root path: where the server sends a request for / (base_url's path).
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/")
        answer = connection.getresponse()
        answer.read()
        location = answer.getheader("Location") or "/"
        root = "/" + location.split("://", 1)[-1].split("/", 1)[-1] if "://" in location else location
        root = root if root.endswith("/") else root + "/"
        connection.close()
        events = Events(port)
        time.sleep(0.5)
        page = measure(site, port, events, root, "page", args.saves)
        data = measure(site, port, events, root, "data", args.saves)
        print(line("page saved → reload pushed", [r for r, _ in page]))
        print(line("page saved → page served with the change", [s for _, s in page]))
        print(line("CSV value saved → reload pushed", [r for r, _ in data]))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
