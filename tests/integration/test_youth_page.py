# SPDX-License-Identifier: ISC
"""The youth's own page (issue 16): GET /youth/TOKEN with the feed link's
secret, and its plain HTML forms: claim an open visit (through the
labour-law gate, refused with the reason in words), give a visit away, a
colleague taking it (a swap), a day off, and the coordinators' requests
API (/api/v1/requests: list, approve, decline).

The instance is built around today's date, with a school term around it,
so that "the next four weeks" and school days hold whenever it runs.
"""
import datetime as dt
import html
import re
import sqlite3
import urllib.parse
import zoneinfo

from browser import BrowserTestCase
from harness import RotadTestCase

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
TODAY = dt.datetime.now(OSLO).date()
UNKNOWN_TOKEN = "A" * 43
PASSWORD = "a long enough password"
ANYTIME = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "from": "00:00", "to": "24:00"}]
HOSTILE = '<script>alert(1)</script>&"x\''


def weekday_on_or_after(d, wanted):
    """The first date >= d whose weekday is in wanted (Mon = 0)."""
    while d.weekday() not in wanted:
        d += dt.timedelta(days=1)
    return d


# Distinct school days (Mon-Fri) and a Saturday, all a few days ahead.
D1 = weekday_on_or_after(TODAY + dt.timedelta(days=2), range(5))
D2 = weekday_on_or_after(D1 + dt.timedelta(days=1), range(5))
D3 = weekday_on_or_after(D2 + dt.timedelta(days=1), range(5))
D4 = weekday_on_or_after(D3 + dt.timedelta(days=1), range(5))
SAT = weekday_on_or_after(TODAY + dt.timedelta(days=2), (5,))
SAT2 = SAT + dt.timedelta(days=7)
FAR = TODAY + dt.timedelta(days=40)


def at(d, hhmm):
    return "%sT%s" % (d.isoformat(), hhmm)


def birth(age):
    """A birth date that makes one `age` on every date of the test."""
    return TODAY.replace(year=TODAY.year - age - 1,
                         day=min(TODAY.day, 28)).isoformat()


IDA_BIRTH = birth(14)


def instance():
    return {
        "version": 1,
        "jurisdiction": "NO",
        "timezone": "Europe/Oslo",
        "school_calendar": {
            "terms": [{"from": (TODAY - dt.timedelta(days=60)).isoformat(),
                       "to": (TODAY + dt.timedelta(days=90)).isoformat()}],
            "holidays": [],
            "school_hours": {"start": "08:15", "end": "14:30"},
        },
        "homes": [
            {"id": "solheim", "name": "Solheim sykehjem"},
            {"id": "lia", "name": "Lia " + HOSTILE},
        ],
        "youths": [
            {"id": "ida", "name": "Ida Nilsen", "birth_date": IDA_BIRTH,
             "school": "compulsory",
             "guardian_consent": (TODAY - dt.timedelta(days=30)).isoformat(),
             "availability": ANYTIME},
            {"id": "ola", "name": "Ola Hansen", "birth_date": birth(17),
             "school": "secondary", "availability": ANYTIME},
            {"id": "evil", "name": HOSTILE + " Ondsen",
             "birth_date": birth(17), "school": "secondary",
             "availability": ANYTIME},
            {"id": "eva", "name": "Eva Lie", "birth_date": birth(17),
             "school": "secondary", "availability": ANYTIME,
             "homes": ["lia"]},
        ],
        "slots": [
            # Ida's own visit, with Ola and the hostile name.
            {"id": "mine", "home": "solheim", "start": at(D1, "16:00"),
             "end": at(D1, "17:30"), "needed": 3, "activity": "Quiz"},
            # Open, legal for Ida: a Saturday.
            {"id": "open", "home": "lia", "start": at(SAT, "11:00"),
             "end": at(SAT, "13:00"), "activity": "Kaffe " + HOSTILE},
            {"id": "open2", "home": "lia", "start": at(SAT2, "11:00"),
             "end": at(SAT2, "13:00"), "activity": "Tur"},
            # Open, 3 h on a school day: the law forbids it to a 14-year-old.
            {"id": "long", "home": "solheim", "start": at(D2, "15:00"),
             "end": at(D2, "18:00"), "activity": "Bingo"},
            # Ola's, which he gives away.
            {"id": "give", "home": "solheim", "start": at(D3, "16:00"),
             "end": at(D3, "17:30"), "activity": "Sang"},
            # Open and legal now; made 3 h later (illegal) before approval.
            {"id": "later", "home": "solheim", "start": at(D4, "16:00"),
             "end": at(D4, "17:30"), "activity": "Lesing"},
            # Beyond the four weeks.
            {"id": "far", "home": "lia", "start": at(FAR, "11:00"),
             "end": at(FAR, "13:00"), "activity": "Fjernt"},
        ],
        "assignments": [
            {"id": "a-mine-ida", "slot": "mine", "youth": "ida"},
            {"id": "a-mine-ola", "slot": "mine", "youth": "ola"},
            {"id": "a-mine-evil", "slot": "mine", "youth": "evil"},
            {"id": "a-give-ola", "slot": "give", "youth": "ola"},
        ],
    }


