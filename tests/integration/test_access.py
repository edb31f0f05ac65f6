# SPDX-License-Identifier: ISC
"""Roles and scope (issue 14): every API route x role x in/out of scope.

SPEC below is written by hand, apart from access.c: the least role and
the scope kind of every route.  The test checks that rotad's table
(`rotad access-table`) is exactly SPEC, that SPEC names every route in
daemon/api_*.c (so a new route cannot be forgotten), and then sends each
request with each role's token, in scope and out of it, expecting 403
for too low a role, 404 for an entity outside the scope (403 for a body
that would reach outside it, or a run over every home), and otherwise
anything but 401/403/404/5xx.
"""
import copy
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import ROTAD, Daemon, RotadTestCase, base_instance
from test_docs import routes_in_source

PASSWORD = "correct horse battery"

# Routes that take no API token: public, secret-in-path, or sessions.
PUBLIC = {("GET", "/healthz"), ("GET", "/metrics"), ("GET", "/feeds/:token"),
          ("GET", "/homes/:token"), ("POST", "/api/v1/login"),
          ("POST", "/api/v1/logout"), ("GET", "/api/v1/session"),
          ("POST", "/api/v1/invite"), ("GET", "/api/v1/openapi.json"),
          # The web app's page and files (api_web.c): it logs in itself.
          ("GET", "/"), ("GET", "/app/messages.json"),
          ("GET", "/app/:file"),
          # The youth's own page and its forms (issue 16): the feed secret.
          ("GET", "/youth/:token"), ("POST", "/youth/:token/claim"),
          ("POST", "/youth/:token/give-away"),
          ("POST", "/youth/:token/day-off"),
          # The guardian's consent page (issue 16): the consent link.
          ("GET", "/consent/:token"), ("POST", "/consent/:token/confirm"),
          ("POST", "/consent/:token/withdraw"),
          # One-click unsubscribe links of e-mails (issue 16): the secret.
          ("GET", "/unsubscribe/:token"), ("POST", "/unsubscribe/:token")}

A = "/api/v1"
NEW_SLOT = {"id": "s9", "home": "solheim", "start": "2027-01-11T16:00",
            "end": "2027-01-11T18:00", "activity": "Bingo"}
OUT_SLOT = dict(NEW_SLOT, home="lia")
# Visit series (issue 15): planned like slots.  The :id routes have no
# scope kind of their own in access.c ("none"); api_series.c answers 404
# for a series at a home outside the caller's scope, as for a slot.
NEW_SERIES = {"id": "sq", "home": "solheim", "time": "16:00",
              "duration": 60, "days": ["mon"], "first": "2027-02-01",
              "last": "2027-02-21"}
OUT_SERIES = dict(NEW_SERIES, id="lq", home="lia")

