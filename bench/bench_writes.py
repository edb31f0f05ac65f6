#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""What one write costs at a national operator's size (issue 12).

    bench/bench_writes.py [--rotad build-rel/daemon/rotad] [--preset nation]
                          [--n 300] [--workdir /tmp/bench-writes]

Generates the preset with bench/gen_instance.py, gives it a plan with
`rotad solve` (cached in the work directory, so a second run of the same
preset skips it), imports both into a fresh database of a Release rotad on
a free loopback port, then sends one request at a time on one keep-alive
connection:

  - N POSTs of an assignment (a random youth on a random slot, ?force=true
    so that the answer is always 201, the gate running all the same) and N
    DELETEs of it;
  - after every other write, the first small GET (one home);
  - after the others, the feed of a youth the change does not touch, with
    If-None-Match of its ETag from before (a 304 when it was served from
    the cache, or re-rendered into the same bytes);
  - the daemon's resident memory after the import and at the end;
  - --whole K rounds of writes of many rows at once: a schedule run
    previewed (dry run, not timed) and applied, a visit series added
    (four weeks of one weekly visit at a random home), each followed by
    the first small GET, and /metrics' rotad_state_loads_total around
    them (how often the daemon read the whole store again).  Each round
    first imports the planned instance again (not timed) with the
    assignments of --whole-days days left out, and the run plans those
    days (a coordinator planning the coming week while the rest stays
    planned): at nation size that is thousands of open positions, which
    a run over days the plan has already filled would not find.

Prints medians and 99th percentiles in milliseconds.  The client is
Python, so each figure includes about 0.1 ms of its own time.
"""
import argparse
import datetime
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def instance(preset, workdir, rotad, seconds):
    """The preset with a plan's assignments in it (made once, cached)."""
    path = os.path.join(workdir, "%s-planned.json" % preset)
    if os.path.exists(path):
        return path
    raw = os.path.join(workdir, "%s.json" % preset)
    plan = os.path.join(workdir, "%s.plan.json" % preset)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_instance.py"),
                    preset, "-o", raw], check=True)
    subprocess.run([rotad, "solve", raw, "--seconds", str(seconds),
                    "--seed", "1", "--out", plan], check=True,
                   stdout=subprocess.DEVNULL)
    with open(raw) as f:
        inst = json.load(f)
    with open(plan) as f:
        inst["assignments"] = json.load(f)["assignments"]
    with open(path, "w") as f:
        json.dump(inst, f)
    return path


