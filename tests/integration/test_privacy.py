"""Privacy of minors: the right of access (export of one youth) and the
right to erasure (purge), which keeps only anonymous hour totals."""
import sqlite3

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

    def test_purge_flag_must_be_boolean(self):
        self.assertError(self.request("DELETE", "/api/v1/youths/ola?purge=yes"),
                         400, "invalid_field", "purge")
