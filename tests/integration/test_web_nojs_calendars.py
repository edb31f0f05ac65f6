# SPDX-License-Identifier: ISC
"""The named school calendars and the language form without JavaScript
(issue 19, docs/web.md "Without JavaScript"): /settings/calendars (list
with the default and how many follow each, add, edit with If-Match, make
default, delete in two steps with the 409 next to the form) and the
language form of the top bar and the login page (POST /language, the
rota_lang cookie the app sets).  (a) Over plain HTTP with a cookie jar;
(b) in headless Chromium with JavaScript off, by forms only; (c) axe-core
on the new pages.  Every wait is an explicit WebDriverWait."""
import html
import re
import unittest

from axe import assert_accessible
from browser import PASSWORD, BrowserTestCase
from harness import RotadTestCase, base_instance
from test_web_nojs import Browser, csrf_of

BERGEN = {"id": "bergen", "name": "Bergen kommune",
          "terms": [{"from": "2027-01-04", "to": "2027-06-18"}],
          "holidays": [{"from": "2027-03-01", "to": "2027-03-05"}],
          "school_hours": {"start": "08:15", "end": "14:30"}}


def setup_calendars(test):
    """base_instance(), Bergen's calendar, and Ida following it."""
    test.ok("POST", "/api/v1/import", base_instance())
    r = test.request("POST", "/api/v1/school-calendars", BERGEN)
    test.assertEqual(r.status, 201, r.body[:300])
    test.ok("PATCH", "/api/v1/youths/ida", {"school_calendar": "bergen"})


class CalendarsHttpTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.daemon.add_user("ada", "admin", name="Ada Nordmann")
        cls.daemon.add_user("kari", "coordinator", name="Kari Nordmann")

    def setUp(self):
        setup_calendars(self)
        self.a = Browser(self.daemon.port)
        self.a.login("ada")

    def test_api_list_counts_who_follows(self):
        cals = {c["id"]: c for c in self.ok(
            "GET", "/api/v1/school-calendars")["school_calendars"]}
        self.assertEqual(cals["bergen"]["used_by"], {"youths": 1, "homes": 0})
        n = len(self.ok("GET", "/api/v1/youths")["youths"])
        self.assertEqual(cals["default"]["used_by"]["youths"], n - 1)

    def test_list_add_edit_default_delete(self):
        p = self.a.get("/settings/calendars")
        self.assertEqual(p.status, 200, p.text[:600])
        p = p.text
        self.assertIn('<tr data-calendar="bergen">', p)
        self.assertIn('<tr data-calendar="default">', p)
        row = re.search(r'data-calendar="bergen">(.*?)</tr>', p).group(1)
        self.assertIn("Bergen kommune", row)
        self.assertIn("1 ungdom og 0 sykehjem", row)
        row = re.search(r'data-calendar="default">(.*?)</tr>', p).group(1)
        self.assertIn('id="cal-default"', row)
        self.assertIn('href="/settings/calendars/bergen"', p)
        csrf = csrf_of(p)
        add = {"csrf_token": csrf, "id": "oslo", "name": "Oslo kommune",
               "terms": "2027-01-04 2027-06-18",
               "holidays": "2027-02-22 2027-02-30", "start": "08:30",
               "end": "14:00"}
        self.assertEqual(self.a.post("/settings/calendars",
                                     dict(add, csrf_token="x")).status, 403)
        r = self.a.post("/settings/calendars", add)
        self.assertEqual(r.status, 400, r.text[:600])
        self.assertIn('id="cal-add-holidays-error"', r.text)
        self.assertIn("2027-02-22 2027-02-30</textarea>", r.text)
        self.assertRegex(r.text, r'id="cal-add-id" name="id" [^>]*'
                         r'value="oslo"')
        r = self.a.post("/settings/calendars", dict(add, id="bergen",
                        holidays="2027-02-22 2027-02-26"))
        self.assertEqual(r.status, 409)
        self.assertIn('id="cal-add-id-error"', r.text)
        r = self.a.post("/settings/calendars",
                        dict(add, holidays="2027-02-22 2027-02-26"))
        self.assertEqual((r.status, r.getheader("Location")),
                         (303, "/settings/calendars?saved=created"))
        cal = self.ok("GET", "/api/v1/school-calendars/oslo")
        self.assertEqual(cal["holidays"], [{"from": "2027-02-22",
                                            "to": "2027-02-26"}])
        self.assertEqual(cal["school_hours"], {"start": "08:30",
                                               "end": "14:00"})
        # Edit: the version is the API's ETag; a stale one is refused.
        p = self.a.get("/settings/calendars/oslo").text
        version = html.unescape(re.search(
            r'name="version" value="([^"]+)"', p).group(1))
        etag = self.request("GET", "/api/v1/school-calendars/oslo")\
            .header("ETag")
        self.assertEqual(version, etag)
        self.assertIn("2027-02-22 2027-02-26</textarea>", p)
        edit = {"csrf_token": csrf, "version": version,
                "name": "Oslo kommune", "terms": "2027-01-04 2027-06-18",
                "holidays": "2027-02-22 2027-02-26\n2027-04-12 2027-04-16",
                "start": "08:30", "end": "14:00"}
        r = self.a.post("/settings/calendars/oslo", edit)
        self.assertEqual((r.status, r.getheader("Location")),
                         (303, "/settings/calendars/oslo?saved=1"))
        self.assertEqual(len(self.ok("GET", "/api/v1/school-calendars/oslo")
                             ["holidays"]), 2)
        r = self.a.post("/settings/calendars/oslo", dict(edit, name="Gammel"))
        self.assertEqual(r.status, 412, r.text[:600])
        self.assertIn('id="calendar-edit-error"', r.text)
        self.assertRegex(r.text, r'id="cal-edit-name" [^>]*value="Gammel"')
        self.assertEqual(self.ok("GET", "/api/v1/school-calendars/oslo")
                         ["name"], "Oslo kommune")
        # Make it the default.
        p = self.a.get("/settings/calendars/oslo").text
        version = html.unescape(re.search(
            r'name="version" value="([^"]+)"', p).group(1))
        r = self.a.post("/settings/calendars/oslo/default",
                        {"csrf_token": csrf, "version": version})
        self.assertEqual((r.status, r.getheader("Location")),
                         (303, "/settings/calendars?saved=default"))
        cals = self.ok("GET", "/api/v1/school-calendars")["school_calendars"]
        self.assertEqual(cals[0]["id"], "oslo")
        self.assertTrue(cals[0]["default"])
        p = self.a.get("/settings/calendars/oslo").text
        self.assertIn('id="calendar-is-default"', p)
        self.assertNotIn('id="calendar-delete"', p)
        # Delete: the question first, nothing deleted; in use: 409 at
        # the form; unused: deleted.
        r = self.a.post("/settings/calendars/bergen/delete",
                        {"csrf_token": csrf})
        self.assertEqual(r.status, 200)
        self.assertIn('id="calendar-delete-confirm"', r.text)
        self.assertIn('href="/settings/calendars/bergen" '
                      'id="calendar-delete-cancel"', r.text)
        r = self.a.post("/settings/calendars/bergen/delete",
                        {"csrf_token": csrf, "confirm": "1"})
        self.assertEqual(r.status, 409, r.text[:600])
        err = re.search(r'id="calendar-delete-error">(.*?)</div>', r.text,
                        re.S)
        self.assertIsNotNone(err, r.text)
        self.assertIn("1 ungdom", err.group(1))
        self.assertIn('aria-describedby="calendar-delete-error"', r.text)
        self.ok("GET", "/api/v1/school-calendars/bergen")
        self.ok("PATCH", "/api/v1/youths/ida", {"school_calendar": None})
        r = self.a.post("/settings/calendars/bergen/delete",
                        {"csrf_token": csrf, "confirm": "1"})
        self.assertEqual((r.status, r.getheader("Location")),
                         (303, "/settings/calendars?saved=deleted"))
        self.assertEqual(self.request(
            "GET", "/api/v1/school-calendars/bergen").status, 404)
        self.assertEqual(self.a.get("/settings/calendars/bergen").status, 404)

    def test_admins_only_and_english(self):
        k = Browser(self.daemon.port)
        k.login("kari")
        self.assertEqual(k.get("/settings/calendars").status, 403)
        self.assertEqual(k.get("/settings/calendars/bergen").status, 403)
        anon = Browser(self.daemon.port)
        r = anon.get("/settings/calendars")
        self.assertEqual((r.status, r.getheader("Location")), (303, "/"))
        self.assertEqual(self.request("GET", "/settings/calendars").status,
                         403)  # an API token is no page session
        en = Browser(self.daemon.port, lang="en")
        en.login("ada")
        p = en.get("/settings/calendars").text
        self.assertIn("Add a school calendar", p)
        self.assertIn("1 youth and 0 homes", p)
        self.assertIn('href="/settings/calendars"',
                      self.a.get("/settings").text)

    def test_language_form(self):
        p = self.a.get("/hours?month=2027-01").text
        self.assertIn('<label class="lang-label" for="lang-select">Språk'
                      '</label>', p)
        self.assertIn('name="back" value="/hours?month=2027-01"', p)
        self.assertIn('<option value="nb" lang="nb" selected>', p)
        csrf = csrf_of(p)
        form = {"csrf_token": csrf, "lang": "en",
                "back": "/hours?month=2027-01"}
        self.assertEqual(self.a.post("/language", dict(form, csrf_token="x"))
                         .status, 403)
        self.assertEqual(self.a.post("/language", dict(form, lang="de"))
                         .status, 400)
        r = self.a.post("/language", form)
        self.assertEqual((r.status, r.getheader("Location")),
                         (303, "/hours?month=2027-01"))
        cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        self.assertEqual(cookie, ["rota_lang=en; Path=/; Max-Age=31536000; "
                                  "SameSite=Strict"])
        p = self.a.get("/hours?month=2027-01").text
        self.assertIn('<html lang="en"', p)
        self.assertIn('<option value="en" lang="en" selected>', p)
        # Never to another site.
        for bad in ("//evil.example/", "https://evil.example/",
                    "/\\evil.example", "/a\r\nSet-Cookie: x=1"):
            r = self.a.post("/language", dict(form, back=bad, lang="nb"))
            self.assertEqual((r.status, r.getheader("Location")), (303, "/"),
                             bad)
        # The answer of a form returns to its screen.
        r = self.a.post("/settings/calendars", {
            "csrf_token": csrf, "id": "", "terms": ""})
        self.assertIn('name="back" value="/settings"', r.text)
        # The login page: the same form, without a session, Origin only.
        anon = Browser(self.daemon.port)
        p = anon.get("/").text
        self.assertIn('id="lang-form"', p)
        r = anon.post("/language", {"lang": "en", "back": "/"},
                      headers={"Origin": "https://evil.example"})
        self.assertEqual(r.status, 403)
        r = anon.post("/language", {"lang": "en", "back": "/"})
        self.assertEqual(r.status, 303)
        self.assertIn("Log in", anon.get("/").text)


