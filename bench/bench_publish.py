#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""What the published copy costs at a national operator's size (issue 16).

    bench/bench_publish.py [--rotad build-rel/daemon/rotad] [--preset nation]
                           [--n 20] [--k 200] [--workdir /tmp/bench-writes]

Imports the preset with a plan (bench_writes.py's cached instance) into a
fresh Release rotad, switches options.publish to "manual" (which publishes
everything: the copy of every slot and assignment), then measures, one
request at a time on one keep-alive connection:

  - N rounds of: a write (PATCH of the activity of a visit of one youth Y
    in the first 4 weeks of the plan), the first GET of Y's feed after it
    with If-None-Match of its ETag from before (a draft: 304 expected),
    the preview of those 4 weeks and the publish of it (one visit
    differs), and the first GET of Y's feed after the publish (200);
  - a publish of 4 weeks after K writes spread over them (K visits
    differ): its preview and its POST.

Prints medians and 99th percentiles in milliseconds (the Python client
adds about 0.1 ms to each).
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_writes import Client, instance, pct, rss_kib  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rotad", default=os.path.join(
        HERE, "..", "build-rel", "daemon", "rotad"))
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--k", type=int, default=200)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--workdir", default="/tmp/bench-writes")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    src = instance(a.preset, a.workdir, a.rotad, a.seconds)
    run = os.path.join(a.workdir, "run-publish")
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
    res = {}
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
        st, _, body, _ = c.call("POST", "/api/v1/import?force=true", doc)
        assert st == 200, (st, body[:300])
        c.call("GET", "/api/v1/homes/%s" % doc["homes"][0]["id"])
        rss0 = rss_kib(proc.pid)
        st, _, body, _ = c.call("GET", "/api/v1/settings")
        s = json.loads(body)
        s.setdefault("options", {})["publish"] = "manual"
        st, _, body, t_switch = c.call("PUT", "/api/v1/settings", s)
        assert st == 200, (st, body[:300])
        c.call("GET", "/api/v1/homes/%s" % doc["homes"][0]["id"])
        rss1 = rss_kib(proc.pid)

        first = min(x["start"] for x in doc["slots"])[:10]
        d0 = dt.date.fromisoformat(first)
        frm, to = d0.isoformat(), (d0 + dt.timedelta(days=27)).isoformat()
        in4 = {x["id"] for x in doc["slots"] if frm <= x["start"][:10] <= to}
        # Y: the youth with the most visits in the 4 weeks.
        count = {}
        for x in doc["assignments"]:
            if x["slot"] in in4:
                count[x["youth"]] = count.get(x["youth"], 0) + 1
        y = max(sorted(count), key=lambda k: count[k])
        ys = sorted({x["slot"] for x in doc["assignments"]
                     if x["youth"] == y and x["slot"] in in4})
        st, _, body, _ = c.call("POST", "/api/v1/youths/%s/feed" % y)
        assert st == 201, (st, body)
        feed = "/feeds/" + json.loads(body)["url"].split("/feeds/")[1]
        st, r, _, _ = c.call("GET", feed, auth=False)
        assert st == 200
        etag = r.getheader("ETag")
        q = "?from=%s&to=%s" % (frm, to)

        write, feed_draft, prev1, pub1, feed_pub = [], [], [], [], []
        draft_status = {}
        for i in range(a.n):
            sid = ys[i % len(ys)]
            st, _, body, t = c.call("PATCH", "/api/v1/slots/%s?force=true"
                                    % sid, {"activity": "bench %d" % i})
            assert st == 200, (st, body[:300])
            write.append(t)
            st, r, _, t = c.call("GET", feed, auth=False,
                                 headers={"If-None-Match": etag})
            draft_status[st] = draft_status.get(st, 0) + 1
            feed_draft.append(t)
            st, _, body, t = c.call("GET", "/api/v1/publish/preview" + q)
            assert st == 200, (st, body[:300])
            prev1.append(t)
            p = json.loads(body)
            assert p["slots"] == 1, p["slots"]
            st, _, body, t = c.call("POST", "/api/v1/publish", {
                "from": frm, "to": to,
                "preview_version": p["preview_version"]})
            assert st == 200, (st, body[:300])
            pub1.append(t)
            st, r, _, t = c.call("GET", feed, auth=False,
                                 headers={"If-None-Match": etag})
            assert st == 200, st
            feed_pub.append(t)
            etag = r.getheader("ETag")

        rnd = random.Random(1)
        many = rnd.sample(sorted(in4), min(a.k, len(in4)))
        for i, sid in enumerate(many):
            st, _, body, _ = c.call("PATCH", "/api/v1/slots/%s?force=true"
                                    % sid, {"activity": "plan %d" % i})
            assert st == 200, (st, body[:300])
        st, _, body, t_prevk = c.call("GET", "/api/v1/publish/preview" + q)
        p = json.loads(body)
        nk, ny = p["slots"], len(p["youths"])
        st, _, body, t_pubk = c.call("POST", "/api/v1/publish", {
            "from": frm, "to": to, "preview_version": p["preview_version"]})
        assert st == 200, (st, body[:300])
        rss2 = rss_kib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()
        log.close()

    print("preset %s: %d homes, %d youths, %d slots, %d assignments; "
          "4 weeks %s..%s: %d slots; youth %s: %d visits in them"
          % (a.preset, len(doc["homes"]), len(doc["youths"]),
             len(doc["slots"]), len(doc["assignments"]), frm, to, len(in4),
             y, len(ys)))
    print("switch to manual (copy everything)         %8.1f ms" % t_switch)
    for name, xs in (("PATCH of a visit (manual)", write),
                     ("first feed GET after the write (draft)", feed_draft),
                     ("preview of 4 weeks, 1 visit differs", prev1),
                     ("publish of 4 weeks, 1 visit differs", pub1),
                     ("first feed GET after the publish", feed_pub)):
        print("%-42s n=%3d  median %8.2f ms  p99 %8.2f ms  max %8.2f ms"
              % (name, len(xs), pct(xs, 50), pct(xs, 99), max(xs)))
    print("feed answers after a draft write: %s" % draft_status)
    print("preview of 4 weeks, %d visits differ (%d youths)   %8.1f ms"
          % (nk, ny, t_prevk))
    print("publish of 4 weeks, %d visits differ               %8.1f ms"
          % (nk, t_pubk))
    print("resident memory: import %.1f MB, manual %.1f MB, end %.1f MB"
          % (rss0 / 1024, rss1 / 1024, rss2 / 1024))


if __name__ == "__main__":
    main()
