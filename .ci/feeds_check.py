"""Parses a built site's Atom feeds (feedparser) and iCalendar files (icalendar), as a feed
reader and a calendar program would, and prints what they hold. Exits 1 on a feed or calendar
that does not parse cleanly, or when a site has none.

    python .ci/feeds_check.py SITE          # every feed.xml and *.ics under SITE
    python .ci/feeds_check.py --canary      # must fail: a broken feed and a broken calendar
"""
import pathlib
import sys

import feedparser
import icalendar


def check_feed(path):
    feed = feedparser.parse(path.read_bytes())
    problems = []
    if feed.bozo:
        problems.append(f"does not parse: {feed.bozo_exception}")
    if feed.version != "atom10":
        problems.append(f"is not Atom 1.0 (feedparser says {feed.version!r})")
    for entry in feed.entries:
        for key in ("title", "link", "id", "updated", "published"):
            if not entry.get(key):
                problems.append(f"an entry has no {key}: {entry.get('title')!r}")
    print(f"{path}: {feed.version}, {len(feed.entries)} entries, updated {feed.feed.get('updated')}"
          + "".join(f"\n  {e.get('updated', '')[:10]}  {e.get('title')}" for e in feed.entries[:8]))
    return problems


def check_calendar(path):
    problems = []
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
    except Exception as error:  # icalendar raises ValueError and others on bad input
        return [f"does not parse: {error}"]
    if calendar.name != "VCALENDAR" or str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
        problems.append("is not a VCALENDAR with VERSION:2.0 and PRODID")
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    for event in events:
        for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if event.get(key) is None:
                problems.append(f"an event has no {key}")
        event.decoded("DTSTART")  # raises on a date it cannot read
    components = [c.name for c in calendar.subcomponents]
    if not components:
        problems.append("has no component (RFC 5545 wants at least one)")
    print(f"{path}: VCALENDAR, {len(events)} events, components {sorted(set(components))}")
    return problems


def main():
    if sys.argv[1:] == ["--canary"]:
        canary = pathlib.Path(".ci/canary-feeds")
        problems = check_feed(canary / "broken-feed.xml") + check_calendar(canary / "broken.ics")
        for problem in problems:
            print("canary:", problem)
        return 1 if problems else 0
    site = pathlib.Path(sys.argv[1])
    feeds = sorted(site.rglob("feed.xml"))
    calendars = sorted(site.rglob("*.ics"))
    failed = False
    for path, check in [(p, check_feed) for p in feeds] + [(p, check_calendar) for p in calendars]:
        for problem in check(path):
            print(f"{path}: {problem}", file=sys.stderr)
            failed = True
    if not feeds or not calendars:
        print(f"{site}: expected feeds and a calendar, found {len(feeds)} feeds and {len(calendars)} calendars", file=sys.stderr)
        failed = True
    print(f"Parsed {len(feeds)} Atom feeds with feedparser {feedparser.__version__} and {len(calendars)} calendars with icalendar {icalendar.__version__}: "
          + ("problems above" if failed else "no problems"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
