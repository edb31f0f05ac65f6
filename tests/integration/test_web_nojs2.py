# SPDX-License-Identifier: ISC
"""The web app's other screens without JavaScript (issue 19, "Without
JavaScript" in docs/web.md): youths, a youth's page with the caps'
meters and the calendar link's QR code, hours with the CSV link, plan a
period (run, progress, preview, apply, discard), violations and the
audit log.  (a) Over plain HTTP with a cookie jar, as a browser with
scripts off sends forms; (b) in headless Chromium with JavaScript off,
by links and forms only; (c) axe-core on each page as rotad renders it
(Chromium with the app's script blocked, so that the page stays the
server's and WebDriver may still run axe).  Every wait is an explicit
WebDriverWait, never a sleep."""
import datetime
import html
import json
import re
import unittest
import urllib.parse
import zoneinfo

from axe import assert_accessible
from browser import PASSWORD, BrowserTestCase
from harness import RotadTestCase, base_instance
from test_web_nojs import CSP_PARTS, HOSTILE, Browser, csrf_of

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
PAGE_LIMIT = 150 * 1024


def today():
    return datetime.datetime.now(OSLO).date()


def instance():
    """base_instance() and visits around today: Ida (14) has one of
    two hours tomorrow (a meter above zero), a visit next week at each
    home is open (for the planner), and a youth with a hostile name."""
    inst = base_instance()
    t = today()
    # Keep the school calendar around today: every weekday a school day.
    inst["school_calendar"]["terms"] = [
        {"from": (t - datetime.timedelta(days=60)).isoformat(),
         "to": (t + datetime.timedelta(days=120)).isoformat()}]
    inst["school_calendar"]["holidays"] = []
    d1 = t + datetime.timedelta(days=1)
    nxt = t + datetime.timedelta(days=7 - t.weekday())  # next Monday
    inst["slots"] += [
        # Three hours on a school day: more than Ida (14) may work.
        {"id": "s4", "home": "solheim", "start": "2027-01-05T15:00",
         "end": "2027-01-05T18:00", "activity": "Tur"},
        {"id": "n1", "home": "solheim", "start": d1.isoformat() + "T16:00",
         "end": d1.isoformat() + "T17:00", "activity": "Bingo"},
        {"id": "p1", "home": "solheim",
         "start": (nxt + datetime.timedelta(days=5)).isoformat() + "T11:00",
         "end": (nxt + datetime.timedelta(days=5)).isoformat() + "T13:00",
         "activity": "Sang"},
        {"id": "p2", "home": "lia",
         "start": (nxt + datetime.timedelta(days=5)).isoformat() + "T14:00",
         "end": (nxt + datetime.timedelta(days=5)).isoformat() + "T16:00",
         "activity": "Tur"},
    ]
    inst["assignments"].append({"slot": "n1", "youth": "ida"})
    inst["youths"].append({"id": "evil", "name": HOSTILE,
                           "birth_date": "2009-05-01", "school": "secondary",
                           "availability": [{"days": ["sat"],
                                             "from": "08:00",
                                             "to": "22:00"}]})
    inst["youths"].append({"id": "lise", "name": "Lise Lia",
                           "birth_date": "2009-02-01", "school": "secondary",
                           "homes": ["lia"],
                           "availability": [{"days": ["sat"],
                                             "from": "08:00",
                                             "to": "22:00"}]})
    return inst


