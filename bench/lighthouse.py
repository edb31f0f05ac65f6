#!/usr/bin/python3
# SPDX-License-Identifier: ISC
"""Lighthouse on the web app's week board, logged in (issue 19's target:
performance >= 95 and accessibility 100 on the board).

    /usr/bin/python3 bench/lighthouse.py [--rotad build/daemon/rotad]
        [--instance FILE --week YYYY-MM-DD]

Starts a demo rotad (optionally importing an instance, e.g. the city
preset with its plan as bench/bench_writes.py makes it), logs in as the
demo user in Debian's headless Chromium driven by chromedriver (so the
session cookie is in the browser's own jar), then runs Lighthouse against
that same browser (--port) on the board of one week, once with its
desktop preset and once with its default mobile settings (simulated slow
4G, 4x CPU slowdown).  Lighthouse is not part of rota: it is installed
with npm into --cache (pinned below) the first time.  Run it with
Debian's python3, which has python3-selenium.
"""
import argparse
import datetime
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time

LIGHTHOUSE = "lighthouse@13.5.0"
HERE = os.path.dirname(os.path.abspath(__file__))


def lighthouse_bin(cache):
    path = os.path.join(cache, "node_modules", ".bin", "lighthouse")
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", cache, "--no-audit",
                        "--no-fund", LIGHTHOUSE], check=True)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rotad", default=os.path.join(
        HERE, "..", "build", "daemon", "rotad"))
    ap.add_argument("--instance")
    ap.add_argument("--week", help="the Monday to show (default: next)")
    ap.add_argument("--port", type=int, default=18611)
    ap.add_argument("--cache", default="/tmp/rota-lighthouse")
    a = ap.parse_args()
    lh = lighthouse_bin(a.cache)
    out = tempfile.mkdtemp(prefix="rota-lh-")
    db = os.path.join(out, "demo.db")
    log_path = os.path.join(out, "rotad.out")
    proc = subprocess.Popen([a.rotad, "--demo", "--create", "--db", db,
                             "--listen", "127.0.0.1:%d" % a.port],
                            stdout=open(log_path, "w"),
                            stderr=subprocess.STDOUT)
    driver = None
    try:
        text = ""
        for _ in range(200):  # start-up only; nothing here is measured
            text = open(log_path).read()
            if "login:" in text:
                break
            time.sleep(0.05)
        password = [l.split()[3] for l in text.splitlines()
                    if "login:" in l][0]
        token = [l.split()[1] for l in text.splitlines()
                 if l.strip().startswith("token:")][0]
        if a.instance:
            c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=300)
            c.request("POST", "/api/v1/import?force=true",
                      body=open(a.instance, "rb").read(),
                      headers={"Authorization": "Bearer " + token,
                               "Content-Type": "application/json"})
            r = c.getresponse()
            print("import:", r.status, r.read()[:200].decode())
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        o = webdriver.ChromeOptions()
        o.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox",
                    "--remote-debugging-port=9333", "--window-size=1350,940"):
            o.add_argument(arg)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                                  options=o)
        base = "http://127.0.0.1:%d" % a.port
        driver.get(base + "/")
        status = driver.execute_async_script(
            "const cb = arguments[arguments.length - 1];"
            "fetch('/api/v1/login', {method: 'POST', headers: "
            "{'Content-Type': 'application/json'}, body: JSON.stringify("
            "{login: 'demo', password: arguments[0]})}).then(r => "
            "cb(r.status));", password)
        assert status == 200, status
        week = a.week
        if week is None:
            today = datetime.date.today()
            week = str(today + datetime.timedelta(days=7 - today.weekday()))
        url = base + "/#week=" + week
        for name, preset in (("desktop", ["--preset=desktop"]),
                             ("mobile", [])):
            path = os.path.join(out, name + ".json")
            subprocess.run([lh, url, "--port=9333"] + preset + [
                "--only-categories=performance,accessibility,best-practices",
                "--output=json", "--output-path=" + path, "--quiet",
                "--disable-storage-reset"], check=True)
            r = json.load(open(path))
            scores = {k: round(v["score"] * 100)
                      for k, v in r["categories"].items()}
            calls = [it["url"].split(str(a.port))[-1] for it in
                     r["audits"]["network-requests"]["details"]["items"]
                     if "/api/" in it["url"]]
            print("%-8s %s  FCP %s  LCP %s  TBT %s  CLS %s  API calls %s" % (
                name, scores,
                r["audits"]["first-contentful-paint"]["displayValue"],
                r["audits"]["largest-contentful-paint"]["displayValue"],
                r["audits"]["total-blocking-time"]["displayValue"],
                r["audits"]["cumulative-layout-shift"]["displayValue"],
                len(calls)))
            if not any(c.startswith("/api/v1/slots") for c in calls):
                sys.exit("the board was not shown (not logged in?)")
        print("reports in", out)
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
