# SPDX-License-Identifier: ISC
"""Guardian consent online (issue 16): the coordinator's consent link
(/api/v1/youths/{id}/consent-link: make, revoke, one active, expiry), the
guardian's page /consent/TOKEN (what the youth will do, the limits of
the youth's age from the rules engine, the form with its token), consent
recorded through the gate with an audit row, withdrawal let through as
the one forced exception, the visits then violations, and the personal
data (hashed token, the guardian in the export, gone with a purge).
"""
import datetime as dt
import hashlib
import re
import sqlite3
import urllib.parse
import zoneinfo

from axe import assert_accessible
from browser import BrowserTestCase
from harness import RotadTestCase

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
TODAY = dt.datetime.now(OSLO).date()
ANYTIME = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "from": "00:00", "to": "24:00"}]
HOSTILE = '<script>alert(1)</script>&"x\''


def saturday_after(d):
    d += dt.timedelta(days=2)
    while d.weekday() != 5:
        d += dt.timedelta(days=1)
    return d


SAT = saturday_after(TODAY)
SAT2 = SAT + dt.timedelta(days=7)


def birth(age):
    return TODAY.replace(year=TODAY.year - age - 1,
                         day=min(TODAY.day, 28)).isoformat()


IDA_BIRTH = birth(14)


def instance():
    return {
        "version": 1, "jurisdiction": "NO", "timezone": "Europe/Oslo",
        "school_calendar": {
            "terms": [{"from": (TODAY - dt.timedelta(days=60)).isoformat(),
                       "to": (TODAY + dt.timedelta(days=90)).isoformat()}],
            "holidays": [],
            "school_hours": {"start": "08:15", "end": "14:30"}},
        "homes": [{"id": "solheim", "name": "Solheim sykehjem",
                   "address": "Solveien 1"},
                  {"id": "lia", "name": "Lia " + HOSTILE}],
        "youths": [
            # 14, in compulsory school, no consent, English page.
            {"id": "ida", "name": "Ida Nilsen", "birth_date": IDA_BIRTH,
             "school": "compulsory", "availability": ANYTIME,
             "language": "en", "homes": ["solheim"],
             "guardian_email": "kari.nilsen@example.org"},
            # 14, Norwegian page.
            {"id": "per", "name": "Per Berg", "birth_date": birth(14),
             "school": "compulsory", "availability": ANYTIME},
            # 17 in upper secondary: no consent needed.
            {"id": "ola", "name": "Ola Hansen", "birth_date": birth(17),
             "school": "secondary", "availability": ANYTIME},
        ],
        "slots": [
            {"id": "sat", "home": "solheim", "start": "%sT11:00" % SAT,
             "end": "%sT12:30" % SAT, "activity": "Kaffe og prat",
             "needed": 2},
            {"id": "sat2", "home": "solheim", "start": "%sT11:00" % SAT2,
             "end": "%sT12:30" % SAT2, "activity": "Tur"},
        ],
        "assignments": [],
    }


def form(**fields):
    return urllib.parse.urlencode(fields).encode()


class ConsentTestBase(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())

    def link(self, youth="ida"):
        out = self.ok("POST", "/api/v1/youths/%s/consent-link" % youth,
                      status=201)
        self.assertEqual(out["mail"], "not_sent")
        m = re.fullmatch(r"http://[^/]+/consent/([A-Za-z0-9_-]{40,})",
                         out["url"])
        self.assertIsNotNone(m, out)
        return m.group(1)

    def page(self, token, status=200):
        r = self.request("GET", "/consent/" + token, token=False)
        self.assertEqual(r.status, status, r.body[:300])
        return r

    def csrf(self, body):
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', body)
        self.assertIsNotNone(m, body)
        return m.group(1)

    def post(self, token, what, status=200, **fields):
        r = self.request("POST", "/consent/%s/%s" % (token, what),
                         token=False, raw=form(**fields),
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, status, r.body[:2000])
        return r.body.decode()

    def answer(self, token, what, name, status=200):
        body = self.page(token).body.decode()
        return self.post(token, what, status, csrf=self.csrf(body),
                         name=name)

    def youth(self, y="ida"):
        return self.ok("GET", "/api/v1/youths/" + y)

    def db(self, sql, args=()):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            rows = db.execute(sql, args).fetchall()
            db.commit()
            return rows
        finally:
            db.close()

    def consent_violations(self, youth="ida"):
        return [v for v in self.ok("GET", "/api/v1/violations")["violations"]
                if v["rule"] == "NO-FOR-12-4" and v.get("youth") == youth]


