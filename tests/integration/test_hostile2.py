# SPDX-License-Identifier: ISC
"""More hostile clients against a real rotad (second round).

Each test reproduces one defect found by attacking the daemon with
standard-library clients; test_hostile.py holds the first round.

- A client that pipelines requests and never reads the answers must not
  make rotad buffer what it sends without limit (libevent keeps reading
  while a reply is being written).
- A connection whose reply is being written stays tracked (counted in
  rotad_open_connections and under the request deadline).
- Two different Content-Length headers are refused, not resolved by
  taking the first (a request-smuggling ambiguity behind a proxy).
- Feeds: a refused gzip ("GZIP;Q=0", "gzip;q=0 ,") is never sent; an
  If-None-Match matches whole entity-tags only; the obsolete HTTP-date
  forms are understood.

Only the Python standard library is used.
"""
import gzip
import socket
import time
import unittest

import harness
from harness import RotadTestCase, raw_http, base_instance



class PipelineFloodTest(RotadTestCase):
    """A client that sends and never reads."""

    def test_pipelined_requests_without_reading_are_bounded(self):
        pid = self.daemon.proc.pid
        before = harness.vm_rss_kib(pid)
        self.request("POST", "/api/v1/import", base_instance())
        # An export: a reply of a few KiB (small ones do not show it).
        one = ("GET /api/v1/export HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\n\r\n" % self.api_token).encode()
        chunk = one * 100
        s = socket.create_connection(("127.0.0.1", self.daemon.port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.setblocking(False)
        sent = 0
        deadline = time.monotonic() + 3
        try:
            while time.monotonic() < deadline:
                try:
                    sent += s.send(chunk)
                except BlockingIOError:
                    time.sleep(0.01)
            grown = harness.vm_rss_kib(pid) - before
        finally:
            s.close()
        # The kernel's buffers hold a few MiB; rotad itself must stop
        # reading once it has a reply waiting and some input queued.
        self.assertLess(sent, 64 * 1024 * 1024,
                        "rotad accepted %d bytes from a client that never "
                        "read a reply" % sent)
        # ASan's quarantine keeps up to 256 MiB of freed memory resident.
        limit = (384 if harness.is_asan() else 64) * 1024
        self.assertLess(grown, limit,
                        "rotad grew by %d KiB buffering a client's "
                        "pipelined requests" % grown)
        r = self.request("GET", "/healthz", token=False)
        self.assertEqual(r.status, 200)


class WritingConnectionTest(RotadTestCase):
    """A connection whose reply is still being written."""

    def open_connections(self):
        time.sleep(1.5)   # let the once-a-second sweep drop closed ones
        r = self.request("GET", "/metrics")
        for line in r.body.decode().splitlines():
            if line.startswith("rotad_open_connections "):
                return int(line.split()[1])
        raise AssertionError("no rotad_open_connections")

    def test_writing_connection_stays_tracked(self):
        self.ok("POST", "/api/v1/import", base_instance())
        base = self.open_connections()
        one = ("GET /api/v1/export HTTP/1.1\r\nHost: x\r\n"
               "Authorization: Bearer %s\r\n\r\n" % self.api_token).encode()
        s = socket.create_connection(("127.0.0.1", self.daemon.port))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.setblocking(False)
        try:
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline:
                try:
                    s.send(one * 100)
                except BlockingIOError:
                    time.sleep(0.01)
            # Its replies fill the socket: evhttp is writing.  It must
            # still be tracked (counted, and under the request deadline).
            self.assertGreaterEqual(self.open_connections(), base + 1,
                                    "a connection with a reply being "
                                    "written is not tracked")
        finally:
            s.close()


class ContentLengthTest(RotadTestCase):

    def test_two_different_content_lengths_are_refused(self):
        body = b'{"name": "Smuggled"}'
        data = (b"POST /api/v1/homes HTTP/1.1\r\nHost: x\r\n"
                b"Authorization: Bearer " + self.api_token.encode() +
                b"\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\nContent-Length: 3\r\n\r\n"
                % len(body) + body)
        out = raw_http(self.daemon.port, data, timeout=5)
        self.assertTrue(out.startswith(b"HTTP/1.1 400 "), out[:200])
        self.assertIn(b'"code":"bad_request"', out)
        self.assertIn(b"Connection: close", out)
        homes = self.ok("GET", "/api/v1/homes")["homes"]
        self.assertNotIn("Smuggled", [h["name"] for h in homes])

    def test_repeated_equal_content_length_is_fine(self):
        body = b'{"name": "Twice"}'
        data = (b"POST /api/v1/homes HTTP/1.1\r\nHost: x\r\n"
                b"Authorization: Bearer " + self.api_token.encode() +
                b"\r\nContent-Type: application/json\r\nConnection: close"
                b"\r\nContent-Length: %d\r\nContent-Length: %d\r\n\r\n"
                % (len(body), len(body)) + body)
        out = raw_http(self.daemon.port, data, timeout=5)
        self.assertTrue(out.startswith(b"HTTP/1.1 201 "), out[:200])


class FeedValidatorsTest(RotadTestCase):
    """Conditional requests and Accept-Encoding on a feed."""

    def setUp(self):
        if not hasattr(type(self), "feed"):
            self.ok("POST", "/api/v1/import", base_instance())
            j = self.ok("POST", "/api/v1/homes/solheim/feed")
            type(self).feed = "/feeds/" + j["url"].rsplit("/", 1)[1]
        r = self.request("GET", self.feed, token=False)
        self.assertEqual(r.status, 200)
        self.etag = r.header("ETag")
        self.last_modified = r.header("Last-Modified")

    def get(self, **headers):
        return self.request("GET", self.feed, token=False, headers=headers)

    def test_refused_gzip_is_not_sent(self):
        for ae in ("GZIP;Q=0", "gzip;q=0 , br", "gzip ; q = 0",
                   "gzip;q=0.000", "x-gzip;q=0", "br, gzip;Q=0.0",
                   "nogzip", "gzipx"):
            r = self.get(**{"Accept-Encoding": ae})
            self.assertEqual(r.status, 200, ae)
            self.assertIsNone(r.header("Content-Encoding"), ae)
            self.assertTrue(r.body.startswith(b"BEGIN:VCALENDAR"), ae)

    def test_accepted_gzip_is_sent(self):
        for ae in ("gzip", "GZIP", "br;q=1, gzip;q=0.5", "gzip;q=0.001",
                   "x-gzip", "identity;q=0, gzip", "gzip;level=1;q=1"):
            r = self.get(**{"Accept-Encoding": ae})
            self.assertEqual(r.header("Content-Encoding"), "gzip", ae)
            self.assertTrue(gzip.decompress(r.body).startswith(
                b"BEGIN:VCALENDAR"), ae)

    def test_if_none_match_needs_a_whole_tag(self):
        inner = self.etag.strip('"')
        for inm in ('"zz%szz"' % inner, inner, '"%s' % inner,
                    '"x%s"' % inner):
            r = self.get(**{"If-None-Match": inm})
            self.assertEqual(r.status, 200, inm)
        for inm in (self.etag, "W/" + self.etag, '"x", ' + self.etag,
                    '"%s-gz"' % inner, " * ", '"a" ,W/%s' % self.etag):
            r = self.get(**{"If-None-Match": inm})
            self.assertEqual(r.status, 304, inm)

    def test_obsolete_http_dates_are_understood(self):
        t = time.strptime(self.last_modified, "%a, %d %b %Y %H:%M:%S GMT")
        rfc850 = time.strftime("%A, %d-%b-%y %H:%M:%S GMT", t)
        asctime = time.strftime("%a %b ", t) + "%2d" % t.tm_mday + \
            time.strftime(" %H:%M:%S %Y", t)
        for ims in (rfc850, asctime):
            r = self.get(**{"If-Modified-Since": ims})
            self.assertEqual(r.status, 304, ims)

if __name__ == "__main__":
    unittest.main()
