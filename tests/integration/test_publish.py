# SPDX-License-Identifier: ISC
"""Draft and publish (issue 16): with options.publish "manual", changes of
visits and assignments are drafts until a coordinator publishes them.
Feeds (youth and home), the home week page and the youth page show the
published state only; the API marks drafts; the preview
(GET /api/v1/publish/preview) lists per youth and per home what is
added, moved, cancelled or changed, and POST /api/v1/publish publishes
exactly that preview (409 when it is outdated).  A moved visit keeps its
UID with a higher SEQUENCE, a cancelled one is STATUS:CANCELLED, and a
restart keeps the published state.  With "immediate" (the default)
nothing changes from before.

The dates are computed from today, because a feed only holds the window
from 30 days back to 180 days ahead of the server's clock.
"""
import datetime as dt
import re
import zoneinfo

from harness import RotadTestCase

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
TODAY = dt.datetime.now(OSLO).date()


def saturday(after_days):
    d = TODAY + dt.timedelta(days=after_days)
    while d.weekday() != 5:
        d += dt.timedelta(days=1)
    return d


SAT1 = saturday(10)
SAT2 = SAT1 + dt.timedelta(days=7)
SAT3 = SAT1 + dt.timedelta(days=14)
ANYTIME = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "from": "00:00", "to": "24:00"}]


def at(d, hhmm):
    return "%sT%s" % (d.isoformat(), hhmm)


def ics_time(d, hhmm):
    return d.strftime("%Y%m%d") + "T" + hhmm.replace(":", "") + "00"


def instance():
    birth = TODAY.replace(year=TODAY.year - 18, day=1).isoformat()
    return {
        "version": 1,
        "jurisdiction": "NO",
        "timezone": "Europe/Oslo",
        "school_calendar": {"terms": [], "holidays": []},
        "homes": [
            {"id": "solheim", "name": "Solheim sykehjem"},
            {"id": "lia", "name": "Lia bo- og behandlingssenter"},
        ],
        "youths": [
            {"id": "ida", "name": "Ida Nilsen", "birth_date": birth,
             "school": "none", "availability": ANYTIME},
            {"id": "ola", "name": "Ola Hansen", "birth_date": birth,
             "school": "none", "availability": ANYTIME},
        ],
        "slots": [
            {"id": "s1", "home": "solheim", "start": at(SAT1, "11:00"),
             "end": at(SAT1, "13:00"), "needed": 2, "activity": "Quiz"},
            {"id": "s2", "home": "lia", "start": at(SAT2, "11:00"),
             "end": at(SAT2, "13:00"), "activity": "Kaffe"},
            {"id": "s3", "home": "solheim", "start": at(SAT3, "11:00"),
             "end": at(SAT3, "13:00"), "activity": "Tur"},
        ],
        "assignments": [
            {"id": "a1", "slot": "s1", "youth": "ida"},
            {"id": "a2", "slot": "s2", "youth": "ola"},
        ],
    }


