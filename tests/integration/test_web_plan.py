# SPDX-License-Identifier: ISC
"""The web app's "Plan a period" and "Hours" screens (issue 19, screens 4
and 5) in headless Chromium, as test_web.py drives it: log in, plan next
week, watch the progress bar, read the preview, apply it and see the board
filled; open Hours, read the figures and download the CSV with the
session's cookie.  Every wait is an explicit WebDriverWait on what the page
shows, never a sleep."""
import csv
import datetime
import http.client
import io

from browser import PASSWORD, BrowserTestCase
from harness import base_instance


def next_monday():
    d = datetime.date.today()
    return d + datetime.timedelta(days=7 - d.weekday())


def instance():
    """Two open visits next week (the screen's default period), one at
    each home, that both youths may take."""
    inst = base_instance()
    mon = next_monday()
    tue = (mon + datetime.timedelta(days=1)).isoformat()
    sat = (mon + datetime.timedelta(days=5)).isoformat()
    inst["slots"] += [
        {"id": "n1", "home": "solheim", "start": tue + "T16:00",
         "end": tue + "T18:00", "activity": "Quiz"},
        {"id": "n2", "home": "lia", "start": sat + "T11:00",
         "end": sat + "T13:00", "activity": "Kaffe"},
    ]
    return inst