class CalendarsBrowserTest(BrowserTestCase):
    """Chromium with JavaScript off: add a calendar, edit it, make it the
    default, see a delete refused, delete an unused one; switch the
    language to English and back."""

    users = (("ada", "admin", "Ada Nordmann", None),)
    javascript = False
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        setup_calendars(self)
        self.reset_browser()

    def login(self):
        self.driver.get(self.base + "/")
        self.wait_css("#login").send_keys("ada")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Ada Nordmann")

    def test_calendars_with_javascript_off(self):
        self.login()
        self.css("#nav-settings")[0].click()
        self.wait_css("#settings-calendars").click()
        self.wait_css("#calendars-table")
        self.css("#cal-add-id")[0].send_keys("oslo")
        self.css("#cal-add-name")[0].send_keys("Oslo kommune")
        self.css("#cal-add-terms")[0].send_keys("2027-01-04 2027-06-18")
        self.css("#cal-add-holidays")[0].send_keys("2027-02-22 2027-02-26")
        self.css("#calendar-add-submit")[0].click()
        self.wait_css("#calendars-saved")
        self.wait_css('tr[data-calendar="oslo"] a').click()
        holidays = self.wait_css("#cal-edit-holidays")
        holidays.send_keys("\n2027-04-12 2027-04-16")
        self.css("#calendar-edit-save")[0].click()
        self.wait_css("#calendars-saved")
        self.assertEqual(len(self.ok("GET", "/api/v1/school-calendars/oslo")
                             ["holidays"]), 2)
        self.css("#calendar-make-default")[0].click()
        self.wait_css("#calendars-saved")
        self.wait_css('tr[data-calendar="oslo"] #cal-default')
        # Bergen is followed by Ida: refused, the message at the form.
        self.css('tr[data-calendar="bergen"] a')[0].click()
        self.wait_css("#calendar-delete").click()
        self.wait_css("#calendar-delete-confirm").click()
        err = self.wait_css("#calendar-delete-error")
        self.assertIn("1 ungdom", err.text)
        self.ok("GET", "/api/v1/school-calendars/bergen")
        # The former default is unused: deleted.
        self.css("#calendar-back")[0].click()
        self.wait_css('tr[data-calendar="default"] a').click()
        self.wait_css("#calendar-delete").click()
        self.wait_css("#calendar-delete-confirm").click()
        self.wait_css("#calendars-saved")
        self.assertFalse(self.css('tr[data-calendar="default"]'))
        self.assertEqual(self.request(
            "GET", "/api/v1/school-calendars/default").status, 404)

    def test_language_switch_with_javascript_off(self):
        from selenium.webdriver.support.ui import Select
        self.login()
        self.driver.get(self.base + "/hours?month=2027-01")
        Select(self.wait_css("#lang-select")).select_by_value("en")
        self.css("#lang-submit")[0].click()
        self.wait_text("#nav-hours", "Hours")
        self.assertTrue(self.driver.current_url.endswith(
            "/hours?month=2027-01"))
        self.assertEqual(self.css("html")[0].get_attribute("lang"), "en")
        self.assertEqual(self.driver.get_cookie("rota_lang")["value"], "en")
        Select(self.css("#lang-select")[0]).select_by_value("nb")
        self.css("#lang-submit")[0].click()
        self.wait_text("#nav-hours", "Timer")
        self.assertEqual(self.driver.get_cookie("rota_lang")["value"], "nb")


class CalendarsAxeTest(BrowserTestCase):
    """axe-core on the new pages as rotad renders them (the app's script
    blocked, so that the page stays the server's)."""

    users = (("ada", "admin", "Ada Nordmann", None),)
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        setup_calendars(self)
        self.reset_browser()
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setBlockedURLs",
                                    {"urls": ["*/app/app.js"]})

    def tearDown(self):
        self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        super().tearDown()

    def test_pages_are_accessible(self):
        d = self.driver
        d.get(self.base + "/")
        self.wait_css("#login").send_keys("ada")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Ada Nordmann")
        for path, sel in (("/settings/calendars", "#calendars-table"),
                          ("/settings/calendars/bergen",
                           "#calendar-edit-form")):
            with self.subTest(path=path):
                d.get(self.base + path)
                self.wait_css(sel)
                assert_accessible(self, d, path)
        d.get(self.base + "/settings/calendars/bergen")
        self.wait_css("#calendar-delete").click()
        self.wait_css("#calendar-delete-confirm").click()
        self.wait_css("#calendar-delete-error")
        assert_accessible(self, d, "delete refused")


if __name__ == "__main__":
    unittest.main()
