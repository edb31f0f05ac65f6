# SPDX-License-Identifier: ISC
"""The web app without JavaScript (issue 19, "Without JavaScript" in
docs/web.md): the pages rotad renders itself, driven (a) over plain HTTP
with a cookie jar, as a browser with scripts off sends forms, and (b) in
headless Chromium with JavaScript disabled, through links and forms
only.  Every wait is an explicit WebDriverWait, never a sleep."""
import html
import http.client
import re
import subprocess
import unittest
import urllib.parse

from browser import PASSWORD, BrowserTestCase
from harness import ROTAD, RotadTestCase, base_instance
CSP_PARTS = ("default-src 'self'", "script-src 'self'", "style-src 'self'",
             "frame-ancestors 'none'")
# (Bidi controls never get this far: the instance format refuses them in
# names; tests/unit/test_html.c shows the writer drops them anyway.)
HOSTILE = "<script>alert(1)</script> \"O'Hara\" & Søn"


def instance():
    """base_instance(), a three-hour visit on a school day that Ida (14)
    may not take (two hours at most: AML § 11-2), and a youth with a
    hostile name."""
    inst = base_instance()
    inst["slots"].append({"id": "s4", "home": "solheim",
                          "start": "2027-01-05T15:00",
                          "end": "2027-01-05T18:00", "activity": "Tur"})
    inst["youths"].append({"id": "evil", "name": HOSTILE,
                           "birth_date": "2009-05-01", "school": "secondary",
                           "availability": [{"days": ["sat"],
                                             "from": "08:00",
                                             "to": "22:00"}]})
    return inst


def add_user(db, login, role, homes=None):
    args = [ROTAD, "user", "add", login, "--role", role, "--name",
            login.capitalize() + " Nordmann", "--db", db]
    if homes:
        args += ["--homes", ",".join(homes)]
    subprocess.run(args, input=PASSWORD + "\n", check=True,
                   capture_output=True, text=True)


