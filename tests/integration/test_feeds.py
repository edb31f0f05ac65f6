# SPDX-License-Identifier: ISC
"""Integration tests of the iCalendar feeds and the home week page.

A real rotad serves the feeds over loopback; every feed is parsed with an
independent parser, Debian's python3-icalendar (icalendar 4.0.x, pytz
time zones), and checked against issue 5: the calendar and event
properties, the compact VTIMEZONE, the UTC instants on DST weekends, the
escaping and folding, the HTTP validators and the 304 path, gzip, HEAD,
cancellations, SEQUENCE on changes, the privacy rules, unknown tokens,
rotation (empty calendar for the grace period, then 410) and the week page.

The dates are computed from today, because a feed only holds the window
from 30 days back to 180 days ahead of the server's clock.
"""
import datetime as dt
import email.utils
import gzip
import http.client
import re
import socket
import sqlite3
import sys
import time
import unittest
import zoneinfo

try:
    import icalendar
except ImportError:  # a non-Debian python3 first in PATH (pyenv, venv)
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar

from harness import RotadTestCase

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
UTC = dt.timezone.utc
CONTACT = "Randi Berg, 22 22 22 22; vakt\nNy linje"
ADDRESS = "Åsveien 3, 0001 Oslo; inngang B\\bak"
HOME_NAME = "Søndre, Åsen; sykehjem"
SURNAMES = ("Ærlig", "Øvrebø", "Hansen", "Nordmann")
BIRTH_DATES = {"ase": "2007-05-17", "per": "2006-01-02", "kari": "2008-09-30"}
UNKNOWN_TOKEN = "A" * 43
GRACE_DAYS = 30
DAY = 86400

# The feed window, as rotad computes it: whole UTC days around now.
TODAY = dt.datetime.now(UTC).date()
WINDOW = (TODAY - dt.timedelta(days=30), TODAY + dt.timedelta(days=180))


def in_window(day, margin=3):
    return (WINDOW[0] + dt.timedelta(days=margin) <= day
            <= WINDOW[1] - dt.timedelta(days=margin))


def last_sunday(year, month):
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


def dst_day(month, preferred):
    """The preferred DST Sunday, or the nearest one inside the window."""
    if in_window(preferred):
        return preferred
    for y in (TODAY.year - 1, TODAY.year, TODAY.year + 1):
        if in_window(last_sunday(y, month)):
            return last_sunday(y, month)
    return preferred  # outside the window: the test checks it is absent


SPRING = dst_day(3, dt.date(2027, 3, 28))
AUTUMN = dst_day(10, dt.date(2027, 10, 31))


def day(offset):
    return TODAY + dt.timedelta(days=offset)


def local(d, hhmm):
    return "%sT%s" % (d.isoformat(), hhmm)


ANYTIME = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "from": "00:00", "to": "24:00"}]


def feed_instance():
    slots = [
        # 03:00 CEST on the spring Sunday is 01:00Z; 05:00 is 03:00Z.
        {"id": "spring", "home": "sondre", "start": local(SPRING, "03:00"),
         "end": local(SPRING, "05:00"), "needed": 2, "activity": "Quiz"},
        # 01:30 is still CEST (23:30Z the day before); 03:30 is CET, 02:30Z.
        {"id": "autumn", "home": "sondre", "start": local(AUTUMN, "01:30"),
         "end": local(AUTUMN, "03:30"), "activity": "Nattkafé"},
        {"id": "tur", "home": "sondre", "start": local(day(5), "16:00"),
         "end": local(day(5), "18:00"), "activity": "Tur"},
        {"id": "quiz", "home": "solheim", "start": local(day(6), "16:00"),
         "end": local(day(6), "18:00"), "needed": 2, "activity": "Quiz"},
        {"id": "kari", "home": "sondre", "start": local(day(7), "12:00"),
         "end": local(day(7), "14:00"), "activity": "Bingo"},
        {"id": "cancel", "home": "sondre", "start": local(day(8), "16:00"),
         "end": local(day(8), "18:00"), "activity": "Kaffe og prat"},
        {"id": "past", "home": "sondre", "start": local(day(-10), "16:00"),
         "end": local(day(-10), "18:00"), "activity": "Sang"},
        {"id": "old", "home": "sondre", "start": local(day(-40), "16:00"),
         "end": local(day(-40), "18:00"), "activity": "Gammel"},
        {"id": "far", "home": "sondre", "start": local(day(200), "16:00"),
         "end": local(day(200), "18:00"), "activity": "Fjern"},
    ]
    return {
        "version": 1,
        "jurisdiction": "NO",
        "timezone": "Europe/Oslo",
        "homes": [
            {"id": "sondre", "name": HOME_NAME, "address": ADDRESS},
            {"id": "solheim", "name": "Solheim sykehjem",
             "address": "Solveien 1, 0000 Oslo"},
            {"id": "annet", "name": "Annet hjem"},
        ],
        "youths": [
            {"id": "ase", "name": "Åse Ærlig-Øvrebø",
             "birth_date": BIRTH_DATES["ase"], "school": "none",
             "availability": ANYTIME},
            {"id": "per", "name": "Per Hansen",
             "birth_date": BIRTH_DATES["per"], "school": "none",
             "availability": ANYTIME},
            {"id": "kari", "name": "Kari Nordmann",
             "birth_date": BIRTH_DATES["kari"], "school": "none",
             "availability": ANYTIME},
        ],
        "slots": slots,
        "assignments": [
            {"id": "a-spring-ase", "slot": "spring", "youth": "ase"},
            {"id": "a-spring-per", "slot": "spring", "youth": "per"},
            {"id": "a-autumn-ase", "slot": "autumn", "youth": "ase"},
            {"id": "a-tur-ase", "slot": "tur", "youth": "ase"},
            {"id": "a-quiz-ase", "slot": "quiz", "youth": "ase"},
            {"id": "a-quiz-per", "slot": "quiz", "youth": "per"},
            {"id": "a-kari-kari", "slot": "kari", "youth": "kari"},
            {"id": "a-cancel-ase", "slot": "cancel", "youth": "ase"},
            {"id": "a-past-ase", "slot": "past", "youth": "ase"},
            {"id": "a-old-ase", "slot": "old", "youth": "ase"},
            {"id": "a-far-ase", "slot": "far", "youth": "ase"},
        ],
    }


SLOT_DAYS = {s["id"]: dt.date.fromisoformat(s["start"][:10])
             for s in feed_instance()["slots"]}


def expected_assignments(pred):
    """Assignment ids of feed_instance() that are in the window and pred."""
    return {a["id"] for a in feed_instance()["assignments"]
            if in_window(SLOT_DAYS[a["slot"]], 0) and pred(a)}


