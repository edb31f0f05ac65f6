# SPDX-License-Identifier: ISC
"""The loaded state and per-subject feed invalidation (issue 12).

rotad changes its loaded instance in place with each committed change and
reads it whole from SQLite only at start: after a long run of writes of
every kind, every answer must be the one a restart (a fresh read of the
database) gives.  And a change touches only the feeds of the youths and
homes it changes: the others are served from the cache with the same
validators.
"""
import copy
import re
import sqlite3

from harness import RotadTestCase, base_instance


def instance():
    inst = copy.deepcopy(base_instance())
    # Adults with no other ties, so the writes below break no rule.
    for i in range(4):
        inst["youths"].append({
            "id": "y%d" % i, "name": "Ung%d Person" % i,
            "birth_date": "2006-0%d-10" % (i + 1), "school": "none",
            "availability": [{"days": ["mon", "tue", "wed", "thu", "fri",
                                       "sat", "sun"],
                              "from": "08:00", "to": "22:00"}]})
    inst["slots"].append({"id": "s4", "home": "lia",
                          "start": "2027-01-12T16:00",
                          "end": "2027-01-12T18:00", "needed": 2})
    return inst


class StateTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def answers(self):
        """Everything the API says about the data, bookkeeping included."""
        out = {"export": self.ok("GET", "/api/v1/export")}
        for what in ("homes", "youths", "slots", "assignments"):
            out[what] = self.ok("GET", "/api/v1/%s?limit=1000" % what)
        out["settings"] = self.ok("GET", "/api/v1/settings")
        out["calendar"] = self.ok("GET", "/api/v1/school-calendar")
        out["violations"] = self.ok("GET", "/api/v1/violations")
        return out

    def test_many_writes_then_restart_gives_the_same_answers(self):
        ids = []
        for i, (slot, youth) in enumerate([("s2", "y0"), ("s3", "y1"),
                                           ("s4", "y2"), ("s4", "y3"),
                                           ("s2", "y1"), ("s1", "y3")]):
            a = self.ok("POST", "/api/v1/assignments?force=true",
                        {"slot": slot, "youth": youth}, status=201)
            # The answer is the stored state, and a read gives the same.
            self.assertEqual(a["slot"], slot)
            a.pop("forced_violations", None)
            a.pop("forced_violations_total", None)
            self.assertEqual(self.ok("GET", "/api/v1/assignments/" + a["id"]),
                             a)
            ids.append(a["id"])
        self.ok("PATCH", "/api/v1/assignments/%s?force=true" % ids[0],
                {"slot": "s4", "pinned": False})
        self.ok("DELETE", "/api/v1/assignments/%s?force=true" % ids[1])
        self.ok("POST", "/api/v1/assignments/%s/cancel" % ids[2], {})
        self.ok("POST", "/api/v1/assignments/%s/cancel" % ids[3],
                {"refill": True})
        # New entities land in id order among the old ones.
        self.ok("POST", "/api/v1/homes", {"id": "aasen", "name": "Åsen"},
                status=201)
        self.ok("POST", "/api/v1/homes", {"id": "zeta", "name": "Zeta"},
                status=201)
        self.ok("PATCH", "/api/v1/homes/lia", {"name": "Lia senter"})
        self.ok("POST", "/api/v1/youths?force=true",
                {"id": "aa", "name": "Aa Først", "birth_date": "2005-01-01",
                 "school": "none"}, status=201)
        self.ok("PATCH", "/api/v1/youths/y1?force=true", {"name": "Nytt Navn"})
        self.ok("POST", "/api/v1/slots?force=true",
                {"id": "s0", "home": "aasen", "start": "2027-01-13T16:00",
                 "end": "2027-01-13T18:00"}, status=201)
        self.ok("POST", "/api/v1/slots?force=true",
                {"id": "s9", "home": "zeta", "start": "2027-01-14T16:00",
                 "end": "2027-01-14T18:00"}, status=201)
        a = self.ok("POST", "/api/v1/assignments?force=true",
                    {"slot": "s0", "youth": "aa"}, status=201)
        self.ok("PATCH", "/api/v1/slots/s4?force=true",
                {"activity": "Bingo", "needed": 3})
        self.ok("DELETE", "/api/v1/slots/s9")
        self.ok("DELETE", "/api/v1/homes/zeta")
        self.ok("DELETE", "/api/v1/assignments/%s?force=true" % a["id"])
        self.ok("DELETE", "/api/v1/slots/s0")
        self.ok("DELETE", "/api/v1/homes/aasen")
        settings = self.ok("GET", "/api/v1/settings")
        settings["options"]["travel_minutes"] = 20
        self.ok("PUT", "/api/v1/settings?force=true", settings)
        cal = self.ok("GET", "/api/v1/school-calendar")
        cal["holidays"].append({"from": "2027-04-01", "to": "2027-04-02"})
        self.ok("PUT", "/api/v1/school-calendar?force=true", cal)
        # A refused change leaves nothing behind.
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "s1", "youth": "ida"})
        self.assertEqual(r.status, 409)

        before = self.answers()
        self.assertEqual([h["id"] for h in before["homes"]["homes"]],
                         ["lia", "solheim"])
        self.assertEqual(self.daemon.stop(), 0)
        self.daemon.start()
        after = self.answers()
        for key in before:
            self.assertEqual(before[key], after[key], key)


