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

    # ---- labour-law refusals and reasons (rules.c, solver.c) ----

    def refused(self, lang):
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "long", "youth": "ida"},
                         headers={"Accept-Language": lang})
        self.assertEqual(r.status, 409, r.body)
        self.assertEqual(r.json()["error"]["code"], "rule_violation")
        return [v for v in r.json()["violations"]
                if v["rule"] == "NO-AML-11-2-2a-day"][0]

    def test_refusal_in_each_language(self):
        # Ida is 14 and in compulsory school: at most 2 h on a school day.
        self.ok("POST", "/api/v1/slots",
                {"id": "long", "home": "lia", "start": "2027-01-05T15:30",
                 "end": "2027-01-05T18:01"}, status=201)
        nb, en = self.refused("nb"), self.refused("en")
        self.assertEqual(
            nb["message"],
            "Ida (14) har 2 t 31 min arbeid tirsdag 5. januar, en skoledag. "
            "På en skoledag er høyst 2 t tillatt (AML § 11-2 (2) a).")
        self.assertEqual(
            en["message"],
            "Ida (14) is scheduled 2 h 31 min on Tuesday 5 January, a school "
            "day; at most 2 h is allowed on a school day (AML § 11-2 (2) a).")
        # The citation is the law's own, whatever the reader's language;
        # the rule id is stable.
        self.assertEqual(nb["reference"], "AML § 11-2 (2) a")
        self.assertEqual(en["reference"], nb["reference"])
        self.assertEqual(nb["rule"], en["rule"])

    def test_planning_rule_in_each_language(self):
        # Ida is not available on Tuesday mornings: a planning rule, named
        # in words in the reader's language.
        self.ok("POST", "/api/v1/slots",
                {"id": "early", "home": "lia", "start": "2027-01-05T11:00",
                 "end": "2027-01-05T12:00"}, status=201)
        got = {}
        for lang in ("nb", "en"):
            r = self.request("POST", "/api/v1/assignments",
                             {"slot": "early", "youth": "ida"},
                             headers={"Accept-Language": lang})
            self.assertEqual(r.status, 409, r.body)
            got[lang] = {v["rule"]: v for v in r.json()["violations"]}
        v = got["nb"]["ROTA-availability"]
        self.assertEqual(v["reference"],
                         "rotas planleggingsregel: tilgjengelighet")
        self.assertEqual(
            v["message"],
            "Ida (14) har en vakt fra tirsdag 5. januar kl. 11:00 til 12:00, "
            "utenfor de faste tidene i uka da ungdommen er tilgjengelig "
            "(rotas planleggingsregel: tilgjengelighet).")
        v = got["en"]["ROTA-availability"]
        self.assertEqual(v["reference"], "rota planning rule: availability")
        self.assertEqual(
            v["message"],
            "Ida (14) is scheduled from Tuesday 5 January at 11:00 to 12:00, "
            "outside their weekly availability (rota planning rule: "
            "availability).")
        # No reference cites a document a coordinator has never seen.
        for lang in got:
            for v in got[lang].values():
                self.assertNotIn("docs/", v["reference"])
                self.assertIn("(" + v["reference"] + ").", v["message"])

    def test_unfilled_and_refill_reasons_in_each_language(self):
        # Ola cannot come at all: s1 (needs 2) keeps a position open.
        self.ok("PATCH", "/api/v1/youths/ola", {"availability": []})
        want = {
            "nb": "Ingen ungdommer er tilgjengelige mandag 4. januar "
                  "kl. 16:00–18:00.",
            "en": "No youth is available on Monday 4 January 16:00-18:00.",
        }
        for lang in ("nb", "en"):
            r = self.request("POST", "/api/v1/schedule",
                             {"from": "2027-01-04", "to": "2027-01-10",
                              "seconds": 0.3, "dry_run": True},
                             headers={"Accept-Language": lang})
            self.assertEqual(r.status, 200, r.body)
            why = {u["slot"]: u["reason"] for u in r.json()["unfilled"]}
            self.assertEqual(why.get("s1"), want[lang], why)
        # Ida calls in sick on s1 and nobody may take it over.
        a = self.ok("GET", "/api/v1/assignments?youth=ida")["assignments"][0]
        r = self.request("POST", "/api/v1/assignments/%s/cancel" % a["id"],
                         {"refill": True}, headers={"Accept-Language": "nb"})
        self.assertEqual(r.status, 200, r.body)
        c = r.json()
        self.assertIsNone(c["replacement"])
        self.assertEqual(c["refill_reason"],
                         "Ingen andre ungdommer er tilgjengelige mandag "
                         "4. januar kl. 16:00–18:00. 1 ungdom har meldt "
                         "forfall til dette besøket.")

    def test_feeds_do_not_vary(self):
        link = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                       content_type=None, status=201)
        r = self.request("GET", "/feeds/" + link["url"].rsplit("/", 1)[1],
                         token=False)
        self.assertEqual(r.status, 200)
        self.assertNotIn("Accept-Language", r.header("Vary") or "")
