# SPDX-License-Identifier: ISC
"""`rota publish` (issue 16, draft and publish) against a real rotad: the
preview says per youth and per home who will be told what; --dry-run
publishes nothing and names the preview's version; --preview V publishes
only when the preview is still V (else exit 4 and nothing published);
--from/--to and --home cut the range; in immediate mode it says that
everything is published already.
"""
import json

from test_client import ClientCase, EXIT_OK, EXIT_USAGE

EXIT_CHANGED = 4


class ClientPublishTest(ClientCase):

    def set_mode(self, mode):
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["publish"] = mode
        self.ok("PUT", "/api/v1/settings", s)

    def setUp(self):
        super().setUp()
        self.set_mode("manual")

    def tearDown(self):
        self.set_mode("immediate")
        super().tearDown()

    def preview(self):
        return self.ok("GET", "/api/v1/publish/preview")

    def test_preview_then_publish(self):
        self.assertEqual(self.preview()["slots"], 0)
        self.ok("PATCH", "/api/v1/slots/s1", {"activity": "Bingo"})
        self.ok("POST", "/api/v1/assignments", {"slot": "s3", "youth": "ola"})
        r = self.ok_rota("publish", "--dry-run")
        out = r.stdout
        self.assertIn("Ida Nilsen (ida)", out)
        self.assertIn("Ola Hansen (ola)", out)
        self.assertIn("Solheim sykehjem (solheim)", out)
        self.assertRegex(out, r"changed +2027-01-04 16:00-18:00 solheim "
                              r"\(Quiz\) -> 2027-01-04 16:00-18:00 "
                              r"solheim \(Bingo\)")
        self.assertRegex(out, r"new +2027-01-09 11:00-14:00 solheim \(Tur\)")
        version = self.preview()["preview_version"]
        self.assertIn("2 visits to publish; preview %s." % version, out)
        # A dry run publishes nothing.
        self.assertEqual(self.preview()["slots"], 2)
        self.assertTrue(self.ok("GET", "/api/v1/slots/s1")["draft"])
        r = self.ok_rota("publish")
        self.assertIn("Published 2 visits.", r.stdout)
        self.assertFalse(self.ok("GET", "/api/v1/slots/s1")["draft"])
        self.assertEqual(self.preview()["slots"], 0)
        r = self.ok_rota("publish")
        self.assertIn("Nothing to publish.", r.stdout)

    def test_an_outdated_preview_publishes_nothing_and_exits_4(self):
        self.ok("PATCH", "/api/v1/slots/s1", {"activity": "Bingo"})
        old = json.loads(self.ok_rota("publish", "--dry-run",
                                      "--json").stdout)["preview_version"]
        self.ok("PATCH", "/api/v1/slots/s1", {"activity": "Bingo igjen"})
        r = self.fails(EXIT_CHANGED, "publish", "--preview", old)
        self.assertIn("nothing was published", r.stderr)
        self.assertTrue(self.ok("GET", "/api/v1/slots/s1")["draft"])
        self.assertEqual(self.preview()["slots"], 1)
        # The current version publishes.
        cur = self.preview()["preview_version"]
        r = self.ok_rota("publish", "--preview", cur, "--json")
        self.assertEqual(json.loads(r.stdout)["slots"], 1)
        self.assertFalse(self.ok("GET", "/api/v1/slots/s1")["draft"])

    def test_range_and_home(self):
        self.ok("PATCH", "/api/v1/slots/s1", {"activity": "Bingo"})
        self.ok("PATCH", "/api/v1/slots/s2", {"activity": "Vafler"})
        self.ok("PATCH", "/api/v1/slots/s3", {"activity": "Sykkeltur"})
        # s1 and s2 start 4 and 5 January; s3 on the 9th.
        r = self.ok_rota("publish", "--from", "2027-01-04", "--to",
                         "2027-01-05", "--home", "lia")
        self.assertIn("Published 1 visit.", r.stdout)
        self.assertNotIn("Solheim", r.stdout)
        self.assertFalse(self.ok("GET", "/api/v1/slots/s2")["draft"])
        self.assertTrue(self.ok("GET", "/api/v1/slots/s1")["draft"])
        r = self.ok_rota("publish", "--from", "2027-01-04", "--to",
                         "2027-01-05")
        self.assertIn("Published 1 visit.", r.stdout)
        self.assertFalse(self.ok("GET", "/api/v1/slots/s1")["draft"])
        self.assertTrue(self.ok("GET", "/api/v1/slots/s3")["draft"])
        self.fails(EXIT_USAGE, "publish", "--from", "4 January")
        self.fails(EXIT_USAGE, "publish", "extra")

    def test_immediate_mode_says_so(self):
        self.set_mode("immediate")
        r = self.ok_rota("publish")
        self.assertIn("Publishing is immediate", r.stdout)
        self.assertEqual(r.returncode, EXIT_OK)
