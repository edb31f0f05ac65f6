# SPDX-License-Identifier: ISC
"""The Requests screen of the web app (issue 16, web/requests.js) in
headless Chromium, as a coordinator: the youths' requests listed with the
count in the nav, approve (carried out through the gate), a refused
approval shown where the user acted with the broken rules, decline,
the empty state, and axe-core on the screen.  Also the youth panel's
consent section (web/youth.js): the link made and revoked."""
import datetime as dt
import socket
import urllib.parse
import zoneinfo

from axe import assert_accessible
from browser import PASSWORD, BrowserTestCase

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
TODAY = dt.datetime.now(OSLO).date()
ANYTIME = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "from": "00:00", "to": "24:00"}]


def saturday_after(d):
    d += dt.timedelta(days=2)
    while d.weekday() != 5:
        d += dt.timedelta(days=1)
    return d


SAT = saturday_after(TODAY)
SUN = SAT + dt.timedelta(days=1)


def birth(age):
    return TODAY.replace(year=TODAY.year - age - 1,
                         day=min(TODAY.day, 28)).isoformat()


def instance():
    return {
        "version": 1, "jurisdiction": "NO", "timezone": "Europe/Oslo",
        "school_calendar": {
            "terms": [{"from": (TODAY - dt.timedelta(days=60)).isoformat(),
                       "to": (TODAY + dt.timedelta(days=90)).isoformat()}],
            "holidays": [],
            "school_hours": {"start": "08:15", "end": "14:30"}},
        "options": {"claims_need_approval": True},
        "homes": [{"id": "solheim", "name": "Solheim sykehjem"}],
        "youths": [
            {"id": "ida", "name": "Ida Nilsen", "birth_date": birth(14),
             "school": "compulsory", "availability": ANYTIME},
            {"id": "ola", "name": "Ola Hansen", "birth_date": birth(17),
             "school": "secondary", "availability": ANYTIME},
        ],
        "slots": [
            {"id": "mine", "home": "solheim", "start": "%sT11:00" % SAT,
             "end": "%sT12:30" % SAT, "activity": "Quiz"},
            {"id": "open", "home": "solheim", "start": "%sT11:00" % SUN,
             "end": "%sT12:30" % SUN, "activity": "Tur"},
        ],
        "assignments": [{"id": "a1", "slot": "mine", "youth": "ola"}],
    }


