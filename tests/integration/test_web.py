# SPDX-License-Identifier: ISC
"""The coordinator's web app (issue 19): the asset routes over HTTP (the
security headers, ETag and 304, the translated catalogue), and the app
itself in a real headless Chromium driven by WebDriver (Debian's
chromium, chromium-driver and python3-selenium, from scripts/deps.sh):
log in, the week board, the visit panel, a refused change and forcing it,
the languages, a phone-wide screen and the keyboard.  Every wait is an
explicit WebDriverWait on what the page shows, never a sleep."""
import glob
import json
import os
import re
import unittest

from axe import assert_accessible
from browser import PASSWORD, BrowserTestCase
from harness import RotadTestCase, base_instance

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CSP_PARTS = ("default-src 'self'", "script-src 'self'", "style-src 'self'",
             "frame-ancestors 'none'")


def instance():
    """base_instance() and a three-hour visit on a school day, which Ida
    (14, compulsory school) may not take: two hours at most."""
    inst = base_instance()
    inst["slots"].append({"id": "s4", "home": "solheim",
                          "start": "2027-01-05T15:00",
                          "end": "2027-01-05T18:00", "activity": "Tur"})
    return inst


class AssetTest(RotadTestCase):
    """The routes of daemon/api_web.c, no token needed."""

    def get(self, path, headers=None, method="GET"):
        return self.request(method, path, token=False, headers=headers)

    def assertSecure(self, r):
        csp = r.header("Content-Security-Policy") or ""
        for part in CSP_PARTS:
            self.assertIn(part, csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer")
        self.assertEqual(r.header("X-Frame-Options"), "DENY")

    def test_page_and_assets(self):
        r = self.get("/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertSecure(r)
        body = r.body.decode("utf-8")
        self.assertIn('<script type="module" src="/app/app.js">', body)
        self.assertNotIn("@", body.split("<body>")[1].split("</body>")[0]
                         .replace("&#64;", ""))
        for path, ctype in (("/app/app.js", "text/javascript; charset=utf-8"),
                            ("/app/board.js", "text/javascript; charset=utf-8"),
                            ("/app/style.css", "text/css; charset=utf-8"),
                            ("/app/icon.svg", "image/svg+xml")):
            with self.subTest(path=path):
                r = self.get(path)
                self.assertEqual(r.status, 200)
                self.assertEqual(r.header("Content-Type"), ctype)
                self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
                self.assertSecure(r)
                name = os.path.basename(path)
                with open(os.path.join(ROOT, "web", name), "rb") as f:
                    self.assertEqual(r.body, f.read())
                self.assertRegex(r.header("ETag"), r'^"[0-9a-f]{32}"$')
                h = self.get(path, method="HEAD")
                self.assertEqual(h.status, 200)
                self.assertEqual(h.body, b"")
                self.assertEqual(h.header("ETag"), r.header("ETag"))

    def test_not_modified(self):
        for path in ("/", "/app/app.js", "/app/style.css",
                     "/app/messages.json"):
            with self.subTest(path=path):
                r = self.get(path)
                tag = r.header("ETag")
                self.assertTrue(tag)
                self.assertEqual(r.header("Cache-Control"), "no-cache")
                for inm in (tag, 'W/"nope", ' + tag, "W/" + tag, "*"):
                    n = self.get(path, {"If-None-Match": inm})
                    self.assertEqual(n.status, 304, inm)
                    self.assertEqual(n.body, b"")
                    self.assertEqual(n.header("ETag"), tag)
                    self.assertSecure(n)
                other = self.get(path, {"If-None-Match": '"other"'})
                self.assertEqual(other.status, 200)

    def test_unknown_and_index_files(self):
        for path in ("/app/nothing.js", "/app/index.html", "/app/..",
                     "/app/%2e%2e%2fCMakeLists.txt", "/app"):
            with self.subTest(path=path):
                r = self.get(path)
                self.assertIn(r.status, (400, 404), path)
        r = self.request("POST", "/app/app.js", token=False, body={})
        self.assertError(r, 405, "method_not_allowed")

    def test_page_language(self):
        r = self.get("/", {"Accept-Language": "en"})
        self.assertIn('<html lang="en">', r.body.decode("utf-8"))
        r = self.get("/", {"Accept-Language": "nb"})
        body = r.body.decode("utf-8")
        self.assertIn('<html lang="nb">', body)
        self.assertIn("<title>rota: planlegg uka</title>", body)
        # The language chosen in the app (its cookie) wins.
        r = self.get("/", {"Accept-Language": "nb",
                           "Cookie": "x=1; rota_lang=en"})
        self.assertIn('<html lang="en">', r.body.decode("utf-8"))
        self.assertNotEqual(r.header("ETag"),
                            self.get("/", {"Accept-Language": "nb"})
                            .header("ETag"))

    def test_messages(self):
        nb = self.get("/app/messages.json", {"Accept-Language": "nb"})
        self.assertEqual(nb.status, 200)
        self.assertEqual(nb.header("Content-Type"), "application/json")
        self.assertSecure(nb)
        j = nb.json()
        self.assertEqual(j["lang"], "nb")
        self.assertEqual({(x["tag"], x["name"]) for x in j["languages"]},
                         {("en", "English"), ("nb", "norsk bokmål")})
        self.assertEqual(j["messages"]["Log in"], "Logg inn")
        self.assertEqual(j["messages"]["Week {n}"], "Uke {n}")
        # Every t("...") of the scripts is there, every one translated.
        ids = set()
        for js in glob.glob(os.path.join(ROOT, "web", "*.js")):
            with open(js, encoding="utf-8") as f:
                ids |= set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"',
                                      f.read()))
        ids = {json.loads('"%s"' % i) for i in ids}
        ids.discard("English msgid")  # the example in i18n.js's comment
        self.assertGreater(len(ids), 50)
        self.assertEqual(sorted(ids - set(j["messages"])), [])
        same = [k for k, v in j["messages"].items() if k == v]
        self.assertEqual(same, [], "msgids without a bokmål text")
        en = self.get("/app/messages.json", {"Accept-Language": "en"}).json()
        self.assertEqual(en["lang"], "en")
        self.assertEqual(en["messages"]["Log in"], "Log in")
        self.assertEqual(set(en["messages"]), set(j["messages"]))

    def test_no_inline_script_or_style(self):
        """What the CSP forbids is not in the sources either."""
        for path in glob.glob(os.path.join(ROOT, "web", "*")):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            name = os.path.basename(path)
            self.assertNotIn("innerHTML", text, name)
            self.assertNotIn("style=", text, name)
            self.assertNotRegex(text, r"<script(?![^>]*\bsrc=)", name)
            self.assertNotIn("eval(", text, name)


