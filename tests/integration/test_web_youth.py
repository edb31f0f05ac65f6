# SPDX-License-Identifier: ISC
"""The web app's youth panel and youth list (issue 19, screen 3): over
HTTP, POST /api/v1/qr (the feed link's QR code as SVG) and the youths'
name search (?q=) and age; in headless Chromium (the setup of
test_web.py), the panel opened from the visit panel and from the list,
the search, the meters against GET /api/v1/youths/{id}/limits, the QR
code of a new feed link shown through a blob: URL, both languages, and
a 390 px screen.  Explicit waits only, never a sleep."""
import datetime
import re
import unittest
import zoneinfo

import test_web
from harness import RotadTestCase, base_instance

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def today():
    return datetime.datetime.now(OSLO).date()


def instance():
    """test_web's data plus visits for Ida today and next week (relative
    to the real date: the panel shows today, this week and the month),
    and many youths, for the list's paging and search."""
    inst = test_web.instance()
    t = today()
    nxt = t + datetime.timedelta(days=7)
    # Ida: every day of the week 15:00-20:00, any home, so the visits
    # below are legal on any date (1 h 45 of a school day's 2 h).
    ida = inst["youths"][0]
    ida["availability"] = [{"days": ["mon", "tue", "wed", "thu", "fri",
                                      "sat", "sun"],
                            "from": "15:00", "to": "20:00"}]
    inst["slots"] += [
        {"id": "y1", "home": "solheim", "start": "%sT16:00" % t,
         "end": "%sT17:45" % t, "activity": "Allsang"},
        {"id": "y2", "home": "lia", "start": "%sT16:00" % nxt,
         "end": "%sT17:00" % nxt, "activity": "Kaffe"},
    ]
    inst["assignments"] += [{"slot": "y1", "youth": "ida", "pinned": True},
                            {"slot": "y2", "youth": "ida", "pinned": True}]
    for i in range(120):
        inst["youths"].append({
            "id": "u%03d" % i, "name": "Ung%03d Testesen" % i,
            "birth_date": "2009-01-01", "school": "secondary",
            "availability": []})
    inst["youths"].append({"id": "oystein", "name": "Øystein Ås",
                           "birth_date": "2010-06-01", "school": "secondary",
                           "availability": []})
    return inst


class QrTest(RotadTestCase):
    """POST /api/v1/qr and the youth list's search, over HTTP."""

    def test_qr_svg(self):
        text = "webcal://127.0.0.1:8080/feeds/" + "A" * 43 + ".ics"
        r = self.request("POST", "/api/v1/qr", {"text": text})
        self.assertEqual(r.status, 200, r.body[:300])
        self.assertEqual(r.header("Content-Type"), "image/svg+xml")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIn("default-src 'none'",
                      r.header("Content-Security-Policy"))
        svg = r.body.decode()
        # 77 bytes at level M in 8-bit mode: version 5, 37 modules, and
        # the quiet zone of 4 on each side: 45; 4 px per module.
        m = re.match(r'<svg xmlns="http://www.w3.org/2000/svg" '
                     r'width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) '
                     r'(\d+)"', svg)
        self.assertIsNotNone(m, svg[:200])
        self.assertEqual(m.groups(), ("180", "180", "45", "45"))
        self.assertTrue(svg.endswith("</svg>\n"))
        self.assertNotIn("style", svg)
        self.assertNotIn("script", svg)
        # A short text is version 1 (21 modules).
        r = self.request("POST", "/api/v1/qr", {"text": "rota"})
        self.assertIn('viewBox="0 0 29 29"', r.body.decode())

    def test_qr_bad_requests(self):
        self.assertError(self.request("POST", "/api/v1/qr", {}), 400,
                         "missing_field", "text")
        self.assertError(self.request("POST", "/api/v1/qr", {"text": ""}),
                         400, "invalid_field", "text")
        self.assertError(self.request("POST", "/api/v1/qr", {"text": 5}),
                         400, "invalid_field", "text")
        self.assertError(self.request("POST", "/api/v1/qr",
                                      {"text": "x" * 513}),
                         400, "invalid_field", "text")
        self.assertEqual(self.request("POST", "/api/v1/qr",
                                      {"text": "x" * 512}).status, 200)
        self.assertError(self.request("POST", "/api/v1/qr",
                                      {"text": "x", "size": 3}),
                         400, "unknown_field", "size")
        self.assertError(self.request("POST", "/api/v1/qr",
                                      {"text": "x" * 5000}), 413)
        self.assertEqual(self.request("POST", "/api/v1/qr", {"text": "x"},
                                      token=False).status, 401)
        # The message names the field, in Norwegian too.
        r = self.request("POST", "/api/v1/qr", {"text": ""},
                         headers={"Accept-Language": "nb"})
        self.assertIn("'text' må være", r.json()["error"]["message"])

    def test_youth_search_and_age(self):
        self.ok("POST", "/api/v1/import", instance())
        page = self.ok("GET", "/api/v1/youths?q=ung01&limit=5")
        self.assertEqual([y["id"] for y in page["youths"]],
                         ["u010", "u011", "u012", "u013", "u014"])
        self.assertEqual(page["next_cursor"], "u014")
        page = self.ok("GET", "/api/v1/youths?q=ung01&cursor=u014")
        self.assertEqual([y["id"] for y in page["youths"]],
                         ["u015", "u016", "u017", "u018", "u019"])
        # Case folded for æøå too.
        page = self.ok("GET", "/api/v1/youths?q=%C3%B8YSTEIN")
        self.assertEqual([y["id"] for y in page["youths"]], ["oystein"])
        self.assertEqual(self.ok("GET", "/api/v1/youths?q=nobody")["youths"],
                         [])
        self.assertError(self.request("GET", "/api/v1/youths?q=" + "a" * 101),
                         400, "invalid_field", "q")
        ida = self.ok("GET", "/api/v1/youths/ida")
        t = today()
        age = t.year - 2012 - ((t.month, t.day) < (3, 14))
        self.assertEqual(ida["age"], age)
        # Sent back unchanged, "age" is not a field of the youth.
        self.ok("PATCH", "/api/v1/youths/ida", {"age": 99, "skills": []})
        self.assertEqual(self.ok("GET", "/api/v1/youths/ida")["age"], age)


