# SPDX-License-Identifier: ISC
"""The web app's screen 6 (issue 19) in a real headless Chromium, driven
by WebDriver as test_web.py does it (Debian's chromium, chromium-driver and
python3-selenium): an admin forces an illegal assignment with a reason and
finds it on the Violations screen and in the audit log with that reason;
edits a setting and sees the field's error for a bad value; adds a
coordinator with a home scope, who then logs in and sees no admin entries
in the navigation.  Every wait is an explicit WebDriverWait on what the
page shows, never a sleep."""
import unittest

from browser import PASSWORD, BrowserTestCase
from harness import base_instance
REASON = "Foresatte har samtykket, avtalt med rektor"


def instance():
    """base_instance() and a three-hour visit on a school day, which Ida
    (14, compulsory school) may not take: two hours at most."""
    inst = base_instance()
    inst["slots"].append({"id": "s4", "home": "solheim",
                          "start": "2027-01-05T15:00",
                          "end": "2027-01-05T18:00", "activity": "Tur"})
    return inst


class AdminScreensTest(BrowserTestCase):
    """Violations, audit log, settings and users, as an admin uses them."""

    users = (("boss", "admin", "Berit Sjef", None),)

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.request("DELETE", "/api/v1/users/kari")
        self.ok("PUT", "/api/v1/settings",
                {"jurisdiction": "NO", "timezone": "Europe/Oslo"})
        self.reset_browser()

    def login(self, who="boss", fragment="#week=2027-01-04",
              password=PASSWORD):
        self.driver.get(self.base + "/" + fragment)
        self.wait_css("#login").send_keys(who)
        self.css("#password")[0].send_keys(password)
        self.css("form button[type=submit]")[0].click()
        self.wait_css("#logout")

    def nav(self, screen):
        self.wait_css("#nav-" + screen).click()
        self.wait(lambda d: self.css("#nav-%s[aria-current=page]" % screen))

    def nav_ids(self):
        return [e.get_attribute("id") for e in self.css(".nav .nav-link")]

    def no_overflow(self):
        return self.driver.execute_script(
            "return [document.documentElement.scrollWidth,"
            " document.documentElement.clientWidth]")

    # ---- tests ----

    def test_forced_assignment_with_reason_on_violations_and_audit(self):
        self.login()
        self.assertEqual(self.nav_ids(), [
            "nav-board", "nav-youths", "nav-plan", "nav-hours",
            "nav-requests", "nav-violations", "nav-audit", "nav-settings",
            "nav-users"])
        self.wait_css('.visit[data-slot="s4"]').click()
        self.wait_css("#cand-list")
        self.wait_css('#cand-list button[data-youth="ida"]').click()
        self.wait_css("#cand-list .refusal .btn-danger-outline").click()
        force = self.wait_css("#cand-list .refusal .btn-danger")
        reason = self.css("#cand-list .refusal .force-reason")[0]
        # Both the checkbox and a reason, else the button stays disabled.
        self.css("#cand-list .refusal .checkbox")[0].click()
        self.assertFalse(force.is_enabled())
        reason.send_keys("x")
        self.wait(lambda d: force.is_enabled())
        from selenium.webdriver.common.keys import Keys
        reason.send_keys(Keys.BACKSPACE)
        self.wait(lambda d: not force.is_enabled())
        self.wait_text("#cand-list .force-reason-msg",
                       "Skriv hvorfor du overstyrer reglene.")
        self.assertEqual(reason.get_attribute("aria-invalid"), "true")
        reason.send_keys(REASON)
        self.wait(lambda d: force.is_enabled())
        force.click()
        self.wait_text("#panel .people", "Ida Nilsen")
        rows = self.ok("GET", "/api/v1/audit?forced=true")["audit"]
        self.assertEqual(rows[0]["after"]["force_reason"], REASON)
        # The Violations screen: the current violation, and the forced
        # change with who, when and the reason.
        self.css("#panel-close")[0].click()
        self.nav("violations")
        want = self.request("GET", "/api/v1/violations",
                            headers={"Accept-Language": "nb"}).json()
        v = want["violations"][0]
        item = self.wait_text("#viol-list .viol", v["message"])
        self.assertIn(v["reference"], item.text)
        self.assertIn("Ida", item.text)
        self.assertIn("Solheim sykehjem", item.text)
        forced = self.wait_text("#forced-list .forced", REASON)
        self.assertIn("boss", forced.text)
        self.assertIn(v["reference"], forced.text)
        # The audit log: the row, forced, with the reason; opened, its
        # change in words.
        self.nav("audit")
        row = self.wait_text("#audit-table .audit-row", REASON)
        self.assertIn("boss", row.text)
        self.assertIn("overstyrt", row.text)
        toggle = row.find_element("css selector", ".audit-toggle")
        self.assertEqual(toggle.get_attribute("aria-expanded"), "false")
        toggle.click()
        detail = self.wait_css("#" + toggle.get_attribute("aria-controls"))
        self.assertEqual(toggle.get_attribute("aria-expanded"), "true")
        self.assertIn("youth", detail.text)
        self.assertIn("ida", detail.text)
        self.assertIn(v["reference"], detail.text)
        self.assertNotIn("{", detail.text)
        # The filter: only forced rows; then a user's rows, none forced.
        self.css("#audit-forced")[0].click()
        self.css("#audit-apply")[0].click()
        self.wait(lambda d: len(self.css("#audit-table .audit-row")) == 1)
        self.css("#audit-forced")[0].click()
        from selenium.webdriver.support.ui import Select
        Select(self.css("#audit-entity")[0]).select_by_value("user")
        self.css("#audit-apply")[0].click()
        self.wait(lambda d: self.css("#audit-table .state-empty") or all(
            "overstyrt" not in r.text for r in
            self.css("#audit-table .audit-row")))
        # A bad filter value: the API's message next to the field.
        self.css("#audit-entity-id")[0].send_keys("x" * 200)
        self.css("#audit-apply")[0].click()
        self.wait_text("#audit-entity-id-error", "128")
        self.assertEqual(self.css("#audit-entity-id")[0]
                         .get_attribute("aria-invalid"), "true")

    def test_settings_field_error_and_save(self):
        self.login()
        self.nav("settings")
        travel = self.wait_css("#set-travel")
        self.assertEqual(travel.get_attribute("value"), "30")
        self.wait_css("#cal-terms .row-edit")
        travel.clear()
        travel.send_keys("-5")
        self.css("#settings-save")[0].click()
        err = self.wait(lambda d: self.visible("#set-travel-error") if
                        self.css("#set-travel-error")[0]
                        .get_attribute("textContent") else None)
        self.assertTrue(err.text)
        self.assertEqual(travel.get_attribute("aria-invalid"), "true")
        self.assertEqual(self.ok("GET", "/api/v1/settings")["options"]
                         ["travel_minutes"], 30)
        travel.clear()
        travel.send_keys("45")
        self.css("#settings-save")[0].click()
        self.wait_text("#settings-saved", "lagret")
        self.assertEqual(self.ok("GET", "/api/v1/settings")["options"]
                         ["travel_minutes"], 45)
        self.assertEqual(self.css("#set-travel-error")[0]
                         .get_attribute("textContent"), "")
        # The quiet hours and their exception for urgent changes (issue
        # 16): two labelled boxes, on by default; unchecking one stores
        # false, and the options without a control stay as they were.
        s = self.ok("GET", "/api/v1/settings")
        s["options"]["claims_need_approval"] = True
        self.ok("PUT", "/api/v1/settings", s)
        self.driver.refresh()
        urgent = self.wait_css("#set-mail-urgent")
        self.assertTrue(self.css("#set-mail-quiet")[0].is_selected())
        self.assertTrue(urgent.is_selected())
        self.assertEqual(len(self.css('label[for="set-mail-urgent"]')), 1)
        urgent.click()
        self.css("#settings-save")[0].click()
        self.wait_text("#settings-saved", "lagret")
        opts = self.ok("GET", "/api/v1/settings")["options"]
        self.assertEqual((opts.get("mail_quiet_hours", True),
                          opts["mail_urgent_in_quiet_hours"],
                          opts.get("claims_need_approval"),
                          opts["travel_minutes"]), (True, False, True, 45))
        # The school calendar: a term that ends before it starts is
        # named at its field.
        to = self.css("#cal-terms-0-to")[0]
        self.driver.execute_script(
            "arguments[0].value = '2026-01-01'", to)
        self.css("#calendar-save")[0].click()
        self.wait(lambda d: self.css("#cal-terms-0-to")[0]
                  .get_attribute("aria-invalid") == "true"
                  or self.css("#cal-terms-0-from")[0]
                  .get_attribute("aria-invalid") == "true")

    def test_add_a_coordinator_who_sees_no_admin_screens(self):
        self.login()
        self.nav("users")
        self.wait_css("#add-user-form")
        self.wait_text("#user-list .user", "boss")
        self.css("#new-login")[0].send_keys("kari")
        self.css("#new-name")[0].send_keys("Kari Nordmann")
        from selenium.webdriver.support.ui import Select
        Select(self.css("#new-role")[0]).select_by_value("coordinator")
        self.css("#new-homes-solheim")[0].click()
        # A password the policy refuses: its message at the field.
        self.css("#new-password")[0].send_keys("kari")
        self.css("#new-user-save")[0].click()
        self.wait(lambda d: self.css("#new-password")[0]
                  .get_attribute("aria-invalid") == "true")
        self.assertTrue(self.css("#new-password-error")[0].text)
        self.css("#new-password")[0].clear()
        self.css("#new-password")[0].send_keys(PASSWORD)
        self.css("#new-user-save")[0].click()
        item = self.wait_text("#user-list .user", "Kari Nordmann")
        self.assertIn("Solheim sykehjem", item.text)
        u = self.ok("GET", "/api/v1/users/kari")
        self.assertEqual((u["role"], u["homes"]), ("coordinator",
                                                    ["solheim"]))
        # Removing is a second step.
        item.find_element("css selector", ".btn-danger-outline").click()
        confirm = self.wait_css("#user-remove-confirm")
        self.assertEqual(self.request("GET", "/api/v1/users/kari").status,
                         200)
        del confirm
        self.css("#logout")[0].click()
        self.wait_css("#login")
        # Kari: the board, the youths and the violations of her scope;
        # no audit log, settings or users, and their addresses show the
        # board.
        self.login("kari")
        self.assertEqual(self.nav_ids(),
                         ["nav-board", "nav-youths", "nav-plan",
                          "nav-hours", "nav-requests", "nav-violations"])
        for screen in ("audit", "settings", "users"):
            self.driver.get(self.base + "/#" + screen)
            self.wait_css("#nav-board[aria-current=page]")
            self.assertEqual(self.css("#audit-table, #settings-form, "
                                      "#add-user-form"), [])
        self.nav("violations")
        self.wait_css("#viol-list .state-empty, #viol-list .viol-list")
        self.assertEqual(self.css("#forced-list"), [])

    def test_invitation_link(self):
        self.login()
        self.nav("users")
        self.wait_css("#add-user-form")
        self.css("#new-login")[0].send_keys("kari")
        self.css("#new-by-invite")[0].click()
        self.wait(lambda d: not self.visible("#new-password"))
        self.css("#new-user-save")[0].click()
        link = self.wait_css(".invite-link").get_attribute("value")
        self.assertRegex(link, r"^http://127\.0\.0\.1:\d+/#invite&code=.")
        self.assertFalse(self.ok("GET", "/api/v1/users/kari")["has_password"])
        self.css("#logout")[0].click()
        self.wait_css("#login")
        # The link: the code leaves the address; a refused password is
        # named at its field; then the login, with the new password.
        self.driver.get(link)
        self.wait_css("#invite-form")
        self.assertNotIn("code=", self.driver.current_url)
        self.css("#invite-password")[0].send_keys("kari")
        self.css("#invite-submit")[0].click()
        self.wait(lambda d: self.css("#invite-password")[0]
                  .get_attribute("aria-invalid") == "true")
        self.css("#invite-password")[0].clear()
        self.css("#invite-password")[0].send_keys(PASSWORD)
        self.css("#invite-submit")[0].click()
        self.wait_text("#login-notice", "Logg inn med det")
        self.login("kari", fragment="")
        self.assertEqual(self.nav_ids(),
                         ["nav-board", "nav-youths", "nav-plan",
                          "nav-hours", "nav-requests", "nav-violations"])

    def test_phone_width(self):
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 390, "height": 844, "deviceScaleFactor": 2,
            "mobile": True})
        self.login()
        for screen, sel in (("violations", "#viol-list .state, "
                             "#viol-list .viol-list"),
                            ("audit", "#audit-table .audit-row"),
                            ("settings", "#settings-form"),
                            ("users", "#user-list")):
            self.nav(screen)
            self.wait_css(sel)
            w = self.no_overflow()
            self.assertLessEqual(w[0], w[1], screen)


if __name__ == "__main__":
    unittest.main()
