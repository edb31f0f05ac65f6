# SPDX-License-Identifier: ISC
"""Schedule runs (issue 19, "Plan a period"): a dry run is kept as a run,
POST /api/v1/schedule/{run}/apply writes exactly the previewed changes when
nothing changed since, DELETE discards it, "wait": false answers 202 at
once and GET /api/v1/schedule/{run} shows the progress and then the
preview; only the run's owner sees it, and a coordinator's run plans the
homes in their scope only."""
import time

from harness import RotadTestCase, base_instance

PASSWORD = "correct horse battery"
WEEK = {"from": "2027-01-04", "to": "2027-01-10"}


def instance():
    inst = base_instance()
    # Open positions at both homes; ida is pinned on s1 already.
    inst["slots"].append({"id": "s5", "home": "lia",
                          "start": "2027-01-07T16:00",
                          "end": "2027-01-07T18:00"})
    return inst


def pairs(items):
    return sorted((x["slot"], x["youth"]) for x in items)


class ScheduleRunTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tokens = {}
        for login, role, homes in (("kari", "coordinator", "solheim"),
                                   ("per", "coordinator", None),
                                   ("vera", "viewer", None)):
            cls.tokens[login] = cls.daemon.add_user(
                login, role, homes, password=PASSWORD)

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def preview(self, token=True, **kw):
        body = dict(WEEK, dry_run=True, seconds=0.5, **kw)
        return self.ok("POST", "/api/v1/schedule", body, token=token,
                       status=200)

    def active(self):
        a = self.ok("GET", "/api/v1/assignments?limit=1000")["assignments"]
        return sorted((x["slot"], x["youth"]) for x in a
                      if x.get("status", "active") == "active")

    def test_preview_then_apply_writes_exactly_the_preview(self):
        before = self.active()
        p = self.preview()
        self.assertRegex(p["run"], r"^r[0-9a-f]{24}$")
        self.assertTrue(p["dry_run"])
        self.assertGreater(len(p["assigned"]), 0)
        # The preview names homes, times and first names for people.
        a = p["assigned"][0]
        for k in ("id", "slot", "youth", "home", "start", "end", "name"):
            self.assertIn(k, a)
        self.assertNotIn(" ", a["name"])
        # Nothing was written by the preview.
        self.assertEqual(self.active(), before)
        g = self.ok("GET", "/api/v1/schedule/" + p["run"])
        self.assertEqual(g["state"], "done")
        self.assertEqual(g["result"]["assigned"], p["assigned"])
        r = self.ok("POST", "/api/v1/schedule/%s/apply" % p["run"],
                    status=200)
        self.assertTrue(r["applied"])
        self.assertEqual(pairs(r["assigned"]), pairs(p["assigned"]))
        self.assertEqual(self.active(),
                         sorted(before + pairs(p["assigned"])))
        ids = {x["id"] for x in self.ok(
            "GET", "/api/v1/assignments?limit=1000")["assignments"]}
        self.assertTrue({x["id"] for x in p["assigned"]} <= ids)
        # Applied once: the run is gone.
        self.assertError(self.request(
            "POST", "/api/v1/schedule/%s/apply" % p["run"]), 404,
            "not_found")
        self.assertEqual(self.ok("GET", "/api/v1/violations")["violations"],
                         [])

    def test_apply_after_a_change_is_a_conflict(self):
        p = self.preview()
        self.assertGreater(len(p["assigned"]), 0)
        self.ok("PATCH", "/api/v1/slots/s3", {"activity": "Tur i parken"})
        before = self.active()
        e = self.assertError(self.request(
            "POST", "/api/v1/schedule/%s/apply" % p["run"]), 409, "conflict")
        self.assertIn("plan again", e["message"])
        self.assertEqual(self.active(), before)

    def test_discard(self):
        p = self.preview()
        r = self.request("DELETE", "/api/v1/schedule/" + p["run"])
        self.assertEqual(r.status, 204)
        self.assertError(self.request("GET", "/api/v1/schedule/" + p["run"]),
                         404, "not_found")
        before = self.active()
        self.assertError(self.request(
            "POST", "/api/v1/schedule/%s/apply" % p["run"]), 404)
        self.assertEqual(self.active(), before)

    def test_only_the_owner_sees_a_run(self):
        p = self.preview(token=self.tokens["per"])
        before = self.active()
        for token in (True, self.tokens["kari"]):
            self.assertError(self.request(
                "POST", "/api/v1/schedule/%s/apply" % p["run"], token=token),
                404, "not_found")
            self.assertError(self.request(
                "GET", "/api/v1/schedule/" + p["run"], token=token), 404)
            self.assertError(self.request(
                "DELETE", "/api/v1/schedule/" + p["run"], token=token), 404)
        self.assertEqual(self.active(), before)
        # Viewers may not plan at all.
        self.assertError(self.request(
            "GET", "/api/v1/schedule/" + p["run"],
            token=self.tokens["vera"]), 403, "forbidden")
        self.ok("POST", "/api/v1/schedule/%s/apply" % p["run"],
                token=self.tokens["per"], status=200)

    def test_coordinator_scope_and_one_home(self):
        p = self.preview(token=self.tokens["kari"])
        homes = {x["home"] for x in p["assigned"] + p["unfilled"]}
        self.assertEqual(homes, {"solheim"})
        # A home outside the scope is refused, naming the field.
        self.assertError(self.request(
            "POST", "/api/v1/schedule", dict(WEEK, dry_run=True,
                                             home="lia"),
            token=self.tokens["kari"]), 403, "forbidden", "home")
        # An unscoped coordinator may restrict a run to one home.
        q = self.preview(token=self.tokens["per"], home="lia")
        self.assertEqual(q["home"], "lia")
        self.assertGreater(len(q["assigned"]), 0)
        self.assertEqual({x["home"] for x in q["assigned"] + q["unfilled"]},
                         {"lia"})
        self.assertError(self.request(
            "POST", "/api/v1/schedule", dict(WEEK, dry_run=True,
                                             home="nowhere")),
            400, "unknown_reference", "home")

    def test_no_wait_answers_at_once(self):
        r = self.request("POST", "/api/v1/schedule",
                         dict(WEEK, dry_run=True, seconds=0.5, wait=False))
        self.assertEqual(r.status, 202, r.body)
        j = r.json()
        self.assertIn(j["state"], ("running", "waiting"))
        self.assertEqual(j["budget"], 0.5)
        run = j["run"]
        # Poll until done: each answer is a state the run may be in.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            g = self.ok("GET", "/api/v1/schedule/" + run)
            self.assertIn(g["state"], ("waiting", "running", "done"))
            self.assertEqual(g["budget"], 0.5)
            if g["state"] == "done":
                break
        self.assertEqual(g["state"], "done")
        self.assertGreater(len(g["result"]["assigned"]), 0)
        self.assertEqual(g["result"]["run"], run)
        self.ok("POST", "/api/v1/schedule/%s/apply" % run, status=200)
        # A run that does not wait must be a dry run.
        self.assertError(self.request(
            "POST", "/api/v1/schedule", dict(WEEK, wait=False)), 400,
            "invalid_field", "wait")

    def test_blocking_runs_still_write(self):
        r = self.ok("POST", "/api/v1/schedule", dict(WEEK, seconds=0.5),
                    status=200)
        self.assertFalse(r["dry_run"])
        self.assertNotIn("run", r)
        self.assertTrue(set(pairs(r["assigned"])) <= set(self.active()))


if __name__ == "__main__":
    import unittest
    unittest.main()