class YouthBrowserTest(test_web.BrowserTest):
    """The youth panel and list in Chromium, as a coordinator."""

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        d = self.driver
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        # The browser's "today" is the instance's (Oslo) one.
        d.execute_cdp_cmd("Emulation.setTimezoneOverride",
                          {"timezoneId": "Europe/Oslo"})
        d.get(self.base + "/app/icon.svg")
        d.delete_all_cookies()
        d.execute_script("localStorage.clear(); sessionStorage.clear();")
        d.get_log("browser")

    def login_to(self, fragment):
        self.open_app(fragment)
        self.wait_css("#login").send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()

    def open_from_visit(self):
        week = today() - datetime.timedelta(days=today().weekday())
        self.login_to("#week=%s" % week)
        self.wait_css(".board")
        self.visit("y1").click()
        self.wait_css('#panel .people button[data-youth="ida"]').click()
        return self.wait_css("#youth-panel #youth-hours .meter")

    def only_row(self, youth):
        """The list's one row, once the search has drawn it (the first,
        unsearched page holds that youth too)."""
        def ok(d):
            rows = self.css("#youth-list button[data-youth]")
            return rows[0] if len(rows) == 1 and \
                rows[0].get_attribute("data-youth") == youth else None
        return ok

    def meters(self):
        return {(m.get_attribute("data-rule"),
                 int(m.get_attribute("data-minutes")),
                 int(m.get_attribute("data-cap")))
                for m in self.css(
                    "#youth-hours > .meters:not(.meters-compact) > .meter")}

    def test_panel_from_the_visit_panel_with_the_law_meters(self):
        self.open_from_visit()
        panel = self.visible("#youth-panel")
        self.wait_text("#youth-title", "Ida Nilsen")
        t = today()
        age = t.year - 2012 - ((t.month, t.day) < (3, 14))
        self.assertIn("%d år" % age, panel.text)
        self.assertNotIn("2012-03-14", panel.text)
        self.assertIn("grunnskole", panel.text)
        # The day and week caps of today, as /limits gives them.
        week = t - datetime.timedelta(days=t.weekday())
        lim = self.ok("GET", "/api/v1/youths/ida/limits?from=%s&to=%s"
                      % (week, week + datetime.timedelta(days=6)))["limits"]
        want = {(x["rule"], x["minutes"], x["cap"]) for x in lim
                if (x["per"] == "day" and x["period"] == str(t))
                or x["per"] == "week"}
        self.assertTrue(want)
        self.assertEqual(self.meters(), want)
        self.accessible("the youth panel with its meters")
        # Today's visit counts 105 minutes in each of today's day caps.
        day = [x for x in lim if x["per"] == "day" and x["period"] == str(t)]
        self.assertTrue(all(x["minutes"] == 105 for x in day), day)
        # The bar is the meter; the list item keeps its texts readable.
        self.assertEqual(len(self.css("#youth-hours .meter")),
                         len(self.css("#youth-hours .meter > .meter-bar")))
        for m in self.css("#youth-hours .meter > .meter-bar"):
            self.assertEqual(m.get_attribute("role"), "meter")
            self.assertTrue(m.get_attribute("aria-label"))
            self.assertIn(" av ", m.get_attribute("aria-valuetext"))
        # A school day's 2 h: 1 h 45 is close to the limit, said in words.
        for x in day:
            if x["cap"] == 120:
                m = self.css('#youth-hours .meter[data-rule="%s"]'
                             % x["rule"])[0]
                self.assertIn("meter-near", m.get_attribute("class"))
                self.assertIn("nær grensen", m.text)
                self.assertIn("1,8 t av 2 t", m.text)
        nxt = t + datetime.timedelta(days=7)
        total = (105 + (60 if nxt.month == t.month else 0)) / 60
        self.assertIn(("%.1f t i alt" % total).replace(".", ","),
                      self.visible("#youth-month").text)
        up = self.visible("#youth-upcoming").text
        self.assertIn("Solheim sykehjem \u00b7 Allsang", up)
        self.assertIn("Kaffe", up)
        self.assertIn("15:00\u201320:00",
                      self.visible("#youth-availability").text)
        # Escape closes it and gives the focus back to the name.
        self.driver.switch_to.active_element.send_keys("\ue00c")
        self.wait(lambda d: not self.visible("#youth-panel"))
        self.assertEqual(self.driver.switch_to.active_element
                         .get_attribute("data-youth"), "ida")

    def test_feed_link_shows_its_qr_code(self):
        self.open_from_visit()
        self.wait_css("#youth-feed").click()
        img = self.wait_css("#youth-qr")
        self.wait(lambda d: d.execute_script(
            "var i = document.getElementById('youth-qr');"
            " return i.complete && i.naturalWidth > 0;"))
        self.assertTrue(img.get_attribute("src").startswith("blob:"))
        self.assertGreater(self.driver.execute_script(
            "return document.getElementById('youth-qr').naturalWidth"), 100)
        url = self.visible("#youth-feed-url").get_attribute("value")
        self.assertRegex(url, r"^http://127\.0\.0\.1:\d+/feeds/[\w-]+\.ics$")
        self.assertIn("Lag en ny lenke", self.visible("#youth-feed").text)
        self.accessible("the youth panel with the QR code")

    def test_youth_list_search_and_paging(self):
        self.login_to("#youths")
        self.wait_text("#youths-title", "Ungdommer")
        self.wait_text("#youth-count", "Viser de første 50")
        self.assertEqual(len(self.css("#youth-list .youth-row")), 50)
        self.accessible("the youth list")
        self.wait_css("#youth-more").click()
        self.wait(lambda d: len(self.css("#youth-list .youth-row")) == 100)
        box = self.visible("#youth-search")
        box.send_keys("øyst")
        self.wait(lambda d: len(self.css("#youth-list .youth-row")) == 1)
        self.wait_text("#youth-count", "Ungdommer: 1")
        self.accessible("the youth list, a search")
        self.assertIn("#youths&q=", self.driver.current_url)
        box.clear()
        box.send_keys("ida")
        row = self.wait(self.only_row("ida"))
        self.assertIn("år", row.text)
        row.send_keys("\ue007")  # Enter: the keyboard opens it too
        self.wait_text("#youth-title", "Ida Nilsen")
        self.wait_css("#youth-panel .meter")
        self.wait_text("#youth-upcoming", "Solheim sykehjem")
        # The navigation goes back to the board.
        self.css("#youth-close")[0].click()
        self.css("#nav-board")[0].click()
        self.wait_css(".board")

    def test_english_labels(self):
        self.driver.get(self.base + "/app/icon.svg")
        self.driver.execute_script("localStorage.setItem('rota.lang', 'en')")
        self.login_to("#youths")
        self.wait_text("#youths-title", "Youths")
        self.wait_text("#youth-count", "Showing the first 50")
        self.accessible("the youth list in English")
        self.visible("#youth-search").send_keys("Ida")
        self.wait(self.only_row("ida")).click()
        self.wait_css("#youth-panel .meter")
        panel = self.visible("#youth-panel").get_attribute("textContent")
        self.accessible("the youth panel in English")
        for text in ("years", "compulsory school", " h of ",
                     "Hours against the law's caps",
                     "Visits in the next four weeks",
                     "Make the calendar link", "working time"):
            self.assertIn(text, panel)
        school = [x for x in self.ok(
            "GET", "/api/v1/youths/ida/limits?from=%s&to=%s"
            % (today(), today()))["limits"] if x["cap"] == 120]
        if school:  # a school day: 1 h 45 of 2 h
            self.assertIn("close to the limit", panel)
            self.assertIn("1.8 h of 2 h", panel)

    def test_phone_width(self):
        self.phone()
        self.open_from_visit()
        self.wait_css("#youth-feed").click()
        self.wait(lambda d: d.execute_script(
            "var i = document.getElementById('youth-qr');"
            " return i && i.complete && i.naturalWidth > 0;"))
        sw, cw, iw = self.no_overflow()
        self.assertLessEqual(sw, iw)
        w = self.driver.execute_script(
            "var p = document.getElementById('youth-panel');"
            " return [p.scrollWidth, p.clientWidth];")
        self.assertLessEqual(w[0], w[1])
        self.accessible("the youth panel with the QR code at 390 px")
        self.css("#youth-close")[0].click()
        self.css("#panel-close")[0].click()
        self.css("#nav-youths")[0].click()
        self.wait_text("#youth-count", "Viser de første 50")
        sw, cw, iw = self.no_overflow()
        self.assertLessEqual(sw, iw)
        self.accessible("the youth list at 390 px")


PASSWORD = test_web.PASSWORD

# Only the tests above: not test_web's again.
for _name in dir(test_web.BrowserTest):
    if _name.startswith("test_") and _name not in YouthBrowserTest.__dict__:
        setattr(YouthBrowserTest, _name, None)

if __name__ == "__main__":
    unittest.main()