class ConsentLinkTest(ConsentTestBase):

    def test_only_for_youths_who_need_consent(self):
        r = self.request("POST", "/api/v1/youths/ola/consent-link")
        self.assertError(r, 409, field="guardian_consent")
        st = self.ok("GET", "/api/v1/youths/ola/consent-link")
        self.assertFalse(st["needed"])
        st = self.ok("GET", "/api/v1/youths/ida/consent-link")
        self.assertTrue(st["needed"])
        self.assertIsNone(st["guardian_consent"])
        self.assertIsNone(st["link"])
        self.assertError(self.request(
            "POST", "/api/v1/youths/nobody/consent-link"), 404)

    def test_token_stored_hashed_one_active_revocable(self):
        tok = self.link()
        rows = self.db("SELECT token_hash, revoked_at, expires_at - "
                       "created_at FROM consent_links WHERE youth_id='ida'")
        self.assertEqual(len(rows), 1)
        self.assertEqual(bytes(rows[0][0]),
                         hashlib.blake2b(tok.encode(),
                                         digest_size=32).digest())
        self.assertEqual(rows[0][2], 30 * 86400)
        # The token itself is nowhere in the database.
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            dump = "\n".join(db.iterdump())
        finally:
            db.close()
        self.assertNotIn(tok, dump)
        st = self.ok("GET", "/api/v1/youths/ida/consent-link")
        self.assertTrue(st["link"]["active"])
        self.assertEqual(st["guardian_email"], "kari.nilsen@example.org")
        # A new link revokes the old one.
        tok2 = self.link()
        self.page(tok, 410)
        self.page(tok2)
        # Revoked by the coordinator: 410, for the forms too.
        self.ok("DELETE", "/api/v1/youths/ida/consent-link", status=204)
        self.page(tok2, 410)
        self.post(tok2, "confirm", 410, csrf="0" * 64, name="Kari")
        self.assertIsNone(self.ok(
            "GET", "/api/v1/youths/ida/consent-link")["link"])
        acts = [a for (a,) in self.db(
            "SELECT action FROM audit_log WHERE entity='youth' AND "
            "entity_id='ida' ORDER BY id")]
        self.assertEqual(acts[-3:], ["consent_link", "consent_link",
                                     "consent_link_revoke"])

    def test_unknown_and_expired_tokens(self):
        for t in ("A" * 43, "abc", "A" * 300):
            with self.subTest(token=t):
                self.page(t, 404)
                self.post(t, "confirm", 404, csrf="x", name="Kari")
        tok = self.link()
        self.page(tok)
        self.db("UPDATE consent_links SET expires_at = created_at - 1")
        self.page(tok, 410)
        self.post(tok, "confirm", 410, csrf="x", name="Kari")
        # A feed token opens no consent page.
        feed = self.ok("POST", "/api/v1/youths/ida/feed")["url"]
        self.page(feed.rsplit("/", 1)[1][:-4], 404)


class ConsentPageTest(ConsentTestBase):

    def test_page_shows_the_work_and_the_limits_of_a_14_year_old(self):
        r = self.page(self.link())
        csp = r.header("Content-Security-Policy")
        self.assertIn("default-src 'none'", csp)
        self.assertIn("form-action 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer")
        self.assertEqual(r.header("Content-Language"), "en")
        body = r.body.decode()
        self.assertNotIn("<script", body)
        self.assertIn("Consent for Ida", body)
        # Least personal data: first name only, no birth date, no e-mail.
        for secret in ("Nilsen", IDA_BIRTH, "kari.nilsen"):
            self.assertNotIn(secret, body)
        # Where and what.
        self.assertIn("Solheim sykehjem, Solveien 1", body)
        self.assertNotIn("Lia", body)  # not one of her homes
        self.assertIn("Kaffe og prat", body)
        limits = re.search(r'<ul id="limits">(.*?)</ul>', body, re.S)
        self.assertIsNotNone(limits, body)
        text = limits.group(1)
        # The rules engine's rows for a child in compulsory school.
        for line in ("At most 2 h of work on a school day.",
                     "At most 12 h of work in a week with school.",
                     "At most 7 h of work on a day without school.",
                     "No work between 20:00 and 06:00.",
                     "At least 14 h of rest in every 24 hours.",
                     "No work during school lessons."):
            self.assertIn(line, text)
        self.assertIn("No consent is recorded.", body)
        self.assertIn('id="confirm"', body)

    def test_norwegian_page_and_escaping(self):
        self.ok("PATCH", "/api/v1/youths/per", {"homes": ["lia"]})
        r = self.page(self.link("per"))
        body = r.body.decode()
        self.assertEqual(r.header("Content-Language"), "nb")
        self.assertIn('<html lang="nb">', body)
        self.assertIn("Samtykke for Per", body)
        self.assertNotIn(HOSTILE, body)
        self.assertIn("Lia &lt;script&gt;", body)
        self.assertIn("skoledag", body)


