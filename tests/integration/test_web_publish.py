# SPDX-License-Identifier: ISC
"""Draft and publish (issue 16) on the web board, in headless Chromium:
with options.publish "manual" a changed visit carries a visible "Draft"
badge (and says so to a screen reader) while the others do not; the
publish dialog previews the board's week (who will be told what),
previews again when the visits changed meanwhile (409), publishes, and
the board then shows no draft.  The board rotad renders itself (without
JavaScript) marks the same visit, in Norwegian and in English.  Every wait
is an explicit WebDriverWait on what the page shows, never a sleep."""
import datetime

from browser import BrowserTestCase
from harness import base_instance
from test_web_nojs import Browser, add_user


def next_monday():
    d = datetime.date.today()
    return d + datetime.timedelta(days=7 - d.weekday())


MON = next_monday()


def instance():
    inst = base_instance()
    tue = (MON + datetime.timedelta(days=1)).isoformat()
    sat = (MON + datetime.timedelta(days=5)).isoformat()
    inst["slots"] += [
        {"id": "n1", "home": "solheim", "start": tue + "T16:00",
         "end": tue + "T18:00", "activity": "Quiz"},
        {"id": "n2", "home": "lia", "start": sat + "T11:00",
         "end": sat + "T13:00", "activity": "Kaffe"},
    ]
    inst["assignments"] += [{"id": "p1", "slot": "n1", "youth": "ola"}]
    return inst


