#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""The screenshots of docs/web.md, made anew from a demo rotad.

    /usr/bin/python3 scripts/web_screenshots.py [--only=NAME,...] \
        [build/daemon/rotad] [OUTDIR]

Starts rotad --demo on a scratch database, logs in as the demo user in
Debian's headless Chromium (chromedriver, python3-selenium) and saves one
PNG per screen into OUTDIR (default docs/): the week board, a visit with
who can take it, a refusal, the youth list and panel, planning a period,
the hours, the violations, the audit log, the settings, the users; at
390 px the board; with JavaScript off the board and a visit; and Ida's own
page on a phone.  Then, with a little more data through the API (a
school calendar for Bergen that Ida and a home follow, two requests of
Ida's, manual publishing and a changed visit, a consent link): the named
school calendars (a refused delete), the requests, the publish dialog,
each of them also without JavaScript, the language form of the page
without JavaScript, and the guardian's consent page on a phone.  Each
picture waits for what the screen shows.  --only=calendars,requests
saves only those (web-NAME.png), so the other files stay as they are.
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = [a for a in sys.argv[1:] if not a.startswith("--only=")]
ONLY = [a[len("--only="):].split(",") for a in sys.argv[1:]
        if a.startswith("--only=")]
ONLY = set(ONLY[-1]) if ONLY else None
ROTAD = ARGS[0] if len(ARGS) > 0 else os.path.join(
    HERE, "..", "build", "daemon", "rotad")
OUT = ARGS[1] if len(ARGS) > 1 else os.path.join(HERE, "..", "docs")
PORT = 18621


def browser(js=True, width=1360, height=900):
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--lang=nb",
              "--window-size=%d,%d" % (width, height)):
        o.add_argument(a)
    prefs = {"intl.accept_languages": "nb"}
    if not js:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    o.add_experimental_option("prefs", prefs)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def settled(d):
    """Nothing loading on the page any more."""
    return d.execute_script(
        "return !document.querySelector('.state-loading, [aria-busy=true]')")


def wait(d, css):
    WebDriverWait(d, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, css) and settled(d))


def shot(d, name):
    if ONLY is not None and name not in ONLY:
        return
    path = os.path.join(OUT, "web-" + name + ".png")
    d.save_screenshot(path)
    print(path)


def login(d, base, password):
    d.get(base + "/")
    wait(d, "#login")
    d.find_element(By.ID, "login").send_keys("demo")
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait(d, ".board")


class Api:
    """rotad's API with the demo's token."""

    def __init__(self, base, token):
        self.base, self.token = base, token

    def __call__(self, method, path, body=None, form=None):
        headers = {"Authorization": "Bearer " + self.token}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            del headers["Authorization"]
        r = urllib.request.urlopen(urllib.request.Request(
            self.base + path, data=data, method=method, headers=headers))
        text = r.read()
        return json.loads(text) if text and path.startswith("/api/") else None


def more_data(api, monday, ida_page):
    """What the later pictures show; returns the consent page's path."""
    api("POST", "/api/v1/school-calendars", {
        "id": "bergen", "name": "Bergen kommune",
        "terms": [{"from": "2026-08-17", "to": "2026-12-18"},
                  {"from": "2027-01-04", "to": "2027-06-18"}],
        "holidays": [{"from": "2026-10-05", "to": "2026-10-09"},
                     {"from": "2027-03-01", "to": "2027-03-05"}],
        "school_hours": {"start": "08:30", "end": "14:15"}})
    api("PATCH", "/api/v1/youths/ida", {"school_calendar": "bergen"})
    home = api("GET", "/api/v1/homes")["homes"][0]["id"]
    api("PATCH", "/api/v1/homes/" + home, {"school_calendar": "bergen"})
    # Days off Ida asks for on her own page, over visits of hers (so
    # they are requests for the coordinator).
    tok = ida_page.rstrip("/").rsplit("/", 1)[1]
    mine = api("GET", "/api/v1/assignments?youth=ida&status=active&from=%s"
               % monday)["assignments"]
    slots = {x["id"]: x for x in api("GET", "/api/v1/slots?from=%s&to=%s" % (
        monday, monday + datetime.timedelta(days=21)))["slots"]}
    days = sorted({slots[a["slot"]]["start"][:10] for a in mine
                   if a["slot"] in slots})[:2]
    for day in days:
        api("POST", "/youth/%s/day-off" % tok, form={"date": day})
    # Manual publishing, and a visit of the week changed since.
    s = api("GET", "/api/v1/settings")
    s.setdefault("options", {})["publish"] = "manual"
    api("PUT", "/api/v1/settings", s)
    slots = api("GET", "/api/v1/slots?from=%s&to=%s" % (
        monday, monday + datetime.timedelta(days=7)))["slots"]
    api("PATCH", "/api/v1/slots/" + slots[0]["id"],
        {"activity": "Bingo og vafler"})
    # A consent link for a youth under 18 (the guardian's page).
    for y in api("GET", "/api/v1/youths?limit=100")["youths"]:
        if y.get("age", 99) < 18:
            try:
                url = api("POST", "/api/v1/youths/%s/consent-link" % y["id"])
            except urllib.error.HTTPError:
                continue
            return urllib.parse.urlparse(url["url"]).path
    raise SystemExit("no youth to ask a guardian's consent for")


NEW = {"calendars", "nojs-calendars", "requests", "nojs-requests",
       "publish", "nojs-publish", "nojs-language", "phone-consent"}