def events(text):
    """UID -> {property: value} of each VEVENT (lines unfolded)."""
    text = re.sub(r"\r\n[ \t]", "", text)
    out = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        props = {}
        for line in block.split("\r\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                props[k.split(";", 1)[0]] = v
        out[props["UID"]] = props
    return out


class PublishBase(RotadTestCase):
    manual = True

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        self.set_mode("manual" if self.manual else "immediate")
        self.ida = self.link("youths", "ida")
        self.solheim_link = self.ok("POST", "/api/v1/homes/solheim/feed")
        self.solheim = self.solheim_link["url"].rsplit("/", 1)[1][:-4]

    def set_mode(self, mode):
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["publish"] = mode
        self.ok("PUT", "/api/v1/settings", s)

    def link(self, kind, sid):
        url = self.ok("POST", "/api/v1/%s/%s/feed" % (kind, sid))["url"]
        return url.rsplit("/", 1)[1][:-len(".ics")]

    def feed(self, token):
        r = self.request("GET", "/feeds/%s.ics" % token, token=False)
        self.assertEqual(r.status, 200, r.body[:300])
        return events(r.body.decode())

    def week_page(self):
        r = self.request("GET", "/homes/%s" % self.solheim, token=False)
        self.assertEqual(r.status, 200)
        return r.body.decode()

    def youth_page(self):
        r = self.request("GET", "/youth/%s" % self.ida, token=False)
        self.assertEqual(r.status, 200)
        return r.body.decode()

    def preview(self, query=""):
        return self.ok("GET", "/api/v1/publish/preview" + query)

    def publish(self, version, **kw):
        body = dict(kw)
        body["preview_version"] = version
        return self.request("POST", "/api/v1/publish", body)

    def move_s1(self, hhmm_from="15:00", hhmm_to="17:00"):
        self.ok("PATCH", "/api/v1/slots/s1",
                {"start": at(SAT1, hhmm_from), "end": at(SAT1, hhmm_to)})


class TestManual(PublishBase):

    def test_moved_visit_is_a_draft_until_published(self):
        before = self.feed(self.ida)
        uid = next(u for u in before if before[u].get(
            "X-ROTA-ASSIGNMENT-ID") == "a1")
        self.assertEqual(before[uid]["DTSTART"], ics_time(SAT1, "11:00"))
        page0, youth0 = self.week_page(), self.youth_page()
        self.assertIn("11:00", page0)
        self.move_s1()
        # Drafts: feeds, week page and youth page show the old time.
        self.assertEqual(self.feed(self.ida), before)
        home = {e["X-ROTA-ASSIGNMENT-ID"]: e
                for e in self.feed(self.solheim).values()}
        self.assertEqual(home["a1"]["DTSTART"], ics_time(SAT1, "11:00"))
        self.assertNotIn("15:00", self.week_page())
        self.assertNotIn("15:00", self.youth_page())
        self.assertIn("11:00", self.youth_page())
        # The API shows the live slot, marked, with the published one.
        s1 = self.ok("GET", "/api/v1/slots/s1")
        self.assertTrue(s1["draft"])
        self.assertEqual(s1["start"], at(SAT1, "15:00"))
        self.assertEqual(s1["published"]["start"], at(SAT1, "11:00"))
        self.assertFalse(self.ok("GET", "/api/v1/slots/s2")["draft"])
        a1 = self.ok("GET", "/api/v1/assignments/a1")
        self.assertTrue(a1["draft"])
        # The preview: Ida's visit moved, Solheim's visit moved.
        p = self.preview()
        self.assertEqual(p["slots"], 1)
        self.assertEqual([y["id"] for y in p["youths"]], ["ida"])
        moved = p["youths"][0]["moved"]
        self.assertEqual(len(moved), 1)
        self.assertEqual(moved[0]["assignment"], "a1")
        self.assertEqual(moved[0]["from"]["start"], at(SAT1, "11:00"))
        self.assertEqual(moved[0]["to"]["start"], at(SAT1, "15:00"))
        self.assertEqual(p["youths"][0]["added"], [])
        self.assertEqual([h["id"] for h in p["homes"]], ["solheim"])
        self.assertEqual(len(p["homes"][0]["moved"]), 1)
        # Publish exactly that preview.
        r = self.publish(p["preview_version"])
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json(), p)
        after = self.feed(self.ida)
        self.assertEqual(set(after), set(before))
        self.assertEqual(after[uid]["DTSTART"], ics_time(SAT1, "15:00"))
        # SEQUENCE is the store's sequence number of the change (as in
        # immediate mode): higher, by however many changes came between.
        self.assertGreater(int(after[uid]["SEQUENCE"]),
                           int(before[uid]["SEQUENCE"]))
        self.assertEqual(after[uid]["SEQUENCE"],
                         str(self.ok("GET", "/api/v1/assignments/a1")["seq"]))
        self.assertIn("15:00", self.week_page())
        self.assertIn("15:00", self.youth_page())
        self.assertFalse(self.ok("GET", "/api/v1/slots/s1")["draft"])
        # Nothing is left to publish.
        p2 = self.preview()
        self.assertEqual((p2["slots"], p2["youths"], p2["homes"]),
                         (0, [], []))

    def test_outdated_preview_409(self):
        self.move_s1()
        p = self.preview()
        self.move_s1("16:00", "18:00")
        r = self.publish(p["preview_version"])
        self.assertError(r, 409, "conflict", "preview_version")
        # Nothing was published.
        uid = next(iter(self.feed(self.ida)))
        self.assertEqual(self.feed(self.ida)[uid]["DTSTART"],
                         ics_time(SAT1, "11:00"))
        # A change elsewhere does not outdate the preview of a range.
        p = self.preview("?from=%s&to=%s" % (SAT1, SAT1))
        self.ok("PATCH", "/api/v1/slots/s3", {"activity": "Bingo"})
        r = self.publish(p["preview_version"], **{"from": SAT1.isoformat(),
                                                  "to": SAT1.isoformat()})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(self.feed(self.ida)[uid]["DTSTART"],
                         ics_time(SAT1, "16:00"))
        # s3 stays a draft, outside the range.
        self.assertTrue(self.ok("GET", "/api/v1/slots/s3")["draft"])

    def test_preview_lists_exactly_what_publish_changes(self):
        ola = self.link("youths", "ola")
        ida0, ola0 = self.feed(self.ida), self.feed(ola)
        # Added: Ola on s1 (Ida's visit: who comes changes for her).
        self.ok("POST", "/api/v1/assignments",
                {"id": "a3", "slot": "s1", "youth": "ola"})
        # Cancelled: Ola's s2.
        self.ok("POST", "/api/v1/assignments/a2/cancel", {})
        # A new visit with nobody on it: only the home hears of it.
        self.ok("POST", "/api/v1/slots",
                {"id": "s4", "home": "lia", "start": at(SAT3, "15:00"),
                 "end": at(SAT3, "16:00")})
        self.assertEqual(self.feed(self.ida), ida0)
        self.assertEqual(self.feed(ola), ola0)
        p = self.preview()
        youths = {y["id"]: y for y in p["youths"]}
        self.assertEqual(set(youths), {"ida", "ola"})
        self.assertEqual([a["assignment"] for a in youths["ola"]["added"]],
                         ["a3"])
        self.assertEqual(
            [a["assignment"] for a in youths["ola"]["cancelled"]], ["a2"])
        self.assertEqual(
            [a["assignment"] for a in youths["ida"]["changed"]], ["a1"])
        homes = {h["id"]: h for h in p["homes"]}
        self.assertEqual([v["slot"] for v in homes["lia"]["added"]], ["s4"])
        self.assertEqual([v["slot"] for v in homes["lia"]["cancelled"]], [])
        self.assertEqual(len(homes["lia"]["changed"]), 1)  # s2: nobody
        self.assertEqual(p["slots"], 3)
        r = self.publish(p["preview_version"])
        self.assertEqual(r.json(), p)
        ola1 = self.feed(ola)
        by_id = {e["X-ROTA-ASSIGNMENT-ID"]: e for e in ola1.values()}
        self.assertEqual(by_id["a2"]["STATUS"], "CANCELLED")
        self.assertEqual(by_id["a3"]["STATUS"], "CONFIRMED")
        ida1 = self.feed(self.ida)
        self.assertEqual(set(ida1), set(ida0))
        e = next(iter(ida1.values()))
        self.assertIn("Ola", e["DESCRIPTION"])
        # Exactly the changed feeds moved: Lia's feed shows s2 cancelled.
        lia = self.link("homes", "lia")
        lia_events = {e["X-ROTA-SLOT-ID"] for e in self.feed(lia).values()}
        self.assertIn("s2", lia_events)

    def test_scope(self):
        lia = self.daemon.add_user("pub-lia", "coordinator", "lia")
        viewer = self.daemon.add_user("pub-view", "viewer")
        self.move_s1()
        r = self.request("GET", "/api/v1/publish/preview?home=solheim",
                         token=lia)
        self.assertError(r, 404, "not_found", "homes")
        # Her preview holds only Lia: Solheim's move is not hers.
        p = self.ok("GET", "/api/v1/publish/preview", token=lia)
        self.assertEqual((p["slots"], p["range"]["homes"]), (0, ["lia"]))
        r = self.request("POST", "/api/v1/publish",
                         {"preview_version": p["preview_version"]},
                         token=lia)
        self.assertEqual(r.status, 200, r.body)
        self.assertTrue(self.ok("GET", "/api/v1/slots/s1")["draft"])
        r = self.request("GET", "/api/v1/publish/preview", token=viewer)
        self.assertError(r, 403)

    def test_bad_bodies(self):
        self.assertError(self.request("POST", "/api/v1/publish", {}),
                         400, "missing_field", "preview_version")
        self.assertError(self.publish("xyz"), 400, "invalid_field",
                         "preview_version")
        self.assertError(self.publish("0" * 16, **{"from": "2027-13-01"}),
                         400, "invalid_field", "from")
        self.assertError(self.publish("0" * 16, homes=["nope"]),
                         404, "not_found", "homes")
        self.assertError(self.publish("0" * 16, extra=1), 400,
                         "unknown_field")
        self.assertError(self.request("GET", "/api/v1/publish/preview"
                                      "?from=2027-02-01&to=2027-01-01"),
                         400, "invalid_field", "to")

    def test_audit_row(self):
        self.move_s1()
        p = self.preview()
        self.assertEqual(self.publish(p["preview_version"]).status, 200)
        rows = self.ok("GET", "/api/v1/audit?entity=publish")["audit"]
        self.assertEqual(rows[0]["action"], "publish")
        self.assertEqual(rows[0]["after"]["slots"], ["s1"])

    def test_restart_keeps_the_published_state(self):
        self.move_s1()
        p = self.preview()
        self.assertEqual(self.publish(p["preview_version"]).status, 200)
        self.move_s1("17:00", "19:00")  # a draft again
        feed0, page0 = self.feed(self.ida), self.week_page()
        p0 = self.preview()
        self.daemon.stop()
        self.daemon.start()
        self.assertEqual(self.feed(self.ida), feed0)
        # The page links its feed with the new port; the rest is equal.
        self.assertEqual(re.sub(r"127\.0\.0\.1:\d+", "", self.week_page()),
                         re.sub(r"127\.0\.0\.1:\d+", "", page0))
        self.assertEqual(self.preview(), p0)
        uid = next(iter(feed0))
        self.assertEqual(feed0[uid]["DTSTART"], ics_time(SAT1, "15:00"))

    def test_back_to_immediate_publishes_everything(self):
        self.move_s1()
        self.set_mode("immediate")
        uid = next(iter(self.feed(self.ida)))
        self.assertEqual(self.feed(self.ida)[uid]["DTSTART"],
                         ics_time(SAT1, "15:00"))
        self.assertNotIn("draft", self.ok("GET", "/api/v1/slots/s1"))


