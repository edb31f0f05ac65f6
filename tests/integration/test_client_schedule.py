# SPDX-License-Identifier: ISC
"""rota schedule --dry-run names its run, and rota schedule --apply RUN
stores exactly that preview (POST /api/v1/schedule/{run}/apply); after a
change the server refuses and nothing is stored."""
import json

import test_client
from test_client import EXIT_OK


class ClientScheduleTest(test_client.ClientCase):

    def active(self):
        a = json.loads(self.ok_rota("assignments", "list", "--json").stdout)
        return sorted((x["slot"], x["youth"]) for x in a
                      if x["status"] == "active")

    def test_dry_run_then_apply(self):
        before = self.active()
        r = self.ok_rota("schedule", "--from", "2027-01-01", "--to",
                         "2027-01-31", "--dry-run", "--seconds", "1")
        hint = [l for l in r.stdout.splitlines()
                if "rota schedule --apply " in l]
        self.assertEqual(len(hint), 1, r.stdout)
        run = hint[0].rsplit(" ", 1)[1]
        made = {tuple(l.split()[1:3]) for l in r.stdout.splitlines()
                if l.endswith(" assigned")}
        self.assertTrue(made)
        self.assertEqual(self.active(), before)
        a = self.ok_rota("schedule", "--apply", run)
        self.assertRegex(a.stdout.splitlines()[-1],
                         r"^stored the previewed plan: %d assigned, 0 "
                         r"removed from " % len(made))
        self.assertEqual(set(self.active()), set(before) | made)
        # Applied once: gone.
        r = self.rota("schedule", "--apply", run)
        self.assertNotEqual(r.returncode, EXIT_OK)

    def test_apply_after_a_change_is_refused(self):
        d = json.loads(self.ok_rota("schedule", "--from", "2027-01-01",
                                    "--to", "2027-01-31", "--dry-run",
                                    "--seconds", "1", "--json").stdout)
        self.ok("PATCH", "/api/v1/slots/s3", {"activity": "Tur i parken"})
        before = self.active()
        r = self.rota("schedule", "--apply", d["run"])
        self.assertNotEqual(r.returncode, EXIT_OK)
        self.assertIn("plan again", r.stderr)
        self.assertEqual(self.active(), before)
        self.fails(2, "schedule", "--apply", "../x")
