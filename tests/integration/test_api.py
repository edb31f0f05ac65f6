# SPDX-License-Identifier: ISC
"""End-to-end tests of the rotad JSON API over real HTTP on loopback."""
import copy
import gzip
import json
import socket
import unittest

from harness import RotadTestCase, base_instance


class ApiTest(RotadTestCase):

    def setUp(self):
        # Every test starts from the same imported state.
        self.ok("POST", "/api/v1/import", base_instance())

    def export(self):
        return self.ok("GET", "/api/v1/export")

    # ---- status and auth ----

    def test_healthz_needs_no_token(self):
        r = self.request("GET", "/healthz", token=False)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json(), {"status": "ok"})

    def test_version(self):
        v = self.ok("GET", "/api/v1")
        self.assertEqual(v["api"], 1)
        self.assertEqual(v["instance_format"], 2)

    def test_missing_and_wrong_tokens_get_401(self):
        for tok in (False, "rota_wrongwrongwrongwrongwrong", "x", "a b"):
            r = self.request("GET", "/api/v1/homes", token=tok)
            self.assertError(r, 401, "unauthorized")
            self.assertTrue(r.header("WWW-Authenticate").startswith("Bearer"))

    def test_unknown_path_404_and_wrong_method_405(self):
        self.assertError(self.request("GET", "/api/v1/nothing"), 404,
                         "not_found")
        r = self.request("PUT", "/api/v1/homes", body={})
        self.assertError(r, 405, "method_not_allowed")
        self.assertIn("GET", r.header("Allow"))
        self.assertIn("POST", r.header("Allow"))

    # ---- import / export ----

    def test_export_import_round_trip(self):
        first = self.export()
        self.ok("POST", "/api/v1/import", first)
        second = self.export()
        self.assertEqual(first, second)
        self.assertEqual([h["id"] for h in first["homes"]],
                         ["lia", "solheim"])
        self.assertEqual(len(first["assignments"]), 1)

    def test_import_is_all_or_nothing(self):
        before = self.export()
        bad = base_instance()
        bad["slots"][2]["end"] = "2027-01-09T10:00"
        self.assertError(self.request("POST", "/api/v1/import", bad), 400,
                         "invalid_field", "slots[2].end")
        self.assertEqual(self.export(), before)

    # ---- homes ----

    def test_home_crud(self):
        h = self.ok("POST", "/api/v1/homes",
                    {"name": "Kampen omsorg+", "address": "Bøgata 21"},
                    status=201)
        self.assertEqual(h["id"], "kampen-omsorg")
        self.assertEqual(self.ok("GET", "/api/v1/homes/kampen-omsorg")["name"],
                         "Kampen omsorg+")
        p = self.ok("PATCH", "/api/v1/homes/kampen-omsorg",
                    {"address": "Bøgata 23"})
        self.assertEqual(p["address"], "Bøgata 23")
        self.assertEqual(p["name"], "Kampen omsorg+")
        self.ok("DELETE", "/api/v1/homes/kampen-omsorg", status=204)
        self.assertError(self.request("GET", "/api/v1/homes/kampen-omsorg"),
                         404)

    def test_generated_ids_are_unique(self):
        a = self.ok("POST", "/api/v1/homes", {"name": "Lia"}, status=201)
        b = self.ok("POST", "/api/v1/homes", {"name": "Lia"}, status=201)
        self.assertNotEqual(a["id"], b["id"])

    def test_duplicate_id_is_409(self):
        r = self.request("POST", "/api/v1/homes",
                         {"id": "solheim", "name": "Again"})
        self.assertError(r, 409, "conflict", "id")

    def test_delete_home_with_slots_is_409(self):
        before = self.export()
        self.assertError(self.request("DELETE", "/api/v1/homes/solheim"), 409,
                         "conflict")
        self.assertEqual(self.export(), before)

    def test_patch_cannot_change_id(self):
        r = self.request("PATCH", "/api/v1/homes/solheim", {"id": "other"})
        self.assertError(r, 400, "invalid_field", "id")

    # ---- youths and slots ----

    def test_youth_patch_validates_merged_result(self):
        r = self.request("PATCH", "/api/v1/youths/ola",
                         {"birth_date": "2009-02-30"})
        self.assertError(r, 400, "invalid_field", "birth_date")
        y = self.ok("PATCH", "/api/v1/youths/ola", {"skills": ["leader"]})
        self.assertEqual(y["skills"], ["leader"])
        self.assertEqual(y["birth_date"], "2009-05-01")

    def test_slot_end_before_start(self):
        r = self.request("POST", "/api/v1/slots",
                         {"home": "lia", "start": "2027-01-04T16:00",
                          "end": "2027-01-04T15:00"})
        e = self.assertError(r, 400, "invalid_field", "end")
        self.assertIn("before", e["message"])

    def test_slot_in_dst_gap(self):
        r = self.request("POST", "/api/v1/slots",
                         {"home": "lia", "start": "2027-03-28T02:30",
                          "end": "2027-03-28T04:00"})
        self.assertError(r, 400, "invalid_field", "start")

    def test_slot_unknown_home(self):
        r = self.request("POST", "/api/v1/slots",
                         {"home": "nowhere", "start": "2027-01-04T16:00",
                          "end": "2027-01-04T17:00"})
        self.assertError(r, 400, "unknown_reference", "home")

    def test_slot_list_filters_and_paging(self):
        got = self.ok("GET", "/api/v1/slots?from=2027-01-05&to=2027-01-09")
        self.assertEqual([s["id"] for s in got["slots"]], ["s2", "s3"])
        got = self.ok("GET", "/api/v1/slots?home=solheim")
        self.assertEqual([s["id"] for s in got["slots"]], ["s1", "s3"])
        page1 = self.ok("GET", "/api/v1/slots?limit=2")
        self.assertEqual(len(page1["slots"]), 2)
        self.assertEqual(page1["next_cursor"], "s2")
        page2 = self.ok("GET", "/api/v1/slots?limit=2&cursor=s2")
        self.assertEqual([s["id"] for s in page2["slots"]], ["s3"])
        self.assertIsNone(page2.get("next_cursor"))

    # ---- assignments and the labour-law gate ----

    def test_legal_assignment(self):
        a = self.ok("POST", "/api/v1/assignments",
                    {"slot": "s1", "youth": "ola"}, status=201)
        self.assertEqual(a["status"], "active")
        self.assertTrue(a["pinned"])
        self.assertEqual(a["made_by"], "coordinator")
        got = self.ok("GET", "/api/v1/assignments?youth=ola")
        self.assertEqual(len(got["assignments"]), 1)

    def test_same_youth_twice_on_a_slot_is_409(self):
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "s1", "youth": "ida"})
        self.assertEqual(r.status, 409)

    def test_illegal_assignment_is_refused_with_the_rule(self):
        before = self.export()
        # Ida is 14 and in compulsory school: 2 h on a school day.
        self.ok("PATCH", "/api/v1/slots/s1", {"end": "2027-01-04T18:00"})
        slot = {"id": "long", "home": "lia", "start": "2027-01-05T15:30",
                "end": "2027-01-05T18:01"}
        self.ok("POST", "/api/v1/slots", slot, status=201)
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "long", "youth": "ida"})
        self.assertEqual(r.status, 409, r.body)
        body = r.json()
        self.assertEqual(body["error"]["code"], "rule_violation")
        rules = {v["rule"] for v in body["violations"]}
        self.assertIn("NO-AML-11-2-2a-day", rules)
        v = [v for v in body["violations"]
             if v["rule"] == "NO-AML-11-2-2a-day"][0]
        self.assertEqual(v["youth"], "ida")
        self.assertIn("long", v["slots"])
        self.assertEqual(v["reference"], "AML § 11-2 (2) a")
        # Nothing was stored.
        got = self.ok("GET", "/api/v1/assignments?youth=ida")
        self.assertEqual(len(got["assignments"]), 1)
        # Forced, it is stored and stays visible as a violation.
        a = self.ok("POST", "/api/v1/assignments?force=true",
                    {"slot": "long", "youth": "ida"}, status=201)
        self.assertTrue(a["forced_violations"])
        viol = self.ok("GET", "/api/v1/violations")["violations"]
        self.assertIn("NO-AML-11-2-2a-day", {v["rule"] for v in viol})
        del before

    def test_replacement_before_a_sick_call(self):
        a = self.ok("POST", "/api/v1/assignments", {"slot": "s3",
                                                     "youth": "ida"},
                    status=201)
        before = self.ok("GET", "/api/v1/assignments?slot=s3")
        got = self.ok("GET", "/api/v1/assignments/%s/replacement" % a["id"])
        self.assertEqual(got, {"assignment": a["id"],
                               "replacement": {"youth": "ola",
                                               "name": "Ola Hansen"}})
        # Nothing was written.
        self.assertEqual(self.ok("GET", "/api/v1/assignments?slot=s3"),
                         before)
        # The sick call picks the same youth.
        c = self.ok("POST", "/api/v1/assignments/%s/cancel" % a["id"],
                    {"refill": True})
        self.assertEqual(c["replacement"]["youth"], "ola")
        self.assertError(self.request(
            "GET", "/api/v1/assignments/%s/replacement" % a["id"]),
            409, "conflict")
        # Nobody left for Ida's Monday visit (Ola is on it already).
        self.ok("POST", "/api/v1/assignments", {"slot": "s1",
                                                "youth": "ola"}, status=201)
        ida = [x for x in self.ok("GET", "/api/v1/assignments?slot=s1")[
            "assignments"] if x["youth"] == "ida"][0]
        got = self.ok("GET", "/api/v1/assignments/%s/replacement" % ida["id"],
                      headers={"Accept-Language": "nb"})
        self.assertIsNone(got["replacement"])
        self.assertTrue(got["refill_reason"])
        self.assertError(self.request(
            "GET", "/api/v1/assignments/nope/replacement"), 404)

    def test_force_reason_is_audited(self):
        self.ok("POST", "/api/v1/slots", {"id": "long", "home": "solheim",
                                          "start": "2027-01-05T15:00",
                                          "end": "2027-01-05T18:00"},
                status=201)
        r = self.request("POST", "/api/v1/assignments?force=true&reason=a%0Ab",
                         {"slot": "long", "youth": "ida"})
        self.assertEqual(r.status, 400, r.body)
        self.assertEqual(r.json()["error"]["field"], "reason")
        r = self.request("POST", "/api/v1/assignments?force=true&reason=" +
                         "x" * 501, {"slot": "long", "youth": "ida"})
        self.assertEqual(r.status, 400, r.body)
        self.ok("POST", "/api/v1/assignments?force=true&reason="
                "Foresatte%20har%20samtykket", {"slot": "long", "youth": "ida"},
                status=201)
        rows = [row for row in
                self.ok("GET", "/api/v1/youths/ida/export")["audit_log"]
                if row["entity"] == "assignment" and row["action"] == "create"
                and row.get("after") and "force_reason" in row["after"]]
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0]["after"]["force_reason"],
                         "Foresatte har samtykket")
        self.assertTrue(rows[0]["after"]["forced_violations"])

    def test_forced_violations_do_not_block_later_changes(self):
        # Two stored forced violations, then an unrelated legal change.
        for sid, start, end in (("late1", "2027-01-05T22:00",
                                 "2027-01-05T23:30"),
                                ("late2", "2027-01-06T22:00",
                                 "2027-01-06T23:30")):
            self.ok("POST", "/api/v1/slots", {"id": sid, "home": "lia",
                                              "start": start, "end": end},
                    status=201)
            self.ok("POST", "/api/v1/assignments?force=true",
                    {"slot": sid, "youth": "ola"}, status=201)
        self.assertGreaterEqual(
            len(self.ok("GET", "/api/v1/violations")["violations"]), 2)
        self.ok("POST", "/api/v1/assignments", {"slot": "s3", "youth": "ida"},
                status=201)
        self.ok("PATCH", "/api/v1/homes/lia", {"name": "Lia sykehjem"})

    def test_slot_change_that_breaks_a_rule_is_refused(self):
        # Ida is on s1 (2 h on a school day, the limit); one more minute fails.
        r = self.request("PATCH", "/api/v1/slots/s1",
                         {"end": "2027-01-04T18:01"})
        self.assertEqual(r.status, 409, r.body)
        self.assertEqual(self.ok("GET", "/api/v1/slots/s1")["end"],
                         "2027-01-04T18:00")

    def test_cancel(self):
        a = self.ok("GET", "/api/v1/assignments")["assignments"][0]
        c = self.ok("POST", "/api/v1/assignments/%s/cancel" % a["id"],
                    raw=b"", content_type=None)
        self.assertEqual(c["status"], "cancelled")
        self.assertGreater(c["seq"], a["seq"])
        r = self.request("POST", "/api/v1/assignments/%s/cancel" % a["id"],
                         raw=b"", content_type=None)
        self.assertEqual(r.status, 409)

    def test_cancel_with_refill(self):
        a = self.ok("GET", "/api/v1/assignments?youth=ida")["assignments"][0]
        c = self.ok("POST", "/api/v1/assignments/%s/cancel" % a["id"],
                    {"refill": True})
        self.assertEqual(c["status"], "cancelled")
        r = c["replacement"]
        self.assertEqual((r["slot"], r["youth"], r["status"]),
                         ("s1", "ola", "active"))
        self.assertEqual(r["made_by"], "solver")
        self.assertEqual(self.ok("GET", "/api/v1/violations")["violations"],
                         [])
        # Nobody left who may go: the cancel stands, with the reason.
        c = self.ok("POST", "/api/v1/assignments/%s/cancel" % r["id"],
                    {"refill": True})
        self.assertEqual(c["status"], "cancelled")
        if c["replacement"] is not None:
            self.assertNotEqual(c["replacement"]["youth"], "ola")
        else:
            self.assertTrue(c["refill_reason"])

    # ---- settings and school calendar ----

    def test_settings_round_trip_and_bad_switch(self):
        s = self.ok("GET", "/api/v1/settings")
        self.assertEqual(s["jurisdiction"], "NO")
        s2 = copy.deepcopy(s)
        s2["rule_options"] = {"care_exemption_12_9g": True}
        got = self.ok("PUT", "/api/v1/settings", s2)
        self.assertEqual(got["rule_options"], {"care_exemption_12_9g": True})
        s2["rule_options"] = {"week_start": "MON"}
        self.assertError(self.request("PUT", "/api/v1/settings", s2), 400)

    def test_school_calendar_put(self):
        cal = self.ok("GET", "/api/v1/school-calendar")
        cal["holidays"].append({"from": "2027-04-01", "to": "2027-04-05"})
        got = self.ok("PUT", "/api/v1/school-calendar", cal)
        self.assertEqual(len(got["holidays"]), 2)
        cal["terms"][0]["to"] = "2026-02-30"
        self.assertError(self.request("PUT", "/api/v1/school-calendar", cal),
                         400, "invalid_field")

    # ---- body handling ----

    def test_body_limits_and_types(self):
        before = self.export()
        big = b'{"name": "' + b"x" * (1024 * 1024 + 10) + b'"}'
        r = self.request("POST", "/api/v1/homes", raw=big)
        self.assertError(r, 413, "payload_too_large")
        r = self.request("POST", "/api/v1/homes", raw=b'{"name":"x"}',
                         content_type="text/plain")
        self.assertError(r, 415, "unsupported_media_type")
        r = self.request("POST", "/api/v1/homes", raw=b'{"name":')
        self.assertError(r, 400, "invalid_json")
        self.assertEqual(self.export(), before)


