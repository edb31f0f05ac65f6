# SPDX-License-Identifier: ISC
"""Privacy of minors: the right of access (export of one youth) and the
right to erasure (purge), which keeps only anonymous hour totals."""
import email.utils
import json
import sqlite3
import sys
import time

try:
    import icalendar
except ImportError:  # a non-Debian python3 first in PATH (pyenv, venv)
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar

from harness import RotadTestCase, base_instance


class PrivacyTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def test_export_has_everything_about_one_youth(self):
        self.ok("PATCH", "/api/v1/youths/ida", {"skills": ["leader", "quiz"]})
        self.ok("POST", "/api/v1/youths/ida/feed", raw=b"", content_type=None,
                status=201)
        e = self.ok("GET", "/api/v1/youths/ida/export")
        self.assertEqual(e["youth"]["name"], "Ida Nilsen")
        self.assertEqual(e["youth"]["birth_date"], "2012-03-14")
        self.assertEqual([a["slot"] for a in e["assignments"]], ["s1"])
        self.assertEqual(e["assignments"][0]["minutes"], 120)
        self.assertEqual(len(e["feed_links"]), 1)
        self.assertNotIn("hash", str(e["feed_links"]))
        actions = {(r["entity"], r["action"]) for r in e["audit_log"]}
        self.assertIn(("youth", "update"), actions)
        self.assertIn(("feed", "rotate"), actions)
        # Nothing about the other youth.
        self.assertNotIn("Hansen", str(e))
        self.assertError(self.request("GET", "/api/v1/youths/nobody/export"),
                         404)

    def test_purge_erases_the_person_and_keeps_hours(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "s2", "youth": "ida"},
                status=201)
        a = self.ok("GET", "/api/v1/assignments?youth=ida")["assignments"]
        self.assertEqual(len(a), 2)
        link = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                       content_type=None, status=201)
        # Fetched once, so the feed's validators are stored under her id.
        feed = self.request("GET", "/feeds/" + link["url"].rsplit("/", 1)[1],
                            token=False)
        self.assertEqual(feed.status, 200)
        # Without purge a youth with assignments cannot be deleted.
        self.assertError(self.request("DELETE", "/api/v1/youths/ida"), 409)
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        self.assertError(self.request("GET", "/api/v1/youths/ida"), 404)
        self.assertEqual(
            self.ok("GET", "/api/v1/assignments?youth=ida")["assignments"], [])
        db = sqlite3.connect(self.daemon.db)
        try:
            for table, in db.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"):
                for row in db.execute("SELECT * FROM %s" % table):
                    text = " ".join(str(c) for c in row)
                    self.assertNotIn("Ida", text, table)
                    self.assertNotIn("2012-03-14", text, table)
                    self.assertNotIn('"ida"', text, table)
                    self.assertNotRegex(text, r"youth:ida\b", table)
            hours = db.execute("SELECT month, home_id, minutes, shifts FROM "
                               "anonymous_hours ORDER BY home_id").fetchall()
        finally:
            db.close()
        # Both her visits are still ahead, so no hours were worked to keep
        # (test_hours.py covers the worked ones that stay as totals).
        self.assertEqual(hours, [])
        # No copy left in the files either (secure_delete, WAL truncated).
        for suffix in ("", "-wal"):
            try:
                with open(self.daemon.db + suffix, "rb") as f:
                    raw = f.read()
            except FileNotFoundError:
                continue
            self.assertNotIn(b"Ida Nilsen", raw, suffix)
            self.assertNotIn(b"2012-03-14", raw, suffix)
        # The other youth is untouched.
        self.assertEqual(self.ok("GET", "/api/v1/youths/ola")["name"],
                         "Ola Hansen")

    def test_purge_gives_the_others_on_her_visits_a_new_version(self):
        # Ola on Ida's visit s1: his event lists who else comes.
        self.ok("POST", "/api/v1/assignments", {"slot": "s1", "youth": "ola"},
                status=201)
        link = self.ok("POST", "/api/v1/youths/ola/feed", raw=b"",
                       content_type=None, status=201)
        path = "/feeds/" + link["url"].rsplit("/", 1)[1]

        def event():
            r = self.request("GET", path, token=False)
            self.assertEqual(r.status, 200)
            cal = icalendar.Calendar.from_ical(r.body)
            evs = [e for e in cal.walk("VEVENT")
                   if e.get("X-ROTA-SLOT-ID") == "s1"]
            self.assertEqual(len(evs), 1)
            return evs[0]

        before = event()
        self.assertIn("Ida", str(before.get("DESCRIPTION")))
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        after = event()
        self.assertNotIn("Ida", str(after.get("DESCRIPTION")))
        # A calendar takes the new text only with a higher SEQUENCE
        # (docs/feeds.md), and LAST-MODIFIED moves with it.
        self.assertGreater(int(after.get("SEQUENCE")),
                           int(before.get("SEQUENCE")))
        self.assertGreaterEqual(after.decoded("LAST-MODIFIED"),
                                before.decoded("LAST-MODIFIED"))

    def test_purge_flag_must_be_boolean(self):
        self.assertError(self.request("DELETE", "/api/v1/youths/ola?purge=yes"),
                         400, "invalid_field", "purge")