class PlanBrowserTest(BrowserTestCase):

    users = (("kari", "coordinator", "Kari Nordmann", None),
             ("vera", "viewer", "Vera Nordmann", None))
    timeout = 30  # a planner run is part of some waits

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.reset_browser()

    def login(self, who, fragment, ready):
        self.driver.get(self.base + "/" + fragment)
        self.wait_css("#login").send_keys(who)
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        return self.wait_css(ready)

    def cookie_header(self):
        return "; ".join("%s=%s" % (c["name"], c["value"])
                         for c in self.driver.get_cookies())

    # ---- tests ----

    def test_plan_next_week_apply_and_see_the_board(self):
        self.login("kari", "#plan", "#plan-form")
        self.assertEqual(self.css("#nav-plan")[0].get_attribute(
            "aria-current"), "page")
        mon = next_monday()
        # Labelled controls, next week by default.
        f = self.css("#plan-form input[name=from]")[0]
        t = self.css("#plan-form input[name=to]")[0]
        self.assertEqual(f.get_attribute("value"), mon.isoformat())
        self.assertEqual(t.get_attribute("value"),
                         (mon + datetime.timedelta(days=6)).isoformat())
        for el in self.css("#plan-form input, #plan-form select"):
            label = self.css('label[for="%s"]' % el.get_attribute("id"))
            self.assertTrue(label and label[0].text.strip(),
                            el.get_attribute("id"))
        self.wait(lambda d: len(self.css("#plan-form select option")) == 3)
        secs = self.css("#plan-form input[name=seconds]")[0]
        secs.clear()
        secs.send_keys("1")
        # Record whether a progress bar is ever drawn (it is on screen
        # from the 202 answer until the first poll that finds the run
        # done, however short the run is).
        self.driver.execute_script("""
            window.sawProgress = false;
            new MutationObserver(() => {
              if (document.querySelector('[role=progressbar]'))
                window.sawProgress = true;
            }).observe(document.body, {childList: true, subtree: true});""")
        self.css("#plan-run")[0].click()
        self.wait_css("#plan-preview-title")
        self.assertTrue(self.driver.execute_script(
            "return window.sawProgress"))
        # The preview: per home, per youth (first names), nothing open.
        summary = self.wait_css("#plan-summary").get_attribute("textContent")
        self.assertIn("Nye vakter: 2", summary)
        homes = [e.get_attribute("data-home")
                 for e in self.css(".plan-group[data-home]")]
        self.assertEqual(sorted(homes), ["lia", "solheim"])
        names = {e.get_attribute("textContent")
                 for e in self.css(".plan-group[data-youth] "
                                   ".plan-group-title")}
        self.assertTrue(names <= {"Ida", "Ola"} and names, names)
        self.assertIn("Alle plassene er fylt",
                      self.css("#plan-out")[0].get_attribute("textContent"))
        # Nothing is written before apply.
        a = self.ok("GET", "/api/v1/assignments?from=%s&to=%s" % (
            mon.isoformat(), (mon + datetime.timedelta(days=6)).isoformat()))
        self.assertEqual(a["assignments"], [])
        # At phone width the preview fits.
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 390, "height": 844, "deviceScaleFactor": 2,
            "mobile": True})
        sw, cw = self.driver.execute_script(
            "return [document.documentElement.scrollWidth,"
            " document.documentElement.clientWidth]")
        self.assertLessEqual(sw, cw)
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride",
                                    {})
        # Apply with the keyboard.
        from selenium.webdriver.common.keys import Keys
        apply = self.wait_css("#plan-apply")
        apply.send_keys(Keys.ENTER)
        self.wait_text("#plan-applied", "Planen er lagret: 2 vakter")
        a = self.ok("GET", "/api/v1/assignments?from=%s&to=%s" % (
            mon.isoformat(), (mon + datetime.timedelta(days=6)).isoformat()))
        self.assertEqual(sorted(x["slot"] for x in a["assignments"]),
                         ["n1", "n2"])
        self.css("#plan-board-link")[0].click()
        self.wait_css(".board")
        for slot in ("n1", "n2"):
            v = self.wait_css('.visit[data-slot="%s"]' % slot)
            self.wait(lambda d: "visit-open" not in self.visible(
                '.visit[data-slot="%s"]' % slot).get_attribute("class"))
            people = v.find_elements("css selector", ".visit-people")
            self.assertTrue(people and people[0].get_attribute(
                "textContent").strip())

    def test_discard_writes_nothing(self):
        self.login("kari", "#plan", "#plan-form")
        secs = self.css("#plan-form input[name=seconds]")[0]
        secs.clear()
        secs.send_keys("1")
        self.css("#plan-run")[0].click()
        self.wait_css("#plan-discard").click()
        self.wait(lambda d: not self.css("#plan-preview-title"))
        self.assertEqual(self.ok("GET", "/api/v1/assignments?slot=n1")
                         ["assignments"], [])

    def test_hours_figures_and_csv(self):
        # Next week's visits, planned through the API.
        mon = next_monday()
        self.ok("POST", "/api/v1/assignments", {"slot": "n1",
                                                "youth": "ola"}, status=201)
        self.ok("POST", "/api/v1/assignments", {"slot": "n2",
                                                "youth": "ola"}, status=201)
        tue = mon + datetime.timedelta(days=1)
        sat = mon + datetime.timedelta(days=5)
        month = tue.strftime("%Y-%m")
        self.login("kari", "#hours&month=" + month, "#hours-title")
        self.assertEqual(self.css("#nav-hours")[0].get_attribute(
            "aria-current"), "page")
        table = self.wait_css("#hours-youths")
        row = self.wait_css('#hours-youths tr[data-id="ola"]')
        cells = [c.get_attribute("textContent")
                 for c in row.find_elements("css selector", "th, td")]
        planned = 2 if sat.strftime("%Y-%m") == month else 1
        self.assertEqual(cells[0], "Ola Hansen")
        self.assertEqual(cells[1:3], ["0", "0 t"])
        self.assertEqual(cells[3:5], [str(planned), "%d t" % (2 * planned)])
        self.assertIn("Sum", table.get_attribute("textContent"))
        self.wait_css('#hours-homes tr[data-id="solheim"]')
        # The CSV link fetched with the session's cookie.
        link = self.css("#hours-csv")[0]
        self.assertIsNotNone(link.get_attribute("download"))
        href = link.get_attribute("href")
        self.assertTrue(href.startswith(self.base + "/api/v1/hours?month="
                                        + month + "&format=csv"), href)
        conn = http.client.HTTPConnection("127.0.0.1", self.daemon.port,
                                          timeout=30)
        conn.request("GET", href[len(self.base):],
                     headers={"Cookie": self.cookie_header()})
        r = conn.getresponse()
        body = r.read()
        self.assertEqual(r.status, 200, body[:200])
        self.assertEqual(r.getheader("Content-Type"),
                         "text/csv; charset=utf-8")
        self.assertEqual(r.getheader("Content-Disposition"),
                         'attachment; filename="rota-hours-%s.csv"' % month)
        conn.close()
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"),
                                           newline="")))
        self.assertEqual(rows[0][0], "kind")
        ola = [x for x in rows if x[:2] == ["youth", "ola"]][0]
        self.assertEqual(ola[5:7], [str(planned), "%d.00" % (2 * planned)])
        # The month picker: next month and back, with the keyboard.
        from selenium.webdriver.common.keys import Keys
        nxt = self.css("#hours-next")[0]
        nxt.send_keys(Keys.ENTER)
        self.wait(lambda d: "month=" + month not in d.current_url)
        # The redrawn toolbar keeps the focus on the button pressed.
        self.wait(lambda d: d.switch_to.active_element.get_attribute("id")
                  == "hours-next")
        self.wait_css("#hours-prev").send_keys(Keys.ENTER)
        self.wait(lambda d: d.current_url.endswith("month=" + month))
        self.wait_css('#hours-youths tr[data-id="ola"]')

    def test_viewers_do_not_plan_and_see_the_homes_hours_only(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "n1",
                                                "youth": "ola"}, status=201)
        month = (next_monday() + datetime.timedelta(days=1)).strftime("%Y-%m")
        self.login("vera", "#plan", ".board")
        self.assertEqual(self.css("#nav-plan"), [])
        self.assertEqual(self.css("#plan-form"), [])
        self.driver.get(self.base + "/#hours&month=" + month)
        self.wait_css('#hours-homes tr[data-id="solheim"]')
        self.assertEqual(self.css("#hours-youths"), [])
        self.assertNotIn("Ola", self.css("#main")[0].get_attribute(
            "textContent"))