class NoScriptScreensHttpTest(RotadTestCase):
    """The screens and their forms over plain HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.daemon.add_user("kari", "coordinator", name="Kari Nordmann")
        cls.daemon.add_user("vera", "coordinator", ["solheim"],
                            name="Vera Nordmann")
        cls.daemon.add_user("vidar", "viewer", name="Vidar Nordmann")
        cls.daemon.add_user("ada", "admin", name="Ada Nordmann")

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.b = Browser(self.daemon.port)

    def page(self, path, status=200):
        r = self.b.get(path)
        self.assertEqual(r.status, status, r.text[:800])
        csp = r.getheader("Content-Security-Policy") or ""
        for part in CSP_PARTS:
            self.assertIn(part, csp)
        self.assertNotIn("style=", r.text)
        self.assertNotIn("<script>", r.text)
        self.assertLessEqual(len(r.text.encode("utf-8")), PAGE_LIMIT)
        return r.text

    def test_nav_by_role(self):
        self.b.login("kari")
        p = self.page("/")
        for link in ("/youths", "/plan", "/hours", "/violations"):
            self.assertIn('href="%s"' % link, p)
        self.assertNotIn('href="/audit"', p)
        self.assertIn('id="nav-board" aria-current="page"', p)
        v = Browser(self.daemon.port)
        v.login("vidar")
        p = v.get("/").text
        self.assertIn('href="/hours"', p)
        self.assertNotIn('href="/youths"', p)
        self.assertNotIn('href="/plan"', p)
        # A viewer may not read youths or plan: 403, as the API.
        self.assertEqual(v.get("/youths").status, 403)
        self.assertEqual(v.get("/youths/ida").status, 403)
        self.assertEqual(v.get("/plan").status, 403)
        self.assertEqual(v.get("/audit").status, 403)
        a = Browser(self.daemon.port)
        a.login("ada")
        self.assertIn('href="/audit"', a.get("/").text)
        # No session: to the login page.
        anon = Browser(self.daemon.port)
        for path in ("/youths", "/youths/ida", "/hours", "/plan",
                     "/violations", "/audit"):
            r = anon.get(path)
            self.assertEqual((r.status, r.getheader("Location")), (303, "/"),
                             path)
        # An API token is not a page session.
        self.assertEqual(self.request("GET", "/youths").status, 403)

    def test_youths_list_and_search(self):
        self.b.login("kari")
        p = self.page("/youths")
        self.assertIn('id="nav-youths" aria-current="page"', p)
        self.assertIn('<label for="youths-q" class="label-inline">', p)
        for y in ("ida", "ola", "evil", "lise"):
            self.assertIn('data-youth="%s"' % y, p)
        self.assertIn('href="/youths/ida">Ida Nilsen</a>', p)
        self.assertNotIn("2012-03-14", p)  # no birth dates
        p = self.page("/youths?q=ola")
        self.assertEqual(re.findall(r'data-youth="([^"]+)"', p), ["ola"])
        self.assertIn('value="ola"', p)
        p = self.page("/youths?q=nobody")
        self.assertIn("state-empty", p)
        # Paged: the API's cursor, 50 at a time.
        many = instance()
        many["youths"] += [{"id": "y%03d" % i, "name": "Y%03d Test" % i,
                            "birth_date": "2009-01-01", "school": "none"}
                           for i in range(60)]
        self.ok("POST", "/api/v1/import", many)
        p = self.page("/youths")
        self.assertEqual(len(re.findall(r'<tr data-youth=', p)), 50)
        more = re.search(r'id="youths-more" href="([^"]+)"', p)
        self.assertIsNotNone(more)
        p2 = self.page(html.unescape(more.group(1)))
        self.assertEqual(len(re.findall(r'<tr data-youth=', p2)), 14)
        self.assertNotIn('id="youths-more"', p2)

    def test_youth_page_meters_are_the_api_figures(self):
        self.b.login("kari")
        p = self.page("/youths/ida")
        self.assertIn('id="youth-title">Ida Nilsen</h1>', p)
        self.assertNotIn("2012-03-14", p)
        self.assertIn("grunnskole", p)
        # Every cap of the API's answer for this week, as a meter with
        # the same minutes, cap and rule.
        t = today()
        mon = t - datetime.timedelta(days=t.weekday())
        api = self.ok("GET", "/api/v1/youths/ida/limits?from=%s&to=%s" % (
            mon.isoformat(), (mon + datetime.timedelta(days=6)).isoformat()))
        week = [x for x in api["limits"] if x["per"] == "week"]
        self.assertTrue(week)
        sec = re.search(r'id="youth-week">(.*?)</ul>', p, re.S).group(1)
        for x in week:
            self.assertIn('data-rule="%s" data-minutes="%d" data-cap="%d"'
                          % (x["rule"], x["minutes"], x["cap"]), sec)
            self.assertIn(x["reference"], sec)
        # Ida's hour tomorrow counts in this week's cap or the next's.
        self.assertIn('role="meter"', p)
        self.assertRegex(p, r'aria-valuetext="[^"]+ av [^"]+"')
        # Upcoming: tomorrow's visit, a link to its page.
        up = re.search(r'id="youth-upcoming">(.*?)</ul>', p, re.S)
        self.assertIsNotNone(up, p)
        self.assertIn('href="/visits/n1"', up.group(1))
        self.assertIn("Bingo", up.group(1))
        # The calendar link: a form with the CSRF token; the link and
        # its QR code (inline SVG) once made; a secret, so never in a URL.
        self.assertIn('action="/youths/ida/feed"', p)
        self.assertNotIn("<svg", p)
        r = self.b.post("/youths/ida/feed", {})
        self.assertEqual(r.status, 403)
        r = self.b.post("/youths/ida/feed", {"csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 200, r.text[:800])
        url = re.search(r'id="youth-feed-url"[^>]* value="([^"]+)"', r.text)
        self.assertIsNotNone(url)
        self.assertRegex(url.group(1), r"^http://[^/]+/feeds/[\w-]+\.ics$")
        self.assertIn('<figure class="qr-figure" role="img" id="youth-qr"',
                      r.text)
        self.assertIn("<svg xmlns=", r.text)
        self.assertEqual(r.getheader("Cache-Control"), "no-store")
        feed = self.request("GET", urllib.parse.urlsplit(url.group(1)).path,
                            token=False)
        self.assertEqual(feed.status, 200)
        # Hostile names are escaped on the list and the page.
        for path in ("/youths", "/youths/evil"):
            q = self.page(path)
            self.assertNotIn("<script>alert", q)
            self.assertIn("&lt;script&gt;", q)

    def test_scope_of_a_coordinator(self):
        self.b.login("vera")
        p = self.page("/youths")
        self.assertNotIn('data-youth="lise"', p)  # Lia's youth only
        r = self.b.get("/youths/lise")
        self.assertEqual(r.status, 404)
        self.assertNotIn("Lise", r.text)
        r = self.b.post("/youths/lise/feed",
                        {"csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 404)
        p = self.page("/hours?month=2027-01")
        self.assertNotIn("Lia bo- og", p)
        p = self.page("/plan")
        self.assertNotIn('value="lia"', p)
        r = self.b.post("/plan", {"csrf_token": csrf_of(p), "home": "lia",
                                  "from": "2027-01-04", "to": "2027-01-10",
                                  "seconds": "1"})
        self.assertEqual(r.status, 403)
        self.assertIn("home", r.text)
        p = self.page("/violations")
        self.assertNotIn("Lia bo- og", p)

    def test_hours_and_csv(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "s2", "youth": "ola"})
        self.b.login("kari")
        p = self.page("/hours?month=2027-01")
        self.assertIn('id="nav-hours" aria-current="page"', p)
        self.assertIn('<label for="hours-month" class="label-inline">', p)
        self.assertIn('value="2027-01"', p)
        self.assertIn('href="/hours?month=2026-12"', p)
        self.assertIn('href="/hours?month=2027-02"', p)
        api = self.ok("GET", "/api/v1/hours?month=2027-01")
        youths = re.search(r'id="hours-youths">(.*?)</table>', p, re.S)
        self.assertIsNotNone(youths)
        for y in api["youths"]:
            self.assertIn(y["name"], youths.group(1))
        homes = re.search(r'id="hours-homes">(.*?)</table>', p, re.S).group(1)
        self.assertIn("Solheim sykehjem", homes)
        self.assertIn("Lia bo- og behandlingssenter", homes)
        self.assertIn("2 t", homes)  # Ola's two hours at Lia
        # The CSV link: the API's, authorised by the session cookie.
        csv = re.search(r'id="hours-csv" href="([^"]+)"', p)
        self.assertIsNotNone(csv)
        r = self.b.get(html.unescape(csv.group(1)))
        self.assertEqual(r.status, 200)
        self.assertTrue(r.getheader("Content-Type").startswith("text/csv"))
        self.assertTrue(r.text.startswith("kind,id,name,worked_shifts"))
        self.assertIn("youth,ola,Ola Hansen,", r.text)
        # A viewer: the homes only, as the API.
        v = Browser(self.daemon.port)
        v.login("vidar")
        p = v.get("/hours?month=2027-01").text
        self.assertNotIn('id="hours-youths"', p)
        self.assertIn('id="hours-homes"', p)
        self.assertNotIn("Ola", p)
        # A bad month: this month instead.
        p = self.page("/hours?month=nope")
        self.assertIn('value="%s"' % today().strftime("%Y-%m"), p)

    def test_plan_preview_apply(self):
        self.b.login("kari")
        p = self.page("/plan")
        self.assertIn('id="nav-plan" aria-current="page"', p)
        for f in ("plan-from", "plan-to", "plan-home", "plan-secs"):
            self.assertIn('<label class="label" for="%s">' % f, p)
        csrf = csrf_of(p)
        nxt = today() + datetime.timedelta(days=7 - today().weekday())
        # No CSRF token: refused.
        r = self.b.post("/plan", {"from": nxt.isoformat(),
                                  "to": nxt.isoformat()})
        self.assertEqual(r.status, 403)
        # A bad period: the API's message at its field.
        r = self.b.post("/plan", {"csrf_token": csrf,
                                  "from": nxt.isoformat(),
                                  "to": "2020-01-01", "seconds": "1"})
        self.assertEqual(r.status, 400)
        self.assertIn('id="plan-error">', r.text)
        self.assertRegex(r.text, r'name="to" [^>]*aria-invalid="true"')
        r = self.b.post("/plan", {"csrf_token": csrf,
                                  "from": nxt.isoformat(),
                                  "to": (nxt + datetime.timedelta(days=6))
                                  .isoformat(), "seconds": "1"})
        self.assertEqual(r.status, 303, r.text[:800])
        run = r.getheader("Location")
        self.assertRegex(run, r"^/plan/r[0-9a-f]+$")
        # The run page: progress (and a Refresh header) until it is done;
        # the loop ends when the solver's one second does.
        while True:
            r = self.b.get(run)
            self.assertEqual(r.status, 200)
            if 'id="plan-preview-title"' in r.text:
                break
            self.assertEqual(r.getheader("Refresh"), "1")
            self.assertIn('<progress id="plan-progress"', r.text)
        p = r.text
        self.assertIsNone(r.getheader("Refresh"))
        self.assertIn('data-home="solheim"', p)
        self.assertIn('id="plan-apply"', p)
        self.assertIn('id="plan-unfilled"', p)
        # Nothing is written before Apply.
        self.assertEqual(self.ok("GET", "/api/v1/assignments?slot=p1")
                         ["assignments"], [])
        r = self.b.post(run + "/apply", {"csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 200, r.text[:800])
        self.assertIn('id="plan-applied"', r.text)
        self.assertIn('href="/?week=%s"' % nxt.isoformat(), r.text)
        got = self.ok("GET", "/api/v1/assignments?slot=p1")["assignments"]
        self.assertEqual(len(got), 1)
        # Applied: gone.
        self.assertEqual(self.b.get(run).status, 404)
        # Discard: another run, dropped.
        r = self.b.post("/plan", {"csrf_token": csrf,
                                  "from": nxt.isoformat(),
                                  "to": nxt.isoformat(), "seconds": "1"})
        self.assertEqual(r.status, 303)
        run = r.getheader("Location")
        # Another person's run does not exist for them.
        other = Browser(self.daemon.port)
        other.login("vera")
        self.assertEqual(other.get(run).status, 404)
        r = self.b.post(run + "/discard", {"csrf_token": csrf})
        self.assertEqual((r.status, r.getheader("Location")), (303, "/plan"))
        self.assertEqual(self.b.get(run).status, 404)

    def run_plan(self, first, last):
        """Plans [first, last] through the form; the preview's page."""
        p = self.page("/plan")
        r = self.b.post("/plan", {"csrf_token": csrf_of(p),
                                  "from": first.isoformat(),
                                  "to": last.isoformat(), "seconds": "1"})
        self.assertEqual(r.status, 303, r.text[:800])
        run = r.getheader("Location")
        # The loop ends when the solver's one second does.
        while True:
            r = self.b.get(run)
            self.assertEqual(r.status, 200)
            if 'id="plan-preview-title"' in r.text:
                return run, r.text

    def test_plan_preview_each_open_position_once_paged(self):
        """Issue 19's page budget: a plan with hundreds of open positions
        is cut into pages (each within 150 KB), and every open position
        of the API's answer is on exactly one of them, at its home, with
        the API's reason."""
        inst = instance()
        inst["youths"], inst["assignments"] = [], []
        nxt = today() + datetime.timedelta(days=7 - today().weekday())
        for d in range(28):
            day = (nxt + datetime.timedelta(days=d)).isoformat()
            for k in range(24):
                inst["slots"].append({
                    "id": "q%d-%d" % (d, k),
                    "home": "solheim" if k % 2 else "lia",
                    "start": "%sT%02d:00" % (day, 8 + k // 2),
                    "end": "%sT%02d:45" % (day, 8 + k // 2),
                    "activity": "Quiz"})
        self.ok("POST", "/api/v1/import", inst)
        self.b.login("kari")
        run, p = self.run_plan(nxt, nxt + datetime.timedelta(days=27))
        api = json.loads(self.b.get("/api/v1/schedule/" + run[6:]).text)
        want = {u["slot"]: u for u in api["result"]["unfilled"]}
        self.assertGreater(len(want), 600)
        seen, pages = [], 0
        while True:
            pages += 1
            self.assertLessEqual(len(p.encode("utf-8")), PAGE_LIMIT)
            self.assertTrue('id="plan-discard"' in p)  # on every page
            for home, group in re.findall(
                    r'<div class="plan-group" data-home="([^"]+)">(.*?)'
                    r'</div>(?=<div class="plan-group"|</div>)', p, re.S):
                for slot, item in re.findall(
                        r'<li class="plan-open" data-slot="([^"]+)">(.*?)'
                        r'</li>', group, re.S):
                    seen.append(slot)
                    self.assertEqual(want[slot]["home"], home)
                    self.assertIn(html.escape(want[slot]["reason"],
                                              quote=False), item)
            nxt_page = re.search(r'rel="next" href="([^"]+)"', p)
            if nxt_page is None:
                break
            p = self.page(html.unescape(nxt_page.group(1)))
        self.assertGreater(pages, 1)
        self.assertEqual(sorted(seen), sorted(want))  # each exactly once
        # A page past the last is the last.
        last = self.page(run + "?page=999")
        self.assertNotIn('rel="next"', last)
        self.assertIn('rel="prev"', last)

    def test_plan_preview_per_home_and_youth(self):
        """Each change once, at its home (one row per visit, the youths'
        first names); the youths' table counts them."""
        self.b.login("kari")
        nxt = today() + datetime.timedelta(days=7 - today().weekday())
        run, p = self.run_plan(nxt, nxt + datetime.timedelta(days=6))
        api = json.loads(self.b.get("/api/v1/schedule/" + run[6:]).text)
        added = api["result"]["assigned"]
        self.assertTrue(added)
        for a in added:
            group = re.search(r'data-home="%s">(.*?)</div>' % a["home"], p,
                              re.S)
            self.assertIsNotNone(group, a)
            self.assertIn(html.escape(a["name"], quote=False),
                          group.group(1))
        rows = dict(re.findall(r'<tr data-youth="([^"]+)"><th scope="row">'
                               r'[^<]*</th><td>(\d+)</td>', p))
        for y in {a["youth"] for a in added}:
            self.assertEqual(int(rows[y]), sum(1 for a in added
                                               if a["youth"] == y))
        self.assertNotIn('rel="next"', p)  # a small plan: one page
        self.assertIn("Per ungdom", p)
        # The same run in English (the owner's, in another browser).
        en = Browser(self.daemon.port, lang="en")
        en.login("kari")
        p = en.get(run).text
        self.assertIn("Per youth", p)
        self.assertIn("Added", p)

    def test_violations_and_audit(self):
        # A forced assignment: a violation and a forced audit row.
        r = self.request("POST", "/api/v1/assignments?force=true&reason="
                         "Samtykke", {"slot": "s4", "youth": "ida"})
        self.assertEqual(r.status, 201, r.body[:300])
        self.b.login("kari")
        p = self.page("/violations")
        self.assertIn('id="nav-violations" aria-current="page"', p)
        api = self.ok("GET", "/api/v1/violations")
        self.assertTrue(api["violations"])
        for v in api["violations"]:
            self.assertIn('data-rule="%s"' % v["rule"], p)
        self.assertIn("AML", p)
        self.assertIn('href="/visits/s4"', p)
        self.assertNotIn('id="violations-forced"', p)  # admins only
        p = self.page("/violations?from=nope", 400)
        self.assertIn('id="violations-from-error"', p)
        # The audit log: admins.
        self.assertEqual(self.b.get("/audit").status, 403)
        a = Browser(self.daemon.port)
        a.login("ada")
        r = a.get("/audit?forced=true")
        self.assertEqual(r.status, 200)
        p = r.text
        self.assertIn('id="nav-audit" aria-current="page"', p)
        rows = re.findall(r'<tr class="audit-row[^"]*"', p)
        self.assertEqual(len(rows), 1, p)
        self.assertIn("audit-forced", rows[0])
        self.assertIn("Samtykke", p)
        self.assertIn('name="forced" value="true" checked', p)
        p = a.get("/audit?entity=assignment").text
        self.assertIn('<option value="assignment" selected>', p)
        r = a.get("/audit?from=nope")
        self.assertEqual(r.status, 400)
        self.assertIn('id="audit-from-error"', r.text)
        # Paged, 50 a page: the cursor link keeps the filters.
        for i in range(55):
            self.ok("PATCH", "/api/v1/slots/s2", {"activity": "A%d" % i})
        p = a.get("/audit?entity=slot").text
        self.assertEqual(len(re.findall(r'<tr class="audit-row', p)), 50)
        more = re.search(r'id="audit-more" href="([^"]+)"', p)
        self.assertIsNotNone(more)
        self.assertIn("entity=slot", html.unescape(more.group(1)))
        p2 = a.get(html.unescape(more.group(1))).text
        self.assertEqual(len(re.findall(r'<tr class="audit-row', p2)), 5)


    SETTINGS = {"jurisdiction": "NO", "timezone": "Europe/Oslo",
                "language": "nb", "travel_minutes": "", "seconds": "",
                "public_holidays": "", "rule_options": ""}

    def test_settings_and_calendar_forms(self):
        self.b.login("kari")
        self.assertEqual(self.b.get("/settings").status, 403)
        self.assertNotIn('href="/settings"', self.page("/"))
        a = Browser(self.daemon.port)
        a.login("ada")
        p = a.get("/settings").text
        self.assertIn('id="nav-settings" aria-current="page"', p)
        for f in ("set-jurisdiction", "set-timezone", "set-travel",
                  "set-holidays", "set-rules", "cal-terms", "cal-holidays",
                  "cal-hours-start"):
            self.assertIn('<label class="label" for="%s">' % f, p)
        csrf = csrf_of(p)
        form = dict(self.SETTINGS, travel_minutes="abc")
        self.assertEqual(a.post("/settings", form).status, 403)  # no token
        r = a.post("/settings", dict(form, csrf_token=csrf))
        self.assertEqual(r.status, 400, r.text[:600])
        self.assertIn('id="set-travel-error"', r.text)
        self.assertRegex(r.text, r'id="set-travel" name="travel_minutes" '
                         r'[^>]*value="abc"[^>]*aria-invalid="true"')
        r = a.post("/settings", dict(self.SETTINGS, travel_minutes="15",
                                     csrf_token=csrf))
        self.assertEqual((r.status, r.getheader("Location")),
                         (303, "/settings?saved=settings"))
        self.assertEqual(self.ok("GET", "/api/v1/settings")["options"]
                         ["travel_minutes"], 15)
        p = a.get("/settings?saved=settings").text
        self.assertIn('id="settings-saved"', p)
        self.assertRegex(p, r'id="set-travel" [^>]*value="15"')
        # The school calendar: a bad date at its field, then saved.
        r = a.post("/settings/calendar", {
            "csrf_token": csrf, "terms": "2027-01-04 nope",
            "holidays": "", "start": "08:30", "end": "14:00"})
        self.assertEqual(r.status, 400, r.text[:600])
        self.assertIn('id="cal-terms-error"', r.text)
        self.assertIn("2027-01-04 nope</textarea>", r.text)
        r = a.post("/settings/calendar", {
            "csrf_token": csrf, "terms": "2027-01-04 2027-06-18\n"
            "2027-08-16 2027-12-17", "holidays": "2027-02-22 2027-02-26",
            "start": "08:30", "end": "14:00"})
        self.assertEqual(r.status, 303, r.text[:600])
        cal = self.ok("GET", "/api/v1/school-calendar")
        self.assertEqual(cal["terms"][1], {"from": "2027-08-16",
                                           "to": "2027-12-17"})
        self.assertEqual(cal["holidays"], [{"from": "2027-02-22",
                                            "to": "2027-02-26"}])
        p = a.get("/settings").text
        self.assertIn("2027-08-16 2027-12-17", p)
        # In English too.
        en = Browser(self.daemon.port, lang="en")
        en.login("ada")
        p = en.get("/settings").text
        self.assertIn("Organisation settings", p)
        self.assertIn("School calendar", p)
        self.assertIn("Skoleruta", a.get("/settings").text)

    def test_settings_mail_quiet_hours_boxes(self):
        """The quiet hours and their exception for urgent changes (issue
        16) as two labelled check boxes, both on by default; an unchecked
        box is false; the options without a control (claims_need_approval)
        are kept."""
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["claims_need_approval"] = True
        self.ok("PUT", "/api/v1/settings", s)
        a = Browser(self.daemon.port)
        a.login("ada")
        p = a.get("/settings").text
        for f, name in (("set-mail-quiet", "mail_quiet_hours"),
                        ("set-mail-urgent", "mail_urgent_in_quiet_hours")):
            self.assertRegex(p, r'<input type="checkbox" class="checkbox" '
                             r'value="true" id="%s" name="%s" checked>'
                             % (f, name))
            self.assertIn('<label for="%s">' % f, p)
        r = a.post("/settings", dict(self.SETTINGS, csrf_token=csrf_of(p),
                                     mail_quiet_hours="true"))
        self.assertEqual(r.status, 303, r.text[:600])
        opts = self.ok("GET", "/api/v1/settings")["options"]
        self.assertEqual((opts.get("mail_quiet_hours", True),
                          opts.get("mail_urgent_in_quiet_hours", True),
                          opts.get("claims_need_approval")),
                         (True, False, True))
        p = a.get("/settings").text
        self.assertIn('id="set-mail-quiet" name="mail_quiet_hours" checked',
                      p)
        self.assertIn('id="set-mail-urgent" name="mail_urgent_in_quiet_hours"'
                      '>', p)

    def test_users_forms(self):
        a = Browser(self.daemon.port)
        a.login("ada")
        p = a.get("/users").text
        self.assertIn('id="nav-users" aria-current="page"', p)
        for login in ("ada", "kari", "vera", "vidar"):
            self.assertIn('<tr data-login="%s">' % login, p)
        self.assertNotIn('action="/users/ada/remove"', p)  # not yourself
        self.assertIn('action="/users/kari/remove"', p)
        csrf = csrf_of(p)
        add = {"csrf_token": csrf, "login": "nina", "name": "Nina Lie",
               "role": "coordinator", "homes": "solheim", "password": "x"}
        self.assertEqual(a.post("/users", dict(add, csrf_token="no"))
                         .status, 403)
        r = a.post("/users", add)
        self.assertEqual(r.status, 400, r.text[:600])
        self.assertIn('id="add-password-error"', r.text)
        self.assertRegex(r.text, r'id="add-login" name="login" [^>]*'
                         r'value="nina"')
        self.assertNotIn('value="x"', r.text)  # never the password
        r = a.post("/users", dict(add, password=PASSWORD))
        self.assertEqual((r.status, r.getheader("Location")), (303, "/users"))
        u = self.ok("GET", "/api/v1/users/nina")
        self.assertEqual((u["role"], u["homes"]), ("coordinator",
                                                   ["solheim"]))
        # Role and homes (none ticked: every home).
        r = a.post("/users/nina/change", {"csrf_token": csrf,
                                          "role": "viewer"})
        self.assertEqual(r.status, 303, r.text[:600])
        u = self.ok("GET", "/api/v1/users/nina")
        self.assertEqual((u["role"], u["homes"]), ("viewer", []))
        r = a.post("/users/nina/change", {"csrf_token": csrf,
                                          "role": "boss"})
        self.assertEqual(r.status, 400)
        self.assertIn('id="u', r.text)
        self.assertRegex(r.text, r'<details class="user-actions" open>')
        self.assertRegex(r.text, r'id="u\d+-role-error"')
        # A new password: the API's check at its field.
        r = a.post("/users/nina/password", {"csrf_token": csrf,
                                            "password": "x"})
        self.assertEqual(r.status, 400)
        self.assertRegex(r.text, r'id="u\d+-password-error"')
        r = a.post("/users/nina/password", {"csrf_token": csrf,
                                            "password": PASSWORD + "!"})
        self.assertEqual(r.status, 303, r.text[:600])
        # Remove: the question first, nothing removed; then removed.
        r = a.post("/users/nina/remove", {"csrf_token": csrf})
        self.assertEqual(r.status, 200)
        self.assertIn('id="remove-confirm"', r.text)
        self.assertIn('href="/users" id="remove-cancel"', r.text)
        self.ok("GET", "/api/v1/users/nina")
        r = a.post("/users/nina/remove", {"csrf_token": csrf,
                                          "confirm": "1"})
        self.assertEqual(r.status, 303)
        self.assertEqual(self.request("GET", "/api/v1/users/nina").status,
                         404)
        # An invitation: shown once, as a link and the code.
        r = a.post("/users", {"csrf_token": csrf, "login": "olga",
                              "role": "coordinator", "invite": "1"})
        self.assertEqual(r.status, 200, r.text[:600])
        code = re.search(r'id="invite-code">([^<]+)<', r.text).group(1)
        self.assertIn("/#invite&amp;code=" + code, r.text)
        self.assertEqual(r.getheader("Cache-Control"), "no-store")
        p = a.get("/users").text
        self.assertNotIn(code, p)
        self.assertIn('action="/users/olga/invite"', p)
        # Coordinators: no page.
        self.b.login("kari")
        self.assertEqual(self.b.get("/users").status, 403)
        en = Browser(self.daemon.port, lang="en")
        en.login("ada")
        self.assertIn("Add a user", en.get("/users").text)


class NoScriptScreensBrowserTest(BrowserTestCase):
    """Chromium with JavaScript off: search a youth, read the meters,
    plan a period, preview, apply, and see it on the board."""

    users = (("kari", "coordinator", "Kari Nordmann", None),)
    javascript = False
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.reset_browser()

    def login(self):
        self.driver.get(self.base + "/")
        self.wait_css("#login").send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Kari Nordmann")

    def test_screens_with_javascript_off(self):
        d = self.driver
        self.login()
        self.css("#nav-youths")[0].click()
        self.wait_css("#youths-q").send_keys("ida")
        self.css("#youths-find")[0].click()
        self.wait(lambda d: "q=ida" in d.current_url)
        self.wait_css('tr[data-youth="ida"] a').click()
        self.wait_text("#youth-title", "Ida Nilsen")
        self.assertTrue(self.css('#youth-week [role="meter"]'))
        self.wait_text("#youth-upcoming", "Bingo")
        self.css("#youth-feed")[0].click()
        self.wait_css("#youth-qr svg")
        self.assertIn("/feeds/",
                      self.css("#youth-feed-url")[0].get_attribute("value"))
        # Hours, by the month form.
        self.css("#nav-hours")[0].click()
        field = self.wait_css("#hours-month")
        self.assertTrue(self.css("#hours-csv"))
        # Plan next week; the page refreshes itself to the preview.
        self.css("#nav-plan")[0].click()
        secs = self.wait_css("#plan-secs")
        secs.clear()
        secs.send_keys("1")
        self.css("#plan-run")[0].click()
        self.wait_css("#plan-apply", timeout=60).click()
        self.wait_css("#plan-applied")
        self.css("#plan-board-link")[0].click()
        self.wait_css('.visit[data-slot="p1"] .visit-people')
        self.assertNotIn("mangler", self.css('.visit[data-slot="p1"]')[0].text)
        del field


class NoScriptAdminBrowserTest(BrowserTestCase):
    """Chromium with JavaScript off, an admin: settings (an error next to
    its field, then saved), the school calendar, and adding, changing and
    removing a user, by forms only."""

    users = (("ada", "admin", "Ada Nordmann", None),)
    javascript = False
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.reset_browser()

    def test_settings_and_users_with_javascript_off(self):
        d = self.driver
        d.get(self.base + "/")
        self.wait_css("#login").send_keys("ada")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Ada Nordmann")
        self.css("#nav-settings")[0].click()
        travel = self.wait_css("#set-travel")
        travel.clear()
        travel.send_keys("abc")
        self.css("#settings-save")[0].click()
        self.wait_css("#set-travel-error")
        self.assertEqual(self.css("#set-travel")[0]
                         .get_attribute("aria-invalid"), "true")
        travel = self.css("#set-travel")[0]
        travel.clear()
        travel.send_keys("20")
        self.css("#settings-save")[0].click()
        self.wait_css("#settings-saved")
        self.assertEqual(self.ok("GET", "/api/v1/settings")["options"]
                         ["travel_minutes"], 20)
        terms = self.css("#cal-terms")[0]
        terms.clear()
        terms.send_keys("2027-01-04 2027-06-18")
        self.css("#calendar-save")[0].click()
        self.wait_css("#settings-saved")
        self.assertEqual(self.ok("GET", "/api/v1/school-calendar")["terms"],
                         [{"from": "2027-01-04", "to": "2027-06-18"}])
        # Users: add one for Solheim, then remove her (two steps).
        self.css("#nav-users")[0].click()
        self.wait_css("#add-login").send_keys("nina")
        self.css("#add-name")[0].send_keys("Nina Lie")
        self.css('#add-homes input[value="solheim"]')[0].click()
        self.css("#add-password")[0].send_keys(PASSWORD)
        self.css("#add-submit")[0].click()
        row = self.wait_css('tr[data-login="nina"]')
        self.assertIn("Solheim", row.text)
        row.find_element("css selector", "summary").click()
        row.find_element("css selector", 'button[id$="-remove-ask"]').click()
        self.wait_css("#remove-confirm").click()
        self.wait_css("#users-table")
        self.assertFalse(self.css('tr[data-login="nina"]'))


class NoScriptAddressesWithScriptTest(BrowserTestCase):
    """With JavaScript on, each no-JS address is its own screen: the
    app's script takes over "/" only (its screens are fragments there)
    and leaves rotad's page of any other address as sent (#app's
    data-script says which it did)."""

    users = (("ada", "admin", "Ada Nordmann", None),)
    prefs = {"intl.accept_languages": "nb,en"}
    ADDRESSES = (("/youths", "#youths-list"),
                 ("/youths/ida", "#youth-hours"),
                 ("/visits/s4", "#visit-title"),
                 ("/hours?month=2027-01", "#hours-homes"),
                 ("/plan", "#plan-form"),
                 ("/violations", "#violations-list"),
                 ("/audit", "#audit-table"),
                 ("/settings", "#calendar-form"),
                 ("/users", "#users-table"))

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.reset_browser()

    def test_each_address_shows_its_screen(self):
        d = self.driver
        d.get(self.base + "/")
        self.wait_css("#login").send_keys("ada")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("form button[type=submit]")[0].click()
        self.wait_css(".board")  # the app's board, at "/"
        for path, sel in self.ADDRESSES:
            with self.subTest(path=path):
                d.get(self.base + path)
                # (Before: the script put the board in its place.)
                self.wait_css(sel)
                self.wait_css('#app[data-script="page"]')
                self.assertTrue(self.visible(sel), path)
                self.assertFalse(self.css(".board"), path)
        # The page's forms work with the script on: the name search...
        d.get(self.base + "/youths")
        self.wait_css("#youths-q").send_keys("ida")
        self.css("#youths-find")[0].click()
        self.wait(lambda d: "q=ida" in d.current_url)
        self.wait_css('#app[data-script="page"] tr[data-youth="ida"]')
        # ... and a refused assignment stays on the visit's page.
        d.get(self.base + "/visits/s4")
        self.wait_css('li[data-youth="ida"] .assign-form button').click()
        box = self.wait_css('li[data-youth="ida"] #refusal')
        self.assertIn("AML § 11-2", box.text)
        # A fragment at "/" is still the app's screen.
        d.get(self.base + "/#youths")
        self.wait_css("#youth-search")
        self.assertEqual(self.css("#app")[0].get_attribute("data-script"),
                         "app")


class NoScriptScreensAxeTest(BrowserTestCase):
    """axe-core on each page as rotad renders it: the app's script is
    blocked (the page stays the server's), WebDriver runs axe."""

    users = (("ada", "admin", "Ada Nordmann", None),)
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.request("POST", "/api/v1/assignments?force=true&reason=Samtykke",
                     {"slot": "s4", "youth": "ida"})
        self.reset_browser()
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setBlockedURLs",
                                    {"urls": ["*/app/app.js"]})

    def tearDown(self):
        self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        super().tearDown()

    def test_every_screen_is_accessible(self):
        d = self.driver
        d.get(self.base + "/")
        self.wait_css("#login").send_keys("ada")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Ada Nordmann")
        month = today().strftime("%Y-%m")
        for path, sel in (("/youths", "#youths-list"),
                          ("/youths/ida", "#youth-hours"),
                          ("/hours?month=2027-01", "#hours-homes"),
                          ("/hours?month=" + month, "#hours-area"),
                          ("/plan", "#plan-form"),
                          ("/violations", "#violations-list"),
                          ("/audit", "#audit-table"),
                          ("/settings", "#settings-form"),
                          ("/users", "#users-table")):
            with self.subTest(path=path):
                d.get(self.base + path)
                self.wait_css(sel)
                assert_accessible(self, d, path)
        # The feed link's QR code and the plan's progress and preview.
        d.get(self.base + "/youths/ida")
        self.wait_css("#youth-feed").click()
        self.wait_css("#youth-qr")
        assert_accessible(self, d, "youth with QR code")
        d.get(self.base + "/plan")
        self.wait_css("#plan-secs").clear()
        self.css("#plan-secs")[0].send_keys("1")
        self.css("#plan-run")[0].click()
        # (The progress page reloads itself every second: axe, which
        # takes longer, is run on the preview it ends in.)
        self.wait_css("#plan-apply", timeout=60)
        assert_accessible(self, d, "plan preview")


if __name__ == "__main__":
    unittest.main()