# Malformed requests: (method, path, body, status, code, field).
BAD_REQUESTS = [
    ("POST", "/api/v1/homes", {}, 400, "missing_field", "name"),
    ("POST", "/api/v1/homes", {"name": 5}, 400, "invalid_field", "name"),
    ("POST", "/api/v1/homes", {"name": "A", "colour": "red"}, 400,
     "unknown_field", "colour"),
    ("POST", "/api/v1/homes", [], 400, "invalid_field", None),
    ("POST", "/api/v1/homes", {"id": "bad id", "name": "A"}, 400,
     "invalid_field", "id"),
    ("POST", "/api/v1/youths", {"name": "A", "school": "none"}, 400,
     "missing_field", "birth_date"),
    ("POST", "/api/v1/youths", {"name": "A", "birth_date": "2010-13-01",
                                "school": "none"}, 400, "invalid_field",
     "birth_date"),
    ("POST", "/api/v1/youths", {"name": "A", "birth_date": "2010-01-01",
                                "school": "college"}, 400, "invalid_field",
     "school"),
    ("POST", "/api/v1/youths", {"name": "A", "birth_date": "2010-01-01",
                                "school": "none",
                                "availability": [{"days": ["mon"],
                                                  "from": "18:00",
                                                  "to": "17:00"}]},
     400, "invalid_field", None),
    ("POST", "/api/v1/youths", {"name": "A", "birth_date": "2010-01-01",
                                "school": "none",
                                "availability": [{"days": ["funday"],
                                                  "from": "10:00",
                                                  "to": "17:00"}]},
     400, "invalid_field", "availability[0].days[0]"),
    ("POST", "/api/v1/youths", {"name": "A", "birth_date": "2010-01-01",
                                "school": "none", "homes": ["nowhere"]},
     400, "unknown_reference", "homes[0]"),
    ("POST", "/api/v1/slots", {"home": "lia", "start": "2027-01-04 16:00",
                               "end": "2027-01-04T17:00"}, 400,
     "invalid_field", "start"),
    ("POST", "/api/v1/slots", {"home": "lia", "start": "2027-02-30T16:00",
                               "end": "2027-03-01T17:00"}, 400,
     "invalid_field", "start"),
    ("POST", "/api/v1/slots", {"home": "lia", "start": "2027-01-04T16:00",
                               "end": "2027-01-04T16:00"}, 400,
     "invalid_field", "end"),
    ("POST", "/api/v1/slots", {"home": "lia", "start": "2027-01-04T16:00",
                               "end": "2027-01-04T17:00", "needed": 0},
     400, "invalid_field", "needed"),
    ("POST", "/api/v1/slots", {"home": "lia", "start": "2027-01-04T16:00",
                               "end": "2027-01-04T17:00", "needed": 1e30},
     400, "invalid_field", "needed"),
    ("POST", "/api/v1/slots", {"home": "lia", "start": "2027-01-04T16:00",
                               "end": "2027-01-04T17:00", "needed": "2"},
     400, "invalid_field", "needed"),
    ("POST", "/api/v1/assignments", {"slot": "s1"}, 400, "missing_field",
     "youth"),
    ("POST", "/api/v1/assignments", {"slot": "nope", "youth": "ola"}, 400,
     "unknown_reference", "slot"),
    ("POST", "/api/v1/assignments", {"slot": "s1", "youth": "nope"}, 400,
     "unknown_reference", "youth"),
    ("POST", "/api/v1/assignments", {"slot": "s1", "youth": "ola",
                                     "pinned": "yes"}, 400,
     "invalid_field", "pinned"),
    ("PATCH", "/api/v1/homes/nope", {"name": "x"}, 404, "not_found", None),
    ("DELETE", "/api/v1/slots/nope", None, 404, "not_found", None),
    ("GET", "/api/v1/slots?limit=0", None, 400, "invalid_field", "limit"),
    ("GET", "/api/v1/slots?limit=abc", None, 400, "invalid_field", "limit"),
    ("GET", "/api/v1/slots?from=2027-02-30", None, 400, "invalid_field",
     "from"),
    ("GET", "/api/v1/assignments?status=maybe", None, 400, "invalid_field",
     "status"),
    ("POST", "/api/v1/import", {"version": 3}, 400, "invalid_field",
     "version"),
    ("POST", "/api/v1/import", {"version": 1, "jurisdiction": "XX"}, 400,
     "invalid_field", "jurisdiction"),
    ("POST", "/api/v1/import", {"version": 1, "timezone": "Mars/Base"}, 400,
     "invalid_field", "timezone"),
    ("POST", "/api/v1/homes", {"name": "'; DROP TABLE homes; --"}, 201,
     None, None),
]