def parse(body):
    """Parses a body with python-icalendar; exactly one VCALENDAR."""
    cals = icalendar.Calendar.from_ical(body, multiple=True)
    if len(cals) != 1:
        raise AssertionError("%d VCALENDAR objects" % len(cals))
    return cals[0]


def events(cal):
    return [c for c in cal.walk("VEVENT")]


def by_assignment(cal):
    """{assignment id: VEVENT}, from UIDs "a-<id>.<k>@<domain>"."""
    out = {}
    for e in events(cal):
        m = re.fullmatch(r"a-(.+)\.([yhc])@[A-Za-z0-9.-]+", str(e["UID"]))
        if m is None:
            raise AssertionError("odd UID %r" % str(e["UID"]))
        out[m.group(1)] = e
    return out


def text(prop):
    return str(prop)


def http_date(s):
    return email.utils.parsedate_to_datetime(s)


def http_date_str(d):
    return email.utils.format_datetime(d.astimezone(UTC), usegmt=True)


class FeedTestBase(RotadTestCase):
    daemon_args = ("--contact", CONTACT)

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", feed_instance())
        self.youth = self.link("youths/ase")
        self.home = self.link("homes/sondre")

    def link(self, what):
        return self.ok("POST", "/api/v1/%s/feed" % what, raw=b"",
                       content_type=None, status=201)

    @staticmethod
    def path(url):
        return "/" + url.split("/", 3)[3]

    def get(self, link, headers=None, method="GET"):
        url = link if isinstance(link, str) else link["url"]
        return self.request(method, self.path(url), token=False,
                            headers=headers)

    def cal(self, link):
        r = self.get(link)
        self.assertEqual(r.status, 200, r.body[:300])
        return parse(r.body)

    def assignment(self, aid):
        for a in self.ok("GET", "/api/v1/assignments")["assignments"]:
            if a["id"] == aid:
                return a
        self.fail("no assignment %s" % aid)

    def raw_exchange(self, request):
        """Sends raw bytes, reads until the server closes; returns bytes."""
        s = socket.create_connection(("127.0.0.1", self.daemon.port), 10)
        s.sendall(request)
        s.settimeout(10)
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        finally:
            s.close()
        return data


