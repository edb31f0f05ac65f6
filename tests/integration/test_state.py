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
