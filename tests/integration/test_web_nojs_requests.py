# SPDX-License-Identifier: ISC
"""The requests page without JavaScript (issue 16, daemon/web_requests.c):
the youths' requests of the user's homes with Approve and Decline forms,
over plain HTTP with a cookie jar (as a browser with scripts off sends
forms) and in headless Chromium with JavaScript disabled (axe-core
needs scripts: the app's own screen is checked in test_web_requests).  A refused
approval is the page again (409) with every broken rule and its legal
reference at the request acted on.  Every wait is an explicit
WebDriverWait, never a sleep."""
import re
import unittest
import urllib.parse

from browser import PASSWORD, BrowserTestCase
from harness import RotadTestCase
from test_web_nojs import Browser, add_user, csrf_of
from test_web_requests import ANYTIME, SAT, birth
from test_web_requests import instance as one_home


def instance():
    """test_web_requests' Solheim, and Lia with Per on a visit there."""
    inst = one_home()
    inst["homes"].append({"id": "lia", "name": "Lia bo- og "
                          "behandlingssenter"})
    inst["youths"].append({"id": "per", "name": "Per Lie",
                           "birth_date": birth(17), "school": "secondary",
                           "availability": ANYTIME})
    inst["slots"].append({"id": "far", "home": "lia",
                          "start": "%sT15:00" % SAT,
                          "end": "%sT16:30" % SAT, "activity": "Kaffe"})
    inst["assignments"].append({"id": "a2", "slot": "far", "youth": "per"})
    return inst


def youth_post(case, youth, what, fields):
    feed = case.ok("POST", "/api/v1/youths/%s/feed" % youth)["url"]
    tok = feed.rsplit("/", 1)[1][:-len(".ics")]
    r = case.request("POST", "/youth/%s/%s" % (tok, what), token=False,
                     raw=urllib.parse.urlencode(fields).encode(),
                     content_type="application/x-www-form-urlencoded")
    case.assertEqual(r.status, 200, r.body[:500])


def make_requests(case):
    """Ola: a day off over his visit and a claim (claims need approval);
    Per: a day off over his visit at Lia.  {(youth, kind): id}."""
    case.ok("POST", "/api/v1/import?force=true", instance())
    youth_post(case, "ola", "day-off", {"date": SAT.isoformat()})
    youth_post(case, "ola", "claim", {"slot": "open"})
    youth_post(case, "per", "day-off", {"date": SAT.isoformat()})
    reqs = case.ok("GET", "/api/v1/requests?state=open")["requests"]
    ids = {(r["youth"], r["kind"]): r["id"] for r in reqs}
    case.assertEqual(set(ids), {("ola", "day_off"), ("ola", "claim"),
                                ("per", "day_off")})
    return ids


def row(page, rid):
    # Up to the next request or the list's end (rules are <li> too).
    m = re.search(r'<li class="req req-\w+" data-request="%s">.*?</li>'
                  r'(?=<li class="req |</ul></div></main>)' % rid, page, re.S)
    return m.group(0) if m else None


class NoScriptRequestsHttpTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        add_user(cls.daemon.db, "kari", "coordinator")
        add_user(cls.daemon.db, "vera", "coordinator", ["solheim"])
        add_user(cls.daemon.db, "vidar", "viewer")

    def setUp(self):
        self.ids = make_requests(self)
        self.b = Browser(self.daemon.port)

    def open_ids(self):
        return {r["id"] for r in
                self.ok("GET", "/api/v1/requests?state=open")["requests"]}

    def test_list_refusal_approve_and_decline(self):
        self.b.login("kari")
        r = self.b.get("/requests")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.getheader("Cache-Control"), "no-store")
        p = r.text
        self.assertIn('id="nav-requests"', p)
        self.assertIn("Forespørsler: 3", p)
        day_off = self.ids[("ola", "day_off")]
        claim = self.ids[("ola", "claim")]
        item = row(p, day_off)
        self.assertIsNotNone(item, p)
        self.assertIn("Ola", item)
        self.assertNotIn("Hansen", item)  # first names only
        self.assertIn('action="/requests/%s/approve"' % day_off, item)
        self.assertIn('action="/requests/%s/decline"' % day_off, item)
        self.assertIn('aria-label="Godkjenn: ', item)
        csrf = csrf_of(p)
        # Without the form's token: refused, nothing changes.
        r = self.b.post("/requests/%s/approve" % claim, {})
        self.assertEqual(r.status, 403)
        self.assertEqual(len(self.open_ids()), 3)
        # The day off while the visit is still Ola's: the gate refuses,
        # and the rules show at that request with their references.
        r = self.b.post("/requests/%s/approve" % day_off,
                        {"csrf_token": csrf})
        self.assertEqual(r.status, 409, r.text[:500])
        item = row(r.text, day_off)
        box = re.search(r'<div class="refusal" role="alert" id="refusal">'
                        r'(.*?)</div>', item or "", re.S)
        self.assertIsNotNone(box, "the refusal is not at the request")
        rules = re.findall(r'<li class="rule">(.*?)</li>', box.group(1))
        self.assertTrue(rules)
        for rule in rules:
            self.assertIn('class="rule-ref"', rule)
        self.assertIn(day_off, self.open_ids())
        # The claim: approved, back to the list, Ola on the visit.
        r = self.b.post("/requests/%s/approve" % claim, {"csrf_token": csrf})
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.getheader("Location"), "/requests")
        got = self.ok("GET", "/api/v1/assignments?slot=open&status=active")
        self.assertEqual([a["youth"] for a in got["assignments"]], ["ola"])
        p = self.b.get("/requests").text
        self.assertIsNone(row(p, claim))
        # Declined: only Per's is left; every request with ?state=all,
        # the answered ones without forms.
        r = self.b.post("/requests/%s/decline" % day_off,
                        {"csrf_token": csrf})
        self.assertEqual(r.status, 303)
        self.assertEqual(self.open_ids(), {self.ids[("per", "day_off")]})
        p = self.b.get("/requests?state=all").text
        self.assertIn("Forespørsler: 3", p)
        self.assertNotIn("/approve", row(p, day_off))
        self.assertNotIn("/approve", row(p, claim))
        # Answering again: the message at the top, nothing changes.
        r = self.b.post("/requests/%s/approve" % day_off,
                        {"csrf_token": csrf})
        self.assertEqual(r.status, 409, r.text[:500])
        self.assertIn('id="refusal"', r.text)
        self.assertEqual(self.open_ids(), {self.ids[("per", "day_off")]})

    def test_scope_and_roles(self):
        lia = self.ids[("per", "day_off")]
        # Vera plans Solheim only: Per's request at Lia is not hers.
        self.b.login("vera")
        p = self.b.get("/requests").text
        self.assertIsNone(row(p, lia))
        self.assertIn("Forespørsler: 2", p)
        r = self.b.post("/requests/%s/decline" % lia,
                        {"csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 404)
        self.assertIn(lia, self.open_ids())
        # A viewer answers nothing and reads no youths: no page.
        v = Browser(self.daemon.port)
        v.login("vidar")
        self.assertEqual(v.get("/requests").status, 403)
        self.assertNotIn('id="nav-requests"', v.get("/").text)
        # No session: to the login; an API token: not for pages.
        self.assertEqual(Browser(self.daemon.port).get("/requests").status,
                         303)
        self.assertEqual(self.request("GET", "/requests").status, 403)

    def test_in_english(self):
        b = Browser(self.daemon.port, lang="en")
        b.login("kari")
        p = b.get("/requests").text
        self.assertIn("Requests: 3", p)
        self.assertIn(">Approve</button>", p)
        self.assertIn("Day off over a visit", p)


class NoScriptRequestsBrowserTest(BrowserTestCase):
    """Chromium with JavaScript off: the list, a refusal, approve and
    decline by the forms, by the keyboard too."""

    users = (("kari", "coordinator", "Kari Nordmann", None),)
    javascript = False
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        self.ids = make_requests(self)
        self.reset_browser()

    def test_requests_with_javascript_off(self):
        d = self.driver
        d.get(self.base + "/")
        self.wait_css("#login").send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Kari Nordmann")
        self.css("#nav-requests")[0].click()
        self.wait_text("#req-count", "Forespørsler: 3")
        day_off = self.ids[("ola", "day_off")]
        sel = '.req[data-request="%s"]' % day_off
        self.wait_css(sel + ' button[data-action="approve"]').click()
        box = self.wait_css(sel + " #refusal")
        self.assertTrue(box.find_elements("css selector", ".rule-ref"))
        # Decline with the keyboard (Enter on the button).
        self.wait_css(sel + ' button[data-action="decline"]').send_keys("\n")
        self.wait_text("#req-count", "Forespørsler: 2")
        self.assertFalse(self.css(sel))
        self.assertTrue(d.current_url.endswith("/requests"), d.current_url)


if __name__ == "__main__":
    unittest.main()
