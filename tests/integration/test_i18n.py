# SPDX-License-Identifier: ISC
"""The API answers in the reader's language (issue 13): Accept-Language,
else the organisation's (bokmål for the NO jurisdiction); messages come from
po/nb.po; the code stays a stable English identifier; two readers in two
languages at the same time each get their own."""
import copy
import threading

from harness import RotadTestCase, base_instance


class LanguageTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def error(self, lang, path="/api/v1/homes/nowhere"):
        headers = {} if lang is None else {"Accept-Language": lang}
        r = self.request("GET", path, headers=headers)
        return r, self.assertError(r, 404, "not_found")

    def test_each_language(self):
        r, e = self.error("nb")
        self.assertEqual(e["message"], "fant ikke sykehjemmet med id 'nowhere'")
        self.assertEqual(r.header("Content-Language"), "nb")
        self.assertIn("Accept-Language", r.header("Vary"))
        r, e = self.error("en-GB,en;q=0.9")
        self.assertEqual(e["message"], "no home has id 'nowhere'")
        self.assertEqual(r.header("Content-Language"), "en")
        r, e = self.error("de, nb;q=0.5, en;q=0.4")
        self.assertTrue(e["message"].startswith("fant ikke"), e)

    def test_default_is_the_organisations_language(self):
        # No header at all (curl, scripts): bokmål for a NO organisation.
        r = self.request("GET", "/api/v1/homes/nowhere",
                         headers={"Accept-Language": ""})
        e = self.assertError(r, 404, "not_found")
        self.assertTrue(e["message"].startswith("fant ikke"), e)
        # An EU organisation: English.
        inst = copy.deepcopy(base_instance())
        inst["jurisdiction"] = "EU"
        self.ok("POST", "/api/v1/import", inst)
        self.ok("GET", "/api/v1/homes")  # load it
        r = self.request("GET", "/api/v1/homes/nowhere",
                         headers={"Accept-Language": "sv"})
        e = self.assertError(r, 404, "not_found")
        self.assertEqual(e["message"], "no home has id 'nowhere'")

    def test_validation_errors_are_translated(self):
        r = self.request("POST", "/api/v1/youths",
                         {"name": "Ida", "birth_date": "2012-02-30"},
                         headers={"Accept-Language": "nb"})
        e = self.assertError(r, 400, "invalid_field", "birth_date")
        self.assertIn("er ikke en gyldig dato", e["message"])
        r = self.request("POST", "/api/v1/youths",
                         {"name": "Ida", "birth_date": "2012-02-30"})
        e = self.assertError(r, 400, "invalid_field", "birth_date")
        self.assertIn("is not a valid date", e["message"])

    def test_two_readers_at_once(self):
        want = {"nb": "fant ikke sykehjemmet med id 'nowhere'",
                "en": "no home has id 'nowhere'"}
        wrong = []

        def reader(lang):
            for _ in range(40):
                r = self.request("GET", "/api/v1/homes/nowhere",
                                 headers={"Accept-Language": lang})
                msg = r.json()["error"]["message"]
                if msg != want[lang]:
                    wrong.append((lang, msg))

        threads = [threading.Thread(target=reader, args=(lang,))
                   for lang in ("nb", "en", "nb", "en")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(wrong, [])

    def test_feeds_do_not_vary(self):
        link = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                       content_type=None, status=201)
        r = self.request("GET", "/feeds/" + link["url"].rsplit("/", 1)[1],
                         token=False)
        self.assertEqual(r.status, 200)
        self.assertNotIn("Accept-Language", r.header("Vary") or "")