class ConsentAnswerTest(ConsentTestBase):

    def test_confirm_records_the_date_and_audit_then_the_gate_allows(self):
        # Without consent the gate refuses a shift for a 14-year-old.
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "sat", "youth": "ida"})
        e = self.assertError(r, 409, "rule_violation")
        self.assertIn("NO-FOR-12-4",
                      {v["rule"] for v in r.json()["violations"]})
        del e
        tok = self.link()
        body = self.answer(tok, "confirm", "  Kari Nilsen ")
        self.assertIn("Your consent is recorded", body)
        self.assertIn("Consent recorded on", body)
        self.assertIn('id="withdraw"', body)
        y = self.youth()
        self.assertEqual(y["guardian_consent"], TODAY.isoformat())
        self.assertEqual(y["guardian_name"], "Kari Nilsen")
        actor, action, after = self.db(
            "SELECT actor, action, after FROM audit_log WHERE "
            "entity='youth' AND entity_id='ida' ORDER BY id DESC")[0]
        self.assertEqual((actor, action), ("guardian:ida", "update"))
        self.assertIn(TODAY.isoformat(), after)
        # Now the gate lets the shift through.
        self.ok("POST", "/api/v1/assignments",
                {"slot": "sat", "youth": "ida"}, status=201)
        self.assertEqual(self.consent_violations(), [])
        # Confirmed twice: nothing more happens.
        n = len(self.db("SELECT id FROM audit_log"))
        self.answer(tok, "confirm", "Kari Nilsen")
        self.assertEqual(len(self.db("SELECT id FROM audit_log")), n)

    def test_withdraw_makes_future_shifts_violations(self):
        tok = self.link()
        self.answer(tok, "confirm", "Kari Nilsen")
        self.ok("POST", "/api/v1/assignments",
                {"slot": "sat", "youth": "ida"}, status=201)
        body = self.answer(tok, "withdraw", "Kari Nilsen")
        self.assertIn("Your consent is withdrawn", body)
        self.assertIn("No consent is recorded.", body)
        self.assertNotIn("guardian_consent", self.youth())
        # The visit stays planned and is a violation the coordinator sees.
        v = self.consent_violations()
        self.assertEqual(len(v), 1, v)
        self.assertIn("sat", v[0]["slots"])
        actor, after = self.db(
            "SELECT actor, after FROM audit_log WHERE entity='youth' AND "
            "entity_id='ida' ORDER BY id DESC")[0]
        self.assertEqual(actor, "guardian:ida")
        self.assertIn("forced_violations", after)
        self.assertIn("withdrawn", after)

    def test_form_token_name_and_media_type_are_checked(self):
        tok = self.link()
        body = self.page(tok).body.decode()
        good = self.csrf(body)
        self.post(tok, "confirm", 403, csrf="0" * len(good), name="Kari")
        self.post(tok, "confirm", 403, name="Kari")
        self.post(tok, "confirm", 400, csrf=good, name="   ")
        self.post(tok, "confirm", 400, csrf=good, name="x" * 201)
        r = self.request("POST", "/consent/%s/confirm" % tok, token=False,
                         body={"csrf": good, "name": "Kari"})
        self.assertEqual(r.status, 415)
        self.assertNotIn("guardian_consent", self.youth())
        # The token is the link's: another link's page token fails.
        tok2 = self.link("per")
        self.post(tok2, "confirm", 403, csrf=good, name="Kari")
        self.assertNotIn("guardian_consent", self.youth("per"))

    def test_coordinator_withdraws_by_api(self):
        tok = self.link()
        self.answer(tok, "confirm", "Kari Nilsen")
        self.ok("POST", "/api/v1/assignments",
                {"slot": "sat", "youth": "ida"}, status=201)
        out = self.ok("DELETE", "/api/v1/youths/ida/consent")
        self.assertIsNone(out["guardian_consent"])
        self.assertTrue(out["forced_violations"])
        self.assertEqual(len(self.consent_violations()), 1)
        self.assertError(self.request(
            "DELETE", "/api/v1/youths/ida/consent"), 409)

    def test_patch_withdrawal_is_let_through_other_changes_are_not(self):
        tok = self.link()
        self.answer(tok, "confirm", "Kari Nilsen")
        self.ok("POST", "/api/v1/assignments",
                {"slot": "sat", "youth": "ida"}, status=201)
        # Withdrawal and a change that breaks another rule: refused.
        r = self.request("PATCH", "/api/v1/youths/ida",
                         {"guardian_consent": None, "availability": []})
        self.assertError(r, 409, "rule_violation")
        self.assertEqual(self.youth()["guardian_consent"], TODAY.isoformat())
        # Withdrawal alone: let through, forced and audited.
        y = self.ok("PATCH", "/api/v1/youths/ida",
                    {"guardian_consent": None})
        self.assertNotIn("guardian_consent", y)
        self.assertTrue(y["forced_violations"])
        self.assertEqual(len(self.consent_violations()), 1)