class BadInputTest(RotadTestCase):

    def test_table(self):
        self.ok("POST", "/api/v1/import", base_instance())
        for method, path, body, status, code, field in BAD_REQUESTS:
            with self.subTest(method=method, path=path, body=body):
                before = self.ok("GET", "/api/v1/export")
                r = self.request(method, path, body)
                if status >= 400:
                    self.assertError(r, status, code, field)
                    self.assertEqual(self.ok("GET", "/api/v1/export"), before)
                else:
                    self.assertEqual(r.status, status, r.body)

    def test_nul_and_invalid_utf8(self):
        r = self.request("POST", "/api/v1/homes",
                         raw=b'{"name": "a\\u0000b"}')
        self.assertEqual(r.status, 400)
        r = self.request("POST", "/api/v1/homes", raw=b'{"name": "\xff\xfe"}')
        self.assertError(r, 400, "invalid_json")

    def test_deep_nesting(self):
        raw = b"[" * 100000 + b"]" * 100000
        r = self.request("POST", "/api/v1/import", raw=raw)
        self.assertEqual(r.status, 400)
        self.assertEqual(self.request("GET", "/healthz").status, 200)

    def test_raw_garbage_request_line(self):
        s = socket.create_connection(("127.0.0.1", self.daemon.port), 5)
        s.sendall(b"BLAH /\x00 HTTP/9.9\r\n\r\n")
        s.settimeout(5)
        try:
            s.recv(4096)
        except OSError:
            pass
        s.close()
        self.assertEqual(self.request("GET", "/healthz").status, 200)


class FeedTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def test_youth_feed(self):
        links = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                        content_type=None, status=201)
        self.assertTrue(links["webcal"].startswith("webcal://"))
        path = links["url"].split("/", 3)[3]
        r = self.request("GET", "/" + path, token=False)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("Content-Type"),
                         "text/calendar; charset=utf-8")
        text = r.body.decode("utf-8")
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertIn("Solheim sykehjem", text)
        self.assertNotIn("Nilsen", text)        # first names only
        self.assertNotIn("2012-03-14", text)    # no birth date
        etag = r.header("ETag")
        self.assertTrue(etag.startswith('"'))
        r2 = self.request("GET", "/" + path, token=False,
                          headers={"If-None-Match": etag})
        self.assertEqual(r2.status, 304)
        self.assertEqual(r2.body, b"")
        r3 = self.request("GET", "/" + path, token=False,
                          headers={"Accept-Encoding": "gzip"})
        self.assertEqual(r3.header("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(r3.body), r.body)
        # A change to the schedule changes the ETag.
        self.ok("PATCH", "/api/v1/slots/s1", {"activity": "Bingo"})
        r4 = self.request("GET", "/" + path, token=False,
                          headers={"If-None-Match": etag})
        self.assertEqual(r4.status, 200)
        self.assertNotEqual(r4.header("ETag"), etag)
        self.assertIn("Bingo", r4.body.decode("utf-8"))

    def test_rotation_and_unknown_tokens(self):
        old = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                      content_type=None, status=201)
        new = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                      content_type=None, status=201)
        self.assertNotEqual(old["url"], new["url"])
        r = self.request("GET", "/" + old["url"].split("/", 3)[3], token=False)
        self.assertEqual(r.status, 200)
        self.assertNotIn("BEGIN:VEVENT", r.body.decode("utf-8"))
        r = self.request("GET", "/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
                         token=False)
        self.assertEqual(r.status, 404)
        # A feed token is no API token.
        tok = new["url"].rsplit("/", 1)[1][:-4]
        self.assertEqual(self.request("GET", "/api/v1/homes", token=tok).status,
                         401)

    def test_home_page(self):
        links = self.ok("POST", "/api/v1/homes/solheim/feed", raw=b"",
                        content_type=None, status=201)
        r = self.request("GET", "/" + links["page"].split("/", 3)[3],
                         token=False)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/html"))
        self.assertIn("webcal://", r.body.decode("utf-8"))
        # A youth's token does not open a home page.
        y = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                    content_type=None, status=201)
        tok = y["url"].rsplit("/", 1)[1][:-4]
        self.assertEqual(self.request("GET", "/homes/" + tok,
                                      token=False).status, 404)


if __name__ == "__main__":
    unittest.main()