class PurgedFeedTest(RotadTestCase):
    """Issue 12.6: a purged youth's feed link serves an empty calendar for
    the grace period counted from the purge, as a replaced link does, so
    subscribed phones drop her visits; then 410.  A short grace period,
    and the purge moved back in the database, stand in for the days."""

    GRACE_DAYS = 3
    daemon_config = "[feeds]\ngrace_days = %d\n" % GRACE_DAYS

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def feed(self, link, headers=None):
        return self.request("GET", "/feeds/" + link["url"].rsplit("/", 1)[1],
                            token=False, headers=headers)

    def cal(self, r):
        self.assertEqual(r.status, 200, r.body[:300])
        cals = icalendar.Calendar.from_ical(r.body, multiple=True)
        self.assertEqual(len(cals), 1)
        return cals[0]

    def backdate_purge(self, days):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            db.execute("UPDATE withdrawn_feed_tokens SET withdrawn_at = "
                       "withdrawn_at - ?", (days * 86400,))
            db.commit()
        finally:
            db.close()
        # rotad keeps token answers in memory until its data changes.
        self.daemon.stop()
        self.daemon.start()

    def test_purged_feed_is_emptied_then_gone(self):
        mine = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                       content_type=None, status=201)
        home = self.ok("POST", "/api/v1/homes/solheim/feed", raw=b"",
                       content_type=None, status=201)
        full = self.feed(mine)
        visits = self.cal(full).walk("VEVENT")
        self.assertEqual(len(visits), 1)
        self.assertIn(b"Ida", full.body)
        self.assertIn("Ida", [str(e.get("X-ROTA-YOUTH"))
                              for e in self.cal(self.feed(home))
                              .walk("VEVENT")])

        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        # Her phone asks as it did before: the full feed's validators get
        # the empty calendar, never a 304 that keeps the stale visit.
        for headers in ({"If-None-Match": full.header("ETag")},
                        {"If-Modified-Since": full.header("Last-Modified")},
                        None):
            r = self.feed(mine, headers)
            empty = self.cal(r)
            self.assertEqual(empty.walk("VEVENT"), [])
            self.assertEqual(r.header("Content-Type"),
                             "text/calendar; charset=utf-8")
            for word in (b"Ida", b"Nilsen", b"ida", b"2012-03-14"):
                self.assertNotIn(word, r.body.replace(b"\r\n ", b""))
            # A neutral name (the prefix alone) and the refresh hints.
            self.assertEqual(str(empty["NAME"]), str(empty["X-WR-CALNAME"]))
            self.assertIn("REFRESH-INTERVAL", empty)
            self.assertIn("X-PUBLISHED-TTL", empty)
            self.assertNotEqual(r.header("ETag"), full.header("ETag"))
            self.assertGreater(
                email.utils.parsedate_to_datetime(r.header("Last-Modified")),
                email.utils.parsedate_to_datetime(
                    full.header("Last-Modified")))
        # From then on it is stable: its own validators answer 304.
        again = self.feed(mine, {"If-None-Match": r.header("ETag")})
        self.assertEqual(again.status, 304)
        self.assertEqual(again.header("Last-Modified"),
                         r.header("Last-Modified"))
        # Her home's feed no longer lists her.
        h = self.feed(home)
        self.assertEqual(
            [e for e in self.cal(h).walk("VEVENT")
             if str(e.get("X-ROTA-YOUTH")) == "Ida"], [])
        self.assertNotIn(b"Ida", h.body)

        # Just inside the grace period: still the empty calendar.
        self.backdate_purge(self.GRACE_DAYS - 1)
        self.assertEqual(self.cal(self.feed(mine)).walk("VEVENT"), [])
        # After it: 410 Gone, no calendar.
        self.backdate_purge(2)
        r = self.feed(mine)
        self.assertError(r, 410, "gone")
        self.assertNotIn(b"BEGIN:VCALENDAR", r.body)
        self.assertEqual(self.feed(home).status, 200)

    def test_link_revoked_before_the_purge_keeps_its_time(self):
        # A link replaced long ago is past its grace period and answers
        # 410; the purge does not open a new one for it.  The link in use
        # at the purge serves the empty calendar.
        old = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                      content_type=None, status=201)
        new = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                      content_type=None, status=201)
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            db.execute("UPDATE feed_tokens SET revoked_at = revoked_at - ? "
                       "WHERE revoked_at IS NOT NULL",
                       ((self.GRACE_DAYS + 1) * 86400,))
            db.commit()
        finally:
            db.close()
        self.daemon.stop()
        self.daemon.start()
        self.assertError(self.feed(old), 410, "gone")
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        self.assertError(self.feed(old), 410, "gone")
        self.assertEqual(self.cal(self.feed(new)).walk("VEVENT"), [])
        # Only the hashes and times stay, nothing naming her.
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            rows = db.execute("SELECT * FROM withdrawn_feed_tokens")\
                .fetchall()
            left = db.execute("SELECT count(*) FROM feed_tokens WHERE "
                              "kind = 'youth'").fetchone()[0]
        finally:
            db.close()
        self.assertEqual(len(rows), 2)
        self.assertEqual(left, 0)