class BrowserTest(BrowserTestCase):
    """The app in headless Chromium, as a coordinator uses it."""

    users = (("kari", "coordinator", "Kari Nordmann", None),)

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.reset_browser()

    def open_app(self, fragment=""):
        self.driver.get(self.base + "/" + fragment)
        return self.wait_css("#login, .board, .state")

    def login(self, fragment="#week=2027-01-04"):
        self.open_app(fragment)
        self.wait_css("#login").send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        self.wait_css(".board")

    def visit(self, slot):
        return self.wait_css('.visit[data-slot="%s"]' % slot)

    def open_visit(self, slot):
        self.visit(slot).click()
        self.wait_css("#panel #panel-title")
        self.wait_css("#cand-list")

    def accessible(self, context):
        """No serious or critical axe-core finding in the page as it is
        now (tests/integration/axe.py)."""
        assert_accessible(self, self.driver, context)

    def no_overflow(self):
        return self.driver.execute_script(
            "return [document.documentElement.scrollWidth,"
            " document.documentElement.clientWidth, window.innerWidth]")

    def phone(self):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 390, "height": 844, "deviceScaleFactor": 2,
            "mobile": True})

    # ---- tests ----

    def test_login_fails_with_the_message_next_to_the_field(self):
        self.open_app()
        self.wait_css("#login")
        self.accessible("the login page")
        submit = self.css("form button[type=submit]")[0]
        self.assertEqual(submit.text, "Logg inn")
        submit.click()
        err = self.wait_text("#login-error", "Skriv inn brukernavnet ditt.")
        self.accessible("the login page, a field's error shown")
        self.assertEqual(self.css("#login")[0].get_attribute("aria-invalid"),
                         "true")
        self.assertIn("login-error",
                      self.css("#login")[0].get_attribute("aria-describedby"))
        self.assertTrue(err.is_displayed())
        self.css("#login")[0].send_keys("kari")
        self.css("#password")[0].send_keys("not the password")
        submit.click()
        # rotad's own message, in bokmål, at the password field.
        self.wait_text("#password-error", "feil brukernavn eller passord")
        self.assertFalse(self.visible("#login-error"))
        self.accessible("the login page, a wrong password")
        self.assertFalse(self.css(".board"))

    def test_login_works_and_logout(self):
        self.login()
        self.wait_text(".who", "Kari Nordmann")
        # The session survives a reload (GET /api/v1/session).
        self.driver.refresh()
        self.wait_css(".board")
        self.css("#logout")[0].click()
        self.wait_css("#login")
        self.driver.refresh()
        self.wait_css("#login")
        r = self.request("GET", "/api/v1/session", token=False)
        self.assertEqual(r.status, 401)

    def test_an_ended_session_shows_the_login_again(self):
        self.login()
        self.visit("s1")
        # The session ends on the server (here: its cookie is gone).
        self.driver.delete_all_cookies()
        self.css("#next-week")[0].click()
        self.wait_text("#login-notice", "Økta di er slutt")
        self.accessible("the login page, the session ended")
        self.css("#login")[0].send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        self.wait_css(".board")
        self.assertFalse(self.css("#login-notice"))

    def test_board_shows_the_week(self):
        self.login()
        self.wait_text("#week-title", "Uke 1")
        s1 = self.visit("s1")
        self.assertIn("16:00\u201318:00", s1.text)
        self.assertIn("Quiz", s1.text)
        self.assertIn("Ida", s1.text)
        self.assertIn("mangler 1", s1.text)  # needed 2, one assigned
        self.assertIn("visit-open", s1.get_attribute("class"))
        self.assertIn("visit-open", self.visit("s2").get_attribute("class"))
        # Each visit in its home's row and its day's column.
        where = self.driver.execute_script(
            "var o = {}; document.querySelectorAll('.visit').forEach("
            "function (b) { var td = b.closest('td'), tr = td.closest('tr');"
            " o[b.dataset.slot] = [tr.querySelector('th').textContent,"
            " Array.prototype.indexOf.call(tr.children, td)]; });"
            " return o;")
        self.assertEqual(where, {"s1": ["Solheim sykehjem", 1],
                                 "s2": ["Lia bo- og behandlingssenter", 2],
                                 "s4": ["Solheim sykehjem", 2],
                                 "s3": ["Solheim sykehjem", 6]})
        self.wait_text(".summary", "Besøk: 4")
        self.accessible("the week board")
        # Only the unfilled, then one home.
        self.css("#filter-open")[0].click()
        self.wait(lambda d: len(self.css(".visit")) == 4)
        self.ok("POST", "/api/v1/assignments", {"slot": "s3", "youth": "ola"})
        self.driver.refresh()
        self.wait_css(".board")
        self.wait(lambda d: not self.css('.visit[data-slot="s3"]'))
        self.assertTrue(self.css("#filter-open")[0].is_selected())
        from selenium.webdriver.support.ui import Select
        Select(self.css("#filter-home")[0]).select_by_value("lia")
        self.wait(lambda d: [b.get_attribute("data-slot")
                             for b in self.css(".visit")] == ["s2"])
        self.assertIn("home=lia", self.driver.current_url)

    def test_next_and_previous_week(self):
        self.login()
        self.visit("s1")
        self.css("#next-week")[0].click()
        self.wait_text("#week-title", "Uke 2")
        self.assertIn("week=2027-01-11", self.driver.current_url)
        self.wait(lambda d: self.css(".board") and not self.css(".visit"))
        self.css("#prev-week")[0].click()
        self.wait_text("#week-title", "Uke 1")
        self.visit("s1")
        self.css("#prev-week")[0].click()
        self.wait_text("#week-title", "Uke 53")
        self.css("#this-week")[0].click()
        self.wait(lambda d: "Uke 53" not in self.visible("#week-title").text
                  and "week=2026-12-28" not in d.current_url)

    def test_assign_a_youth_and_see_it_on_the_board(self):
        self.login()
        self.assertNotIn("Ola", self.visit("s3").text)
        self.open_visit("s3")
        self.wait_text("#panel", "Hvem kan ta besøket?")
        self.wait_css('#cand-list button[data-youth="ola"]')
        self.accessible("the visit panel")
        self.css('#cand-list button[data-youth="ola"]')[0].click()
        self.wait_text("#panel .people", "Ola Hansen")
        self.accessible("the visit panel, a youth assigned")
        self.wait(lambda d: "Ola" in self.visit("s3").text)
        self.assertIn("visit-full", self.visit("s3").get_attribute("class"))
        a = self.ok("GET", "/api/v1/assignments?slot=s3")["assignments"]
        self.assertEqual([(x["youth"], x["status"]) for x in a],
                         [("ola", "active")])

    def test_remove_and_sick_call(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "s1", "youth": "ola"})
        self.login()
        self.wait(lambda d: "Ida, Ola" in self.visit("s1").text)
        self.open_visit("s1")
        self.wait_css("#panel .people")
        self.css('#panel button[aria-label="Meld forfall: Ida Nilsen kommer '
                 'ikke"]')[0].click()
        # First who would replace her: nobody (Ola is on the visit).
        self.wait_text("#panel .suggest", "Ingen kan ta besøket i stedet "
                       "for Ida")
        self.accessible("the visit panel, a sick call's suggestion")
        self.assertEqual(self.ok("GET", "/api/v1/assignments?slot=s1&"
                                 "youth=ida")["assignments"][0]["status"],
                         "active", "nothing is written before accepting")
        self.button_with_text("#panel .suggest", "Meld forfall").click()
        self.wait_text("#panel .person-cancelled", "Ida Nilsen")
        self.accessible("the visit panel, a sick call")
        self.wait(lambda d: "Ida" not in self.visit("s1").text)
        self.css('#panel button[aria-label="Fjern Ola Hansen fra besøket"]'
                 )[0].click()
        self.wait_text("#panel", "Ingen er satt opp ennå.")
        self.wait(lambda d: "Ola" not in self.visit("s1").text)
        a = self.ok("GET", "/api/v1/assignments?slot=s1")["assignments"]
        self.assertEqual([(x["youth"], x["status"]) for x in a],
                         [("ida", "cancelled")])

    def test_sick_call_shows_the_replacement_first(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "s3", "youth": "ida"})
        self.login()
        self.wait(lambda d: "Ida" in self.visit("s3").text)
        self.open_visit("s3")
        self.wait_css("#panel .people")
        self.css('#panel button[aria-label="Meld forfall: Ida Nilsen kommer '
                 'ikke"]')[0].click()
        self.wait_text("#panel .suggest",
                       "Ola Hansen kan ta besøket i stedet for Ida.")
        self.button_with_text("#panel .suggest",
                              "Meld forfall og sett opp Ola").click()
        self.wait_text("#panel .person-cancelled", "Ida Nilsen")
        self.wait_text("#panel .people", "Ola Hansen")
        self.wait(lambda d: "Ola" in self.visit("s3").text)
        a = self.ok("GET", "/api/v1/assignments?slot=s3")["assignments"]
        self.assertEqual(sorted((x["youth"], x["status"]) for x in a),
                         [("ida", "cancelled"), ("ola", "active")])

    def test_candidates_from_rotad(self):
        """The "who can take it" list is rotad's own answer of GET
        /api/v1/slots/{id}/candidates: the eligible youths first, in its
        order, with the primary button; Ida (14), who may not take the
        three-hour visit on a school day, after them with every reason
        and its legal reference; assigning her is refused by rotad."""
        r = self.request("GET", "/api/v1/slots/s4/candidates",
                         headers={"Accept-Language": "nb"})
        self.assertEqual(r.status, 200)
        want = [c for c in r.json()["candidates"] if not c["assigned"]]
        eligible = [c["youth"] for c in want if c["eligible"]]
        self.assertTrue(eligible)
        ida = next(c for c in want if c["youth"] == "ida")
        self.assertFalse(ida["eligible"])
        law = [x for x in ida["reasons"] if x["reference"]]
        self.assertTrue(law, ida["reasons"])
        self.login()
        self.open_visit("s4")
        self.wait_text("#panel", "De som lovlig kan ta besøket står først")
        self.wait(lambda d: len(self.css("#cand-list .cand")) == len(want))
        rows = self.css("#cand-list .cand")
        buttons = [x.find_element("css selector", "button") for x in rows]
        self.assertEqual([x.get_attribute("data-youth") for x in buttons],
                         [c["youth"] for c in want])
        for c, row, button in zip(want, rows, buttons):
            with self.subTest(youth=c["youth"]):
                text = row.get_attribute("textContent")
                self.assertIn(c["name"], text)
                if c["eligible"]:
                    self.assertIn("btn-primary", button.get_attribute("class"))
                    self.assertNotIn("cand-ineligible",
                                     row.get_attribute("class"))
                else:
                    self.assertNotIn("btn-primary",
                                     button.get_attribute("class"))
                    self.assertIn("cand-ineligible",
                                  row.get_attribute("class"))
                    self.assertIn("ikke lov", text)
                for x in c["reasons"]:
                    self.assertIn(x["message"], text)
                    self.assertIn(x["reference"], text)
        row = rows[[c["youth"] for c in want].index("ida")]
        self.assertIn("%d år" % ida["age"], row.get_attribute("textContent"))
        refs = [e.get_attribute("textContent")
                for e in row.find_elements("css selector", ".rule-ref")]
        self.assertEqual(refs, [x["reference"] for x in law])
        self.accessible("the visit panel, rotad's candidates")
        # Assigning one who may not is refused by rotad, the law named.
        row.find_element("css selector", "button").click()
        box = self.wait_text("#cand-list .refusal", law[0]["reference"])
        self.assertIn("Avvist: dette bryter reglene", box.text)
        self.assertEqual(self.ok("GET", "/api/v1/assignments?slot=s4")
                         ["assignments"], [])

    def test_refused_assignment_shows_the_rule_and_forcing_it(self):
        # What rotad says of it (nothing is stored by a refusal).
        r = self.request("POST", "/api/v1/assignments",
                         {"slot": "s4", "youth": "ida"},
                         headers={"Accept-Language": "nb"})
        self.assertError(r, 409, "rule_violation")
        want = r.json()["violations"]
        self.assertTrue(want)
        self.login()
        self.open_visit("s4")
        self.wait_css('#cand-list button[data-youth="ida"]').click()
        box = self.wait_css("#cand-list .refusal")
        self.assertIn("Avvist: dette bryter reglene", box.text)
        for v in want:
            self.assertIn(v["message"], box.text)
            self.assertIn(v["reference"], box.text)
        refs = [e.text for e in self.css("#cand-list .refusal .rule-ref")]
        self.assertEqual(refs, [v["reference"] for v in want])
        self.accessible("a refusal")
        # Forcing is a second, explicit step: a checkbox, then the button.
        self.css("#cand-list .refusal .btn-danger-outline")[0].click()
        force = self.wait_css("#cand-list .refusal .btn-danger")
        self.assertEqual(force.text, "Sett opp likevel")
        self.assertFalse(force.is_enabled())
        self.assertEqual(self.ok("GET", "/api/v1/assignments?slot=s4")
                         ["assignments"], [])
        self.accessible("a refusal, the override step")
        self.css("#cand-list .refusal .checkbox")[0].click()
        # ... and a reason: the button waits for both.
        self.assertFalse(force.is_enabled())
        self.css("#cand-list .refusal .force-reason")[0].send_keys(
            "Foresatte har samtykket")
        self.wait(lambda d: force.is_enabled())
        self.accessible("a refusal, the override ticked")
        force.click()
        self.wait_text("#panel .people", "Ida Nilsen")
        self.wait(lambda d: "Ida" in self.visit("s4").text)
        v = self.ok("GET", "/api/v1/violations")["violations"]
        self.assertEqual([x["rule"] for x in v], [x["rule"] for x in want])

    def test_language_switch_and_back(self):
        from selenium.webdriver.support.ui import Select
        self.open_app("#week=2027-01-04")
        self.wait_text("label[for=login]", "Brukernavn")
        Select(self.css(".lang-picker select")[0]).select_by_value("en")
        self.wait_text("label[for=login]", "Username")
        self.accessible("the login page in English")
        self.assertEqual(self.driver.execute_script(
            "return document.documentElement.lang"), "en")
        # rotad's messages come back in the chosen language too.
        self.css("#login")[0].send_keys("kari")
        self.css("#password")[0].send_keys("not the password")
        self.css("form button[type=submit]")[0].click()
        self.wait_text("#password-error", "wrong login or password")
        self.accessible("the login page in English, a wrong password")
        self.css("#password")[0].clear()
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        self.wait_text("#week-title", "Week 1")
        self.assertIn("1 open", self.visit("s1").text)
        self.accessible("the week board in English")
        self.open_visit("s4")
        self.wait_css('#cand-list button[data-youth="ida"]').click()
        self.wait_css("#cand-list .refusal")
        self.css("#cand-list .refusal .btn-danger-outline")[0].click()
        self.wait_css("#cand-list .refusal .btn-danger")
        self.accessible("a refusal in English, the override step")
        self.css("#panel-close")[0].click()
        self.wait(lambda d: not self.visible("#panel"))
        # Remembered: a new page load is in English from the start.
        self.driver.get(self.base + "/#week=2027-01-04")
        self.wait_text("#week-title", "Week 1")
        self.assertIn('lang="en"', self.driver.page_source[:200])
        Select(self.css(".lang-picker select")[0]).select_by_value("nb")
        self.wait_text("#week-title", "Uke 1")
        self.assertIn("mangler 1", self.visit("s1").text)
        self.driver.get(self.base + "/#week=2027-01-04")
        self.wait_text("#week-title", "Uke 1")

    def test_phone_width_has_no_horizontal_overflow(self):
        self.phone()
        self.open_app()
        self.wait_css("#login")
        w = self.no_overflow()
        self.assertEqual(w[2], 390)
        self.assertLessEqual(w[0], w[1], "login page")
        self.accessible("the login page at 390 px")
        self.login()
        self.visit("s1")
        w = self.no_overflow()
        self.assertLessEqual(w[0], w[1], "week board")
        # The visits are in one column, each at most the screen wide.
        widths = self.driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll("
            "'.visit, .toolbar, .topbar'), function (e) {"
            " var r = e.getBoundingClientRect(); return r.right; })")
        self.assertTrue(all(x <= 390 for x in widths), widths)
        self.accessible("the week board at 390 px")
        self.open_visit("s4")
        self.wait_css('#cand-list button[data-youth="ida"]').click()
        self.wait_css("#cand-list .refusal")
        w = self.no_overflow()
        self.assertLessEqual(w[0], w[1], "visit panel with a refusal")
        self.accessible("the visit panel with a refusal at 390 px")
        self.css("#cand-list .refusal .btn-danger-outline")[0].click()
        self.wait_css("#cand-list .refusal .btn-danger")
        self.accessible("the override step at 390 px")

    def test_axe_finds_what_it_should(self):
        """The check itself: under rotad's CSP, axe-core runs and fails
        the test on a field without a name and on text without contrast
        (made here by hand, on the login page)."""
        self.open_app()
        self.wait_css("#login")
        self.accessible("the login page")
        d = self.driver
        d.execute_script("document.querySelector('label[for=login]')"
                         ".remove()")
        with self.assertRaises(AssertionError) as e:
            self.accessible("a field without a label")
        self.assertIn("label (critical)", str(e.exception))
        self.assertIn("#login", str(e.exception))
        d.refresh()
        self.wait_css("#login")
        d.execute_script("var b = document.querySelector("
                         "'form button[type=submit]'); b.style.color ="
                         " '#ffffff'; b.style.background = '#dddddd';")
        with self.assertRaises(AssertionError) as e:
            self.accessible("a button without contrast")
        self.assertIn("color-contrast (serious)", str(e.exception))
        d.refresh()
        self.wait_css("#login")
        d.execute_script("document.querySelector('form button[type=submit]')"
                         ".id = 'login'")
        with self.assertRaises(AssertionError) as e:
            self.accessible("two controls with one id")
        self.assertIn("duplicate-id (rota) (serious)", str(e.exception))

    def test_keyboard_tab_to_a_visit_and_open_it(self):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        self.login()
        self.visit("s1")
        d = self.driver
        d.execute_script("document.activeElement.blur()")
        focused = None
        for _ in range(60):
            ActionChains(d).send_keys(Keys.TAB).perform()
            focused = d.execute_script(
                "var e = document.activeElement;"
                " return e && e.classList.contains('visit')"
                " ? e.dataset.slot : null")
            if focused:
                break
        # The first visit on the board: Lia's (the homes by name).
        self.assertEqual(focused, "s2")
        ActionChains(d).send_keys(Keys.ENTER).perform()
        self.wait_css("#panel #panel-title")
        self.wait(lambda d: d.execute_script(
            "return document.activeElement.id") == "panel-title")
        self.wait_text("#panel", "Kaffe og prat")
        ActionChains(d).send_keys(Keys.ESCAPE).perform()
        self.wait(lambda d: not self.visible("#panel"))
        self.assertEqual(d.execute_script(
            "return document.activeElement.dataset.slot"), "s2")
        # The week's buttons keep the focus while the board is redrawn.
        d.execute_script("document.getElementById('next-week').focus()")
        ActionChains(d).send_keys(Keys.ENTER).perform()
        self.wait_text("#week-title", "Uke 2")
        self.wait(lambda d: not self.css(".state-loading"))
        self.assertEqual(d.execute_script(
            "return document.activeElement.id"), "next-week")
        ActionChains(d).send_keys(Keys.ENTER).perform()
        self.wait_text("#week-title", "Uke 3")


if __name__ == "__main__":
    unittest.main()