def feed_etag(test, link):
    r = test.request("GET", "/" + link["url"].split("/", 3)[3], token=False)
    test.assertEqual(r.status, 200)
    return r.header("ETag"), r.body


class FeedSubjectTest(RotadTestCase):
    """Ida's assignment at Solheim touches Ida's feed and Solheim's, and
    those of whoever else is on that visit: no one else's."""

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        # y0 on s2 at Lia: a feed of its own the change below leaves.
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s2", "youth": "y0"}, status=201)
        self.links = {}
        for what in ("youths/ida", "youths/y0", "youths/y1", "homes/solheim",
                     "homes/lia"):
            self.links[what] = self.ok("POST", "/api/v1/%s/feed" % what,
                                       raw=b"", content_type=None, status=201)

    def misses(self):
        text = self.request("GET", "/metrics").body.decode()
        return int(re.search(r"^rotad_feed_cache_misses_total (\d+)$", text,
                             re.M).group(1))

    def get(self, what, etag=None):
        headers = {"If-None-Match": etag} if etag else None
        return self.request("GET", "/" + self.links[what]["url"]
                            .split("/", 3)[3], token=False, headers=headers)

    def test_only_the_touched_feeds_are_rendered_again(self):
        tags = {w: feed_etag(self, link) for w, link in self.links.items()}
        # Ida's visit at Solheim (s3), with y1 on it too.
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s3", "youth": "y1"}, status=201)
        tags = {w: feed_etag(self, link) for w, link in self.links.items()}
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s3", "youth": "ida"}, status=201)

        # Untouched: y0 and Lia, from the cache, same validators.
        for what in ("youths/y0", "homes/lia"):
            m = self.misses()
            r = self.get(what, tags[what][0])
            self.assertEqual(r.status, 304, what)
            self.assertEqual(r.header("ETag"), tags[what][0])
            self.assertEqual(self.misses(), m, "%s was rendered again" % what)
            r = self.get(what)
            self.assertEqual(r.body, tags[what][1])
        # Touched: Ida (her new visit), y1 (who else comes), Solheim.
        for what in ("youths/ida", "youths/y1", "homes/solheim"):
            m = self.misses()
            r = self.get(what, tags[what][0])
            self.assertEqual(r.status, 200, what)
            self.assertNotEqual(r.header("ETag"), tags[what][0], what)
            self.assertEqual(self.misses(), m + 1, what)
        self.assertIn(b"Ida", self.get("youths/y1").body)

    def test_a_home_rename_touches_its_youths(self):
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s3", "youth": "ida"}, status=201)
        tags = {w: feed_etag(self, link) for w, link in self.links.items()}
        self.ok("PATCH", "/api/v1/homes/solheim", {"name": "Solheim nye"})
        for what in ("youths/ida", "homes/solheim"):
            r = self.get(what, tags[what][0])
            self.assertEqual(r.status, 200, what)
            self.assertIn(b"Solheim nye", r.body)
        for what in ("youths/y0", "youths/y1", "homes/lia"):
            m = self.misses()
            self.assertEqual(self.get(what, tags[what][0]).status, 304, what)
            self.assertEqual(self.misses(), m, what)

    def test_settings_touch_every_feed(self):
        tags = {w: feed_etag(self, link) for w, link in self.links.items()}
        settings = self.ok("GET", "/api/v1/settings")
        settings["options"]["travel_minutes"] = 25
        self.ok("PUT", "/api/v1/settings?force=true", settings)
        m = self.misses()
        self.assertEqual(self.get("youths/y0", tags["youths/y0"][0]).status,
                         304)
        self.assertEqual(self.misses(), m + 1)


