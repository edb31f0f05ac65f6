# SPDX-License-Identifier: ISC
"""Operations: systemd units, the config file, SIGHUP, /metrics, backups
under load, and the bad-token rate limit."""
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

from harness import ROTAD, Daemon, RotadTestCase, base_instance

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class UnitFileTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        with open(os.path.join(ROOT, "systemd", "rotad.service")) as f:
            unit = f.read().replace("/usr/sbin/rotad", os.path.abspath(ROTAD))
        with open(os.path.join(self.tmp, "rotad.service"), "w") as f:
            f.write(unit)
        shutil.copy(os.path.join(ROOT, "systemd", "rotad.socket"), self.tmp)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_verify(self):
        r = subprocess.run(["systemd-analyze", "verify", "--man=no",
                            os.path.join(self.tmp, "rotad.service"),
                            os.path.join(self.tmp, "rotad.socket")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stderr.strip(), "")

    def test_security_exposure_is_ok(self):
        r = subprocess.run(["systemd-analyze", "security", "--offline=yes",
                            "--no-pager",
                            os.path.join(self.tmp, "rotad.service")],
                           capture_output=True, text=True)
        m = re.search(r"Overall exposure level for rotad.service: ([0-9.]+)",
                      r.stdout)
        self.assertIsNotNone(m, r.stdout + r.stderr)
        self.assertLessEqual(float(m.group(1)), 2.0)


class ConfigTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, text):
        path = os.path.join(self.tmp, "rotad.conf")
        with open(path, "w") as f:
            f.write(text)
        return path

    def check(self, text):
        path = self.write(text)
        return subprocess.run([ROTAD, "--config", path, "--check-config"],
                              capture_output=True, text=True), path

    def test_example_config_is_valid(self):
        r = subprocess.run([ROTAD, "--config",
                            os.path.join(ROOT, "systemd", "rotad.conf.example"),
                            "--check-config"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("configuration OK", r.stdout)
        self.assertIn("listen = 127.0.0.1:8080", r.stdout)

    def test_good_file_and_flags_override(self):
        r, _ = self.check("[server]\nlisten = 127.0.0.1:9999\n"
                          "[feeds]\nfuture_days = 90\n[log]\nlevel = debug\n"
                          "[defaults]\ntimezone = Europe/Berlin\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("listen = 127.0.0.1:9999", r.stdout)
        self.assertIn("future_days = 90", r.stdout)
        self.assertIn("level = debug", r.stdout)
        path = self.write("[server]\nlisten = 127.0.0.1:9999\n")
        r = subprocess.run([ROTAD, "--config", path, "--listen",
                            "127.0.0.1:7777", "--check-config"],
                           capture_output=True, text=True)
        self.assertIn("listen = 127.0.0.1:7777", r.stdout)

    BAD = [
        ("[server]\nlisten = nonsense\n", 2, "listen"),
        ("[server]\ncolour = red\n", 2, "unknown key 'colour'"),
        ("[server]\nmax_body = -5\n", 2, "max_body"),
        ("[server]\nmax_body = 12abc\n", 2, "max_body"),
        ("[server]\npublic_url = ftp://x\n", 2, "public_url"),
        ("[log]\nlevel = loud\n", 2, "level"),
        ("[defaults]\ntimezone = Mars/Olympus\n", 2, "time zone"),
        ("[defaults]\njurisdiction = XX\n", 2, "jurisdiction"),
        ("[feeds]\n\nfuture_days = 0\n", 3, "future_days"),
        ("[server]\nthis line has no equals sign\n", 2, None),
        ("[nosuchsection]\nlisten = 1.2.3.4:5\n", 2, "unknown key"),
        ("[database]\npath =\n", 2, "path"),
        ("[server]\ntrusted_proxies = 127.0.0.1, proxy.lan\n", 2,
         "'proxy.lan' is not an IP address"),
        ("[server]\ntrusted_proxies = 10.0.0.0/40\n", 2, "prefix length"),
    ]

    def test_each_kind_of_bad_line(self):
        for text, line, words in self.BAD:
            with self.subTest(text=text):
                r, path = self.check(text)
                self.assertEqual(r.returncode, 1)
                self.assertIn("%s:%d:" % (path, line), r.stderr)
                if words:
                    self.assertIn(words, r.stderr)

    def test_all_errors_are_reported(self):
        r, path = self.check("[server]\nlisten = x\nmax_body = y\n"
                             "[log]\nlevel = z\n")
        self.assertEqual(r.returncode, 1)
        for line in (2, 3, 5):
            self.assertIn("%s:%d:" % (path, line), r.stderr)

    def test_missing_file(self):
        r = subprocess.run([ROTAD, "--config", "/nonexistent/rotad.conf"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent/rotad.conf", r.stderr)


class ReloadAndMetricsTest(RotadTestCase):

    daemon_config = ("[server]\npublic_url = https://one.example\n"
                     "metrics_token = metrics-secret-0123456789\n")

    def test_sighup_reloads_public_url(self):
        self.ok("POST", "/api/v1/import", base_instance())
        links = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                        content_type=None, status=201)
        self.assertTrue(links["url"].startswith("https://one.example/feeds/"))
        with open(self.conf, "w") as f:
            f.write("[server]\npublic_url = https://two.example\n"
                    "metrics_token = metrics-secret-0123456789\n")
        self.daemon.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 10
        while time.time() < deadline:
            links = self.ok("POST", "/api/v1/youths/ida/feed", raw=b"",
                            content_type=None, status=201)
            if links["url"].startswith("https://two.example/"):
                break
            time.sleep(0.1)
        self.assertTrue(links["url"].startswith("https://two.example/"))
        self.assertTrue(links["webcal"].startswith("webcal://two.example/"))

    def test_metrics(self):
        self.request("GET", "/healthz", token=False)
        r = self.request("GET", "/metrics", token=False)
        self.assertEqual(r.status, 401)
        for tok in (True, "metrics-secret-0123456789"):
            r = self.request("GET", "/metrics", token=tok)
            self.assertEqual(r.status, 200)
            self.assertTrue(r.header("Content-Type").startswith("text/plain"))
        text = r.body.decode()
        # Every line is a comment or "name{labels} value".
        sample = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-z_]+="[^"]*"'
                            r'(,[a-z_]+="[^"]*")*\})? [-+0-9.eE]+$')
        names = set()
        for line in text.splitlines():
            if line.startswith("# HELP ") or line.startswith("# TYPE "):
                continue
            self.assertRegex(line, sample)
            names.add(line.split("{")[0].split(" ")[0])
        for n in ("rotad_http_requests_total",
                  "rotad_http_request_duration_seconds_bucket",
                  "rotad_http_request_duration_seconds_count",
                  "rotad_feed_cache_hits_total", "rotad_solver_runs_total",
                  "rotad_database_size_bytes", "rotad_open_connections"):
            self.assertIn(n, names)
        self.assertRegex(text, r'rotad_http_requests_total\{route="/healthz",'
                               r'status="200"\} [1-9]')
        self.assertNotIn("metrics-secret", text)
        self.assertNotIn(self.api_token, text)


class BackupTest(RotadTestCase):

    def test_backup_under_write_load(self):
        acked = []
        stop = threading.Event()

        def writer():
            i = 0
            while not stop.is_set():
                r = self.request("POST", "/api/v1/homes",
                                 {"id": "h%05d" % i, "name": "Home %d" % i})
                if r.status == 201:
                    acked.append("h%05d" % i)
                i += 1

        t = threading.Thread(target=writer)
        t.start()
        # Some writes acknowledged before the backup starts (polled: a
        # loaded machine may take a while for the first ones).
        deadline = time.time() + 30
        while len(acked) <= 5 and time.time() < deadline:
            time.sleep(0.02)
        before = list(acked)
        dest = os.path.join(self.tmp, "backup.db")
        r = subprocess.run([ROTAD, "backup", dest, "--db", self.daemon.db],
                           capture_output=True, text=True, timeout=60)
        time.sleep(0.3)
        stop.set()
        t.join()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertGreater(len(before), 5)
        db = sqlite3.connect(dest)
        self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0],
                         "ok")
        ids = {row[0] for row in db.execute("SELECT id FROM homes")}
        db.close()
        missing = [h for h in before if h not in ids]
        self.assertEqual(missing, [])
        # The copy opens as a database of its own.
        d2 = Daemon(self.tmp, db="backup.db")
        tok = d2.token("restore")
        d2.port_file = os.path.join(self.tmp, "port2")
        d2.start()
        try:
            import http.client
            c = http.client.HTTPConnection("127.0.0.1", d2.port, timeout=10)
            c.request("GET", "/api/v1/homes?limit=1000",
                      headers={"Authorization": "Bearer " + tok})
            self.assertEqual(c.getresponse().status, 200)
        finally:
            self.assertEqual(d2.stop(), 0)
        self.assertEqual(subprocess.run(
            [ROTAD, "backup", dest, "--db", self.daemon.db],
            capture_output=True).returncode, 1)  # never overwrites


