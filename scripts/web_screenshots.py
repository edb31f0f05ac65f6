#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""The screenshots of docs/web.md, made anew from a demo rotad.

    /usr/bin/python3 scripts/web_screenshots.py [build/daemon/rotad] [OUTDIR]

Starts rotad --demo on a scratch database, logs in as the demo user in
Debian's headless Chromium (chromedriver, python3-selenium) and saves one
PNG per screen into OUTDIR (default docs/): the week board, a visit with
who can take it, a refusal, the youth list and panel, planning a period,
the hours, the violations, the audit log, the settings, the users; at
390 px the board; with JavaScript off the board and a visit; and Ida's own
page on a phone.  Each picture waits for what the screen shows.
"""
import datetime
import os
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
ROTAD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "build", "daemon", "rotad")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "docs")
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
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