def main():
    tmp = tempfile.mkdtemp(prefix="rota-shots-")
    log = os.path.join(tmp, "rotad.out")
    proc = subprocess.Popen([ROTAD, "--demo", "--create", "--db",
                             os.path.join(tmp, "demo.db"), "--listen",
                             "127.0.0.1:%d" % PORT],
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d" % PORT
    try:
        text = ""
        for _ in range(200):  # start-up only
            text = open(log).read()
            if "Ida's page" in text:
                break
            time.sleep(0.05)
        lines = text.splitlines()
        password = [l.split()[3] for l in lines if "login:" in l][0]
        ida = [l.split()[2] for l in lines if "Ida's page" in l][0]
        token = [l.split()[1] for l in lines if l.strip().startswith(
            "token:")][0]
        today = datetime.date.today()
        monday = today + datetime.timedelta(days=7 - today.weekday())

        d = browser()
        login(d, base, password)
        d.get(base + "/#week=%s" % monday)
        wait(d, ".board .visit")
        shot(d, "board")
        d.find_elements(By.CSS_SELECTOR, ".visit")[0].click()
        wait(d, "#panel #cand-list li")
        shot(d, "panel")
        for hash_, css, name in (("#youths", ".youth-row, #youths li", "youths"),
                                 ("#plan", "#plan-form", "plan"),
                                 ("#hours&month=%s" % monday.strftime("%Y-%m"),
                                  "#hours-title", "hours"),
                                 ("#violations", "#viol-list", "violations"),
                                 ("#audit", "table, .data-table", "audit"),
                                 ("#settings", "form", "settings"),
                                 ("#users", ".user", "users")):
            d.get(base + "/" + hash_)
            wait(d, css)
            if name == "plan":
                d.find_element(By.ID, "plan-run").click()
                wait(d, "#plan-summary, #plan-error:not([hidden]), #plan-out .notice")
            shot(d, name)
        d.quit()

        d = browser(width=390, height=844)
        login(d, base, password)
        d.get(base + "/#week=%s" % monday)
        wait(d, ".board .visit")
        shot(d, "phone")
        d.get(ida)
        wait(d, "body")
        shot(d, "phone-youth-page")
        d.quit()

        d = browser(js=False)
        d.get(base + "/")
        d.find_element(By.NAME, "login").send_keys("demo")
        d.find_element(By.NAME, "password").send_keys(password + "\n")
        d.get(base + "/?week=%s" % monday)
        wait(d, "a[href^='/visits/']")
        shot(d, "nojs-board")
        d.find_elements(By.CSS_SELECTOR, "a[href^='/visits/']")[0].click()
        wait(d, "form")
        shot(d, "nojs-visit")
        d.quit()

        if ONLY is not None and not ONLY & NEW:
            return
        consent = more_data(Api(base, token), monday, ida)

        d = browser()
        login(d, base, password)
        d.get(base + "/#calendars")
        wait(d, "#calendar-list li[data-calendar=bergen] .cal-delete")
        d.find_element(By.CSS_SELECTOR,
                       "li[data-calendar=bergen] .cal-delete").click()
        wait(d, "#calendar-delete-confirm")
        d.find_element(By.ID, "calendar-delete-confirm").click()
        WebDriverWait(d, 30).until(lambda d: d.find_element(
            By.ID, "cal-delete-error-bergen").text)
        d.execute_script("window.scrollTo(0, 0)")
        shot(d, "calendars")
        d.get(base + "/#requests")
        wait(d, ".req")
        shot(d, "requests")
        d.get(base + "/#week=%s" % monday)
        wait(d, "#publish-open")
        d.find_element(By.ID, "publish-open").click()
        wait(d, "#publish-dialog[open] #publish-count")
        shot(d, "publish")
        d.quit()

        d = browser(js=False)
        d.get(base + "/")
        d.find_element(By.NAME, "login").send_keys("demo")
        d.find_element(By.NAME, "password").send_keys(password + "\n")
        WebDriverWait(d, 30).until(
            lambda d: not d.find_elements(By.NAME, "password"))
        d.get(base + "/settings/calendars")
        wait(d, "#calendars-table")
        shot(d, "nojs-calendars")
        d.get(base + "/requests")
        wait(d, "main form")
        shot(d, "nojs-requests")
        d.get(base + "/publish?from=%s&to=%s" % (
            monday, monday + datetime.timedelta(days=6)))
        wait(d, "main form")
        shot(d, "nojs-publish")
        d.quit()

        d = browser(js=False, width=900, height=560)
        d.get(base + "/")
        wait(d, "form[action='/language']")
        # The language form used: English chosen and sent.
        d.find_element(By.CSS_SELECTOR, "form[action='/language'] select"
                       " option[value=en]").click()
        d.find_element(By.CSS_SELECTOR,
                       "form[action='/language'] button").click()
        WebDriverWait(d, 30).until(lambda d: d.find_element(
            By.TAG_NAME, "html").get_attribute("lang") == "en")
        shot(d, "nojs-language")
        d.quit()

        d = browser(width=390, height=844)
        d.get(base + consent)
        wait(d, "main form")
        # The limits of the youth's age and the form to consent.
        d.execute_script("document.querySelector('main form')"
                         ".scrollIntoView({block: 'end'})")
        shot(d, "phone-consent")
        d.quit()
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
