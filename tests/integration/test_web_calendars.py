# SPDX-License-Identifier: ISC
"""The named school calendars in the web app (web/calendars.js, "#calendars",
reached from Settings; issue 15 and 19) in a real headless Chromium, as an
admin uses it: the list with the default and how many follow each, adding
one (an error at the field the API names first), changing one when
somebody else saved first (the 412 and what it says now), deleting one
that a youth follows (the 409 at the button), making one the default and
deleting one nobody follows, by keyboard where it matters; axe-core on
each state, and the English texts.  Every wait is an explicit
WebDriverWait on what the page shows, never a sleep."""
import unittest

from axe import assert_accessible
from browser import BrowserTestCase
from harness import base_instance

BERGEN = {"id": "bergen", "name": "Bergen kommune",
          "terms": [{"from": "2027-01-04", "to": "2027-06-18"}],
          "holidays": [{"from": "2027-03-01", "to": "2027-03-05"}],
          "school_hours": {"start": "08:15", "end": "14:30"}}


class CalendarsAppTest(BrowserTestCase):

    users = (("boss", "admin", "Berit Sjef", None),)

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())
        r = self.request("POST", "/api/v1/school-calendars", BERGEN)
        self.assertEqual(r.status, 201, r.body[:300])
        self.ok("PATCH", "/api/v1/youths/ida", {"school_calendar": "bergen"})
        self.reset_browser()

    def login(self):
        from browser import PASSWORD
        self.driver.get(self.base + "/#week=2027-01-04")
        self.wait_css("#login").send_keys("boss")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        self.wait_css("#logout")

    def open_calendars(self):
        """Settings, then its link to the named calendars."""
        self.login()
        self.wait_css("#nav-settings").click()
        self.wait_css("#settings-calendars").click()
        self.wait_css('#calendar-list li[data-calendar="bergen"]')
        self.wait(lambda d: self.css("#nav-settings[aria-current=page]"))
        self.assertNotIn("nav-calendars", [
            e.get_attribute("id") for e in self.css(".nav .nav-link")])

    def item(self, cal_id):
        return self.wait_css('#calendar-list li[data-calendar="%s"]' % cal_id)

    def in_item(self, cal_id, sel):
        return self.wait_css('#calendar-list li[data-calendar="%s"] %s'
                             % (cal_id, sel))

    def set_value(self, sel, value):
        """A date or time input's value (their typing is per locale)."""
        self.driver.execute_script("arguments[0].value = arguments[1]",
                                   self.wait_css(sel), value)

    def active_id(self):
        return self.driver.execute_script(
            "return document.activeElement && document.activeElement.id")

    def saved(self, text):
        self.wait_text("#calendars-saved", text)

    def axe(self, context):
        assert_accessible(self, self.driver, context)

    def api_calendars(self):
        return {c["id"]: c for c in self.ok(
            "GET", "/api/v1/school-calendars")["school_calendars"]}

    # ---- tests ----

    def test_create_edit_stale_refused_delete_default_delete(self):
        from selenium.webdriver.common.keys import Keys
        self.open_calendars()
        n = len(self.ok("GET", "/api/v1/youths")["youths"])
        used = self.in_item("bergen", ".cal-used").get_attribute(
            "textContent")
        self.assertIn("ungdommer: 1, sykehjem: 0", used)
        self.assertIn("ungdommer: %d," % (n - 1), self.in_item(
            "default", ".cal-used").get_attribute("textContent"))
        self.in_item("default", "#cal-default")
        self.assertEqual(self.css('li[data-calendar="default"] .cal-delete'),
                         [])
        self.in_item("bergen", ".cal-delete")
        self.axe("the list")

        # Add one: a holiday that ends before it starts is named at its
        # field and nothing is stored; corrected, it is added.
        self.wait_css("#cal-add-id").send_keys("oslo")
        self.css("#cal-add-name")[0].send_keys("Oslo kommune")
        self.css("#cal-add-terms-add")[0].click()
        self.set_value("#cal-add-terms-0-from", "2027-01-04")
        self.set_value("#cal-add-terms-0-to", "2027-06-18")
        self.css("#cal-add-holidays-add")[0].click()
        self.set_value("#cal-add-holidays-0-from", "2027-02-26")
        self.set_value("#cal-add-holidays-0-to", "2027-02-22")
        self.set_value("#cal-add-start", "08:30")
        self.set_value("#cal-add-end", "14:00")
        self.css("#calendar-add-submit")[0].click()
        self.wait(lambda d: self.css("#cal-add-holidays-0-to")[0]
                  .get_attribute("aria-invalid") == "true")
        self.assertTrue(self.css("#cal-add-holidays-0-to-error")[0]
                        .get_attribute("textContent"))
        self.assertEqual(self.active_id(), "cal-add-holidays-0-to")
        self.assertEqual(self.request(
            "GET", "/api/v1/school-calendars/oslo").status, 404)
        self.axe("a field's error")
        self.set_value("#cal-add-holidays-0-to", "2027-03-02")
        self.css("#calendar-add-submit")[0].click()
        self.saved("lagt til")
        self.item("oslo")
        self.assertEqual(self.active_id(), "")  # a Change button: no id
        self.assertIn("oslo", self.driver.execute_script(
            "return document.activeElement.closest('li').dataset.calendar"))
        cal = self.ok("GET", "/api/v1/school-calendars/oslo")
        self.assertEqual(cal["name"], "Oslo kommune")
        self.assertEqual(cal["holidays"], [{"from": "2027-02-26",
                                            "to": "2027-03-02"}])
        self.assertEqual(cal["school_hours"], {"start": "08:30",
                                               "end": "14:00"})
        self.assertEqual(self.css("#cal-add-id")[0].get_attribute("value"),
                         "")

        # Change it while somebody else saves first: 412, nothing
        # stored, and what it says now on request.
        self.in_item("oslo", ".cal-change").click()
        name = self.wait_css("#cal-edit-oslo-name")
        self.assertEqual(self.active_id(), "cal-edit-oslo-name")
        self.assertEqual(name.get_attribute("value"), "Oslo kommune")
        other = dict(cal, name="Oslo kommune (ny)")
        self.ok("PUT", "/api/v1/school-calendars/oslo", other)
        name.clear()
        name.send_keys("Oslo skolekrets")
        self.css('form[data-calendar="oslo"] button[type=submit]')[0].click()
        self.wait_text("#cal-edit-oslo-error", "Noen endret denne skoleruta")
        self.assertEqual(self.active_id(), "cal-edit-oslo-error")
        self.assertEqual(self.ok("GET", "/api/v1/school-calendars/oslo")
                         ["name"], "Oslo kommune (ny)")
        self.axe("a 412")
        self.button_with_text("#cal-edit-oslo-error",
                              "Vis hva den sier nå").click()
        self.wait(lambda d: self.css("#cal-edit-oslo-name")[0]
                  .get_attribute("value") == "Oslo kommune (ny)")
        name = self.css("#cal-edit-oslo-name")[0]
        name.clear()
        name.send_keys("Oslo skolekrets")
        self.css('form[data-calendar="oslo"] button[type=submit]')[0].click()
        self.saved("lagret")
        self.assertEqual(self.ok("GET", "/api/v1/school-calendars/oslo")
                         ["name"], "Oslo skolekrets")
        self.wait_text('li[data-calendar="oslo"] .user-name',
                       "Oslo skolekrets")

        # Delete Bergen, which Ida follows: the question first (focus on
        # its button), then the refusal next to that button; by keyboard.
        self.in_item("bergen", ".cal-delete").click()
        self.wait_css("#calendar-delete-confirm")
        self.assertEqual(self.active_id(), "calendar-delete-confirm")
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)
        err = self.wait_text("#cal-delete-error-bergen", "1 ungdom")
        self.assertIn("bergen", err.get_attribute("textContent"))
        self.assertEqual(self.css("#calendar-delete-confirm")[0]
                         .get_attribute("aria-describedby"),
                         "cal-delete-error-bergen")
        self.assertIn("bergen", self.api_calendars())
        self.axe("a delete refused")
        self.button_with_text('li[data-calendar="bergen"]', "Avbryt").click()
        self.wait(lambda d: not self.css("#calendar-delete-confirm"))
        self.assertIn("cal-delete", self.driver.execute_script(
            "return document.activeElement.className"))

        # Make Oslo the default; then the old default, which nobody
        # names, can go.
        self.in_item("oslo", ".cal-make-default").click()
        self.saved("Standardruta er endret")
        self.in_item("oslo", "#cal-default")
        cals = self.ok("GET", "/api/v1/school-calendars")["school_calendars"]
        self.assertEqual((cals[0]["id"], cals[0]["default"]), ("oslo", True))
        self.assertEqual(cals[0]["name"], "Oslo skolekrets")
        self.assertEqual(self.css('li[data-calendar="oslo"] .cal-delete'), [])
        self.in_item("default", ".cal-delete").click()
        self.wait_css("#calendar-delete-confirm").click()
        self.saved("slettet")
        self.wait(lambda d: not self.css('li[data-calendar="default"]'))
        self.assertEqual(self.active_id(), "calendars-title")
        self.assertEqual(self.request(
            "GET", "/api/v1/school-calendars/default").status, 404)
        self.assertEqual(sorted(self.api_calendars()), ["bergen", "oslo"])

    def test_in_english(self):
        self.open_calendars()
        pick = self.wait_css(".lang-picker select")
        from selenium.webdriver.support.ui import Select
        Select(pick).select_by_value("en")
        self.wait_text("#screen-title", "School calendars")
        used = self.in_item("bergen", ".cal-used").get_attribute(
            "textContent")
        self.assertIn("Followed by youths: 1, homes: 0", used)
        self.in_item("bergen", ".cal-delete").click()
        self.wait_css("#calendar-delete-confirm").click()
        self.wait_text("#cal-delete-error-bergen", "is used by 1 youth")
        self.axe("English")


if __name__ == "__main__":
    unittest.main()
