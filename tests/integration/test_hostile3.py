# SPDX-License-Identifier: ISC
"""Hostile clients, third round (issue 18, items 1, 5, 6, 10 and 11).

Time-zone names that are paths (a FIFO, stderr), lenient HTTP framing,
feed validators after a revocation, token guessing behind a shared address
and bursts of schedule runs.
"""
import copy
import json
import os
import select
import socket
import sqlite3
import tempfile
import threading
import time
import unittest

import harness
from harness import RotadTestCase, raw_http, base_instance

BAD_ZONES = [
    "../../../../../../proc/self/fd/2",
    "/proc/self/fd/2",
    "Europe/../Europe/Oslo",
    "localtime",
    "posixrules",
    "right/UTC",
    "Factory",
    "/usr/share/zoneinfo/Europe/Oslo",
]



class TimeZoneNameTest(RotadTestCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def assertAlive(self):
        r = self.request("GET", "/healthz", token=False)
        self.assertEqual(r.status, 200)

    def test_settings_refuse_non_canonical_names(self):
        s = self.ok("GET", "/api/v1/settings")
        for name in BAD_ZONES:
            s2 = dict(s, timezone=name)
            r = self.request("PUT", "/api/v1/settings", s2)
            self.assertError(r, 400, "invalid_field", "timezone")
            self.assertAlive()
        self.assertEqual(self.ok("GET", "/api/v1/settings")["timezone"],
                         "Europe/Oslo")
        for name in ("America/New_York", "Europe/Kiev", "UTC",
                     "Europe/Oslo"):
            self.ok("PUT", "/api/v1/settings", dict(s, timezone=name))

    def test_import_refuses_non_canonical_names(self):
        for name in BAD_ZONES:
            inst = base_instance()
            inst["timezone"] = name
            r = self.request("POST", "/api/v1/import", inst)
            self.assertError(r, 400, "invalid_field", "timezone")
        self.assertAlive()

    def test_fifo_path_is_refused_and_daemon_stays_responsive(self):
        d = tempfile.mkdtemp(dir=self.tmp)
        fifo = os.path.join(d, "fifo")
        os.mkfifo(fifo)
        # Relative to the zone directory, whatever it is.
        name = "../../../../../../../.." + fifo
        s = self.ok("GET", "/api/v1/settings")
        result = {}

        def put():
            try:
                result["r"] = self.request("PUT", "/api/v1/settings",
                                           dict(s, timezone=name))
            except OSError as e:
                result["e"] = e
        t = threading.Thread(target=put, daemon=True)
        t.start()
        t.join(60)
        if "r" not in result:
            # Unblock a daemon stuck on open(2) of the FIFO before failing.
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
            self.fail("the daemon blocked on a FIFO named as a time zone")
        self.assertError(result["r"], 400, "invalid_field", "timezone")
        self.assertAlive()


def feed_path(link):
    return "/" + link["url"].split("/", 3)[3]


class SharedAddressTest(RotadTestCase):
    """Issue 18.6: twenty bad tokens from one address (a school network, a
    calendar provider) must not lock out the valid tokens from it."""

    def test_bad_tokens_do_not_lock_out_valid_ones(self):
        self.ok("POST", "/api/v1/import", base_instance())
        feed = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                       content_type=None, status=201)
        statuses = []
        for i in range(22):
            statuses.append(self.request(
                "GET", "/feeds/%s.ics" % ("B%042d" % i), token=False).status)
        self.assertEqual(statuses[0], 404)
        self.assertEqual(statuses[-1], 429)
        r = self.request("GET", "/api/v1/homes", token="rota_bad-token-x")
        self.assertError(r, 429, "too_many_requests")
        self.assertGreater(int(r.header("Retry-After")), 0)
        # The valid credentials from the same address still work.
        self.assertEqual(self.request("GET", "/api/v1/homes").status, 200)
        r = self.request("GET", feed_path(feed), token=False)
        self.assertEqual(r.status, 200)
        self.assertIn(b"BEGIN:VCALENDAR", r.body)
        self.assertEqual(self.request("GET", "/metrics").status, 200)