class FeedContentTest(FeedTestBase):

    # ---- bytes and HTTP headers ----

    def test_http_headers(self):
        r = self.get(self.youth)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"),
                         "text/calendar; charset=utf-8")
        self.assertRegex(r.header("ETag") or "", r'^"[!#-~]+"$')  # strong
        lm = http_date(r.header("Last-Modified"))
        self.assertLessEqual(lm, dt.datetime.now(UTC) + dt.timedelta(seconds=5))
        cc = [t.strip().lower() for t in r.header("Cache-Control").split(",")]
        self.assertIn("private", cc)
        self.assertNotIn("public", cc)
        self.assertIsNone(r.header("Content-Encoding"))
        self.assertIsNone(r.header("Set-Cookie"))
        self.assertEqual(int(r.header("Content-Length")), len(r.body))
        # No content negotiation on Accept.
        r2 = self.get(self.youth, headers={"Accept": "text/html"})
        self.assertEqual(r2.status, 200)
        self.assertEqual(r2.body, r.body)
        self.assertEqual(r2.header("Content-Type"),
                         "text/calendar; charset=utf-8")

    def test_raw_bytes(self):
        token = self.youth["url"].rsplit("/", 1)[1][:-4]
        for link in (self.youth, self.home):
            body = self.get(link).body
            with self.subTest(feed=link["kind"]):
                self.assertFalse(body.startswith(b"\xef\xbb\xbf"), "BOM")
                body.decode("utf-8")  # valid UTF-8 as a whole
                self.assertTrue(body.startswith(b"BEGIN:VCALENDAR\r\n"))
                self.assertTrue(body.endswith(b"END:VCALENDAR\r\n"))
                self.assertEqual(body.count(b"BEGIN:VCALENDAR"), 1)
                self.assertNotIn(token.encode(), body)
                lines = body[:-2].split(b"\r\n")
                for ln in lines:
                    self.assertNotIn(b"\n", ln, "bare LF")
                    self.assertNotIn(b"\r", ln, "bare CR")
                    self.assertLessEqual(len(ln), 75, ln)
                    ln.decode("utf-8")  # folded on character boundaries
                    self.assertIsNone(
                        re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", ln), ln)
                unfolded = body.decode("utf-8").replace("\r\n ", "")
                in_vtz = False
                for ln in unfolded.split("\r\n"):
                    if ln in ("BEGIN:VTIMEZONE", "END:VTIMEZONE"):
                        in_vtz = ln.startswith("BEGIN")
                    # Never a TZID on a UTC time, never a floating time,
                    # never libical's prefixed TZID.  (Observance DTSTARTs
                    # inside the VTIMEZONE are local times by definition.)
                    if re.match(r"(DTSTART|DTEND)[;:]", ln) and not in_vtz:
                        self.assertRegex(
                            ln, r"^(DTSTART|DTEND);TZID=Europe/Oslo:"
                                r"\d{8}T\d{6}$")
                    if re.match(r"(DTSTAMP|LAST-MODIFIED|CREATED)[;:]", ln):
                        self.assertRegex(ln, r"^[A-Z-]+:\d{8}T\d{6}Z$")
                    self.assertNotIn("TZID=/", ln)
                    self.assertIsNone(re.search(r"TZID=[^:]*:\d{8}T\d{6}Z",
                                                ln), ln)
                for prop in ("ORGANIZER", "ATTENDEE", "BEGIN:VALARM",
                             "SOURCE", "URL"):
                    self.assertNotIn("\r\n" + prop, unfolded)

    # ---- calendar properties and VTIMEZONE ----

    def test_calendar_properties(self):
        for link, name in ((self.youth, "Besøk – Åse"),
                           (self.home, None)):
            with self.subTest(feed=link["kind"]):
                cal = self.cal(link)
                self.assertEqual(text(cal["VERSION"]), "2.0")
                self.assertTrue(text(cal["PRODID"]).startswith("-//rota//"))
                self.assertNotIn("METHOD", cal)  # no iTIP message
                self.assertEqual(text(cal["NAME"]), text(cal["X-WR-CALNAME"]))
                if name is not None:
                    self.assertEqual(text(cal["NAME"]), name)
                else:
                    # Commas and semicolons in the home name become spaces
                    # (docs/feeds.md); the letters survive.
                    n = text(cal["NAME"])
                    self.assertTrue(n.startswith("Besøk – Søndre"), n)
                    self.assertIn("Åsen", n)
                    self.assertIn("sykehjem", n)
                self.assertEqual(text(cal["X-WR-TIMEZONE"]), "Europe/Oslo")
                ri = cal["REFRESH-INTERVAL"]
                self.assertEqual(ri.params.get("VALUE"), "DURATION")
                self.assertEqual(icalendar.prop.vDuration.from_ical(
                    ri.to_ical().decode()), dt.timedelta(hours=1))
                self.assertEqual(icalendar.prop.vDuration.from_ical(
                    text(cal["X-PUBLISHED-TTL"])), dt.timedelta(hours=1))
                tzs = cal.walk("VTIMEZONE")
                self.assertEqual(len(tzs), 1)
                self.assertEqual(text(tzs[0]["TZID"]), "Europe/Oslo")
                std = tzs[0].walk("STANDARD")
                dst = tzs[0].walk("DAYLIGHT")
                self.assertEqual((len(std), len(dst)), (1, 1))
                for obs in std + dst:
                    for p in ("TZOFFSETFROM", "TZOFFSETTO", "DTSTART",
                              "RRULE"):
                        self.assertIn(p, obs)

    def test_vtimezone_agrees_with_tzdata(self):
        """The VTIMEZONE alone (python-icalendar's to_tz) gives Oslo's
        offsets around every transition of 2026..2028."""
        vtz = self.cal(self.youth).walk("VTIMEZONE")[0]
        tz = vtz.to_tz()
        instants = []
        for y in (2026, 2027, 2028):
            for m in (3, 10):
                d = last_sunday(y, m)
                base = dt.datetime(d.year, d.month, d.day, tzinfo=UTC)
                instants += [base + dt.timedelta(minutes=30 * k)
                             for k in range(-6, 10)]
            instants += [dt.datetime(y, m, 15, 12, tzinfo=UTC)
                         for m in range(1, 13)]
        for u in instants:
            with self.subTest(utc=u.isoformat()):
                self.assertEqual(u.astimezone(tz).utcoffset(),
                                 u.astimezone(OSLO).utcoffset())

    # ---- events ----

    def test_youth_feed_events(self):
        cal = self.cal(self.youth)
        evs = by_assignment(cal)
        want = expected_assignments(lambda a: a["youth"] == "ase")
        self.assertEqual(set(evs), want)
        self.assertNotIn("a-old-ase", evs)  # ended before the window
        self.assertNotIn("a-far-ase", evs)  # starts after the window
        for aid, e in evs.items():
            with self.subTest(assignment=aid):
                a = self.assignment(aid)
                self.assertTrue(str(e["UID"]).endswith(
                    ".y@" + str(e["UID"]).split("@")[1]))
                self.assertEqual(int(e["SEQUENCE"]), a["seq"])
                upd = dt.datetime.fromisoformat(
                    a["updated_at"].replace("Z", "+00:00"))
                self.assertEqual(e["LAST-MODIFIED"].dt, upd)
                self.assertEqual(e["DTSTAMP"].dt, upd)
                self.assertEqual(text(e["STATUS"]), "CONFIRMED")
                self.assertEqual(text(e["TRANSP"]), "OPAQUE")
                for p in ("DTSTART", "DTEND"):
                    self.assertEqual(e[p].params.get("TZID"), "Europe/Oslo")
                    tzi = e[p].dt.tzinfo
                    self.assertIsNotNone(tzi, "floating %s" % p)
                    self.assertEqual(getattr(tzi, "zone", str(tzi)),
                                     "Europe/Oslo")
                self.assertEqual(text(e["LOCATION"]),
                                 ADDRESS if aid != "a-quiz-ase"
                                 else "Solveien 1, 0000 Oslo")
                desc = text(e["DESCRIPTION"])
                self.assertTrue(desc.endswith("Koordinator: " + CONTACT),
                                desc)
        quiz = evs["a-quiz-ase"]
        self.assertEqual(text(quiz["SUMMARY"]),
                         "Besøk – Solheim sykehjem: Quiz")
        self.assertIn("Sammen med: Per\n", text(quiz["DESCRIPTION"]))
        self.assertEqual(
            quiz["DTSTART"].dt.astimezone(UTC),
            dt.datetime.combine(day(6), dt.time(16), OSLO).astimezone(UTC))
        self.assertEqual(text(evs["a-tur-ase"]["SUMMARY"]),
                         "Besøk – %s: Tur" % HOME_NAME)
        # UIDs are stable over fetches.
        self.assertEqual(set(str(e["UID"]) for e in events(cal)),
                         set(str(e["UID"]) for e in
                             events(self.cal(self.youth))))

    def test_dst_weekends_in_utc(self):
        evs = by_assignment(self.cal(self.youth))
        cases = [
            ("a-spring-ase", SPRING,
             dt.datetime(SPRING.year, SPRING.month, SPRING.day, 1, 0,
                         tzinfo=UTC),
             dt.datetime(SPRING.year, SPRING.month, SPRING.day, 3, 0,
                         tzinfo=UTC)),
            ("a-autumn-ase", AUTUMN,
             dt.datetime(AUTUMN.year, AUTUMN.month, AUTUMN.day, 1, 30,
                         tzinfo=UTC) - dt.timedelta(hours=2),
             dt.datetime(AUTUMN.year, AUTUMN.month, AUTUMN.day, 2, 30,
                         tzinfo=UTC)),
        ]
        checked = 0
        for aid, d, start, end in cases:
            with self.subTest(assignment=aid, day=d.isoformat()):
                if not in_window(d, 0):
                    self.assertNotIn(aid, evs)
                    continue
                e = evs[aid]
                self.assertEqual(e["DTSTART"].dt.astimezone(UTC), start)
                self.assertEqual(e["DTEND"].dt.astimezone(UTC), end)
                checked += 1
        # At least the spring weekend (2027-03-28 from 2026-11-28) is in.
        self.assertGreaterEqual(checked, 1)
        if SPRING == dt.date(2027, 3, 28) and in_window(SPRING, 0):
            raw = self.get(self.youth).body.decode()
            self.assertIn("DTSTART;TZID=Europe/Oslo:20270328T030000\r\n", raw)
            self.assertIn("DTEND;TZID=Europe/Oslo:20270328T050000\r\n", raw)

    def test_home_feed(self):
        cal = self.cal(self.home)
        evs = by_assignment(cal)
        want = expected_assignments(
            lambda a: feed_instance()["slots"][
                [s["id"] for s in feed_instance()["slots"]].index(a["slot"])
            ]["home"] == "sondre")
        self.assertEqual(set(evs), want)
        for aid, e in evs.items():
            self.assertTrue(str(e["UID"]).split("@")[0].endswith(".h"))
            self.assertEqual(text(e["TRANSP"]), "TRANSPARENT")
        tur = evs["a-tur-ase"]
        self.assertEqual(text(tur["SUMMARY"]),
                         "Besøk – %s: Tur (Åse)" % HOME_NAME)
        self.assertIn("Ungdom: Åse\n", text(tur["DESCRIPTION"]))
        self.assertEqual(text(evs["a-kari-kari"]["SUMMARY"]),
                         "Besøk – %s: Bingo (Kari)" % HOME_NAME)

    def test_escaping_and_folding_round_trip(self):
        long_activity = ("Kaffe, vafler; sang \\ og prat med æøå ÆØÅ " * 6
                         ).strip()
        self.ok("PATCH", "/api/v1/slots/tur", {"activity": long_activity})
        r = self.get(self.youth)
        raw = r.body.decode("utf-8")
        self.assertIn("Søndre\\, Åsen\\; sykehjem", raw.replace("\r\n ", ""))
        self.assertIn("inngang B\\\\bak", raw.replace("\r\n ", ""))
        self.assertIn("vakt\\nNy linje", raw.replace("\r\n ", ""))
        for ln in r.body.split(b"\r\n"):
            self.assertLessEqual(len(ln), 75)
            ln.decode("utf-8")
        e = by_assignment(parse(r.body))["a-tur-ase"]
        self.assertEqual(text(e["SUMMARY"]),
                         "Besøk – %s: %s" % (HOME_NAME, long_activity))
        self.assertEqual(text(e["LOCATION"]), ADDRESS)
        self.assertEqual(text(e["DESCRIPTION"]),
                         "Aktivitet: %s\nKoordinator: %s"
                         % (long_activity, CONTACT))

    # ---- privacy ----

    def assertNoPersonalData(self, body):
        s = body.decode("utf-8").replace("\r\n ", "")
        for name in SURNAMES:
            self.assertNotIn(name, s)
        for b in BIRTH_DATES.values():
            y, m, d = b.split("-")
            for form in (b, y + m + d, "%s.%s.%s" % (d, m, y)):
                self.assertNotIn(form, s)

    def test_privacy_home_feed(self):
        body = self.get(self.home).body
        self.assertNoPersonalData(body)
        cal = parse(body)
        firsts = set()
        for e in events(cal):
            m = re.search(r"\(([^()]*)\)$", text(e["SUMMARY"]))
            firsts.add(m.group(1))
            for ln in text(e["DESCRIPTION"]).split("\n"):
                if ln.startswith(("Ungdom: ", "Sammen med: ")):
                    for n in ln.split(": ", 1)[1].split(", "):
                        self.assertNotIn(" ", n, ln)
        self.assertEqual(firsts, {"Åse", "Per", "Kari"}
                         if in_window(SPRING, 0) else {"Åse", "Kari"})

    def test_privacy_youth_feed(self):
        body = self.get(self.youth).body
        self.assertNoPersonalData(body)
        s = body.decode("utf-8")
        self.assertNotIn("Kari", s)   # not on any of Åse's visits
        self.assertNotIn("Bingo", s)  # Kari's visit
        for aid, e in by_assignment(parse(body)).items():
            self.assertEqual(self.assignment(aid)["youth"], "ase")
            for ln in text(e["DESCRIPTION"]).split("\n"):
                if "Per" in ln:
                    self.assertEqual(ln, "Sammen med: Per")
        # Per's own feed has his visits only, and names Åse by first name.
        per = by_assignment(self.cal(self.link("youths/per")))
        self.assertEqual(set(per), expected_assignments(
            lambda a: a["youth"] == "per"))
        self.assertIn("Sammen med: Åse", text(per["a-quiz-per"]["DESCRIPTION"]))


class FeedHttpTest(FeedTestBase):

    def test_conditional_get(self):
        r = self.get(self.youth)
        etag, lm = r.header("ETag"), r.header("Last-Modified")
        lm_t = http_date(lm)
        cases = [
            ({"If-None-Match": etag}, 304),
            ({"If-None-Match": '"nope", ' + etag}, 304),
            ({"If-None-Match": "*"}, 304),
            ({"If-None-Match": '"nope"'}, 200),
            ({"If-Modified-Since": lm}, 304),
            ({"If-Modified-Since": http_date_str(
                lm_t + dt.timedelta(hours=1))}, 304),
            ({"If-Modified-Since": http_date_str(
                lm_t - dt.timedelta(seconds=1))}, 200),
            ({"If-Modified-Since": "yesterday"}, 200),
            # If-None-Match wins over If-Modified-Since.
            ({"If-None-Match": '"nope"', "If-Modified-Since": lm}, 200),
        ]
        for headers, status in cases:
            with self.subTest(headers=headers):
                r2 = self.get(self.youth, headers=headers)
                self.assertEqual(r2.status, status)
                self.assertEqual(r2.header("ETag"), etag)
                if status == 304:
                    self.assertEqual(r2.body, b"")
                    self.assertEqual(r2.header("Last-Modified"), lm)
                    self.assertIn("private", r2.header("Cache-Control"))
                else:
                    self.assertEqual(r2.body, r.body)
        r3 = self.get(self.youth, headers={"If-None-Match": etag},
                      method="HEAD")
        self.assertEqual(r3.status, 304)

    def test_validators_change_exactly_with_content(self):
        r = self.get(self.youth)
        etag, lm = r.header("ETag"), r.header("Last-Modified")
        # A change that does not touch Åse's feed: same bytes, same
        # validators, still 304.
        self.ok("PATCH", "/api/v1/homes/annet", {"address": "Et sted 1"})
        self.ok("PATCH", "/api/v1/slots/kari", {"activity": "Sjakk"})
        r2 = self.get(self.youth)
        self.assertEqual(r2.body, r.body)
        self.assertEqual(r2.header("ETag"), etag)
        self.assertEqual(r2.header("Last-Modified"), lm)
        self.assertEqual(self.get(self.youth, headers={
            "If-None-Match": etag}).status, 304)
        # Two content changes within one second: each gives new bytes, a
        # new ETag and a Last-Modified that an If-Modified-Since client
        # (Apple Calendar) sees move.  Start just after a second boundary
        # so both renders fall in the same second.
        time.sleep(1.0 - (time.time() % 1.0) + 0.02)
        self.ok("PATCH", "/api/v1/slots/tur", {"activity": "Tur 1"})
        r3 = self.get(self.youth)
        self.ok("PATCH", "/api/v1/slots/tur", {"activity": "Tur 2"})
        r4 = self.get(self.youth)
        self.assertNotEqual(r3.body, r4.body)
        self.assertNotIn(r4.header("ETag"), (etag, r3.header("ETag")))
        self.assertEqual(self.get(self.youth, headers={
            "If-None-Match": r3.header("ETag")}).status, 200)
        self.assertNotEqual(r4.header("Last-Modified"),
                            r3.header("Last-Modified"),
                            "Last-Modified did not move with the content")
        r5 = self.get(self.youth, headers={
            "If-Modified-Since": r3.header("Last-Modified")})
        self.assertEqual(r5.status, 200,
                         "304 for If-Modified-Since after a change")

    def test_validators_survive_restart(self):
        # Last-Modified moves exactly when the bytes do: a restart (the
        # in-memory cache is gone, so everything is rendered again a few
        # seconds later) changes neither validator of any feed or page.
        links = [self.youth, self.home]
        before = [self.get(link) for link in links]
        page = self.path(self.home["url"]).replace("/feeds/", "/homes/")
        page = page[:-len(".ics")]
        before_page = self.request("GET", page, token=False)
        self.assertEqual(before_page.status, 200)
        self.daemon.stop()
        time.sleep(1.1)
        self.daemon.start()
        for link, r in zip(links, before):
            r2 = self.get(link)
            self.assertEqual(r2.body, r.body)
            self.assertEqual(r2.header("ETag"), r.header("ETag"))
            self.assertEqual(r2.header("Last-Modified"),
                             r.header("Last-Modified"))
            self.assertEqual(self.get(link, headers={
                "If-Modified-Since": r.header("Last-Modified")}).status, 304)
        # The week page holds the subscribe link with this daemon's new
        # port (no --public-url here), so its bytes did change: new
        # validators, and a later Last-Modified.
        r2 = self.request("GET", page, token=False)
        self.assertNotEqual(r2.body, before_page.body)
        self.assertNotEqual(r2.header("ETag"), before_page.header("ETag"))
        self.assertGreater(http_date(r2.header("Last-Modified")),
                           http_date(before_page.header("Last-Modified")))
        # A change after the restart still moves it.
        time.sleep(1.0)
        self.ok("PATCH", "/api/v1/slots/tur", {"activity": "Tur etter"})
        r3 = self.get(self.youth)
        self.assertNotEqual(r3.header("ETag"), before[0].header("ETag"))
        self.assertGreater(http_date(r3.header("Last-Modified")),
                           http_date(before[0].header("Last-Modified")))

    def test_gzip(self):
        plain = self.get(self.youth)
        for ae in ("gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.5"):
            with self.subTest(accept_encoding=ae):
                r = self.get(self.youth, headers={"Accept-Encoding": ae})
                self.assertEqual(r.status, 200)
                self.assertEqual(r.header("Content-Encoding"), "gzip")
                self.assertEqual(r.header("Content-Type"),
                                 "text/calendar; charset=utf-8")
                self.assertIn("Accept-Encoding", r.header("Vary") or "")
                self.assertEqual(gzip.decompress(r.body), plain.body)
                self.assertLess(len(r.body), len(plain.body))
        for ae in ("identity", "gzip;q=0", "deflate"):
            with self.subTest(accept_encoding=ae):
                r = self.get(self.youth, headers={"Accept-Encoding": ae})
                self.assertIsNone(r.header("Content-Encoding"))
                self.assertEqual(r.body, plain.body)

    def test_head(self):
        get = self.get(self.youth)
        head = self.get(self.youth, method="HEAD")
        self.assertEqual(head.status, 200)
        for h in ("Content-Type", "ETag", "Last-Modified", "Cache-Control"):
            self.assertEqual(head.header(h), get.header(h), h)
        # HEAD must not send a body: read the raw bytes until close.
        raw = self.raw_exchange(
            ("HEAD %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
             "\r\n" % self.path(self.youth["url"])).encode())
        head_part, _, rest = raw.partition(b"\r\n\r\n")
        self.assertTrue(head_part.startswith(b"HTTP/1.1 200"), raw[:200])
        self.assertEqual(rest, b"", "HEAD response carries a body")
        m = re.search(rb"\r\nContent-Length: *(\d+)", head_part, re.I)
        if m is not None:
            self.assertEqual(int(m.group(1)), len(get.body))
        # And a keep-alive client can send a GET after a HEAD.
        conn = http.client.HTTPConnection("127.0.0.1", self.daemon.port,
                                          timeout=10)
        try:
            conn.request("HEAD", self.path(self.youth["url"]))
            r1 = conn.getresponse()
            r1.read()
            conn.request("GET", self.path(self.youth["url"]))
            r2 = conn.getresponse()
            self.assertEqual(r2.status, 200)
            self.assertEqual(r2.read(), get.body)
        finally:
            conn.close()

    def test_unknown_tokens_404_alike(self):
        paths = [
            "/feeds/%s.ics" % UNKNOWN_TOKEN,     # well-formed, unknown
            "/feeds/abc.ics",                   # too short
            "/feeds/%s.ics" % ("A" * 42 + "!"),  # bad character
            "/feeds/%s.ics" % ("A" * 300),      # too long
            "/feeds/%s" % UNKNOWN_TOKEN,        # no .ics
            "/feeds/.ics",
            "/homes/%s" % UNKNOWN_TOKEN,
            "/homes/abc",
        ]
        # A youth token does not open a week page.
        paths.append("/homes/" + self.youth["url"].rsplit("/", 1)[1][:-4])
        first = None
        for p in paths:
            with self.subTest(path=p):
                r = self.request("GET", p, token=False)
                self.assertEqual(r.status, 404)
                if first is None:
                    first = r
                self.assertEqual(r.body, first.body)
                self.assertEqual(r.header("Content-Type"),
                                 first.header("Content-Type"))
                self.assertIsNone(r.header("ETag"))
        # HEAD too (only two: rotad rate-limits bad tokens per address).
        for p in paths[:2]:
            self.assertEqual(self.request("HEAD", p, token=False).status, 404)

    def backdate_revocations(self, kind, subject, days):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            db.execute("UPDATE feed_tokens SET revoked_at = revoked_at - ? "
                       "WHERE kind = ? AND subject = ? AND revoked_at "
                       "IS NOT NULL", (days * DAY, kind, subject))
            db.commit()
        finally:
            db.close()
        # rotad keeps token answers in memory until its data changes; an
        # edit behind its back needs a restart to be seen.
        self.daemon.stop()
        self.daemon.start()

    def test_rotation(self):
        # Issue 5's test list says "old link 404"; its main text (and
        # rotad) say: an empty valid calendar for the grace period, then
        # 410.  We test the main text.
        old = self.youth
        before = self.cal(old)
        self.assertTrue(events(before))
        new = self.link("youths/ase")
        self.assertNotEqual(old["url"], new["url"])
        r = self.get(old)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"),
                         "text/calendar; charset=utf-8")
        self.assertTrue(r.header("ETag"))
        empty = parse(r.body)
        self.assertEqual(events(empty), [])
        self.assertNotIn("METHOD", empty)
        # rotad names a withdrawn feed by the prefix alone ("Besøk"): a
        # leaked old link then does not even give the first name.
        self.assertEqual(text(empty["NAME"]), text(empty["X-WR-CALNAME"]))
        self.assertTrue(text(before["NAME"]).startswith(text(empty["NAME"])))
        self.assertIn("REFRESH-INTERVAL", empty)
        self.assertNoPersonal(r.body)
        # The new link has the events.
        self.assertEqual(set(by_assignment(self.cal(new))),
                         set(by_assignment(before)))
        # Just inside the grace period: still the empty calendar.
        self.backdate_revocations("youth", "ase", GRACE_DAYS - 1)
        self.assertEqual(self.get(old).status, 200)
        # After it: 410 Gone, no calendar.
        self.backdate_revocations("youth", "ase", 2)
        r = self.get(old)
        self.assertEqual(r.status, 410)
        self.assertNotIn(b"BEGIN:VCALENDAR", r.body)
        self.assertEqual(self.get(new).status, 200)
        # DELETE revokes without a new link.
        self.ok("DELETE", "/api/v1/youths/ase/feed", status=204)
        r = self.get(new)
        self.assertEqual(r.status, 200)
        self.assertEqual(events(parse(r.body)), [])

    def test_revoked_link_last_modified_never_goes_back(self):
        # Issue 18.5: the empty calendar of a revoked link must carry a
        # Last-Modified later than anything that link served, or a phone
        # sending If-Modified-Since gets 304 and keeps withdrawn visits.
        # First revocation: an empty calendar is rendered (and cached).
        self.ok("DELETE", "/api/v1/youths/ase/feed", status=204)
        e1 = self.get(self.youth)
        self.assertEqual(events(parse(e1.body)), [])
        # A new link and a change to its feed: its Last-Modified moves
        # past the empty one's (by a second at least, even in the same
        # second).
        second = self.link("youths/ase")
        self.get(second)
        self.ok("PATCH", "/api/v1/slots/tur", {"activity": "Tur ny"})
        full = self.get(second)
        lm_full = full.header("Last-Modified")
        self.assertTrue(events(parse(full.body)))
        self.assertGreater(http_date(lm_full),
                           http_date(e1.header("Last-Modified")))
        # Revoke it: the same empty bytes as the first revoked link, but
        # for this link they are a change.
        self.ok("DELETE", "/api/v1/youths/ase/feed", status=204)
        r = self.get(second, headers={"If-Modified-Since": lm_full})
        self.assertEqual(r.status, 200, "304 for a revoked link's "
                         "If-Modified-Since from before the revocation")
        self.assertEqual(events(parse(r.body)), [])
        lm_empty = r.header("Last-Modified")
        self.assertGreater(http_date(lm_empty), http_date(lm_full))
        # From then on the empty calendar is stable: 304, same validators,
        # also after unrelated writes.
        self.ok("PATCH", "/api/v1/homes/annet", {"address": "Et sted 2"})
        r2 = self.get(second, headers={"If-Modified-Since": lm_empty})
        self.assertEqual(r2.status, 304)
        self.assertEqual(r2.header("Last-Modified"), lm_empty)
        # The first revoked link never goes back either.
        r3 = self.get(self.youth)
        self.assertGreaterEqual(http_date(r3.header("Last-Modified")),
                                http_date(e1.header("Last-Modified")))

    def assertNoPersonal(self, body):
        for name in SURNAMES:
            self.assertNotIn(name.encode(), body)

    # ---- changes ----

    def test_cancellation(self):
        before = by_assignment(self.cal(self.youth))["a-cancel-ase"]
        home_before = by_assignment(self.cal(self.home))["a-cancel-ase"]
        etag = self.get(self.youth).header("ETag")
        self.ok("POST", "/api/v1/assignments/a-cancel-ase/cancel", raw=b"",
                content_type=None)
        r = self.get(self.youth, headers={"If-None-Match": etag})
        self.assertEqual(r.status, 200)
        self.assertNotEqual(r.header("ETag"), etag)
        for link, old in ((None, before), (self.home, home_before)):
            cal = parse(r.body) if link is None else self.cal(link)
            e = by_assignment(cal)["a-cancel-ase"]
            with self.subTest(feed="youth" if link is None else "home"):
                self.assertEqual(str(e["UID"]), str(old["UID"]))
                self.assertGreater(int(e["SEQUENCE"]), int(old["SEQUENCE"]))
                self.assertEqual(text(e["STATUS"]), "CANCELLED")
                self.assertTrue(text(e["SUMMARY"]).startswith("AVLYST: "))
                self.assertGreaterEqual(e["LAST-MODIFIED"].dt,
                                        old["LAST-MODIFIED"].dt)
                self.assertEqual(e["DTSTART"].dt, old["DTSTART"].dt)
        # The other events are untouched.
        self.assertEqual(text(by_assignment(parse(r.body))["a-tur-ase"]
                              ["STATUS"]), "CONFIRMED")

    def test_reschedule_raises_sequence(self):
        y0 = by_assignment(self.cal(self.youth))
        p0 = by_assignment(self.cal(self.link("youths/per")))
        per = self.link("youths/per")
        self.ok("PATCH", "/api/v1/slots/quiz",
                {"start": local(day(6), "17:00"),
                 "end": local(day(6), "19:00")})
        y1 = by_assignment(self.cal(self.youth))
        p1 = by_assignment(self.cal(per))
        for old, new, aid in ((y0, y1, "a-quiz-ase"), (p0, p1, "a-quiz-per")):
            with self.subTest(assignment=aid):
                self.assertEqual(str(new[aid]["UID"]), str(old[aid]["UID"]))
                self.assertGreater(int(new[aid]["SEQUENCE"]),
                                   int(old[aid]["SEQUENCE"]))
                self.assertEqual(
                    new[aid]["DTSTART"].dt.astimezone(UTC),
                    dt.datetime.combine(day(6), dt.time(17),
                                        OSLO).astimezone(UTC))
        # Untouched events keep their SEQUENCE.
        self.assertEqual(int(y1["a-tur-ase"]["SEQUENCE"]),
                         int(y0["a-tur-ase"]["SEQUENCE"]))
        # A home's address is published too: its events move on.
        self.ok("PATCH", "/api/v1/homes/solheim",
                {"address": "Solveien 2, 0000 Oslo"})
        y2 = by_assignment(self.cal(self.youth))
        self.assertGreater(int(y2["a-quiz-ase"]["SEQUENCE"]),
                           int(y1["a-quiz-ase"]["SEQUENCE"]))
        self.assertEqual(text(y2["a-quiz-ase"]["LOCATION"]),
                         "Solveien 2, 0000 Oslo")
        # Another youth joining the visit changes "Sammen med".
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "tur", "youth": "per"}, status=201)
        y3 = by_assignment(self.cal(self.youth))
        self.assertGreater(int(y3["a-tur-ase"]["SEQUENCE"]),
                           int(y2["a-tur-ase"]["SEQUENCE"]))
        self.assertIn("Sammen med: Per", text(y3["a-tur-ase"]["DESCRIPTION"]))

    # ---- the week page ----

    def test_week_page(self):
        self.ok("PATCH", "/api/v1/slots/tur",
                {"activity": "<script>alert(\"x\")</script> & 'q'"})
        r = self.get(self.home["page"])
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/html"))
        self.assertIn("charset=utf-8", r.header("Content-Type").lower())
        self.assertIn("default-src 'none'",
                      r.header("Content-Security-Policy") or "")
        page = r.body.decode("utf-8")
        self.assertNotIn("<script", page)
        self.assertIn("&lt;script&gt;", page)
        self.assertIn("&amp;", page)
        self.assertIn("Åse", page)
        self.assertIn("Kari", page)
        for name in SURNAMES:
            self.assertNotIn(name, page)
        for b in BIRTH_DATES.values():
            self.assertNotIn(b, page)
        self.assertIn('name="referrer" content="no-referrer"', page)
        self.assertIn(self.home["webcal"], page)
        etag = r.header("ETag")
        self.assertEqual(self.get(self.home["page"], headers={
            "If-None-Match": etag}).status, 304)
        # A withdrawn home link closes the page.
        self.link("homes/sondre")
        self.assertEqual(self.get(self.home["page"]).status, 410)