class Browser:
    """A browser without scripts: one cookie jar, forms as urlencoded."""

    def __init__(self, port, lang="nb"):
        self.port = port
        self.cookies = {}
        self.lang = lang

    def send(self, method, path, form=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Accept-Language": self.lang}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv
                                    for kv in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        text = r.read().decode("utf-8")
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, value = v.split(";", 1)[0].split("=", 1)
                if value:
                    self.cookies[name] = value
                else:
                    self.cookies.pop(name, None)
        r.text = text
        conn.close()
        return r

    def get(self, path):
        return self.send("GET", path)

    def post(self, path, form, **kw):
        return self.send("POST", path, form, **kw)

    def login(self, who):
        r = self.post("/login", {"login": who, "password": PASSWORD})
        assert r.status == 303, (r.status, r.text[:300])
        return r


def csrf_of(page):
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, "no CSRF field in the page"
    return html.unescape(m.group(1))


class NoScriptHttpTest(RotadTestCase):
    """The pages and forms over plain HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        add_user(cls.daemon.db, "kari", "coordinator")
        add_user(cls.daemon.db, "vera", "coordinator", ["solheim"])
        add_user(cls.daemon.db, "vidar", "viewer")

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.b = Browser(self.daemon.port)

    def assertSecure(self, r):
        csp = r.getheader("Content-Security-Policy") or ""
        for part in CSP_PARTS:
            self.assertIn(part, csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(r.getheader("X-Frame-Options"), "DENY")
        self.assertEqual(r.getheader("Referrer-Policy"), "no-referrer")

    def assignments(self, slot):
        return [(a["youth"], a["status"]) for a in
                self.ok("GET", "/api/v1/assignments?slot=" + slot)
                ["assignments"]]

    def test_login_page_is_a_real_form(self):
        r = self.b.get("/")
        self.assertEqual(r.status, 200)
        self.assertSecure(r)
        self.assertEqual(r.getheader("Content-Type"),
                         "text/html; charset=utf-8")
        p = r.text
        self.assertIn('<form class="form" method="post" action="/login"', p)
        self.assertIn('<label class="label" for="login">Brukernavn</label>',
                      p)
        self.assertIn('<label class="label" for="password">Passord</label>',
                      p)
        self.assertIn('name="login"', p)
        self.assertIn('type="password"', p)
        self.assertIn('<div id="app" class="app"', p)
        self.assertIn('<script type="module" src="/app/app.js"></script>', p)
        self.assertIn('<link rel="stylesheet" href="/app/style.css">', p)
        self.assertNotIn("style=", p)
        en = Browser(self.daemon.port, "en").get("/")
        self.assertIn(">Username</label>", en.text)

    def test_login_errors_next_to_the_field(self):
        r = self.b.post("/login", {"login": "", "password": ""})
        self.assertEqual(r.status, 400)
        self.assertRegex(r.text, r'id="login-error">Skriv inn brukernavnet')
        r = self.b.post("/login", {"login": "kari", "password": "wrong one"})
        self.assertEqual(r.status, 401)
        self.assertIn('id="password-error">feil brukernavn eller passord',
                      r.text)
        # The login is kept, the password never.
        self.assertIn('value="kari"', r.text)
        self.assertNotIn("wrong one", r.text)
        self.assertNotIn("rota_session", self.b.cookies)
        # A form from another site is refused.
        r = self.b.post("/login", {"login": "kari", "password": PASSWORD},
                        headers={"Origin": "http://evil.example"})
        self.assertEqual(r.status, 403)
        self.assertNotIn("rota_session", self.b.cookies)
        # JSON is not a form.
        r = self.b.send("POST", "/login", headers={
            "Content-Type": "application/json"})
        self.assertEqual(r.status, 415)

    def test_login_board_and_logout(self):
        r = self.b.login("kari")
        self.assertEqual(r.getheader("Location"), "/")
        self.assertIn("rota_session", self.b.cookies)
        self.assertIn("HttpOnly", r.getheader("Set-Cookie"))
        r = self.b.get("/?week=2027-01-06")
        self.assertEqual(r.status, 200)
        self.assertSecure(r)
        self.assertEqual(r.getheader("Cache-Control"), "no-store")
        p = r.text
        self.assertIn("Uke 1", p)
        for slot in ("s1", "s2", "s3", "s4"):
            self.assertIn('href="/visits/%s"' % slot, p)
        s1 = re.search(r'<a class="visit[^"]*" data-slot="s1".*?</a>', p).group(0)
        self.assertIn("16:00\u201318:00", s1)
        self.assertIn("Quiz", s1)
        self.assertIn('<span class="visit-people">Ida</span>', s1)
        self.assertIn("mangler 1", s1)
        self.assertNotIn("Nilsen", s1)  # first names only
        # Previous / today / next are links with the filters kept.
        self.assertIn('id="prev-week" href="/?week=2026-12-28', p)
        self.assertIn('id="next-week" href="/?week=2027-01-11', p)
        # The filters: a GET form; only the unfilled, one home.
        self.assertIn('<form class="filters" method="get" action="/"', p)
        p = self.b.get("/?week=2027-01-04&home=lia").text
        self.assertEqual(re.findall(r'data-slot="([^"]+)"', p), ["s2"])
        self.assertIn('<option value="lia" selected>', p)
        self.assertIn('id="next-week" href="/?week=2027-01-11&amp;home=lia',
                      p)
        self.ok("POST", "/api/v1/assignments", {"slot": "s3", "youth": "ola"})
        p = self.b.get("/?week=2027-01-04&open=1").text
        self.assertNotIn('data-slot="s3"', p)
        self.assertIn('data-slot="s1"', p)
        # Log out: the form with its CSRF token.
        r = self.b.post("/logout", {})
        self.assertEqual(r.status, 403)
        r = self.b.post("/logout", {"csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 303)
        self.assertNotIn("rota_session", self.b.cookies)
        self.assertIn('action="/login"', self.b.get("/").text)

    def test_visit_assign_needs_csrf(self):
        self.b.login("kari")
        r = self.b.get("/visits/s3")
        self.assertEqual(r.status, 200)
        self.assertSecure(r)
        p = r.text
        self.assertIn('class="section-title">Hvem kan ta besøket?</h2>', p)
        self.assertIn("Solheim sykehjem", p)
        self.assertIn('data-youth="ola"', p)
        self.assertIn('action="/visits/s3/assign"', p)
        # The ?q= filter.
        q = self.b.get("/visits/s3?q=ola").text
        self.assertIn('data-youth="ola"', q)
        self.assertNotIn('data-youth="ida"', q)
        # No token, a wrong one: 403, nothing stored.
        r = self.b.post("/visits/s3/assign", {"youth": "ola"})
        self.assertEqual(r.status, 403)
        r = self.b.post("/visits/s3/assign", {"youth": "ola",
                                              "csrf_token": "x" * 43})
        self.assertEqual(r.status, 403)
        self.assertEqual(self.assignments("s3"), [])
        # With it: 303 back to the visit, and the API has it.
        r = self.b.post("/visits/s3/assign", {"youth": "ola",
                                              "csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(r.getheader("Location"), "/visits/s3")
        self.assertEqual(self.assignments("s3"), [("ola", "active")])
        p = self.b.get("/visits/s3").text
        self.assertRegex(p, r'id="assigned">.*Ola Hansen')

    def test_remove_and_sick_call(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "s1", "youth": "ola"})
        self.b.login("kari")
        p = self.b.get("/visits/s1").text
        csrf = csrf_of(p)
        ids = {a["youth"]: a["id"] for a in self.ok(
            "GET", "/api/v1/assignments?slot=s1")["assignments"]}
        # A sick call asking for a replacement nobody can be: done, and
        # the page says why.
        r = self.b.post("/visits/s1/assignments/%s/cancel" % ids["ida"],
                        {"csrf_token": csrf, "refill": "1"})
        self.assertEqual(r.status, 200, r.text[:500])
        self.assertIn('id="notice">Ingen kan ta plassen: ', r.text)
        r = self.b.post("/visits/s1/assignments/%s/remove" % ids["ola"],
                        {"csrf_token": csrf})
        self.assertEqual(r.status, 303, r.text[:500])
        self.assertEqual(self.assignments("s1"), [("ida", "cancelled")])
        p = self.b.get("/visits/s1").text
        self.assertRegex(p, r'id="cancelled">.*Ida Nilsen')
        # An assignment of another visit is not this visit's.
        a2 = self.ok("POST", "/api/v1/assignments",
                     {"slot": "s2", "youth": "ola"})["id"]
        r = self.b.post("/visits/s1/assignments/%s/remove" % a2,
                        {"csrf_token": csrf})
        self.assertEqual(r.status, 404)

    def test_sick_call_with_a_replacement(self):
        a = self.ok("POST", "/api/v1/assignments",
                    {"slot": "s3", "youth": "ida"})["id"]
        self.b.login("kari")
        p = self.b.get("/visits/s3").text
        self.assertIn('name="refill" value="1"', p)
        r = self.b.post("/visits/s3/assignments/%s/cancel" % a,
                        {"csrf_token": csrf_of(p), "refill": "1"})
        self.assertEqual(r.status, 303, r.text[:500])
        got = self.assignments("s3")
        self.assertIn(("ida", "cancelled"), got)
        self.assertEqual(len([y for y, st in got if st == "active"]), 1, got)
        p = self.b.get("/visits/s3").text
        self.assertRegex(p, r'id="assigned">.*<span class="tag">planleggeren')

    def test_refusal_and_force(self):
        self.b.login("kari")
        p = self.b.get("/visits/s4").text
        csrf = csrf_of(p)
        # Ida (14) is among the others, with the reason in words.
        ida = re.search(r'<li class="cand cand-ineligible" '
                        r'data-youth="ida">.*?</li>', p, re.S)
        self.assertIsNotNone(ida, p)
        self.assertIn("AML § 11-2", ida.group(0))
        r = self.b.post("/visits/s4/assign", {"youth": "ida",
                                              "csrf_token": csrf})
        self.assertEqual(r.status, 409)
        p = r.text
        box = re.search(r'data-youth="ida">.*?<div class="refusal" '
                        r'role="alert" id="refusal">(.*?)</form></div>',
                        p, re.S)
        self.assertIsNotNone(box, "the refusal is not at Ida's row")
        box = box.group(1)
        self.assertIn("AML § 11-2", box)
        self.assertIn('name="force" value="1" required', box)
        self.assertIn('name="reason"', box)
        self.assertIn('<label for="force">', box)
        self.assertEqual(self.assignments("s4"), [])
        # Force with an empty reason: the message at the reason field.
        r = self.b.post("/visits/s4/assign", {
            "youth": "ida", "csrf_token": csrf, "force": "1", "reason": " "})
        self.assertEqual(r.status, 400)
        self.assertIn('id="reason-error">', r.text)
        self.assertIn('aria-describedby="reason-error"', r.text)
        self.assertEqual(self.assignments("s4"), [])
        # With a reason: stored, and the audit row keeps it.
        r = self.b.post("/visits/s4/assign", {
            "youth": "ida", "csrf_token": csrf, "force": "1",
            "reason": "Foresatte og skolen har samtykket"})
        self.assertEqual(r.status, 303, r.text[:800])
        self.assertEqual(self.assignments("s4"), [("ida", "active")])
        rows = [row for row in
                self.ok("GET", "/api/v1/youths/ida/export")["audit_log"]
                if row["entity"] == "assignment"
                and row["action"] == "create" and row.get("after")
                and "force_reason" in row["after"]]
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0]["after"]["force_reason"],
                         "Foresatte og skolen har samtykket")
        self.assertEqual(rows[0]["actor"], "kari")

    def test_scope(self):
        self.b.login("vera")
        p = self.b.get("/?week=2027-01-04").text
        self.assertIn("Solheim sykehjem", p)
        self.assertNotIn("Lia bo- og", p)
        self.assertNotIn('data-slot="s2"', p)
        self.assertNotIn('value="lia"', p)
        # Another home's visit: 404, as if it did not exist.
        r = self.b.get("/visits/s2")
        self.assertEqual(r.status, 404)
        self.assertNotIn("Kaffe og prat", r.text)
        r = self.b.post("/visits/s2/assign", {"youth": "ola",
                                              "csrf_token": csrf_of(p)})
        self.assertEqual(r.status, 404)
        self.assertEqual(self.assignments("s2"), [])
        # The home filter cannot reach out of the scope.
        p = self.b.get("/?week=2027-01-04&home=lia").text
        self.assertNotIn('data-slot="s2"', p)
        # Without a session: the login page, and visits send you there.
        anon = Browser(self.daemon.port)
        r = anon.get("/visits/s1")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.getheader("Location"), "/")
        # An API token is not a page session.
        r = self.request("GET", "/visits/s1")
        self.assertEqual(r.status, 403)

    def test_a_viewer_sees_no_names(self):
        """A viewer may not read youths (docs/api.md, Roles): the board
        without their names, and no visit page (its list is of youths)."""
        self.b.login("vidar")
        p = self.b.get("/?week=2027-01-04").text
        self.assertIn('data-slot="s1"', p)
        self.assertNotIn("Ida", p)
        self.assertEqual(self.b.get("/visits/s1").status, 403)

    def test_hostile_names_escaped(self):
        self.ok("POST", "/api/v1/assignments", {"slot": "s3", "youth": "evil"})
        self.b.login("kari")
        for path in ("/?week=2027-01-04", "/visits/s3"):
            with self.subTest(path=path):
                p = self.b.get(path).text
                self.assertNotIn("<script>alert", p)
                self.assertNotIn("\"O'Hara\"", p)
        p = self.b.get("/visits/s3").text
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; "
                      "&quot;O&#39;Hara&quot; &amp; Søn", p)
        # The board shows the first word only, escaped too.
        self.assertIn('<span class="visit-people">&lt;script&gt;alert(1)'
                      '&lt;/script&gt;</span>',
                      self.b.get("/?week=2027-01-04").text)


class NoScriptBrowserTest(BrowserTestCase):
    """Chromium with JavaScript off: every step by links and forms."""

    users = (("kari", "coordinator", "Kari Nordmann", None),)
    javascript = False
    prefs = {"intl.accept_languages": "nb,en"}

    def setUp(self):
        self.ok("POST", "/api/v1/import", instance())
        self.reset_browser()

    def test_plan_with_javascript_off(self):
        d = self.driver
        d.get(self.base + "/?week=2027-01-04")
        self.wait_css("#login").send_keys("kari")
        self.css("#password")[0].send_keys(PASSWORD)
        self.css("#login-form button[type=submit]")[0].click()
        self.wait_text(".who", "Kari Nordmann")
        # The login lands on this week; the week links lead on.
        self.css("#next-week")[0].click()
        self.wait(lambda d: "week=" in d.current_url)
        d.get(self.base + "/?week=2026-12-28")
        self.wait_text("#week-title", "Uke 53")
        self.css("#next-week")[0].click()
        self.wait_text("#week-title", "Uke 1")
        self.wait_css('.visit[data-slot="s4"]').click()
        self.wait_text("#visit-title", "Tur")
        # A page of its own (the app would open a panel over the board).
        self.assertTrue(d.current_url.endswith("/visits/s4"), d.current_url)
        # Assign Ola (may take it) by the form.
        self.wait_css('li[data-youth="ola"] .assign-form button').click()
        self.wait_text("#assigned", "Ola Hansen")
        a = self.ok("GET", "/api/v1/assignments?slot=s4")["assignments"]
        self.assertEqual([(x["youth"], x["status"]) for x in a],
                         [("ola", "active")])
        # Ida may not: the refusal at her row, with the law.
        self.wait_css('li[data-youth="ida"] .assign-form button').click()
        box = self.wait_css('li[data-youth="ida"] #refusal')
        self.assertIn("AML § 11-2", box.text)
        self.assertTrue(self.css("#reason"))
        self.assertIn("endringsloggen",
                      self.css('label[for="force"]')[0].text)
        # The force step, by the form: a reason, the box, the button.
        self.css("#reason")[0].send_keys("Foresatte har samtykket")
        self.css("#force")[0].click()
        self.css("#force-submit")[0].click()
        self.wait_text("#assigned", "Ida Nilsen")
        self.assertTrue(d.current_url.endswith("/visits/s4"), d.current_url)
        # Log out by the top bar's form.
        self.css("#logout")[0].click()
        self.wait_css("#login")
        r = self.request("GET", "/api/v1/assignments?slot=s4")
        self.assertEqual(r.status, 200)


if __name__ == "__main__":
    unittest.main()