def raw_files(db_path):
    """The bytes of the database file and its WAL (b"" when absent)."""
    out = {}
    for suffix in ("", "-wal"):
        try:
            with open(db_path + suffix, "rb") as f:
                out[suffix or "db"] = f.read()
        except FileNotFoundError:
            out[suffix or "db"] = b""
    return out


class ForcedMentionsTest(RotadTestCase):
    """Issue 18.3: forced violations of slot, calendar and import changes
    name the youth; the export lists them and a purge erases them, also
    from the bytes of the database file and the WAL."""

    def test_forced_violations_are_exported_and_purged(self):
        inst = base_instance()
        self.ok("POST", "/api/v1/import", inst)
        # A calendar whose school day covers Ida's Monday visit.
        cal = self.ok("GET", "/api/v1/school-calendar")
        late = dict(cal, school_hours={"start": "08:15", "end": "17:30"})
        r = self.ok("PUT", "/api/v1/school-calendar?force=true", late)
        self.ok("PUT", "/api/v1/school-calendar", cal)
        # A slot moved into school hours.
        r = self.ok("PATCH", "/api/v1/slots/s1?force=true",
                    {"start": "2027-01-04T10:00", "end": "2027-01-04T12:00"})
        self.assertIn("Ida", str(r["forced_violations"]))
        self.ok("PATCH", "/api/v1/slots/s1",
                {"start": "2027-01-04T16:00", "end": "2027-01-04T18:00"})
        # An import with the same.
        bad = base_instance()
        bad["slots"][0]["start"] = "2027-01-04T10:00"
        bad["slots"][0]["end"] = "2027-01-04T12:00"
        r = self.ok("POST", "/api/v1/import?force=true", bad)
        self.assertIn("Ida", str(r["imported"]["forced_violations"]))

        e = self.ok("GET", "/api/v1/youths/ida/export")
        entities = {row["entity"] for row in e["audit_log"]}
        for entity in ("school_calendar", "slot", "instance"):
            self.assertIn(entity, entities)
        for row in e["audit_log"]:
            if row["entity"] in ("school_calendar", "slot", "instance"):
                self.assertIn("Ida", json.dumps(row, ensure_ascii=False))

        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        db = sqlite3.connect(self.daemon.db)
        try:
            rows = db.execute("SELECT entity, entity_id, before, after "
                              "FROM audit_log").fetchall()
        finally:
            db.close()
        for row in rows:
            text = " ".join(str(c) for c in row)
            self.assertNotIn("Ida", text)
            self.assertNotIn('"ida"', text)
        # Violations of the other youth's rows stay (none here) and the
        # forced rows keep their shape.
        self.assertTrue([r for r in rows if r[0] == "slot"])
        # The purge's checkpoint truncates the WAL; poll for it.
        deadline = time.time() + 20
        while True:
            raw = raw_files(self.daemon.db)
            left = [k for k, v in raw.items()
                    if b"Ida" in v or b"2012-03-14" in v]
            if not left or time.time() > deadline:
                break
            time.sleep(0.05)
        self.assertEqual(left, [])