# (method, pattern): (least role, scope, in-scope request, out-of-scope
# request or None).  A request is (path, body).  Scope kinds: none, list,
# path (the entity in the path), body (where a body points), all (touches
# every home).
SPEC = {
    ("GET", A): ("viewer", "none", (A, None), None),
    ("GET", A + "/homes"): ("viewer", "list", (A + "/homes", None), None),
    ("POST", A + "/homes"): ("admin", "none",
                             (A + "/homes", {"id": "h9", "name": "H9"}), None),
    ("GET", A + "/homes/:id"): ("viewer", "home", (A + "/homes/solheim", None),
                                (A + "/homes/lia", None)),
    ("PATCH", A + "/homes/:id"): ("admin", "home",
                                  (A + "/homes/solheim", {"name": "S"}),
                                  (A + "/homes/lia", {"name": "L"})),
    ("DELETE", A + "/homes/:id"): ("admin", "home", (A + "/homes/empty", None),
                                   (A + "/homes/lia", None)),
    ("GET", A + "/youths"): ("coordinator", "list", (A + "/youths", None),
                             None),
    ("POST", A + "/youths"): ("admin", "none",
                              (A + "/youths",
                               {"id": "y9", "name": "Y", "birth_date":
                                "2010-01-01", "school": "secondary"}), None),
    ("GET", A + "/youths/:id"): ("coordinator", "youth",
                                 (A + "/youths/ida", None),
                                 (A + "/youths/eva", None)),
    ("PATCH", A + "/youths/:id"): ("admin", "youth",
                                   (A + "/youths/ida", {"name": "Ida N"}),
                                   (A + "/youths/eva", {"name": "Eva"})),
    ("DELETE", A + "/youths/:id"): ("admin", "youth",
                                    (A + "/youths/ola", None),
                                    (A + "/youths/eva", None)),
    ("GET", A + "/youths/:id/export"): ("admin", "youth",
                                        (A + "/youths/ida/export", None),
                                        (A + "/youths/eva/export", None)),
    ("GET", A + "/slots"): ("viewer", "list", (A + "/slots", None), None),
    ("POST", A + "/slots"): ("coordinator", "body-home",
                             (A + "/slots", NEW_SLOT),
                             (A + "/slots", OUT_SLOT)),
    ("GET", A + "/slots/:id"): ("viewer", "slot", (A + "/slots/s1", None),
                                (A + "/slots/s2", None)),
    ("PATCH", A + "/slots/:id"): ("coordinator", "slot",
                                  (A + "/slots/s3", {"activity": "Tur 2"}),
                                  (A + "/slots/s2", {"activity": "Kaffe"})),
    ("DELETE", A + "/slots/:id"): ("coordinator", "slot",
                                   (A + "/slots/s3", None),
                                   (A + "/slots/s2", None)),
    ("GET", A + "/assignments"): ("viewer", "list",
                                  (A + "/assignments", None), None),
    ("POST", A + "/assignments"): ("coordinator", "body-slot",
                                   (A + "/assignments",
                                    {"slot": "s3", "youth": "ola"}),
                                   (A + "/assignments",
                                    {"slot": "s2", "youth": "ida"})),
    ("GET", A + "/assignments/:id"): ("viewer", "assignment",
                                      (A + "/assignments/a1", None),
                                      (A + "/assignments/a2", None)),
    ("PATCH", A + "/assignments/:id"): ("coordinator", "assignment",
                                        (A + "/assignments/a1",
                                         {"pinned": False}),
                                        (A + "/assignments/a2",
                                         {"pinned": True})),
    ("DELETE", A + "/assignments/:id"): ("coordinator", "assignment",
                                         (A + "/assignments/a1", None),
                                         (A + "/assignments/a2", None)),
    ("GET", A + "/assignments/:id/replacement"): (
        "coordinator", "assignment", (A + "/assignments/a1/replacement", None),
        (A + "/assignments/a2/replacement", None)),
    ("POST", A + "/assignments/:id/cancel"): ("coordinator", "assignment",
                                              (A + "/assignments/a1/cancel",
                                               None),
                                              (A + "/assignments/a2/cancel",
                                               None)),
    ("GET", A + "/series"): ("viewer", "list", (A + "/series", None), None),
    ("POST", A + "/series"): ("coordinator", "body-home",
                              (A + "/series", dict(NEW_SERIES, id="s9")),
                              (A + "/series", dict(OUT_SERIES, id="l9"))),
    ("GET", A + "/series/:id"): ("viewer", "none", (A + "/series/sq", None),
                                 (A + "/series/lq", None)),
    ("PATCH", A + "/series/:id"): ("coordinator", "none",
                                   (A + "/series/sq?scope=all",
                                    {"activity": "Bingo"}),
                                   (A + "/series/lq?scope=all",
                                    {"activity": "Bingo"})),
    ("DELETE", A + "/series/:id"): ("coordinator", "none",
                                    (A + "/series/sq?from=2027-02-08",
                                     None),
                                    (A + "/series/lq", None)),
    # A run plans the caller's scope; "home" may name one home in it.
    ("POST", A + "/schedule"): ("coordinator", "body-home",
                                (A + "/schedule", {"from": "2027-01-04",
                                                   "to": "2027-01-10",
                                                   "dry_run": True}),
                                (A + "/schedule", {"from": "2027-01-04",
                                                   "to": "2027-01-10",
                                                   "dry_run": True,
                                                   "home": "lia"})),
    # A run is its owner's alone (test_schedule_runs.py checks roles and
    # owners): no run id to try here.
    ("GET", A + "/schedule/:id"): ("coordinator", "none", None, None),
    ("DELETE", A + "/schedule/:id"): ("coordinator", "none", None, None),
    ("POST", A + "/schedule/:id/apply"): ("coordinator", "none", None, None),
    ("POST", A + "/youths/:id/feed"): ("coordinator", "youth",
                                       (A + "/youths/ida/feed", None),
                                       (A + "/youths/eva/feed", None)),
    ("DELETE", A + "/youths/:id/feed"): ("coordinator", "youth",
                                         (A + "/youths/ida/feed", None),
                                         (A + "/youths/eva/feed", None)),
    ("POST", A + "/homes/:id/feed"): ("coordinator", "home",
                                      (A + "/homes/solheim/feed", None),
                                      (A + "/homes/lia/feed", None)),
    ("DELETE", A + "/homes/:id/feed"): ("coordinator", "home",
                                        (A + "/homes/solheim/feed", None),
                                        (A + "/homes/lia/feed", None)),
    ("POST", A + "/feed"): ("admin", "none", (A + "/feed", None), None),
    # The QR code of a feed link (issue 19): for those who make links.
    ("POST", A + "/qr"): ("coordinator", "none",
                          (A + "/qr", {"text": "webcal://x/feeds/t.ics"}),
                          None),
    ("DELETE", A + "/feed"): ("admin", "none", (A + "/feed", None), None),
    ("GET", A + "/violations"): ("viewer", "list", (A + "/violations", None),
                                 None),
    ("GET", A + "/hours"): ("viewer", "list",
                            (A + "/hours?month=2027-01", None), None),
    ("GET", A + "/slots/:id/candidates"): ("coordinator", "slot",
                                           (A + "/slots/s1/candidates", None),
                                           (A + "/slots/s2/candidates",
                                            None)),
    ("GET", A + "/youths/:id/limits"): ("coordinator", "youth",
                                        (A + "/youths/ida/limits", None),
                                        (A + "/youths/eva/limits", None)),
    # Guardian consent online (issue 16): the coordinators of the
    # youth's homes.
    ("GET", A + "/youths/:id/consent-link"): (
        "coordinator", "youth", (A + "/youths/ida/consent-link", None),
        (A + "/youths/eva/consent-link", None)),
    ("POST", A + "/youths/:id/consent-link"): (
        "coordinator", "youth", (A + "/youths/ida/consent-link", None),
        (A + "/youths/eva/consent-link", None)),
    ("DELETE", A + "/youths/:id/consent-link"): (
        "coordinator", "youth", (A + "/youths/ida/consent-link", None),
        (A + "/youths/eva/consent-link", None)),
    ("DELETE", A + "/youths/:id/consent"): (
        "coordinator", "youth", (A + "/youths/ida/consent", None),
        (A + "/youths/eva/consent", None)),
    # Youths' requests (issue 16): reset(requests=True) makes r1 (Ida's
    # day off over s1 at solheim) and r2 (Ola's over s2 at lia).
    # Not viewers: a request names its youth (viewers read no youths).
    ("GET", A + "/requests"): ("coordinator", "list",
                               (A + "/requests", None), None),
    ("POST", A + "/requests/:id/approve"): ("coordinator", "none",
                                            (A + "/requests/r1/approve",
                                             None),
                                            (A + "/requests/r2/approve",
                                             None)),
    ("POST", A + "/requests/:id/decline"): ("coordinator", "none",
                                            (A + "/requests/r1/decline",
                                             None),
                                            (A + "/requests/r2/decline",
                                             None)),
    # Draft and publish (issue 16): api_publish.c cuts the range to the
    # scope and answers 404 for a home outside it.  Publishing is
    # immediate here, so the in-scope publish answers 409.
    ("GET", A + "/publish/preview"): ("coordinator", "none",
                                      (A + "/publish/preview?home=solheim",
                                       None),
                                      (A + "/publish/preview?home=lia",
                                       None)),
    ("POST", A + "/publish"): ("coordinator", "none",
                               (A + "/publish",
                                {"homes": ["solheim"],
                                 "preview_version": "0" * 16}),
                               (A + "/publish",
                                {"homes": ["lia"],
                                 "preview_version": "0" * 16})),
    ("GET", A + "/school-calendar"): ("viewer", "none",
                                      (A + "/school-calendar", None), None),
    ("PUT", A + "/school-calendar"): ("admin", "none",
                                      (A + "/school-calendar",
                                       base_instance()["school_calendar"]),
                                      None),
    # Named school calendars (issue 15): the whole operator's, like the
    # default one.  The default cannot be deleted (409, still granted).
    ("GET", A + "/school-calendars"): ("viewer", "none",
                                       (A + "/school-calendars", None), None),
    ("POST", A + "/school-calendars"): ("admin", "none",
                                        (A + "/school-calendars",
                                         dict(base_instance()[
                                             "school_calendar"],
                                             id="bergen")), None),
    ("GET", A + "/school-calendars/:id"): ("viewer", "none",
                                           (A + "/school-calendars/default",
                                            None), None),
    ("PUT", A + "/school-calendars/:id"): ("admin", "none",
                                           (A + "/school-calendars/default",
                                            base_instance()[
                                                "school_calendar"]), None),
    ("DELETE", A + "/school-calendars/:id"): ("admin", "none",
                                              (A + "/school-calendars/"
                                               "default", None), None),
    ("GET", A + "/settings"): ("viewer", "none", (A + "/settings", None),
                               None),
    ("PUT", A + "/settings"): ("admin", "none", (A + "/settings", "SETTINGS"),
                               None),
    ("GET", A + "/export"): ("admin", "none", (A + "/export", None), None),
    ("POST", A + "/import"): ("admin", "none", (A + "/import", "INSTANCE"),
                              None),
    ("GET", A + "/users"): ("admin", "none", (A + "/users", None), None),
    ("POST", A + "/users"): ("admin", "none",
                             (A + "/users", {"login": "zed", "role": "viewer",
                                             "password": PASSWORD}), None),
    ("GET", A + "/users/:id"): ("admin", "none", (A + "/users/vera", None),
                                None),
    ("PATCH", A + "/users/:id"): ("admin", "none",
                                  (A + "/users/vera", {"name": "Vera"}), None),
    ("DELETE", A + "/users/:id"): ("admin", "none", (A + "/users/temp", None),
                                   None),
    ("PUT", A + "/users/:id/password"): ("admin", "none",
                                         (A + "/users/temp/password",
                                          {"password": "another good one"}),
                                         None),
    ("POST", A + "/users/:id/invite"): ("admin", "none",
                                        (A + "/users/temp", None), None),
    # The audit log (issue 19, screen 6): admins only.
    ("GET", A + "/audit"): ("admin", "none", (A + "/audit", None), None),
    # The e-mail outbox (issue 16): admins only, addresses masked.
    ("GET", A + "/outbox"): ("admin", "none", (A + "/outbox", None), None),
}
# The invite route's path (the SPEC row above is fixed here for clarity).
SPEC[("POST", A + "/users/:id/invite")] = (
    "admin", "none", (A + "/users/temp/invite", None), None)