class PurgedLinkTest(RotadTestCase):
    """A purged youth's link serves an empty calendar for the grace period
    and then answers 410 Gone (issue 12.6), and polling it is no guessing
    in either case: it never brings the address near the limit."""

    def assertNotCounted(self):
        # Thirty polls later a bad token is still answered 401, not 429.
        r = self.request("GET", "/api/v1/homes", token="rota_bad-token-y")
        self.assertError(r, 401)
        self.assertEqual(self.request("GET", "/metrics",
                                      token=False).status, 401)

    def test_purged_link_is_gone_and_not_counted(self):
        self.ok("POST", "/api/v1/import", base_instance())
        feed = self.ok("POST", "/api/v1/youths/ola/feed", raw=b"",
                       content_type=None, status=201)
        self.assertEqual(self.request("GET", feed_path(feed),
                                      token=False).status, 200)
        self.ok("DELETE", "/api/v1/youths/ola?purge=true", status=204)
        for _ in range(30):
            r = self.request("GET", feed_path(feed), token=False)
            self.assertEqual(r.status, 200)
            self.assertIn(b"BEGIN:VCALENDAR", r.body)
            self.assertNotIn(b"BEGIN:VEVENT", r.body)
        self.assertNotCounted()
        # The grace period (30 days) over: the purge moved back.
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            db.execute("UPDATE withdrawn_feed_tokens SET withdrawn_at = "
                       "withdrawn_at - 31 * 86400")
            db.commit()
        finally:
            db.close()
        self.daemon.stop()
        self.daemon.start()
        for _ in range(30):
            r = self.request("GET", feed_path(feed), token=False)
            self.assertError(r, 410, "gone")
        self.assertNotCounted()



class FramingTest(RotadTestCase):
    """Issue 18.10: RFC 9112 requires 400 for each of these framings, since
    a proxy in front may read them otherwise than evhttp does."""

    def post(self, headers, body):
        data = (b"POST /api/v1/homes HTTP/1.1\r\nHost: x\r\n"
                b"Authorization: Bearer " + self.api_token.encode() +
                b"\r\nContent-Type: application/json\r\n" + headers +
                b"\r\n" + body)
        return raw_http(self.daemon.port, data, timeout=5)

    def names(self):
        return [h["name"] for h in self.ok("GET", "/api/v1/homes")["homes"]]

    def assertRefused(self, out, name, ours=True):
        self.assertTrue(out.startswith(b"HTTP/1.1 400 "), out[:300])
        if ours:  # else evhttp may refuse it first, in HTML
            self.assertIn(b'"code":"bad_request"', out)
        self.assertIn(b"Connection: close", out)
        self.assertNotIn(name, self.names())

    def test_space_before_colon_in_content_length(self):
        body = b'{"name": "Space CL"}'
        out = self.post(b"Content-Length: %d\r\nContent-Length : 5\r\n"
                        % len(body), body)
        self.assertRefused(out, "Space CL")

    def test_space_before_colon_in_transfer_encoding(self):
        body = b'{"name": "Space TE"}'
        out = self.post(b"Content-Length: %d\r\nTransfer-Encoding : "
                        b"chunked\r\n" % len(body), body)
        self.assertRefused(out, "Space TE")

    def test_signed_content_length(self):
        body = b'{"name": "Plus 18"}'
        out = self.post(b"Content-Length: +%d\r\n" % len(body), body)
        self.assertRefused(out, "Plus 18")

    def test_other_bad_shapes(self):
        body = b'{"name": "Odd"}'
        for headers in (
                b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n"
                % len(body),
                b"Content-Length: 0x%x\r\n" % len(body),
                b"Content-Length: %d\r\nTransfer-Encoding: gzip\r\n"
                % len(body),
                b"Content-Length: %d\r\nX Y: z\r\n" % len(body),
                b"Content-Length: %d\r\nX\tY: z\r\n" % len(body)):
            with self.subTest(headers=headers):
                self.assertRefused(self.post(headers, body), "Odd",
                                   ours=False)

    def test_well_framed_bodies_still_work(self):
        body = b'{"name": "Chunked"}'
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        out = self.post(b"Transfer-Encoding: chunked\r\n"
                        b"Connection: close\r\n", chunked)
        self.assertTrue(out.startswith(b"HTTP/1.1 201 "), out[:300])
        body = b'{"name": "Plain"}'
        out = self.post(b"Content-Length: %d\r\nConnection: close\r\n"
                        % len(body), body)
        self.assertTrue(out.startswith(b"HTTP/1.1 201 "), out[:300])
        self.assertIn("Chunked", self.names())
        self.assertIn("Plain", self.names())



