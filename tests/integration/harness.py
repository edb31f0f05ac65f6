# SPDX-License-Identifier: ISC
"""Start a real rotad on a free loopback port and talk HTTP to it.

Used by every integration test: each test class gets its own temporary
directory, database and daemon; the daemon's log is printed only when a
test fails.  Only the Python standard library is used.
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

ROTAD = os.environ.get("ROTAD", "rotad")


# The password the tests give the users they make.
PASSWORD = "correct horse battery"


class Daemon:
    """create: start with --create (make the database when it does not
    exist yet); False to see rotad refuse a missing database."""

    def __init__(self, workdir, db="rota.db", extra=(), create=True):
        self.workdir = workdir
        self.create = create
        self.db = os.path.join(workdir, db)
        self.port_file = os.path.join(workdir, "port")
        self.log_path = os.path.join(workdir, "rotad.log")
        self.extra = list(extra)
        self.proc = None
        self.port = None

    def token(self, name="test"):
        out = subprocess.run([ROTAD, "token", "create", name, "--db", self.db],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def add_user(self, login, role, homes=None, name=None,
                 password=PASSWORD):
        """rotad user add; homes: "a,b" or a list.  Returns an API token
        of the user's own (named LOGIN-t), acting with its role and scope."""
        args = [ROTAD, "user", "add", login, "--role", role, "--db", self.db]
        if homes:
            args += ["--homes", homes if isinstance(homes, str)
                     else ",".join(homes)]
        if name:
            args += ["--name", name]
        subprocess.run(args, input=password + "\n", check=True,
                       capture_output=True, text=True)
        return subprocess.run(
            [ROTAD, "token", "create", login + "-t", "--user", login,
             "--db", self.db], check=True, capture_output=True,
            text=True).stdout.strip()

    def start(self):
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [ROTAD, "--listen", "127.0.0.1:0", "--db", self.db,
             "--port-file", self.port_file] +
            (["--create"] if self.create else []) + self.extra,
            cwd=self.workdir, stdout=self.log, stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("rotad exited at start-up:\n" + self.read_log())
            try:
                with open(self.port_file) as f:
                    self.port = int(f.read().strip())
                break
            except (OSError, ValueError):
                time.sleep(0.05)
        else:
            raise RuntimeError("rotad did not start:\n" + self.read_log())
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        rc = self.proc.returncode
        self.proc = None
        self.log.close()
        return rc

    def read_log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""