class FeedLanguageTest(FeedTestBase):
    """Issue 13: a youth's feed in the youth's language (else the
    organisation's), a home's feed in the organisation's, the week page in
    the browser's (Accept-Language) else the organisation's; the
    structured X-ROTA-* properties the same in every language; the cache
    never answering in a language that no longer applies."""

    NO_LANGUAGE = {"Accept-Language": ""}

    def set_org_language(self, lang):
        s = self.ok("GET", "/api/v1/settings")
        if lang is None:
            s.pop("language", None)
        else:
            s["language"] = lang
        return self.ok("PUT", "/api/v1/settings", s)

    def structured(self, cal):
        """{assignment id: (home id, home, activity, youth, with...)}."""
        out = {}
        for aid, e in by_assignment(cal).items():
            withs = e.get("X-ROTA-WITH")
            withs = [] if withs is None else (
                [withs] if not isinstance(withs, list) else withs)
            out[aid] = (str(e["X-ROTA-HOME-ID"]), str(e["X-ROTA-HOME"]),
                        str(e["X-ROTA-ACTIVITY"]), str(e["X-ROTA-SLOT-ID"]),
                        str(e["X-ROTA-ASSIGNMENT-ID"]),
                        str(e.get("X-ROTA-YOUTH", "")),
                        tuple(sorted(str(w) for w in withs)),
                        str(e["STATUS"]))
        return out

    def test_youth_feed_follows_the_youths_language(self):
        nb = self.cal(self.youth)
        self.assertEqual(text(nb["X-WR-CALNAME"]), "Besøk – Åse")
        quiz = by_assignment(nb)["a-quiz-ase"]
        self.assertEqual(text(quiz["SUMMARY"]),
                         "Besøk – Solheim sykehjem: Quiz")
        self.assertTrue(text(quiz["DESCRIPTION"]).startswith(
            "Aktivitet: Quiz\nSammen med: Per\nKoordinator: "))
        y = self.ok("PATCH", "/api/v1/youths/ase", {"language": "en"})
        self.assertEqual(y["language"], "en")
        self.assertEqual(self.ok("GET", "/api/v1/youths/ase")["language"],
                         "en")
        en = self.cal(self.youth)
        self.assertEqual(text(en["X-WR-CALNAME"]), "Visits – Åse")
        self.assertEqual(text(en["NAME"]), "Visits – Åse")
        quiz = by_assignment(en)["a-quiz-ase"]
        self.assertEqual(text(quiz["SUMMARY"]),
                         "Visit – Solheim sykehjem: Quiz")
        self.assertEqual(text(quiz["DESCRIPTION"]),
                         "Activity: Quiz\nWith: Per\nCoordinator: "
                         + CONTACT)
        # What programs read is the same in both.
        self.assertEqual(self.structured(en), self.structured(nb))
        self.assertEqual(self.structured(en)["a-tur-ase"][:5],
                         ("sondre", HOME_NAME, "Tur", "tur", "a-tur-ase"))
        # The home feed stays in the organisation's language.
        home = self.cal(self.home)
        self.assertTrue(text(home["X-WR-CALNAME"]).startswith("Besøk – "))
        # null: the organisation's again.
        y = self.ok("PATCH", "/api/v1/youths/ase", {"language": None})
        self.assertNotIn("language", y)
        self.assertEqual(text(self.cal(self.youth)["X-WR-CALNAME"]),
                         "Besøk – Åse")

    def test_home_feed_and_week_page_follow_the_organisation(self):
        page = self.get(self.home["page"], headers=self.NO_LANGUAGE)
        self.assertEqual(page.header("Content-Language"), "nb")
        body = page.body.decode()
        self.assertIn('<html lang="nb">', body)
        self.assertIn("<h1>Besøk ved Søndre, Åsen; sykehjem</h1>", body)
        self.assertIn("Lenkene er private", body)
        self.assertEqual(self.set_org_language("en")["language"], "en")
        home = self.cal(self.home)
        self.assertTrue(text(home["X-WR-CALNAME"]).startswith("Visits – "))
        tur = by_assignment(home)["a-tur-ase"]
        self.assertEqual(text(tur["SUMMARY"]),
                         "Visit – %s: Tur (Åse)" % HOME_NAME)
        self.assertEqual(str(tur["X-ROTA-YOUTH"]), "Åse")
        # A youth without a language of her own follows it too...
        self.assertTrue(text(self.cal(self.youth)["X-WR-CALNAME"])
                        .startswith("Visits – "))
        # ...one with her own keeps hers.
        self.ok("PATCH", "/api/v1/youths/ase", {"language": "nb"})
        self.assertTrue(text(self.cal(self.youth)["X-WR-CALNAME"])
                        .startswith("Besøk – "))
        page = self.get(self.home["page"], headers=self.NO_LANGUAGE)
        self.assertEqual(page.header("Content-Language"), "en")
        body = page.body.decode()
        self.assertIn('<html lang="en">', body)
        self.assertIn("<h1>Visits at Søndre, Åsen; sykehjem</h1>", body)
        self.assertIn("These links are private", body)
        self.assertNotIn("Uke ", body)
        # The jurisdiction's language again when the setting goes.
        self.assertEqual(self.set_org_language(None)["language"], "nb")
        self.assertTrue(text(self.cal(self.home)["X-WR-CALNAME"])
                        .startswith("Besøk – "))

    def test_week_page_follows_accept_language(self):
        for header, lang, heading in (
                ("en", "en", "<h1>Visits at "),
                ("nb-NO,nb;q=0.9,en;q=0.5", "nb", "<h1>Besøk ved "),
                ("fr, en;q=0.3", "en", "<h1>Visits at "),
                ("fr", "nb", "<h1>Besøk ved "),  # none rota has
                ("", "nb", "<h1>Besøk ved "),
                ("en", "en", "<h1>Visits at ")):
            with self.subTest(header=header):
                r = self.get(self.home["page"],
                             headers={"Accept-Language": header})
                self.assertEqual(r.status, 200)
                self.assertEqual(r.header("Content-Language"), lang)
                self.assertIn("Accept-Language", ", ".join(
                    v for k, v in r.headers if k.lower() == "vary"))
                self.assertIn(heading, r.body.decode())
        # The feed itself does not negotiate: calendar apps state nothing
        # useful, and one link must give one calendar.
        r = self.get(self.home, headers={"Accept-Language": "en"})
        self.assertIn("X-WR-CALNAME:Besøk", r.body.decode())

    def test_cache_never_answers_in_a_stale_language(self):
        first = self.get(self.youth)
        self.assertIn("Besøk", first.body.decode())
        etag_nb = first.header("ETag")
        self.assertEqual(self.get(self.youth, headers={
            "If-None-Match": etag_nb}).status, 304)
        self.ok("PATCH", "/api/v1/youths/ase", {"language": "en"})
        # The old tag names the Norwegian bytes: not a match any more.
        r = self.get(self.youth, headers={"If-None-Match": etag_nb})
        self.assertEqual(r.status, 200)
        self.assertIn("SUMMARY:Visit – ", r.body.decode())
        self.assertNotIn("Besøk", r.body.decode())
        self.assertNotEqual(r.header("ETag"), etag_nb)
        # Again from the cache: still English.
        self.assertNotIn("Besøk", self.get(self.youth).body.decode())
        self.ok("PATCH", "/api/v1/youths/ase", {"language": "nb"})
        # Norwegian again (a youth's change also moves her events'
        # SEQUENCE, so these are new bytes with a new tag).
        back = self.get(self.youth)
        self.assertIn("SUMMARY:Besøk – ", back.body.decode())
        self.assertNotIn("Visit", back.body.decode())
        # The week page in two languages, alternately, from one cache.
        for _ in range(2):
            for header, word in (("en", "Visits at"), ("nb", "Besøk ved")):
                r = self.get(self.home["page"],
                             headers={"Accept-Language": header})
                self.assertIn(word, r.body.decode())
        self.set_org_language("en")
        r = self.get(self.home["page"], headers=self.NO_LANGUAGE)
        self.assertIn("Visits at", r.body.decode())
        self.assertNotIn("Besøk", self.get(self.home).body.decode())

    def test_api_answers_in_the_organisations_language(self):
        """A reader who states no language gets the organisation's."""
        def message():
            return self.assertError(self.request(
                "GET", "/api/v1/youths/nobody", headers=self.NO_LANGUAGE),
                404)["message"]
        nb = message()
        self.set_org_language("en")
        en = message()
        self.assertNotEqual(nb, en)
        self.assertEqual(en, self.assertError(self.request(
            "GET", "/api/v1/youths/nobody"), 404)["message"])

    def test_language_is_validated_and_exported(self):
        bad = {"id": "ny", "name": "Ny Person", "birth_date": "2008-01-01",
               "school": "none", "language": "de"}
        e = self.assertError(self.request("POST", "/api/v1/youths", bad),
                             400, field="language")
        self.assertIn('"nb"', e["message"])
        for value in ("NB", "no", "", 7, ["nb"]):
            self.assertError(self.request("PATCH", "/api/v1/youths/ase",
                                          {"language": value}),
                             400, field="language")
        s = self.ok("GET", "/api/v1/settings")
        s["language"] = "se"
        self.assertError(self.request("PUT", "/api/v1/settings", s), 400,
                         field="language")
        # In bokmål too, naming the field.
        e = self.assertError(self.request(
            "PUT", "/api/v1/settings", s,
            headers={"Accept-Language": "nb"}), 400, field="language")
        self.assertIn("må være en av", e["message"])
        bad["language"] = "en"
        self.assertEqual(self.ok("POST", "/api/v1/youths", bad,
                                 status=201)["language"], "en")
        self.set_org_language("en")
        doc = self.ok("GET", "/api/v1/export")
        self.assertEqual(doc["language"], "en")
        self.assertEqual({y["id"]: y.get("language")
                          for y in doc["youths"]}["ny"], "en")
        self.assertNotIn("language", doc["youths"][0])
        # The export reads back as it was (format version 2, issue 15).
        self.assertEqual(doc["version"], 2)
        self.ok("POST", "/api/v1/import?force=true", doc)
        self.assertEqual(self.ok("GET", "/api/v1/export"), doc)


class CancelledExpiryTest(FeedTestBase):
    """A cancelled visit stays in the feed for 30 days after the change."""

    def age_cancellations(self, days):
        self.daemon.stop()
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            db.execute("UPDATE assignments SET updated_at = updated_at - ? "
                       "WHERE status = 'cancelled'", (days * DAY,))
            db.commit()
        finally:
            db.close()
        self.daemon.start()

    def test_cancelled_event_dropped_after_30_days(self):
        self.ok("POST", "/api/v1/assignments/a-tur-ase/cancel", raw=b"",
                content_type=None)
        self.assertIn("a-tur-ase", by_assignment(self.cal(self.youth)))
        self.age_cancellations(29)
        e = by_assignment(self.cal(self.youth)).get("a-tur-ase")
        self.assertIsNotNone(e)
        self.assertEqual(text(e["STATUS"]), "CANCELLED")
        self.age_cancellations(2)
        evs = by_assignment(self.cal(self.youth))
        self.assertNotIn("a-tur-ase", evs)
        self.assertIn("a-quiz-ase", evs)


if __name__ == "__main__":
    unittest.main()
