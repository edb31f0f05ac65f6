# SPDX-License-Identifier: ISC
"""The web app's board filtered by region (issues 15 and 19) in headless
Chromium: the region select next to the home filter, in the address like
the other filters; a coordinator scoped to one region starts on it and
sees no other; a scope of many homes asks for a region first; the Users
screen sets a user's regions.  Every wait is an explicit WebDriverWait on
what the page shows, never a sleep."""
import unittest

from axe import assert_accessible
from browser import PASSWORD, BrowserTestCase
from test_regions import instance


class RegionBoardTest(BrowserTestCase):

    users = (("alle", "coordinator", "Alle Nordmann", None),
             ("vest", "coordinator", "Vest Nordmann", None),
             ("sjef", "admin", "Sjef Nordmann", None))

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.ok("PATCH", "/api/v1/users/vest", {"regions": ["Vest"]})
        self.reset_browser()

    def login(self, who, fragment="#week=2027-01-04"):
        self.driver.get(self.base + "/" + fragment)
        self.wait_css("#login").send_keys(who)
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()

    def shown(self):
        return sorted(b.get_attribute("data-slot") for b in self.css(".visit"))

    def select(self, sel, value):
        from selenium.webdriver.support.ui import Select
        Select(self.wait_css(sel)).select_by_value(value)

    def test_region_filter_in_the_address(self):
        self.login("alle")
        self.wait_css(".board")
        self.wait(lambda d: self.shown() == ["f1", "n1", "s1", "s2", "s3"])
        opts = [o.get_attribute("value")
                for o in self.css("#filter-region option")]
        self.assertEqual(opts, ["", "Nord", "Vest"])
        self.select("#filter-region", "Nord")
        self.wait(lambda d: self.shown() == ["n1"])
        self.assertIn("region=Nord", self.driver.current_url)
        # The home select holds the region's homes only.
        homes = [o.get_attribute("value")
                 for o in self.css("#filter-home option")]
        self.assertEqual(homes, ["", "nordly"])
        assert_accessible(self, self.driver, "the board of one region")
        # The address alone opens the same view.
        self.driver.get(self.base + "/#week=2027-01-04&region=Vest")
        self.driver.refresh()
        self.wait(lambda d: self.shown() == ["s1", "s2", "s3"])
        self.select("#filter-region", "")
        self.wait(lambda d: len(self.shown()) == 5)
        self.assertRegex(self.driver.current_url, r"region=(&|$)")

    def test_scoped_coordinator_starts_on_its_region(self):
        self.login("vest")
        self.wait_css(".board")
        self.wait(lambda d: self.shown() == ["s1", "s2", "s3"])
        self.assertEqual(
            self.wait_css("#filter-region").get_attribute("value"), "Vest")
        self.assertIn("region=Vest", self.driver.current_url)
        opts = [o.get_attribute("value")
                for o in self.css("#filter-region option")]
        self.assertEqual(opts, ["", "Vest"])

    def test_many_homes_ask_for_a_region(self):
        inst = instance()
        for i in range(70):
            inst["homes"].append({"id": "m%02d" % i, "name": "Mange %02d" % i,
                                  "region": "Øst" if i % 2 else "Sør"})
            inst["slots"].append({"id": "ms%02d" % i, "home": "m%02d" % i,
                                  "start": "2027-01-05T16:00",
                                  "end": "2027-01-05T17:00"})
        self.ok("POST", "/api/v1/import", inst)
        self.login("alle")
        self.wait_css("#choose-region")
        self.assertFalse(self.css(".board"))
        self.wait_css('#choose-region button[data-region="Øst"]').click()
        self.wait_css(".board")
        self.wait(lambda d: len(self.shown()) == 35)
        self.assertIn("region=%C3%98st", self.driver.current_url)

    def test_users_screen_sets_regions(self):
        self.login("sjef", "#users")
        item = self.wait_css('.user[data-login="alle"]')
        item.find_element("css selector", ".button-row button").click()
        box = self.wait_css('.user[data-login="alle"] input[value="Nord"]')
        box.click()
        self.css('.user[data-login="alle"] button[type=submit]')[0].click()
        self.wait(lambda d: self.ok("GET", "/api/v1/users/alle")["regions"]
                  == ["Nord"])
        self.wait_text('.user[data-login="alle"] .user-homes', "Nord")


if __name__ == "__main__":
    unittest.main()