class RequestsBrowserTest(BrowserTestCase):

    users = (("kari", "coordinator", "Kari Nordmann", None),
             ("vidar", "viewer", "Vidar Viewer", None))

    def open_app(self, fragment=""):
        self.driver.get(self.base + "/" + fragment)
        return self.wait_css("#login, .board, .state")

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        self.reset_browser()
        # Ola asks for a day off over his visit (a day_off request) and
        # claims the open one (a claim, since claims need approval).
        feed = self.ok("POST", "/api/v1/youths/ola/feed")["url"]
        tok = feed.rsplit("/", 1)[1][:-len(".ics")]
        for what, fields in (("day-off", {"date": SAT.isoformat()}),
                             ("claim", {"slot": "open"})):
            r = self.request("POST", "/youth/%s/%s" % (tok, what),
                             token=False,
                             raw=urllib.parse.urlencode(fields).encode(),
                             content_type="application/"
                             "x-www-form-urlencoded")
            self.assertEqual(r.status, 200, r.body[:500])
        reqs = self.ok("GET", "/api/v1/requests?state=open")["requests"]
        self.kinds = {r["kind"]: r["id"] for r in reqs}
        self.assertEqual(set(self.kinds), {"day_off", "claim"})

    def login_to(self, fragment, who="kari"):
        self.open_app(fragment)
        self.wait_css("#login").send_keys(who)
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()

    def item(self, rid):
        return self.wait_css('.req[data-request="%s"]' % rid)

    def badge(self, text):
        def ok(d):
            b = self.css("#nav-requests-count")
            if not b:
                return None
            shown = b[0].is_displayed()
            if text == "" and not shown:
                return b[0]
            if shown and b[0].get_attribute("textContent") == text:
                return b[0]
            return None
        return self.wait(ok)

    def test_approve_decline_and_a_refusal_where_the_user_acted(self):
        self.login_to("#requests")
        self.wait_css("#req-list .req-list")
        self.badge("2")
        link = self.css("#nav-requests")[0]
        self.assertEqual(link.get_attribute("aria-current"), "page")
        assert_accessible(self, self.driver, "the requests screen")
        # The day off while the visit is still Ola's: the gate refuses the
        # approval, and the rules show under that request.
        day_off = self.item(self.kinds["day_off"])
        self.assertIn("Ola", day_off.text)
        approve = day_off.find_element("css selector",
                                       'button[data-action="approve"]')
        self.assertTrue(approve.get_attribute("aria-label"))
        approve.click()
        refusal = self.wait_css('.req[data-request="%s"] .refusal'
                                % self.kinds["day_off"])
        rules = refusal.find_elements("css selector", ".rule")
        self.assertTrue(rules)
        # Every rule with its legal reference.
        for rule in rules:
            self.assertTrue(rule.find_elements("css selector", ".rule-ref"),
                            rule.get_attribute("textContent"))
        self.assertEqual(refusal.get_attribute("role"), "alert")
        assert_accessible(self, self.driver, "a refused approval")
        self.assertEqual(len(self.ok("GET", "/api/v1/requests?state=open")
                             ["requests"]), 2)
        # The claim: approved, Ola is on the visit, one request left.
        claim = self.item(self.kinds["claim"])
        claim.find_element("css selector",
                           'button[data-action="approve"]').click()
        self.wait(lambda d: not self.css('.req[data-request="%s"]'
                                         % self.kinds["claim"]))
        self.badge("1")
        got = self.ok("GET", "/api/v1/assignments?slot=open&status=active")
        self.assertEqual([a["youth"] for a in got["assignments"]], ["ola"])
        # Declined with the keyboard: the list is then empty.
        dec = self.item(self.kinds["day_off"]).find_element(
            "css selector", 'button[data-action="decline"]')
        dec.send_keys("\n")
        self.wait_css("#req-list .state-empty")
        self.badge("")
        assert_accessible(self, self.driver, "no open requests")
        # Every request, answered ones too.
        from selenium.webdriver.support.ui import Select
        Select(self.css("#req-state")[0]).select_by_value("all")
        self.wait(lambda d: len(self.css(".req")) == 2)
        self.assertFalse(self.css(".req button[data-action]"))

    def test_request_time_on_the_readers_clock(self):
        # The API gives created_at in UTC ("...Z"); a coordinator in Oslo
        # reads it on Oslo's clock, as the page without JS shows it.
        import datetime
        from zoneinfo import ZoneInfo
        self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride",
                                    {"timezoneId": "Europe/Oslo"})
        try:
            self.login_to("#requests")
            self.wait_css("#req-list .req-list")
            r = [x for x in self.ok("GET", "/api/v1/requests?state=open")
                 ["requests"] if x["id"] == self.kinds["claim"]][0]
            self.assertTrue(r["created_at"].endswith("Z"))
            utc = datetime.datetime.strptime(
                r["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
                    tzinfo=datetime.timezone.utc)
            oslo = utc.astimezone(ZoneInfo("Europe/Oslo"))
            shown = self.item(self.kinds["claim"]).find_element(
                "css selector", "time")
            self.assertEqual(shown.get_attribute("textContent"),
                             oslo.strftime("%Y-%m-%d %H:%M"))
        finally:
            # An empty id ends the override (the browser is shared).
            self.driver.execute_cdp_cmd("Emulation.setTimezoneOverride",
                                        {"timezoneId": ""})

    def test_no_requests_for_a_viewer(self):
        # A request names its youth; viewers read no youths: no link, no
        # screen (the board instead), and the API says 403.
        self.login_to("#requests", who="vidar")
        self.wait_css(".board")
        self.assertFalse(self.css("#nav-requests"))
        self.assertFalse(self.css("#req-list"))

    def test_consent_section_on_the_youth_panel(self):
        # The app speaks the organisation's language, Norwegian (nb), unless
        # the user chose another: the texts are waited for in nb, then en.
        self.login_to("#youths")
        self.wait_css('#youth-list button[data-youth="ida"]').click()
        self.wait_css("#youth-panel #youth-consent")
        self.wait_text("#youth-consent-status .consent-needed", "Trengs")
        make = self.wait_css("#youth-consent-link")
        make.click()
        url = self.wait_css("#youth-consent-url")
        self.assertIn("/consent/", url.get_attribute("value"))
        # Nothing is e-mailed ("mail": "not_sent"): the panel says so.
        self.wait_text("#youth-consent-out",
                       "send den til den foresatte selv")
        revoke = self.wait_css("#youth-consent-revoke")
        assert_accessible(self, self.driver, "the consent section")
        r = self.request("GET", "/consent/" + url.get_attribute("value")
                         .rsplit("/", 1)[1], token=False)
        self.assertEqual(r.status, 200)
        # Keyboard: the revoke button answers Enter.
        revoke.send_keys("\n")
        self.wait_text("#youth-consent-out", "trukket tilbake")
        self.wait(lambda d: not self.visible("#youth-consent-revoke"))
        self.assertIsNone(self.ok(
            "GET", "/api/v1/youths/ida/consent-link")["link"])

    def test_consent_section_in_english_and_not_needed(self):
        self.driver.get(self.base + "/app/icon.svg")
        self.driver.execute_script("localStorage.setItem('rota.lang', 'en')")
        self.login_to("#youths")
        self.wait_css('#youth-list button[data-youth="ida"]').click()
        self.wait_text("#youth-consent-status .consent-needed", "Needed")
        self.wait_text("#consent-title", "Consent")
        self.css("#youth-close")[0].click()
        self.wait_css('#youth-list button[data-youth="ola"]').click()
        # Ola (17, upper secondary school) needs none: no link to make.
        self.wait_text("#youth-title", "Ola Hansen")
        self.wait_text("#youth-consent-status", "Not needed at this age")
        self.assertFalse(self.visible("#youth-consent-link"))
        assert_accessible(self, self.driver, "the consent section in English")


class ConsentMailBrowserTest(BrowserTestCase):
    """With [mail] and a guardian_email the link goes to the guardian
    ("mail": "queued", no url): the panel shows no link field, only that
    it is on its way (docs/consent.md)."""

    users = (("kari", "coordinator", "Kari Nordmann", None),)

    @classmethod
    def setUpClass(cls):
        from aiosmtpd.controller import Controller

        class Sink:
            async def handle_DATA(self, server, session, envelope):
                return "250 OK"

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        cls.smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
        cls.smtp.start()
        cls.daemon_config = (
            # No public_url: the app's writes are checked against it.
            "[feeds]\nuid_domain = rota.example\n"
            "[mail]\nurl = smtp://127.0.0.1:%d\nfrom = rota@example.org\n"
            % port)
        try:
            super().setUpClass()
        except Exception:
            cls.smtp.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.smtp.stop()

    def setUp(self):
        inst = instance()
        for y in inst["youths"]:
            if y["id"] == "ida":
                y["guardian_email"] = "kari.nilsen@example.org"
        self.ok("POST", "/api/v1/import?force=true", inst)
        self.reset_browser()

    def test_a_mailed_link_is_not_shown(self):
        self.driver.get(self.base + "/#youths")
        self.wait_css("#login").send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        self.wait_css('#youth-list button[data-youth="ida"]').click()
        self.wait_text("#youth-consent-status .consent-needed", "Trengs")
        self.wait_css("#youth-consent-link").click()
        self.wait_text("#youth-consent-out", "på vei til den foresatte")
        self.assertFalse(self.css("#youth-consent-url"))
        self.assertNotIn("/consent/", self.css("#youth-consent-out")[0].text)
        kinds = [m["kind"] for m in
                 self.ok("GET", "/api/v1/outbox")["messages"]]
        self.assertIn("consent", kinds)
        assert_accessible(self, self.driver, "the consent section, mailed")
