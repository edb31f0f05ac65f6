# SPDX-License-Identifier: ISC
"""ETag and If-Match on entities (issue 12): two coordinators must not
silently overwrite each other.  Every answer with one home, youth, slot or
assignment has a strong ETag; PATCH, DELETE and cancel with an If-Match that
no longer matches answer 412 with the current version and change nothing."""
from harness import RotadTestCase, base_instance


class ETagTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def get(self, path):
        r = self.request("GET", path)
        self.assertEqual(r.status, 200, r.body)
        tag = r.header("ETag")
        self.assertRegex(tag, r'^"[0-9a-f]{32}"$')
        return r.json(), tag

    def test_lost_update_is_refused_for_each_kind(self):
        for path, patch in (("/api/v1/homes/lia", {"address": "Nyveien 3"}),
                            ("/api/v1/youths/ola", {"skills": ["quiz"]}),
                            ("/api/v1/slots/s3", {"activity": "Bingo"})):
            with self.subTest(path=path):
                before, tag = self.get(path)
                # Coordinator B changes it first ...
                r = self.request("PATCH", path, patch,
                                 headers={"If-Match": tag})
                self.assertEqual(r.status, 200, r.body)
                new_tag = r.header("ETag")
                self.assertNotEqual(new_tag, tag)
                # ... which is the version a GET now shows.
                after, tag2 = self.get(path)
                self.assertEqual(tag2, new_tag)
                # Coordinator A, still holding the old version, is refused
                # and shown the current one; nothing changes.
                r = self.request("PATCH", path, {"name": "A's edit"},
                                 headers={"If-Match": tag})
                e = self.assertError(r, 412, "precondition_failed",
                                     "If-Match")
                self.assertTrue(e["message"])
                self.assertEqual(r.json()["current"], after)
                self.assertEqual(r.header("ETag"), new_tag)
                self.assertEqual(self.get(path)[0], after)
                r = self.request("DELETE", path, headers={"If-Match": tag})
                self.assertError(r, 412, "precondition_failed")
                self.assertEqual(self.get(path)[0], after)

    def test_assignments(self):
        a = self.ok("GET", "/api/v1/assignments?youth=ida")["assignments"][0]
        path = "/api/v1/assignments/" + a["id"]
        _, tag = self.get(path)
        r = self.request("PATCH", path, {"pinned": False},
                         headers={"If-Match": tag})
        self.assertEqual(r.status, 200, r.body)
        _, tag2 = self.get(path)
        self.assertEqual(r.header("ETag"), tag2)
        for method, suffix in (("PATCH", ""), ("DELETE", ""),
                               ("POST", "/cancel")):
            with self.subTest(method=method, suffix=suffix):
                r = self.request(method, path + suffix,
                                 {"pinned": True} if method == "PATCH"
                                 else None,
                                 raw=b"" if method == "POST" else None,
                                 headers={"If-Match": tag},
                                 content_type="application/json"
                                 if method == "PATCH" else None)
                self.assertError(r, 412, "precondition_failed")
        self.assertEqual(self.get(path)[1], tag2)
        # The current tag goes through.
        r = self.request("POST", path + "/cancel", raw=b"",
                         content_type=None, headers={"If-Match": tag2})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["status"], "cancelled")

    def test_star_weak_and_lists(self):
        path = "/api/v1/homes/solheim"
        _, tag = self.get(path)
        # "*" matches any current version.
        r = self.request("PATCH", path, {"address": "A"},
                         headers={"If-Match": "*"})
        self.assertEqual(r.status, 200, r.body)
        _, tag = self.get(path)
        # A weak tag never matches (If-Match compares strongly).
        r = self.request("PATCH", path, {"address": "B"},
                         headers={"If-Match": "W/" + tag})
        self.assertError(r, 412, "precondition_failed")
        # A list matches when any of its tags does.
        r = self.request("PATCH", path, {"address": "C"},
                         headers={"If-Match": '"0000", %s' % tag})
        self.assertEqual(r.status, 200, r.body)
        # Garbage is simply no match.
        r = self.request("PATCH", path, {"address": "D"},
                         headers={"If-Match": 'nonsense, "'})
        self.assertError(r, 412, "precondition_failed")
        self.assertEqual(self.get(path)[0]["address"], "C")

    def test_without_if_match_nothing_changes(self):
        r = self.request("PATCH", "/api/v1/homes/lia", {"address": "X"})
        self.assertEqual(r.status, 200, r.body)
        self.assertTrue(r.header("ETag"))
        # A missing entity stays 404, whatever If-Match says.
        r = self.request("PATCH", "/api/v1/homes/nowhere", {"address": "X"},
                         headers={"If-Match": '"abc"'})
        self.assertError(r, 404, "not_found")

    def test_created_entities_carry_their_tag(self):
        r = self.request("POST", "/api/v1/homes",
                         {"name": "Nye hjem", "address": "Vei 1"})
        self.assertEqual(r.status, 201, r.body)
        _, tag = self.get(r.header("Location"))
        self.assertEqual(r.header("ETag"), tag)