class RateLimitTest(RotadTestCase):

    def test_bad_tokens_are_slowed(self):
        statuses = [self.request("GET", "/api/v1/homes",
                                 token="rota_guess%020d" % i).status
                    for i in range(25)]
        self.assertEqual(statuses[0], 401)
        self.assertIn(429, statuses)
        r = self.request("GET", "/api/v1/homes", token="rota_guess-again-xxxx")
        self.assertError(r, 429, "too_many_requests")
        self.assertGreater(int(r.header("Retry-After")), 0)
        # Feed guessing from the same address is blocked too.
        self.assertEqual(self.request("GET", "/feeds/%s.ics" % ("A" * 43),
                                      token=False).status, 429)
        # Health checks are not.
        self.assertEqual(self.request("GET", "/healthz", token=False).status,
                         200)


class RateLimitBehindProxyTest(RotadTestCase):
    """With the proxy trusted, one client's bad tokens block that client
    (as X-Forwarded-For names it), not everybody behind the proxy."""

    daemon_config = "[server]\ntrusted_proxies = 127.0.0.1 ::1\n"

    def test_clients_behind_the_proxy_are_told_apart(self):
        attacker = {"X-Forwarded-For": "203.0.113.66"}
        statuses = [self.request("GET", "/api/v1/homes",
                                 token="rota_guess%020d" % i,
                                 headers=attacker).status
                    for i in range(25)]
        self.assertIn(429, statuses)
        # Another client through the same proxy is not blocked...
        other = {"X-Forwarded-For": "198.51.100.20"}
        self.assertEqual(self.request("GET", "/api/v1/homes",
                                      headers=other).status, 200)
        # ...and the attacker cannot escape by prepending a forged hop
        # (a valid token is served even from the attacker's address).
        forged = {"X-Forwarded-For": "192.0.2.1, 203.0.113.66"}
        self.assertEqual(self.request("GET", "/api/v1/homes",
                                      token="rota_guess-forged-xxxx",
                                      headers=forged).status, 429)
        self.assertEqual(self.request("GET", "/api/v1/homes",
                                      headers=attacker).status, 200)