def whole_instance():
    inst = instance()
    # A home and a youth that none of the writes below touch: zz may only
    # go to Berg, whose only visit lies outside the planned week.
    inst["homes"].append({"id": "berg", "name": "Berg omsorgssenter"})
    inst["slots"].append({"id": "s8", "home": "berg",
                          "start": "2027-01-20T16:00",
                          "end": "2027-01-20T18:00"})
    inst["youths"].append({
        "id": "zz", "name": "Zz Siste", "birth_date": "2006-07-10",
        "school": "none", "homes": ["berg"],
        "availability": [{"days": ["wed"], "from": "08:00", "to": "22:00"}]})
    return inst


class InPlaceTest(RotadTestCase):
    """A schedule run applied, a visit series and a purge change the
    loaded state in place: the next read is served without reading the
    store again, the feeds they do not touch stay cached with their
    validators, and every answer is the one a restart gives."""

    FEEDS = ("youths/ida", "youths/y0", "youths/y3", "youths/zz",
             "homes/solheim", "homes/lia", "homes/berg")

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", whole_instance())
        for s in self.ok("GET", "/api/v1/series")["series"]:
            self.ok("DELETE", "/api/v1/series/" + s["id"])
        self.links = {}
        for what in self.FEEDS:
            self.links[what] = self.ok("POST", "/api/v1/%s/feed" % what,
                                       raw=b"", content_type=None, status=201)

    def metric(self, name):
        text = self.request("GET", "/metrics").body.decode()
        return int(re.search(r"^rotad_%s (\d+)$" % name, text,
                             re.M).group(1))

    def feed(self, what, etag=None):
        headers = {"If-None-Match": etag} if etag else None
        return self.request("GET", "/" + self.links[what]["url"]
                            .split("/", 3)[3], token=False, headers=headers)

    def answers(self):
        out = {}
        for what in ("homes", "youths", "slots", "assignments"):
            out[what] = self.ok("GET", "/api/v1/%s?limit=1000" % what)
        out["series"] = self.ok("GET", "/api/v1/series")
        out["violations"] = self.ok("GET", "/api/v1/violations")
        for what in self.FEEDS:
            r = self.feed(what)
            out[what] = (r.status, r.header("ETag"), r.body)
        return out

    def in_place(self, write, untouched, touched):
        tags = {}
        for what in self.FEEDS:
            r = self.feed(what)
            self.assertEqual(r.status, 200, what)
            tags[what] = r.header("ETag")
        loads = self.metric("state_loads_total")
        write()
        # The next read is served from the state the write changed.
        self.ok("GET", "/api/v1/slots?limit=1000")
        self.assertEqual(self.metric("state_loads_total"), loads,
                         "the write made the daemon read the store again")
        for what in untouched:
            m = self.metric("feed_cache_misses_total")
            r = self.feed(what, tags[what])
            self.assertEqual(r.status, 304, what)
            self.assertEqual(r.header("ETag"), tags[what], what)
            self.assertEqual(self.metric("feed_cache_misses_total"), m,
                             "%s was rendered again" % what)
        for what in touched:
            m = self.metric("feed_cache_misses_total")
            self.feed(what, tags[what])
            self.assertEqual(self.metric("feed_cache_misses_total"), m + 1,
                             "%s was not rendered again" % what)
        before = self.answers()
        self.assertEqual(self.metric("state_loads_total"), loads)
        self.assertEqual(self.daemon.stop(), 0)
        self.daemon.start()
        after = self.answers()
        for key in before:
            self.assertEqual(before[key], after[key], key)

    def test_schedule_apply(self):
        p = self.ok("POST", "/api/v1/schedule",
                    {"from": "2027-01-04", "to": "2027-01-10",
                     "dry_run": True, "seconds": 0.5}, status=200)
        self.assertGreater(len(p["assigned"]), 0)
        homes = {x["home"] for x in p["assigned"]}
        self.assertNotIn("berg", homes)

        def write():
            r = self.ok("POST", "/api/v1/schedule/%s/apply" % p["run"],
                        status=200)
            self.assertTrue(r["applied"])
        self.in_place(write, ["youths/zz", "homes/berg"],
                      ["homes/" + h for h in homes])
        got = {(a["slot"], a["youth"]) for a in self.ok(
            "GET", "/api/v1/assignments?limit=1000")["assignments"]}
        self.assertTrue({(x["slot"], x["youth"]) for x in p["assigned"]}
                        <= got)

    def test_schedule_without_dry_run(self):
        def write():
            r = self.ok("POST", "/api/v1/schedule",
                        {"from": "2027-01-04", "to": "2027-01-10",
                         "seconds": 0.5}, status=200)
            self.assertGreater(len(r["assigned"]), 0)
        self.in_place(write, ["youths/zz", "homes/berg"], [])

    def test_series_add_edit_delete(self):
        body = {"home": "solheim", "activity": "Quiz", "time": "16:00",
                "duration": 120, "needed": 2, "days": ["wed"],
                "first": "2027-01-11", "last": "2027-02-12"}
        made = {}

        def add():
            made.update(self.ok("POST", "/api/v1/series", body, status=201))
        self.in_place(add, ["youths/ida", "youths/zz", "homes/lia",
                            "homes/berg"], ["homes/solheim"])
        sid = made["id"]
        slots = [s["slot"] for s in
                 self.ok("GET", "/api/v1/series/" + sid)["visits"]]
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": slots[1], "youth": "y0"}, status=201)

        def edit():
            self.ok("PATCH", "/api/v1/series/%s?scope=all&confirm=true"
                    % sid, {"time": "17:00"})
        self.in_place(edit, ["youths/ida", "youths/zz", "homes/lia",
                             "homes/berg"],
                      ["homes/solheim", "youths/y0"])

        def split():
            self.ok("PATCH", "/api/v1/series/%s?scope=following&from=%s"
                    % (sid, slots[2]), {"activity": "Bingo"})
        self.in_place(split, ["youths/y0", "youths/zz", "homes/lia"],
                      ["homes/solheim"])

        def delete():
            self.ok("DELETE", "/api/v1/series/%s?confirm=true" % sid)
        self.in_place(delete, ["youths/ida", "youths/zz", "homes/lia",
                               "homes/berg"], ["homes/solheim"])

    def test_purge(self):
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s4", "youth": "y3"}, status=201)
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s4", "youth": "y0"}, status=201)

        def write():
            self.ok("DELETE", "/api/v1/youths/y3?purge=true")
        self.in_place(write, ["youths/ida", "youths/zz", "homes/solheim",
                              "homes/berg"], ["homes/lia", "youths/y0"])
        self.assertError(self.request("GET", "/api/v1/youths/y3"), 404)

    def test_failed_account_write_keeps_the_state(self):
        """A session, user or feed-link write (api_commit) that fails
        leaves the loaded state alone: it never edits the model, so the
        next read is not a full read of the store."""
        self.ok("GET", "/api/v1/slots?limit=1000")
        loads = self.metric("state_loads_total")
        tag = self.feed("youths/zz").header("ETag")
        # Another writer holds the database's write lock, so the link's
        # transaction gives up after the busy timeout.
        db = sqlite3.connect(self.daemon.db, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            r = self.request("POST", "/api/v1/youths/y0/feed", raw=b"",
                             content_type=None)
            self.assertError(r, 503)
        finally:
            db.execute("ROLLBACK")
            db.close()
        self.ok("GET", "/api/v1/slots?limit=1000")
        self.assertEqual(self.metric("state_loads_total"), loads,
                         "the failed write made the daemon read the store")
        m = self.metric("feed_cache_misses_total")
        self.assertEqual(self.feed("youths/zz", tag).status, 304)
        self.assertEqual(self.metric("feed_cache_misses_total"), m)
