# SPDX-License-Identifier: ISC
"""An import is written by a worker thread (issue 12: long operations do
not stall the loop).  The test holds SQLite's write lock from outside, so
the import stays in progress for as long as the test needs, without any
timing: meanwhile reads and feeds answer from the state before it, writes
answer 503 with Retry-After, a second import 409; once the lock is
released the import lands whole and the new state is what every read
shows."""
import json
import sqlite3
import threading
import unittest

from harness import RotadTestCase, base_instance


class ImportWorkerTest(RotadTestCase):

    def setUp(self):
        r = self.request("POST", "/api/v1/import?force=true", base_instance())
        self.assertEqual(r.status, 200, r.body)

    def test_reads_answer_writes_wait_while_an_import_runs(self):
        link = self.ok("POST", "/api/v1/youths/ida/feed", status=201)
        feed = "/feeds/" + link["url"].split("/feeds/")[1]
        etag = self.request("GET", feed, token=False).header("ETag")
        new = base_instance()
        new["homes"][0]["name"] = "Solheim bo- og omsorgssenter"

        lock = sqlite3.connect(self.daemon.db, timeout=30,
                               isolation_level=None)
        lock.execute("BEGIN IMMEDIATE")
        answer = {}

        def post():
            answer["r"] = self.request(
                "POST", "/api/v1/import?force=true", new)

        t = threading.Thread(target=post)
        t.start()
        try:
            # /healthz says when the import is in progress (a read: it
            # never waits for the lock this test holds, writes would).
            for _ in range(5000):
                h = self.ok("GET", "/healthz", token=False)
                if h.get("import") == "running" or "r" in answer:
                    break
            self.assertNotIn("r", answer, "the import did not wait")
            self.assertEqual(h, {"status": "ok", "import": "running"})
            name = self.ok("GET", "/api/v1/homes/solheim")["name"]
            w = self.request("PATCH", "/api/v1/homes/solheim",
                             {"name": name})
            self.assertEqual(w.status, 503, w.body)
            self.assertEqual(w.header("Retry-After"), "5")
            self.assertIn("import", w.json()["error"]["message"])
            # Reads answer, from the state before the import.
            homes = self.ok("GET", "/api/v1/homes")["homes"]
            self.assertNotIn("Solheim bo- og omsorgssenter",
                             {h["name"] for h in homes})
            r = self.request("GET", feed, token=False,
                             headers={"If-None-Match": etag})
            self.assertEqual(r.status, 304)
            # A cancel and an assignment are writes too.
            r = self.request("POST", "/api/v1/assignments",
                             {"slot": "s3", "youth": "ida"})
            self.assertEqual(r.status, 503, r.body)
            # One import at a time.
            r = self.request("POST", "/api/v1/import?force=true", new)
            self.assertEqual(r.status, 409, r.body)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
            t.join()
        self.assertEqual(answer["r"].status, 200, answer["r"].body)
        self.assertEqual(self.ok("GET", "/healthz", token=False),
                         {"status": "ok"})
        self.assertEqual(answer["r"].json()["imported"]["homes"],
                         len(new["homes"]))
        homes = self.ok("GET", "/api/v1/homes")["homes"]
        self.assertIn("Solheim bo- og omsorgssenter",
                      {h["name"] for h in homes})
        # The loop writes again, and the state is the stored one.
        self.ok("POST", "/api/v1/slots", {
            "id": "x1", "home": "solheim",
            "start": "2027-01-08T15:00", "end": "2027-01-08T16:00"},
            status=201)
        exported = self.ok("GET", "/api/v1/export")
        self.assertIn("x1", {s["id"] for s in exported["slots"]})
        self.assertIn("Solheim bo- og omsorgssenter",
                      {h["name"] for h in exported["homes"]})

    def test_refused_import_changes_nothing(self):
        bad = base_instance()
        # Ida (14) three hours on a school day: a new violation.
        bad["slots"].append({"id": "long", "home": "solheim",
                             "start": "2027-01-05T15:00",
                             "end": "2027-01-05T18:00"})
        bad["assignments"].append({"slot": "long", "youth": "ida"})
        r = self.request("POST", "/api/v1/import", bad,
                         headers={"Accept-Language": "nb"})
        self.assertEqual(r.status, 409, r.body)
        body = r.json()
        self.assertEqual(body["error"]["code"], "rule_violation")
        self.assertTrue(any(v["reference"].startswith("AML")
                            for v in body["violations"]))
        self.assertIn("skoledag", json.dumps(body, ensure_ascii=False))
        self.assertNotIn("long", {s["id"] for s in
                                  self.ok("GET", "/api/v1/slots")["slots"]})
        # Forced with a reason, it lands and the audit keeps the reason.
        self.ok("POST", "/api/v1/import?force=true&reason=Test%20av%20import",
                bad)
        self.assertIn("long", {s["id"] for s in
                               self.ok("GET", "/api/v1/slots")["slots"]})

    def test_bad_documents(self):
        r = self.request("POST", "/api/v1/import", raw=b'{"version": 1,',
                         content_type="application/json")
        self.assertError(r, 400, "invalid_json")
        r = self.request("POST", "/api/v1/import", raw=b'{}',
                         content_type="text/plain")
        self.assertError(r, 415)
        inst = base_instance()
        inst["youths"][0]["birth_date"] = "2012-13-01"
        r = self.request("POST", "/api/v1/import", inst)
        self.assertEqual(r.status, 400, r.body)
        self.assertIn("birth_date", r.json()["error"].get("field", ""))


if __name__ == "__main__":
    unittest.main()