def is_asan(path=None):
    """Whether the rotad under test is built with AddressSanitizer, whose
    quarantine keeps up to 256 MiB of freed memory resident."""
    try:
        with open(path or ROTAD, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


ASAN_QUARANTINE_KIB = 256 * 1024


def vm_rss_kib(pid):
    """Resident memory of a process, in KiB."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS for %d" % pid)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


class RotadTestCase(unittest.TestCase):
    """A test class with one daemon (started in setUpClass)."""

    daemon_args = ()
    # A rotad.conf for this class's daemon (its text), passed with
    # --config; cls.conf is its path, which a test may rewrite and reload.
    daemon_config = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="rota-it-")
        args = tuple(cls.daemon_args)
        if cls.daemon_config is not None:
            cls.conf = os.path.join(cls.tmp, "rotad.conf")
            with open(cls.conf, "w") as f:
                f.write(cls.daemon_config)
            args = ("--config", cls.conf) + args
        cls.daemon = Daemon(cls.tmp, extra=args)
        cls.api_token = cls.daemon.token("test")
        cls.daemon.start()

    @classmethod
    def tearDownClass(cls):
        rc = cls.daemon.stop()
        failed = getattr(cls, "_failed", False)
        if rc != 0 or failed:
            print("---- rotad log ----\n" + cls.daemon.read_log())
        if rc not in (0, None):
            raise AssertionError("rotad exited with %s" % rc)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run(self, result=None):
        result = super().run(result)
        if result is not None and (result.failures or result.errors):
            type(self)._failed = True
        return result

    def request(self, method, path, body=None, token=True, headers=None,
                raw=None, content_type="application/json"):
        conn = http.client.HTTPConnection("127.0.0.1", self.daemon.port,
                                          timeout=30)
        h = dict(headers or {})
        # The tests read English messages unless they ask for another
        # language (without the header rotad answers in the
        # organisation's, Norwegian for the NO jurisdiction).
        h.setdefault("Accept-Language", "en")
        if token is True:
            h["Authorization"] = "Bearer " + self.api_token
        elif token:
            h["Authorization"] = "Bearer " + token
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        if data is not None and content_type is not None:
            h.setdefault("Content-Type", content_type)
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        return resp

    def ok(self, method, path, body=None, status=(200, 201, 204), **kw):
        r = self.request(method, path, body, **kw)
        if isinstance(status, int):
            status = (status,)
        self.assertIn(r.status, status,
                      "%s %s -> %d %s" % (method, path, r.status, r.body[:500]))
        return r.json() if r.body and r.header("Content-Type") == "application/json" else r

    def assertError(self, r, status, code=None, field=None):
        self.assertEqual(r.status, status, r.body[:500])
        self.assertEqual(r.header("Content-Type"), "application/json")
        e = r.json()["error"]
        self.assertEqual(e["status"], status)
        if code is not None:
            self.assertEqual(e["code"], code, e)
        if field is not None:
            self.assertEqual(e.get("field"), field, e)
        return e


def raw_http(port, data, timeout=10):
    """Sends raw bytes on a new connection and reads to EOF or timeout."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    out = b""
    try:
        s.sendall(data)
        while True:
            try:
                b = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not b:
                break
            out += b
    finally:
        s.close()
    return out


def base_instance():
    """A small legal instance in the product's format (Oslo, NO rules)."""
    return {
        "version": 1,
        "jurisdiction": "NO",
        "timezone": "Europe/Oslo",
        "school_calendar": {
            "terms": [{"from": "2026-08-17", "to": "2026-12-18"},
                      {"from": "2027-01-04", "to": "2027-06-18"}],
            "holidays": [{"from": "2027-02-22", "to": "2027-02-26"}],
            "school_hours": {"start": "08:15", "end": "14:30"},
        },
        "homes": [
            {"id": "solheim", "name": "Solheim sykehjem",
             "address": "Solveien 1, 0000 Oslo"},
            {"id": "lia", "name": "Lia bo- og behandlingssenter",
             "address": "Liaveien 2, 0001 Oslo"},
        ],
        "youths": [
            {"id": "ida", "name": "Ida Nilsen", "birth_date": "2012-03-14",
             "school": "compulsory", "guardian_consent": "2026-08-10",
             "skills": ["leader"],
             "availability": [{"days": ["mon", "tue", "wed", "thu", "fri"],
                               "from": "15:00", "to": "20:00"},
                              {"days": ["sat", "sun"], "from": "10:00",
                               "to": "18:00"}]},
            {"id": "ola", "name": "Ola Hansen", "birth_date": "2009-05-01",
             "school": "secondary",
             "availability": [{"days": ["mon", "tue", "wed", "thu", "fri",
                                        "sat", "sun"],
                               "from": "08:00", "to": "22:00"}]},
        ],
        "slots": [
            {"id": "s1", "home": "solheim", "start": "2027-01-04T16:00",
             "end": "2027-01-04T18:00", "needed": 2, "activity": "Quiz"},
            {"id": "s2", "home": "lia", "start": "2027-01-05T16:00",
             "end": "2027-01-05T18:00", "activity": "Kaffe og prat"},
            {"id": "s3", "home": "solheim", "start": "2027-01-09T11:00",
             "end": "2027-01-09T14:00", "needed": 1, "activity": "Tur"},
        ],
        "assignments": [{"slot": "s1", "youth": "ida", "pinned": True}],
    }