class TestImmediate(PublishBase):
    manual = False

    def test_changes_show_at_once(self):
        before = self.feed(self.ida)
        self.move_s1()
        after = self.feed(self.ida)
        uid = next(iter(before))
        self.assertEqual(after[uid]["DTSTART"], ics_time(SAT1, "15:00"))
        self.assertIn("15:00", self.week_page())
        s1 = self.ok("GET", "/api/v1/slots/s1")
        self.assertNotIn("draft", s1)
        self.assertNotIn("published", s1)
        self.assertNotIn("publish", self.ok("GET", "/api/v1/settings")
                         ["options"])
        p = self.preview()
        self.assertEqual((p["manual"], p["slots"], p["youths"]),
                         (False, 0, []))
        self.assertError(self.publish(p["preview_version"]), 409,
                         "conflict", "options.publish")

    def test_bad_setting(self):
        s = self.ok("GET", "/api/v1/settings")
        s["options"]["publish"] = "sometimes"
        self.assertError(self.request("PUT", "/api/v1/settings", s), 400,
                         "invalid_field", "options.publish")


class TestCopyKept(PublishBase):
    """The published copy is read from the store once and kept across
    writes: a draft write reads none of it and leaves every feed current
    (304 without a render), and only what changes the published rows (a
    publish, in place; a purge, a mode switch, an import: read again)
    moves it, giving the answers a restart gives."""

    def metric(self, name):
        r = self.request("GET", "/metrics")
        self.assertEqual(r.status, 200)
        m = re.search(rb"^rotad_%s (\S+)$" % name.encode(), r.body, re.M)
        self.assertIsNotNone(m, name)
        return float(m.group(1))

    def get_feed(self, token, etag=None):
        headers = {"If-None-Match": etag} if etag else None
        return self.request("GET", "/feeds/%s.ics" % token, token=False,
                            headers=headers)

    def answers(self):
        out = {"preview": self.preview(),
               "ida": self.feed(self.ida), "ola": self.feed(self.ola),
               "solheim": self.feed(self.solheim),
               "slots": self.ok("GET", "/api/v1/slots?limit=1000"),
               "assignments": self.ok("GET", "/api/v1/assignments")}
        out["page"] = re.sub(r"127\.0\.0\.1:\d+", "", self.week_page())
        return out

    def same_after_restart(self):
        before = self.answers()
        self.assertEqual(self.daemon.stop(), 0)
        self.daemon.start()
        self.assertEqual(self.answers(), before)

    def setUp(self):
        super().setUp()
        self.ola = self.link("youths", "ola")

    def test_draft_writes_read_no_copy_and_render_no_feed(self):
        tags = {}
        for t in (self.ida, self.ola, self.solheim):
            r = self.get_feed(t)
            self.assertEqual(r.status, 200)
            tags[t] = r.header("ETag")
        self.week_page()
        self.preview()
        loads = self.metric("published_loads_total")
        self.assertGreaterEqual(loads, 1)
        self.move_s1()  # a visit of Ida's and Solheim's
        self.ok("POST", "/api/v1/assignments",
                {"id": "a9", "slot": "s1", "youth": "ola"})
        misses = self.metric("feed_cache_misses_total")
        for t in (self.ida, self.ola, self.solheim):
            r = self.get_feed(t, tags[t])
            self.assertEqual(r.status, 304)
            self.assertEqual(r.header("ETag"), tags[t])
        self.assertEqual(self.metric("feed_cache_misses_total"), misses,
                         "a draft write made a feed render again")
        self.assertNotIn("15:00", self.week_page())
        p = self.preview()
        self.assertEqual(self.metric("published_loads_total"), loads,
                         "a draft write read the published copy again")
        # A publish changes the copy in place, without a read.
        self.assertEqual(self.publish(p["preview_version"]).status, 200)
        r = self.get_feed(self.ida, tags[self.ida])
        self.assertEqual(r.status, 200)
        self.assertIn("a9", {e["X-ROTA-ASSIGNMENT-ID"]
                             for e in self.feed(self.ola).values()})
        self.assertEqual(self.metric("published_loads_total"), loads)
        self.ok("PATCH", "/api/v1/slots/s3", {"activity": "Bingo"})
        self.same_after_restart()

    def test_purge_reads_the_copy_again(self):
        self.move_s1()
        self.answers()
        self.ok("DELETE", "/api/v1/youths/ola?purge=true", status=204)
        self.ola = self.link("youths", "ida")  # ola's link is gone
        self.same_after_restart()

    def test_mode_switches_read_the_copy_again(self):
        self.answers()
        self.set_mode("immediate")
        self.move_s1()
        self.set_mode("manual")
        self.move_s1("17:00", "19:00")
        self.same_after_restart()

    def test_import_reads_the_copy_again(self):
        self.move_s1()
        self.answers()
        inst = instance()
        inst["slots"][0]["activity"] = "Bingo"
        inst["options"] = {"publish": "manual"}
        self.ok("POST", "/api/v1/import?force=true", inst)
        self.same_after_restart()