class Client:
    def __init__(self, port, token):
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.auth = {"Authorization": "Bearer " + token}

    def call(self, method, path, body=None, headers=None, auth=True):
        h = dict(self.auth) if auth else {}
        h.update(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        t0 = time.perf_counter()
        self.c.request(method, path, body=data, headers=h)
        r = self.c.getresponse()
        payload = r.read()
        return r.status, r, payload, (time.perf_counter() - t0) * 1e3


def loads(c):
    _, _, body, _ = c.call("GET", "/metrics")
    for line in body.decode().splitlines():
        if line.startswith("rotad_state_loads_total "):
            return int(line.split()[1])
    return None  # a rotad without the counter


def open_days(doc, days):
    """doc without the assignments on slots of `days`."""
    days = set(days)
    on = {x["id"] for x in doc["slots"] if x["start"][:10] in days}
    out = dict(doc)
    out["assignments"] = [x for x in doc["assignments"]
                          if x["slot"] not in on]
    return out, len(doc["assignments"]) - len(out["assignments"])


def whole_writes(c, doc, rnd, home, rounds, ndays, seconds):
    """Schedule runs applied and series added, each with the GET after."""
    days = sorted({s["start"][:10] for s in doc["slots"]})
    homes = [h["id"] for h in doc["homes"]]
    apply_t, apply_get, series_t, series_get = [], [], [], []
    added, opened, loads_seen = [], 0, 0
    for i in range(rounds):
        k = (i * ndays) % len(days)
        span = days[k:k + ndays]
        inst, n = open_days(doc, span)
        opened += n
        st, _, body, _ = c.call("POST", "/api/v1/import?force=true", inst)
        assert st == 200, (st, body[:300])
        # The first read after the import loads it; not measured.
        c.call("GET", "/api/v1/homes/" + home)
        st, _, body, _ = c.call("POST", "/api/v1/schedule",
                                {"from": span[0], "to": span[-1],
                                 "dry_run": True, "seconds": seconds})
        assert st == 200, (st, body[:300])
        p = json.loads(body)
        l0 = loads(c)
        st, _, body, dt = c.call("POST",
                                 "/api/v1/schedule/%s/apply" % p["run"])
        assert st == 200, (st, body[:300])
        added.append(len(p["assigned"]))
        apply_t.append(dt)
        st, _, _, dt = c.call("GET", "/api/v1/homes/" + home)
        assert st == 200
        apply_get.append(dt)
        first = days[-1]
        st, _, body, dt = c.call(
            "POST", "/api/v1/series?force=true",
            {"home": rnd.choice(homes), "activity": "Bench %d" % i,
             "time": "%02d:00" % (10 + i % 8), "duration": 60,
             "needed": 1, "days": ["sat"], "first": first,
             "last": (datetime.date.fromisoformat(first) +
                      datetime.timedelta(days=27)).isoformat(),
             "skip_school_holidays": False,
             "skip_public_holidays": False})
        assert st == 201, (st, body[:300])
        series_t.append(dt)
        st, _, _, dt = c.call("GET", "/api/v1/homes/" + home)
        assert st == 200
        series_get.append(dt)
        l1 = loads(c)
        if l0 is None:
            loads_seen = None
        elif loads_seen is not None:
            loads_seen += l1 - l0
    return {"times": (("schedule run applied", apply_t),
                      ("first small GET after an apply", apply_get),
                      ("series added", series_t),
                      ("first small GET after a series", series_get)),
            "added": added, "opened": opened, "days": ndays,
            "loads": loads_seen}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rotad", default=os.path.join(
        HERE, "..", "build-rel", "daemon", "rotad"))
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seconds", type=int, default=10,
                    help="solver budget for the plan (once per preset)")
    ap.add_argument("--workdir", default="/tmp/bench-writes")
    ap.add_argument("--whole", type=int, default=5,
                    help="rounds of schedule apply and series add")
    ap.add_argument("--whole-days", type=int, default=7,
                    help="days each round's schedule run plans")
    ap.add_argument("--whole-seconds", type=float, default=5,
                    help="the solver budget of each round's run")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    src = instance(a.preset, a.workdir, a.rotad, a.seconds)
    run = os.path.join(a.workdir, "run")
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(run)
    db = os.path.join(run, "rota.db")
    conf = os.path.join(run, "rotad.conf")
    with open(conf, "w") as f:
        f.write("[server]\nmax_body = 67108864\ntimeout = 600\n")
    port_file = os.path.join(run, "port")
    log = open(os.path.join(run, "rotad.log"), "wb")
    proc = subprocess.Popen([a.rotad, "--config", conf, "--listen",
                             "127.0.0.1:0", "--db", db, "--create",
                             "--port-file", port_file],
                            stdout=log, stderr=log)
    try:
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = int(open(port_file).read())
        token = subprocess.run([a.rotad, "token", "create", "bench", "--db",
                                db], check=True, capture_output=True,
                               text=True).stdout.strip()
        c = Client(port, token)
        with open(src) as f:
            doc = json.load(f)
        t0 = time.perf_counter()
        st, _, body, _ = c.call("POST", "/api/v1/import?force=true", doc)
        assert st == 200, (st, body[:300])
        t_import = time.perf_counter() - t0
        # The first read loads the instance; not what is measured.
        c.call("GET", "/api/v1/homes/%s" % doc["homes"][0]["id"])
        rss_start = rss_kib(proc.pid)

        rnd = random.Random(1)
        youths = [y["id"] for y in doc["youths"]]
        slots = [s["id"] for s in doc["slots"]]
        home = doc["homes"][0]["id"]
        # The untouched youth: one with no assignment, never written.
        busy = {x["youth"] for x in doc["assignments"]}
        quiet = next(y for y in youths if y not in busy)
        youths = [y for y in youths if y != quiet]
        st, _, body, _ = c.call("POST", "/api/v1/youths/%s/feed" % quiet)
        assert st == 201, (st, body)
        feed = "/feeds/" + json.loads(body)["url"].split("/feeds/")[1]
        st, r, _, _ = c.call("GET", feed, auth=False)
        etag = r.getheader("ETag")

        post, delete, get_after, feed_after = [], [], [], []
        feed_status = {}
        done = 0
        while done < a.n:
            y, s = rnd.choice(youths), rnd.choice(slots)
            st, _, body, dt = c.call(
                "POST", "/api/v1/assignments?force=true",
                {"slot": s, "youth": y})
            if st == 409:
                continue  # already on that slot
            assert st == 201, (st, body[:300])
            post.append(dt)
            aid = json.loads(body)["id"]
            after = []
            for _ in range(2):
                if done % 2 == 0:
                    st, _, _, dt = c.call("GET", "/api/v1/homes/" + home)
                    assert st == 200
                    get_after.append(dt)
                else:
                    st, _, _, dt = c.call("GET", feed, auth=False,
                                          headers={"If-None-Match": etag})
                    feed_status[st] = feed_status.get(st, 0) + 1
                    feed_after.append(dt)
                if not after:
                    st, _, body, dt = c.call(
                        "DELETE", "/api/v1/assignments/%s?force=true" % aid)
                    assert st == 204, (st, body[:300])
                    delete.append(dt)
                    after.append(1)
            done += 1
        whole = whole_writes(c, doc, rnd, home, a.whole, a.whole_days,
                             a.whole_seconds)
        rss_end = rss_kib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()
        log.close()

    print("preset %s: %d homes, %d youths, %d slots, %d assignments "
          "(import %.1f s)" % (a.preset, len(doc["homes"]), len(doc["youths"]),
                               len(doc["slots"]), len(doc["assignments"]),
                               t_import))
    for name, xs in (("POST assignment", post),
                     ("DELETE assignment", delete),
                     ("first small GET after a write", get_after),
                     ("untouched youth's feed after a write", feed_after)):
        print("%-40s n=%4d  median %8.2f ms  p99 %8.2f ms  max %8.2f ms"
              % (name, len(xs), pct(xs, 50), pct(xs, 99), max(xs)))
    for name, xs in whole["times"]:
        print("%-40s n=%4d  median %8.2f ms  p99 %8.2f ms  max %8.2f ms"
              % (name, len(xs), pct(xs, 50), pct(xs, 99), max(xs or [0])))
    print("schedule runs applied: %d days each, %d assignments left out "
          "of the imports in all, positions added per run %s (%d in all)"
          % (whole["days"], whole["opened"], whole["added"],
             sum(whole["added"])))
    print("feed answers after a write: %s" % feed_status)
    print("full reads of the store during the many-row writes: %s"
          % whole["loads"])
    print("resident memory: %.1f MB after import, %.1f MB at the end"
          % (rss_start / 1024.0, rss_end / 1024.0))


if __name__ == "__main__":
    main()