def burst(port, requests, deadline=120):
    """Sends every request on its own connection before reading any
    answer, then polls them all until each has closed; returns the raw
    answers in order."""
    socks = [socket.create_connection(("127.0.0.1", port), timeout=10)
             for _ in requests]
    for sk, data in zip(socks, requests):
        sk.sendall(data)
    out = {sk.fileno(): b"" for sk in socks}
    open_ = {sk.fileno(): sk for sk in socks}
    poller = select.poll()
    for sk in socks:
        poller.register(sk, select.POLLIN)
    end = time.monotonic() + deadline
    while open_ and time.monotonic() < end:
        for fd, _ in poller.poll(1000):
            b = open_[fd].recv(65536)
            if b:
                out[fd] += b
            else:
                poller.unregister(fd)
                del open_[fd]
    answers = [out[sk.fileno()] for sk in socks]
    for sk in socks:
        sk.close()
    if open_:
        raise AssertionError("%d answers missing" % len(open_))
    return answers


class ScheduleBurstTest(RotadTestCase):
    """Issue 18.11: with schedule_max_runs = 1, one run goes, one waits,
    and the rest of a simultaneous burst get 503 with Retry-After."""

    daemon_config = "[server]\nschedule_max_runs = 1\n"

    def schedule_request(self, day, seconds):
        body = json.dumps({"from": day, "to": day, "dry_run": True,
                           "seconds": seconds}).encode()
        return (b"POST /api/v1/schedule HTTP/1.1\r\nHost: x\r\n"
                b"Authorization: Bearer " + self.api_token.encode() +
                b"\r\nContent-Type: application/json\r\n"
                b"Connection: close\r\nContent-Length: %d\r\n\r\n"
                % len(body) + body)

    def test_burst_is_bounded(self):
        inst = base_instance()
        days = ["2027-01-%02d" % d for d in (11, 12, 13, 14, 15, 18)]
        for i, day in enumerate(days):
            inst["slots"].append({"id": "b%d" % i, "home": "lia",
                                  "start": day + "T16:00",
                                  "end": day + "T18:00", "needed": 1})
        self.ok("POST", "/api/v1/import", inst)
        # Each run uses its whole budget (the search keeps polishing),
        # far longer than sending six requests takes.
        answers = burst(self.daemon.port,
                        [self.schedule_request(d, 4) for d in days])
        status = [int(a.split(b" ", 2)[1]) for a in answers]
        self.assertEqual(sorted(status), [200, 200, 503, 503, 503, 503],
                         status)
        for a, st in zip(answers, status):
            if st == 503:
                self.assertIn(b'"code":"unavailable"', a)
                head = a.split(b"\r\n\r\n", 1)[0].decode()
                ra = [l for l in head.split("\r\n")
                      if l.lower().startswith("retry-after:")]
                self.assertEqual(len(ra), 1, head)
                self.assertGreaterEqual(int(ra[0].split(":")[1]), 1)
        # The daemon answered everything; a run now goes through.
        r = self.request("POST", "/api/v1/schedule",
                         {"from": days[0], "to": days[0], "dry_run": True,
                          "seconds": 0})
        self.assertEqual(r.status, 200, r.body[:300])


if __name__ == "__main__":
    unittest.main()