# The scope kinds of rotad's table, by SPEC's kind.
C_SCOPE = {"none": "none", "list": "list", "home": "home", "youth": "youth",
           "slot": "slot", "assignment": "assignment",
           "body-home": "body-home", "body-slot": "body-slot",
           "all-homes": "all-homes"}
RANK = {"viewer": 1, "coordinator": 2, "admin": 3}

# Test users: (login, role, homes).  "nobody" is an admin token of no user.
USERS = [("boss", "admin", None), ("kari", "coordinator", ["solheim"]),
         ("per", "coordinator", None), ("vera", "viewer", ["solheim"])]


def instance():
    inst = base_instance()
    inst["homes"].append({"id": "empty", "name": "Tomt hjem"})
    inst["youths"].append({"id": "eva", "name": "Eva Lie",
                           "birth_date": "2009-02-02", "school": "secondary",
                           "homes": ["lia"]})
    inst["assignments"] = [
        {"id": "a1", "slot": "s1", "youth": "ida", "pinned": True},
        {"id": "a2", "slot": "s2", "youth": "ola"}]
    return inst


def table_of_rotad():
    out = subprocess.run([ROTAD, "access-table"], check=True,
                         capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        method, pattern, role, scope = line.split()
        rows[(method, pattern)] = (role, scope)
    return rows


class AccessTableTest(unittest.TestCase):

    def test_table_is_the_spec(self):
        want = {k: (v[0], C_SCOPE[v[1]]) for k, v in SPEC.items()}
        self.assertEqual(table_of_rotad(), want)

    def test_every_route_is_in_the_spec(self):
        routes = routes_in_source()
        self.assertGreater(len(routes), 40)
        missing = sorted(r for r in routes
                         if r not in PUBLIC and r not in SPEC)
        self.assertEqual(missing, [], "routes without a rule: add them to "
                         "access.c and to SPEC in this file")
        gone = sorted(r for r in SPEC if r not in routes)
        self.assertEqual(gone, [], "SPEC rows for routes rotad lacks")


class AccessMatrixTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tokens = {"nobody": cls.api_token}
        for login, role, homes in USERS:
            cls.tokens[login] = cls.daemon.add_user(
                login, role, homes, password=PASSWORD)

    def reset(self, users=False, series=False, requests=False):
        self.ok("POST", "/api/v1/import", instance())
        if requests:
            # A day off over an assignment is a request (r1, r2).
            for youth, day in (("ida", "2027-01-04"), ("ola", "2027-01-05")):
                link = self.ok("POST", "/api/v1/youths/%s/feed" % youth)
                token = link["url"].rsplit("/", 1)[1][:-len(".ics")]
                r = self.request(
                    "POST", "/youth/%s/day-off" % token, token=False,
                    raw=("date=" + day).encode(),
                    content_type="application/x-www-form-urlencoded")
                self.assertEqual(r.status, 200, r.body[:300])
        if series:
            # An import replaces the series too; one at each home.
            self.ok("POST", "/api/v1/series", NEW_SERIES)
            self.ok("POST", "/api/v1/series", OUT_SERIES)
        if users:
            # Invited, so no Argon2 hash to make each time.
            self.request("DELETE", "/api/v1/users/temp")
            self.request("DELETE", "/api/v1/users/zed")
            self.ok("POST", "/api/v1/users", {"login": "temp",
                                              "role": "viewer",
                                              "invite": True})

    def body_for(self, body):
        if body == "SETTINGS":
            return self.ok("GET", "/api/v1/settings")
        if body == "INSTANCE":
            return instance()
        return copy.deepcopy(body)

    def expect(self, who, role_needed, scope, variant):
        role = "admin" if who == "nobody" else dict(
            (u[0], u[1]) for u in USERS)[who]
        scoped = who in ("kari", "vera")
        if RANK[role] < RANK[role_needed]:
            return 403
        if scoped and scope == "all-homes":
            return 403
        if scoped and variant == "out":
            return 403 if scope.startswith("body") else 404
        return "granted"

    def test_every_route_role_and_scope(self):
        failures = []
        done_get = False
        for (method, pattern), (need, scope, inreq, outreq) in sorted(
                SPEC.items()):
            for who in ["nobody"] + [u[0] for u in USERS]:
                for variant, req in (("in", inreq), ("out", outreq)):
                    if req is None:
                        continue
                    # Reads change nothing: no need to start afresh.
                    if method != "GET" or not done_get or \
                            "/series" in pattern:
                        self.reset("/users" in pattern,
                                   "/series" in pattern,
                                   "/requests/" in pattern)
                        done_get = method == "GET"
                    path, body = req
                    r = self.request(method, path, self.body_for(body),
                                     token=self.tokens[who])
                    want = self.expect(who, need, scope, variant)
                    if want == "granted":
                        bad = r.status in (401, 403, 404, 405) or \
                            r.status >= 500
                    else:
                        bad = r.status != want
                    if bad:
                        failures.append("%s %s as %s (%s): %d, want %s: %s"
                                        % (method, path, who, variant,
                                           r.status, want, r.body[:200]))
        self.assertEqual(failures, [], "\n".join(failures))

    def test_series_are_cut_to_the_scope(self):
        self.reset(series=True)
        vera, kari = self.tokens["vera"], self.tokens["kari"]
        got = self.ok("GET", "/api/v1/series", token=vera)["series"]
        self.assertEqual([x["id"] for x in got], ["sq"])
        # A series moved to a home outside the scope is refused.
        r = self.request("PATCH", "/api/v1/series/sq?scope=all",
                         {"home": "lia"}, token=kari)
        self.assertError(r, 403, "forbidden", "home")

    def test_lists_are_cut_to_the_scope(self):
        self.reset()
        kari, vera = self.tokens["kari"], self.tokens["vera"]
        ids = lambda j, k: sorted(x["id"] for x in j[k])
        self.assertEqual(ids(self.ok("GET", "/api/v1/homes", token=kari),
                             "homes"), ["solheim"])
        self.assertEqual(ids(self.ok("GET", "/api/v1/slots", token=vera),
                             "slots"), ["s1", "s3"])
        self.assertEqual(ids(self.ok("GET", "/api/v1/assignments",
                                     token=vera), "assignments"), ["a1"])
        # Youths free to go anywhere are in every scope; eva is not.
        self.assertEqual(ids(self.ok("GET", "/api/v1/youths", token=kari),
                             "youths"), ["ida", "ola"])
        # Unscoped users see everything.
        self.assertEqual(len(self.ok("GET", "/api/v1/homes",
                                     token=self.tokens["per"])["homes"]), 3)

    def test_birth_dates_only_for_admins(self):
        self.reset()
        for who in ("kari", "per"):
            r = self.request("GET", "/api/v1/youths", token=self.tokens[who])
            self.assertEqual(r.status, 200)
            self.assertNotIn(b"birth_date", r.body)
            r = self.request("GET", "/api/v1/youths/ida",
                             token=self.tokens[who])
            self.assertNotIn(b"birth_date", r.body)
            self.assertNotIn(b"2012-03-14", r.body)
        r = self.ok("GET", "/api/v1/youths/ida", token=self.tokens["boss"])
        self.assertEqual(r["birth_date"], "2012-03-14")

    def test_names_in_assignment_lists_only_for_who_may_read_youths(self):
        self.reset()
        path = "/api/v1/assignments?names=true"
        for who in ("boss", "kari", "per"):
            got = self.ok("GET", path, token=self.tokens[who])["assignments"]
            self.assertTrue(got, who)
            for a in got:
                self.assertIn("youth_name", a, who)
            ida = [a for a in got if a["youth"] == "ida"]
            self.assertEqual({a["youth_name"] for a in ida}, {"Ida Nilsen"})
        got = self.ok("GET", path, token=self.tokens["vera"])["assignments"]
        self.assertTrue(got)
        self.assertFalse(any("youth_name" in a for a in got))
        self.assertNotIn(b"Nilsen", self.request(
            "GET", path, token=self.tokens["vera"]).body)
        # Without the parameter, ids alone, as before.
        got = self.ok("GET", "/api/v1/assignments",
                      token=self.tokens["per"])["assignments"]
        self.assertFalse(any("youth_name" in a for a in got))
        self.assertError(self.request("GET", "/api/v1/assignments?names=2"),
                         400, "invalid_field", "names")

    def test_moving_out_of_scope_is_refused(self):
        self.reset()
        kari = self.tokens["kari"]
        e = self.assertError(self.request("PATCH", "/api/v1/slots/s1",
                                          {"home": "lia"}, token=kari),
                             403, "forbidden", "home")
        self.assertIn("outside", e["message"])
        e = self.assertError(self.request("PATCH", "/api/v1/assignments/a1",
                                          {"slot": "s2"}, token=kari),
                             403, "forbidden", "slot")
        # Nothing changed.
        self.assertEqual(self.ok("GET", "/api/v1/slots/s1")["home"],
                         "solheim")

    def test_violations_and_hours_are_cut_to_the_scope(self):
        self.reset()
        for sid, home in (("s8", "solheim"), ("s9", "lia")):
            self.ok("POST", "/api/v1/slots",
                    {"id": sid, "home": home, "start": "2027-01-06T10:00",
                     "end": "2027-01-06T11:00", "activity": "Under skoletid"},
                    status=201)
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s8", "youth": "ida"}, status=201)
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "s9", "youth": "eva"}, status=201)

        def slots_of(token):
            v = self.ok("GET", "/api/v1/violations", token=token)
            return {s for x in v["violations"] for s in x["slots"]}
        every = slots_of(True)
        self.assertIn("s8", every)
        self.assertIn("s9", every)
        mine = slots_of(self.tokens["kari"])
        self.assertIn("s8", mine)
        self.assertNotIn("s9", mine)
        self.assertNotIn("s2", mine)
        # Hours: eva (lia only) is left out for kari.
        h = self.ok("GET", "/api/v1/hours?month=2027-01",
                    token=self.tokens["per"])
        self.assertIn("eva", [y["youth"] for y in h["youths"]])
        h = self.ok("GET", "/api/v1/hours?month=2027-01",
                    token=self.tokens["kari"])
        self.assertNotIn("eva", [y["youth"] for y in h["youths"]])