def form(**fields):
    return urllib.parse.urlencode(fields).encode()


class YouthPageTestBase(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        self.set_approval(False)
        self.ida = self.page_token("ida")

    def set_approval(self, on):
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["claims_need_approval"] = on
        self.ok("PUT", "/api/v1/settings", s)

    def page_token(self, youth):
        link = self.ok("POST", "/api/v1/youths/%s/feed" % youth)
        return link["url"].rsplit("/", 1)[1][:-len(".ics")]

    def page(self, token, status=200):
        r = self.request("GET", "/youth/" + token, token=False)
        self.assertEqual(r.status, status, r.body[:300])
        return r

    def post(self, token, what, status=200, **fields):
        r = self.request("POST", "/youth/%s/%s" % (token, what), token=False,
                         raw=form(**fields),
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, status, r.body[:2000])
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        return r.body.decode()

    def assignments(self, slot):
        return sorted(a["youth"] for a in self.ok(
            "GET", "/api/v1/assignments?slot=%s&status=active" % slot)
            ["assignments"])

    def audit(self, entity):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            return db.execute("SELECT actor, action, entity_id FROM "
                              "audit_log WHERE entity = ? ORDER BY id",
                              (entity,)).fetchall()
        finally:
            db.close()

    def requests(self, **q):
        return self.ok("GET", "/api/v1/requests?" +
                       urllib.parse.urlencode(q))["requests"]


def section(body, ident):
    """The HTML of <ul id=ident> ... </ul> ('' when absent)."""
    m = re.search(r'<ul id="%s">(.*?)</ul>' % ident, body, re.S)
    return m.group(1) if m else ""


class YouthPageTest(YouthPageTestBase):

    def test_page_shows_own_visits_and_open_ones(self):
        r = self.page(self.ida)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        csp = r.header("Content-Security-Policy")
        self.assertIn("default-src 'none'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("form-action 'self'", csp)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        body = r.body.decode()
        self.assertNotIn("<script", body)
        mine = section(body, "my-visits")
        self.assertIn("Quiz", mine)
        self.assertIn("16:00", mine)
        self.assertIn("Solheim sykehjem", mine)
        # Colleagues by first name only; no surnames, no birth dates.
        self.assertIn("Ola", mine)
        for secret in ("Hansen", "Ondsen", "Lie", IDA_BIRTH,
                       birth(17)):
            self.assertNotIn(secret, body)
        open_ = section(body, "open-visits")
        self.assertIn('value="open"', open_)
        self.assertIn('value="open2"', open_)
        self.assertNotIn('value="long"', open_)  # illegal for Ida
        self.assertNotIn('value="far"', open_)   # beyond four weeks
        self.assertNotIn('value="give"', open_)  # full, not given away
        # The feed to subscribe to.
        self.assertIn("/feeds/%s.ics" % self.ida, body)
        self.assertIn("webcal://", body)
        # The youth's language: Norwegian for a NO organisation.
        self.assertEqual(r.header("Content-Language"), "nb")
        self.assertIn('<html lang="nb">', body)

    def test_hostile_names_are_escaped(self):
        body = self.page(self.ida).body.decode()
        self.assertNotIn(HOSTILE, body)
        self.assertNotIn("<script>", body)
        self.assertIn(html.escape(HOSTILE.split(" ")[0], quote=True)
                      .replace("&#x27;", "&#39;"), body)

    def test_bad_and_withdrawn_tokens(self):
        for t in (UNKNOWN_TOKEN, "abc", "A" * 300):
            with self.subTest(token=t):
                self.assertEqual(self.request(
                    "GET", "/youth/" + t, token=False).status, 404)
        # A home's token opens no youth page.
        home = self.ok("POST", "/api/v1/homes/solheim/feed")
        self.page(home["url"].rsplit("/", 1)[1][:-4], 404)
        # A new link withdraws the old one: 410, for the forms too.
        old = self.ida
        self.ida = self.page_token("ida")
        self.page(old, 410)
        r = self.request("POST", "/youth/%s/claim" % old, token=False,
                         raw=form(slot="open"),
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 410)
        self.assertEqual(self.assignments("open"), [])
        self.page(self.ida)

    def test_claim_legal_open_visit(self):
        body = self.post(self.ida, "claim", slot="open")
        self.assertIn('class="notice"', body)
        self.assertEqual(self.assignments("open"), ["ida"])
        self.assertIn('value="open"', section(body, "my-visits"))
        actor, action, _ = self.audit("assignment")[-1]
        self.assertEqual((actor, action), ("youth:ida", "create"))
        # The notice names the home, escaped like the rest.
        notice = re.search(r'<div class="notice".*?</div>', body, re.S)
        self.assertIn("Lia &lt;script&gt;", notice.group(0))
        self.assertNotIn(HOSTILE, body)
        # Claimed twice: refused, still one assignment.
        self.post(self.ida, "claim", 409, slot="open")
        self.assertEqual(self.assignments("open"), ["ida"])

    def test_claim_forbidden_by_law_is_refused_with_reason(self):
        before = self.audit("assignment")
        body = self.post(self.ida, "claim", 409, slot="long")
        self.assertIn('class="notice bad"', body)
        reasons = re.search(r'<ul class="reasons">(.*?)</ul>', body, re.S)
        self.assertIsNotNone(reasons, body)
        # The law's words: 2 hours on a school day (aml. § 11-2 (2) a).
        self.assertIn("11-2", reasons.group(1))
        self.assertEqual(self.assignments("long"), [])
        self.assertEqual(self.audit("assignment"), before)
        self.assertEqual(self.requests(), [])

    def test_day_off(self):
        # A free day goes straight into the youth's unavailable times.
        self.post(self.ida, "day-off", date=SAT2.isoformat(), **{
            "from": "10:00", "to": "14:00"})
        y = self.ok("GET", "/api/v1/youths/ida")
        self.assertIn({"from": at(SAT2, "10:00"), "to": at(SAT2, "14:00")},
                      y["unavailable"])
        self.assertEqual(self.audit("youth")[-1][0], "youth:ida")
        # ... and the open visit of that time is no longer offered.
        self.assertNotIn('value="open2"',
                         section(self.page(self.ida).body.decode(),
                                 "open-visits"))

    def test_day_off_bad_input(self):
        for fields in ({"date": "31.12"}, {},
                       {"date": (TODAY - dt.timedelta(days=1)).isoformat()},
                       {"date": SAT2.isoformat(), "from": "14:00",
                        "to": "10:00"},
                       {"date": SAT2.isoformat(), "from": "25:00"}):
            with self.subTest(fields=fields):
                body = self.post(self.ida, "day-off", 400, **fields)
                self.assertIn('class="notice bad"', body)
        self.assertEqual(self.ok("GET", "/api/v1/youths/ida")
                         .get("unavailable", []), [])
        # Not a form: refused before anything is read.
        r = self.request("POST", "/youth/%s/day-off" % self.ida, token=False,
                         body={"date": SAT2.isoformat()})
        self.assertError(r, 415)

    def test_head(self):
        r = self.request("HEAD", "/youth/" + self.ida, token=False)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, b"")

    def test_day_off_over_an_assignment_becomes_a_request(self):
        body = self.post(self.ida, "day-off", date=D1.isoformat())
        self.assertIn("koordinator", body)
        self.assertIn("Quiz", section(body, "pending"))
        self.assertEqual(self.assignments("mine"), ["evil", "ida", "ola"])
        reqs = self.requests()
        self.assertEqual(len(reqs), 1)
        self.assertEqual((reqs[0]["kind"], reqs[0]["state"], reqs[0]["youth"],
                          reqs[0]["slot"]), ("day_off", "open", "ida", "mine"))
        self.assertEqual(reqs[0]["from"], at(D1, "00:00"))
        # Said in a sentence for the coordinator, first names only.
        self.assertRegex(reqs[0]["message"],
                         r"^Ida can't come on .*, but is on Quiz at "
                         r"Solheim sykehjem, .* 16:00.17:30\. ")
        self.assertNotIn("Nilsen", reqs[0]["message"])
        nb = self.ok("GET", "/api/v1/requests",
                     headers={"Accept-Language": "nb"})["requests"]
        self.assertIn("kan ikke", nb[0]["message"])
        self.assertEqual(self.ok("GET", "/api/v1/youths/ida")
                         .get("unavailable", []), [])
        self.assertEqual(self.audit("request")[-1][0], "youth:ida")
        # Approving it while the visit is still hers breaks a rule: 409.
        r = self.request("POST", "/api/v1/requests/%s/approve" % reqs[0]["id"])
        self.assertError(r, 409, "rule_violation")
        # Declined: nothing else changes.
        d = self.ok("POST", "/api/v1/requests/%s/decline" % reqs[0]["id"])
        self.assertEqual(d["state"], "declined")
        self.assertEqual(self.assignments("mine"), ["evil", "ida", "ola"])

    def test_give_away_and_a_colleague_takes_it(self):
        ola = self.page_token("ola")
        body = self.post(ola, "give-away", slot="give")
        self.assertEqual(self.assignments("give"), ["ola"])
        self.assertNotIn('value="give"', section(body, "open-visits"))
        reqs = self.requests(kind="give_away")
        self.assertEqual([(r["youth"], r["state"]) for r in reqs],
                         [("ola", "open")])
        # Ida sees it offered by a colleague, and takes it.
        offered = section(self.page(self.ida).body.decode(), "open-visits")
        self.assertIn('value="give"', offered)
        self.post(self.ida, "claim", slot="give")
        self.assertEqual(self.assignments("give"), ["ida"])
        r = self.requests(kind="give_away")[0]
        self.assertEqual((r["state"], r["taker"]), ("done", "ida"))
        actor, action, ident = self.audit("assignment")[-1]
        self.assertEqual((actor, action, ident),
                         ("youth:ida", "update", "a-give-ola"))

    def test_claims_need_approval(self):
        self.set_approval(True)
        self.assertTrue(self.ok("GET", "/api/v1/settings")["options"]
                        ["claims_need_approval"])
        body = self.post(self.ida, "claim", slot="open")
        self.assertIn("koordinatoren", body)
        self.assertEqual(self.assignments("open"), [])
        # The page lists it as waiting, and offers it no more.
        self.assertIn("Lia", section(body, "pending"))
        self.assertNotIn('value="open"', section(body, "open-visits"))
        # Asked twice: refused, still one request.
        self.assertIn("allerede", self.post(self.ida, "claim", 409,
                                            slot="open"))
        req = self.requests(kind="claim", state="open")
        self.assertEqual([(r["youth"], r["slot"]) for r in req],
                         [("ida", "open")])
        a = self.ok("POST", "/api/v1/requests/%s/approve" % req[0]["id"])
        self.assertEqual(a["state"], "approved")
        self.assertEqual(self.assignments("open"), ["ida"])
        # Answered once only.
        self.assertError(self.request(
            "POST", "/api/v1/requests/%s/approve" % req[0]["id"]), 409)

    def test_approval_that_became_illegal_is_refused(self):
        self.set_approval(True)
        self.post(self.ida, "claim", slot="later")
        req = self.requests(kind="claim", state="open")[0]
        # The visit grows to 3 h on a school day before the answer.
        self.ok("PATCH", "/api/v1/slots/later", {"end": at(D4, "19:00")})
        r = self.request("POST", "/api/v1/requests/%s/approve" % req["id"])
        e = self.assertError(r, 409, "rule_violation")
        self.assertTrue(r.json()["violations"])
        self.assertEqual(self.assignments("later"), [])
        self.assertEqual(self.requests(kind="claim")[0]["state"], "open")

    def test_purge_takes_the_youths_requests(self):
        self.post(self.ida, "day-off", date=D1.isoformat())
        ola = self.page_token("ola")
        self.post(ola, "give-away", slot="give")
        self.post(self.ida, "claim", slot="give")
        self.assertEqual(len(self.requests()), 2)
        # The right of access shows them.
        export = self.ok("GET", "/api/v1/youths/ida/export")
        self.assertEqual(sorted(r["kind"] for r in export["requests"]),
                         ["day_off", "give_away"])
        self.ok("DELETE", "/api/v1/youths/ida?purge=true")
        # Ida's own are gone, and her name on Ola's (taken) offer.
        left = self.requests()
        self.assertEqual([(r["youth"], r["kind"], r["state"], r["taker"])
                          for r in left],
                         [("ola", "give_away", "done", None)])
        self.assertNotIn("'ida'", repr(left))
        self.assertNotIn("Ida", repr(left))
        self.page(self.ida, 410)

    def test_give_away_with_approval(self):
        self.set_approval(True)
        ola = self.page_token("ola")
        self.post(ola, "give-away", slot="give")
        self.post(self.ida, "claim", slot="give")
        self.assertEqual(self.assignments("give"), ["ola"])
        r = self.requests(kind="give_away")[0]
        self.assertEqual((r["state"], r["taker"]), ("open", "ida"))
        self.ok("POST", "/api/v1/requests/%s/approve" % r["id"])
        self.assertEqual(self.assignments("give"), ["ida"])


class RequestsScopeTest(YouthPageTestBase):
    """Coordinators see and answer the requests of the homes in scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tokens = {}
        for login, role, homes in (("kari", "coordinator", "solheim"),
                                   ("liv", "coordinator", "lia"),
                                   ("vera", "viewer", None)):
            cls.tokens[login] = cls.daemon.add_user(
                login, role, homes, password=PASSWORD)

    def test_scope(self):
        self.set_approval(True)
        self.post(self.ida, "claim", slot="open")      # at lia
        self.post(self.ida, "day-off", date=D1.isoformat())  # at solheim
        all_ = self.requests()
        self.assertEqual(sorted(r["slot"] for r in all_), ["mine", "open"])
        by_slot = {r["slot"]: r["id"] for r in all_}
        kari = self.ok("GET", "/api/v1/requests",
                       token=self.tokens["kari"])["requests"]
        self.assertEqual([r["slot"] for r in kari], ["mine"])
        liv = self.ok("GET", "/api/v1/requests",
                      token=self.tokens["liv"])["requests"]
        self.assertEqual([r["slot"] for r in liv], ["open"])
        # Outside the scope: as if it did not exist.
        self.assertError(self.request(
            "POST", "/api/v1/requests/%s/approve" % by_slot["open"],
            token=self.tokens["kari"]), 404)
        # A viewer neither reads (a request names its youth, and viewers
        # read no youths) nor answers.
        self.assertError(self.request("GET", "/api/v1/requests",
                                      token=self.tokens["vera"]), 403)
        self.assertError(self.request(
            "POST", "/api/v1/requests/%s/decline" % by_slot["open"],
            token=self.tokens["vera"]), 403)
        self.ok("POST", "/api/v1/requests/%s/approve" % by_slot["open"],
                token=self.tokens["liv"])
        self.assertEqual(self.assignments("open"), ["ida"])
        self.assertError(self.request("GET", "/api/v1/requests?kind=x"), 400,
                         field="kind")


class YouthPageBrowserTest(YouthPageTestBase, BrowserTestCase):
    """The page in headless Chromium at phone width with JavaScript off
    (browser.py): it is forms and links only."""

    window = (390, 844)
    javascript = False

    def setUp(self):
        super().setUp()
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 390, "height": 844, "deviceScaleFactor": 2,
            "mobile": True})
        self.driver.get_log("browser")

    def test_claim_at_phone_width_without_javascript(self):
        from selenium.webdriver.common.by import By
        d = self.driver
        # JavaScript is really off: a page's script does not run.
        d.get("data:text/html,<title>off</title>"
              "<script>document.title='on'</script>")
        self.assertEqual(d.title, "off")
        d.get(self.base + "/youth/" + self.ida)
        self.wait(lambda d: d.find_elements(By.ID, "open-visits"))
        self.assertEqual(d.find_element(By.TAG_NAME, "html")
                         .get_attribute("lang"), "nb")
        # The page fits the phone: nothing wider than the screen.
        for el in d.find_elements(By.CSS_SELECTOR, "main, li, button, "
                                  "input, footer a"):
            self.assertLessEqual(el.rect["x"] + el.rect["width"], 390,
                                 el.get_attribute("outerHTML")[:120])
        # The style applied (its hash is in the CSP): buttons are big.
        button = d.find_element(
            By.CSS_SELECTOR, '#open-visits form:has(input[value="open"]) '
            'button')
        self.assertGreaterEqual(button.rect["height"], 44)
        self.assertEqual(button.text, "Jeg tar den")
        button.click()
        notice = self.wait(lambda d: d.find_elements(By.ID, "notice"))[0]
        self.assertIn("Klart!", notice.text)
        self.assertEqual(self.assignments("open"), ["ida"])
        mine = d.find_element(By.ID, "my-visits")
        self.assertIn("Kaffe", mine.text)
        # A visit that became illegal after the page was shown: the
        # claim is refused with the reason, in Norwegian, nothing written.
        d.get(self.base + "/youth/" + self.ida)
        self.wait(lambda d: d.find_elements(By.ID, "open-visits"))
        button = d.find_element(
            By.CSS_SELECTOR, '#open-visits form:has(input[value="open2"]) '
            'button')
        self.ok("PATCH", "/api/v1/slots/open2", {"end": at(SAT2, "19:30")})
        button.click()
        notice = self.wait(lambda d: d.find_elements(
            By.CSS_SELECTOR, "#notice.bad"))[0]
        self.assertIn("Du kan ikke ta denne vakta", notice.text)
        self.assertTrue(notice.find_elements(By.CSS_SELECTOR,
                                             ".reasons li"))
        self.assertEqual(self.assignments("open2"), [])