class ConsentPrivacyTest(ConsentTestBase):

    def test_guardian_in_export_and_gone_with_purge(self):
        tok = self.link()
        self.answer(tok, "confirm", "Kari Nilsen")
        r = self.request("PATCH", "/api/v1/youths/ida",
                         {"guardian_email": "not an address"})
        self.assertError(r, 400, field="guardian_email")
        export = self.ok("GET", "/api/v1/youths/ida/export")
        text = str(export)
        self.assertIn("kari.nilsen@example.org", text)
        self.assertIn("Kari Nilsen", text)
        self.assertIn("consent_link",
                      {row["action"] for row in export["audit_log"]})
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        self.page(tok, 404)
        self.assertEqual(self.db("SELECT * FROM consent_links WHERE "
                                 "youth_id='ida'"), [])
        for (before, after) in self.db("SELECT before, after FROM "
                                       "audit_log"):
            self.assertNotIn("Kari", (before or "") + (after or ""))
            self.assertNotIn("kari.nilsen", (before or "") + (after or ""))


class ConsentBrowserTest(ConsentTestBase, BrowserTestCase):
    """The guardian's page in headless Chromium at phone width.  The page
    has no script (ConsentPageTest checks it); JavaScript stays on here
    for axe-core, which the tests inject."""

    window = (390, 844)

    def setUp(self):
        super().setUp()
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 390, "height": 844, "deviceScaleFactor": 2,
            "mobile": True})
        self.driver.get_log("browser")

    def fits(self):
        from selenium.webdriver.common.by import By
        for el in self.driver.find_elements(
                By.CSS_SELECTOR, "main, li, button, input, p"):
            self.assertLessEqual(el.rect["x"] + el.rect["width"], 390,
                                 el.get_attribute("outerHTML")[:120])

    def test_consent_and_withdraw_at_phone_width(self):
        from selenium.webdriver.common.by import By
        d = self.driver
        tok = self.link("per")
        d.get(self.base + "/consent/" + tok)
        self.wait(lambda d: d.find_elements(By.ID, "limits"))
        self.assertEqual(d.find_element(By.TAG_NAME, "html")
                         .get_attribute("lang"), "nb")
        self.fits()
        assert_accessible(self, d, "the consent page")
        limits = d.find_element(By.ID, "limits").text
        self.assertIn("Høyst 2 t arbeid på en skoledag.", limits)
        # The style applied (its hash is in the CSP): a big button.
        button = d.find_element(By.ID, "confirm")
        self.assertGreaterEqual(button.rect["height"], 44)
        self.assertEqual(button.text, "Jeg samtykker")
        # The name is required: an empty form is not sent.
        button.click()
        self.assertNotIn("guardian_consent", self.youth("per"))
        d.find_element(By.ID, "name").send_keys("Anne Berg")
        d.find_element(By.ID, "confirm").click()
        notice = self.wait(lambda d: d.find_elements(By.ID, "notice"))[0]
        self.assertIn("Takk!", notice.text)
        self.assertEqual(self.youth("per")["guardian_consent"],
                         TODAY.isoformat())
        self.assertEqual(self.youth("per")["guardian_name"], "Anne Berg")
        self.fits()
        assert_accessible(self, d, "the consent page after consent")
        # Withdrawn on the same page.
        d.find_element(By.ID, "name").send_keys("Anne Berg")
        d.find_element(By.ID, "withdraw").click()
        self.wait(lambda d: d.find_elements(By.ID, "confirm"))
        self.assertIn("trukket tilbake",
                      d.find_element(By.ID, "notice").text)
        self.assertNotIn("guardian_consent", self.youth("per"))