def poll(cond, what, timeout=30):
    deadline = time.time() + timeout
    while not cond():
        if time.time() > deadline:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.02)


class CheckpointWithReaderTest(RotadTestCase):
    """Issue 18.4: a reader holding a snapshot does not stall the loop on
    the purge's checkpoint; it is put off, logged and retried."""

    def test_purge_with_a_reader_holding_a_snapshot(self):
        self.ok("POST", "/api/v1/import", base_instance())
        reader = sqlite3.connect(self.daemon.db, isolation_level=None)
        try:
            reader.execute("BEGIN")
            self.assertEqual(
                reader.execute("SELECT count(*) FROM youths").fetchone(),
                (2,))
            self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
            # Answered while the reader still holds its snapshot.
            self.ok("GET", "/api/v1/youths/ola")
            self.assertEqual(self.request("GET", "/healthz").status, 200)
            poll(lambda: "WAL checkpoint put off" in self.daemon.read_log(),
                 "the put-off checkpoint in the log")
            # The reader still sees Ida: its snapshot needs the WAL.
            self.assertEqual(
                reader.execute("SELECT count(*) FROM youths").fetchone(),
                (2,))
            reader.execute("COMMIT")
            poll(lambda: "WAL checkpoint done" in self.daemon.read_log(),
                 "the checkpoint done in the log")
            raw = raw_files(self.daemon.db)
            self.assertNotIn(b"Ida Nilsen", raw["-wal"])
            self.assertNotIn(b"2012-03-14", raw["-wal"])
            self.assertNotIn(b"Ida Nilsen", raw["db"])
        finally:
            reader.close()


class SharedRowsTest(RotadTestCase):
    """Issue 12.3: purging one youth keeps what shared audit rows (a
    schedule run, a cancel whose replacement is someone else) say about
    the others.  Issue 12.4: an export holds its subject's data only."""

    def test_shared_rows(self):
        self.ok("POST", "/api/v1/import", base_instance())
        ida = self.ok("GET", "/api/v1/assignments?youth=ida")["assignments"]
        r = self.ok("POST", "/api/v1/assignments/%s/cancel" % ida[0]["id"],
                    {"refill": True})
        self.assertEqual(r["replacement"]["youth"], "ola")
        r = self.ok("POST", "/api/v1/schedule",
                    {"from": "2027-01-04", "to": "2027-01-10", "seconds": 1})
        youths = {a["youth"] for a in r["assigned"]}
        self.assertEqual(youths, {"ida", "ola"})

        # Ida's export shows her part of the shared rows, not Ola's.
        e = self.ok("GET", "/api/v1/youths/ida/export")
        text = json.dumps(e["audit_log"], ensure_ascii=False)
        actions = {(row["entity"], row["action"]) for row in e["audit_log"]}
        self.assertIn(("assignment", "cancel"), actions)
        self.assertIn(("schedule", "schedule"), actions)
        self.assertIn('"ida"', text)
        self.assertNotIn('"ola"', text)
        self.assertNotIn("Ola", text)

        def ola_rows():
            e = self.ok("GET", "/api/v1/youths/ola/export")
            return {(row["entity"], row["action"]): row
                    for row in e["audit_log"]}

        before = ola_rows()
        self.assertIn(("assignment", "cancel"), before)
        self.assertIn(("schedule", "schedule"), before)
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        after = ola_rows()
        # Ola's history is whole: the same rows with the same content.
        self.assertEqual(after[("assignment", "cancel")]["after"]
                         ["replacement"],
                         before[("assignment", "cancel")]["after"]
                         ["replacement"])
        self.assertEqual(after[("schedule", "schedule")]["after"]["added"],
                         before[("schedule", "schedule")]["after"]["added"])
        self.assertNotIn('"ida"', json.dumps(list(after.values())))