class PublishBrowserTest(BrowserTestCase):

    users = (("kari", "coordinator", "Kari Nordmann", None),)

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        self.set_mode("manual")
        self.reset_browser()

    def tearDown(self):
        self.set_mode("immediate")
        super().tearDown()

    def set_mode(self, mode):
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["publish"] = mode
        self.ok("PUT", "/api/v1/settings", s)

    def login(self):
        self.driver.get(self.base + "/#week=" + MON.isoformat())
        self.wait_css("#login").send_keys("kari")
        from browser import PASSWORD
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        return self.wait_css(".visit[data-slot=n2]")

    def test_draft_marked_preview_409_and_publish(self):
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Bingo"})
        self.login()
        n1 = self.wait_css(".visit[data-slot=n1] .badge-draft")
        self.assertEqual(n1.text, "Utkast")
        button = self.css(".visit[data-slot=n1]")[0]
        self.assertIn("Utkast: ikke publisert ennå",
                      button.get_attribute("textContent"))
        self.assertEqual(self.css(".visit[data-slot=n2] .badge-draft"), [])
        self.assertIn("1", self.css("#draft-count")[0].text)
        # The dialog: the board's week, who will be told what.
        self.css("#publish-open")[0].click()
        self.wait_css("#publish-dialog[open]")
        self.assertEqual(
            self.css("#publish-from")[0].get_attribute("value"),
            MON.isoformat())
        self.wait_css("#publish-count")
        ola = self.wait_css("#publish-preview li[data-subject=ola]")
        self.assertIn("Ola Hansen", ola.text)
        self.assertIn("Bingo", ola.text)
        self.assertEqual(
            self.css("#publish-preview li[data-subject=ida]"), [])
        # Changed meanwhile: the publish is refused, the new preview shown.
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Bingo igjen"})
        self.wait(lambda d: self.css("#publish-confirm")[0].is_enabled())
        self.css("#publish-confirm")[0].click()
        self.wait_text("#publish-status", "endret siden forhåndsvisningen")
        self.wait_text("#publish-preview li[data-subject=ola]", "Bingo igjen")
        self.assertTrue(self.ok("GET", "/api/v1/slots/n1")["draft"])
        # Publish the new preview: the board has no draft left.
        self.wait(lambda d: self.css("#publish-confirm")[0].is_enabled())
        self.css("#publish-confirm")[0].click()
        self.wait_text("#publish-status", "Besøk publisert: 1")
        self.assertFalse(self.ok("GET", "/api/v1/slots/n1")["draft"])
        self.wait(lambda d: not self.css(".visit[data-slot=n1] .badge-draft"))
        self.css("#publish-close")[0].click()
        self.wait(lambda d: not self.css("#publish-dialog"))

    def test_an_unfilled_visit_is_a_draft_too(self):
        # Nobody is told of n2 (no one is on it), but a publish copies it.
        self.ok("PATCH", "/api/v1/slots/n2", {"activity": "Vafler"})
        self.login()
        self.wait_css(".visit[data-slot=n2] .badge-draft")
        self.assertEqual(self.css(".visit[data-slot=n1] .badge-draft"), [])

    def test_immediate_mode_has_no_marks_nor_publish_button(self):
        self.set_mode("immediate")
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Bingo"})
        self.login()
        self.wait_css(".visit[data-slot=n1]")
        self.assertEqual(self.css(".badge-draft"), [])
        self.assertEqual(self.css("#publish-open"), [])

    def test_the_board_without_javascript_marks_drafts_in_nb_and_en(self):
        add_user(self.daemon.db, "nils", "coordinator")
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Bingo"})
        for lang, badge, said in (("nb", "Utkast", "ikke publisert ennå"),
                                  ("en", "Draft", "not published yet")):
            b = Browser(self.daemon.port, lang)
            b.login("nils")
            page = b.get("/?week=" + MON.isoformat()).text
            n1 = page[page.index('data-slot="n1"'):]
            n1 = n1[:n1.index("</a>")]
            n2 = page[page.index('data-slot="n2"'):]
            n2 = n2[:n2.index("</a>")]
            self.assertIn('<span class="badge badge-draft">%s</span>'
                          % badge, n1)
            self.assertIn(said, n1)  # in the link's aria-label
            self.assertNotIn("badge-draft", n2)

    def test_publish_without_javascript(self):
        import html
        import re
        add_user(self.daemon.db, "nora", "coordinator")
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Bingo"})
        b = Browser(self.daemon.port, "nb")
        b.login("nora")
        board = b.get("/?week=" + MON.isoformat()).text
        sun = (MON + datetime.timedelta(days=6)).isoformat()
        link = "/publish?from=%s&amp;to=%s" % (MON.isoformat(), sun)
        self.assertIn('href="%s"' % link, board)
        page = b.get(html.unescape(link))
        self.assertEqual(page.status, 200)
        self.assertIn('data-subject="ola"', page.text)
        self.assertIn("Bingo", page.text)

        def field(text, name):
            m = re.search(r'name="%s" value="([^"]*)"' % name, text)
            return html.unescape(m.group(1))
        form = {k: field(page.text, k) for k in
                ("csrf_token", "from", "to", "preview_version")}
        # Changed since the preview: 409, nothing published, new preview.
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Bingo igjen"})
        r = b.post("/publish", form)
        self.assertEqual(r.status, 409, r.text[:300])
        self.assertIn("endret siden forhåndsvisningen", r.text)
        self.assertIn("Bingo igjen", r.text)
        self.assertTrue(self.ok("GET", "/api/v1/slots/n1")["draft"])
        form["preview_version"] = field(r.text, "preview_version")
        r = b.post("/publish", form)
        self.assertEqual(r.status, 303, r.text[:300])
        self.assertFalse(self.ok("GET", "/api/v1/slots/n1")["draft"])
        done = b.get(r.getheader("Location"))
        self.assertIn("Publiserte 1 besøk.", done.text)
        # One visit in English too, not "1 visits".
        en = Browser(self.daemon.port, "en")
        en.login("nora")
        self.assertIn("Published 1 visit.",
                      en.get(r.getheader("Location")).text)
        self.assertIn('id="publish-nothing"', done.text)
        # A wrong CSRF token publishes nothing.
        self.ok("PATCH", "/api/v1/slots/n1", {"activity": "Quiz"})
        form["csrf_token"] = "x"
        self.assertEqual(b.post("/publish", form).status, 403)
        self.assertTrue(self.ok("GET", "/api/v1/slots/n1")["draft"])