if __name__ == "__main__":
    unittest.main()


class DemoTokenKeptTest(unittest.TestCase):
    """Running the demo twice on the same database keeps the coordinator
    token (and the feed links) printed the first time."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rota-demo-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_demo(self):
        d = Daemon(self.tmp, extra=["--demo"])
        d.start()
        poll_deadline = time.time() + 20
        while "Stop it with Ctrl-C" not in d.read_log():
            self.assertLess(time.time(), poll_deadline, d.read_log())
            time.sleep(0.02)
        log = d.read_log()
        return d, re.findall(r"token:\s+(rota_\S+)", log)[-1], \
            re.findall(r"Ida's shifts: (\S+)", log)[-1]

    def get(self, d, path, token=None):
        import http.client
        conn = http.client.HTTPConnection("127.0.0.1", d.port, timeout=30)
        conn.request("GET", path, headers={"Authorization": "Bearer " + token}
                     if token else {})
        r = conn.getresponse()
        r.read()
        conn.close()
        return r.status

    def test_second_run_keeps_the_token(self):
        d, token, feed = self.run_demo()
        self.assertEqual(self.get(d, "/api/v1/homes", token), 200)
        self.assertEqual(d.stop(), 0)
        kept = os.path.join(self.tmp, "rota.db.demo-tokens")
        self.assertEqual(os.stat(kept).st_mode & 0o777, 0o600)
        with open(kept) as f:
            self.assertIn(token, f.read())
        open(d.log_path, "w").close()
        d, again, feed_again = self.run_demo()
        try:
            self.assertEqual(again, token)
            self.assertEqual(feed_again.rsplit("/", 1)[1],
                             feed.rsplit("/", 1)[1])
            self.assertEqual(self.get(d, "/api/v1/homes", token), 200)
            self.assertEqual(
                self.get(d, "/feeds/" + feed.rsplit("/", 1)[1]), 200)
        finally:
            self.assertEqual(d.stop(), 0)
