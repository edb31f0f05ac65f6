# SPDX-License-Identifier: ISC
"""GET /api/v1/hours: the hours of a month, worked apart from planned, and
the anonymous totals a purge leaves, so the accounts still add up (issue
12, defect 7)."""
import copy

from harness import RotadTestCase, base_instance


def instance():
    inst = copy.deepcopy(base_instance())
    # An adult on a night visit across the end of summer time (forced at
    # import: night work needs a justification rota does not record).
    inst["youths"].append(
        {"id": "kari", "name": "Kari Berg", "birth_date": "2007-02-01",
         "school": "none",
         "availability": [{"days": ["mon", "tue", "wed", "thu", "fri",
                                    "sat", "sun"],
                           "from": "00:00", "to": "24:00"}]})
    inst["slots"] += [
        # November 2026 is over when this test runs: worked.
        {"id": "p1", "home": "solheim", "start": "2026-11-07T11:00",
         "end": "2026-11-07T13:00", "needed": 2},
        {"id": "p2", "home": "lia", "start": "2026-11-14T11:00",
         "end": "2026-11-14T12:30"},
        # 2026-10-25: clocks go back at 03:00, so 00:30-03:30 is 4 hours.
        {"id": "dst", "home": "lia", "start": "2026-10-25T00:30",
         "end": "2026-10-25T03:30"},
    ]
    inst["assignments"] += [
        {"slot": "p1", "youth": "ida"},
        {"slot": "p2", "youth": "ida"},
        {"slot": "p1", "youth": "ola"},
        {"slot": "s2", "youth": "ola"},
        {"slot": "dst", "youth": "kari"},
    ]
    return inst


def by_youth(h):
    return {r["youth"]: r for r in h["youths"]}


class HoursTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def test_worked_and_planned_apart(self):
        h = self.ok("GET", "/api/v1/hours?month=2026-11")
        self.assertEqual(h["month"], "2026-11")
        rows = by_youth(h)
        self.assertEqual(sorted(rows), ["ida", "ola"])
        self.assertEqual(rows["ida"]["worked"], {"shifts": 2, "minutes": 210})
        self.assertEqual(rows["ida"]["planned"], {"shifts": 0, "minutes": 0})
        self.assertEqual(rows["ola"]["worked"], {"shifts": 1, "minutes": 120})
        self.assertEqual(h["totals"]["worked"],
                         {"shifts": 3, "minutes": 330})
        # January 2027 is still ahead: planned, not worked.
        h = self.ok("GET", "/api/v1/hours?month=2027-01")
        rows = by_youth(h)
        self.assertEqual(rows["ida"]["planned"], {"shifts": 1, "minutes": 120})
        self.assertEqual(rows["ida"]["worked"], {"shifts": 0, "minutes": 0})
        self.assertEqual(rows["ola"]["planned"], {"shifts": 1, "minutes": 120})
        self.assertEqual(h["totals"]["worked"], {"shifts": 0, "minutes": 0})

    def test_real_minutes_across_a_dst_change(self):
        rows = by_youth(self.ok("GET", "/api/v1/hours?month=2026-10"))
        self.assertEqual(rows["kari"]["worked"], {"shifts": 1, "minutes": 240})

    def test_cancelled_visits_are_not_hours(self):
        a = self.ok("GET", "/api/v1/assignments?youth=ola&slot=p1")
        aid = a["assignments"][0]["id"]
        self.ok("POST", "/api/v1/assignments/%s/cancel" % aid, raw=b"",
                content_type=None)
        rows = by_youth(self.ok("GET", "/api/v1/hours?month=2026-11"))
        self.assertNotIn("ola", rows)

    def test_purge_keeps_worked_totals_only(self):
        # Anonymous totals stay across imports: compare before and after.
        def anon(month):
            h = self.ok("GET", "/api/v1/hours?month=" + month)
            return h, {r["home"]: (r["shifts"], r["minutes"])
                       for r in h["anonymous"]}
        before_nov, nov0 = anon("2026-11")
        _, jan0 = anon("2027-01")
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        h, nov1 = anon("2026-11")
        self.assertEqual(sorted(by_youth(h)), ["ola"])
        for home, (shifts, minutes) in (("lia", (1, 90)),
                                        ("solheim", (1, 120))):
            s0, m0 = nov0.get(home, (0, 0))
            self.assertEqual(nov1[home], (s0 + shifts, m0 + minutes))
        self.assertEqual(
            h["totals"]["anonymous"]["minutes"],
            before_nov["totals"]["anonymous"]["minutes"] + 210)
        # The month's total is the same before and after the purge.
        self.assertEqual(
            h["totals"]["worked"]["minutes"] +
            h["totals"]["anonymous"]["minutes"],
            before_nov["totals"]["worked"]["minutes"] +
            before_nov["totals"]["anonymous"]["minutes"])
        # Her planned January visit was never worked: not in the totals.
        h, jan1 = anon("2027-01")
        self.assertEqual(jan1, jan0)
        self.assertEqual(sorted(by_youth(h)), ["ola"])
        # Nothing in the answer names her.
        self.assertNotIn("Ida", str(h))

    def test_bad_month(self):
        for q in ("", "?month=2026-13", "?month=2026-1", "?month=26-11",
                  "?month=2026-11-01", "?month=abcd-ef"):
            self.assertError(self.request("GET", "/api/v1/hours" + q), 400,
                             "invalid_field", "month")

    def test_needs_a_token(self):
        self.assertError(
            self.request("GET", "/api/v1/hours?month=2026-11", token=False),
            401)
