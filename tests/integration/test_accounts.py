# SPDX-License-Identifier: ISC
"""Accounts (issue 14): `rotad user`, tokens of users, and the daemon's view."""
import os
import signal
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest

from harness import ROTAD, RotadTestCase, base_instance


def rotad(*args, stdin=None, db=None):
    cmd = [ROTAD] + list(args)
    if db is not None:
        cmd += ["--db", db]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True)


class UserCliTest(unittest.TestCase):
    """The offline commands, on a database of their own."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rota-users-")
        self.db = os.path.join(self.tmp, "rota.db")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_add_list_passwd_rm(self):
        r = rotad("user", "add", "kari", "--role", "coordinator",
                  "--homes", "solheim,lia", "--name", "Kari Nordmann",
                  stdin="correct horse\n", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("correct horse", r.stdout + r.stderr)
        r = rotad("user", "list", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(),
                         ["kari\tcoordinator\tlia,solheim\tpassword\t"
                          "Kari Nordmann"])
        # The stored hash is Argon2id, never the password.
        with sqlite3.connect(self.db) as c:
            (h,) = c.execute("SELECT password_hash FROM users").fetchone()
        self.assertTrue(h.startswith("$argon2id$"), h)
        # Policy: too short, or the login inside.
        for bad in ("short", "KARI2026!", "nordmann-rules"):
            r = rotad("user", "passwd", "kari", stdin=bad + "\n", db=self.db)
            self.assertEqual(r.returncode, 1, bad)
            self.assertNotIn(bad, r.stderr)
        r = rotad("user", "passwd", "kari", stdin="another good one\n",
                  db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        # Logins are unique, whatever the case.
        r = rotad("user", "add", "KARI", "--role", "viewer",
                  stdin="correct horse\n", db=self.db)
        self.assertEqual(r.returncode, 1)
        self.assertIn("exists", r.stderr)
        r = rotad("user", "add", "x", "--role", "boss", stdin="", db=self.db)
        self.assertEqual(r.returncode, 2)
        r = rotad("user", "rm", "kari", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(rotad("user", "list", db=self.db).stdout, "")
        self.assertEqual(rotad("user", "rm", "kari", db=self.db).returncode,
                         1)
        # Every change is in the audit log, no password there.
        with sqlite3.connect(self.db) as c:
            rows = c.execute("SELECT actor, action, entity_id, "
                             "coalesce(after, '') FROM audit_log "
                             "WHERE entity = 'user'").fetchall()
        self.assertEqual([r[1] for r in rows],
                         ["create", "password", "delete"])
        for r in rows:
            self.assertNotIn("argon2", r[3])
            self.assertNotIn("good", r[3])

    def test_token_of_user_and_removal(self):
        rotad("user", "add", "ola", "--role", "viewer",
              stdin="a good password\n", db=self.db)
        r = rotad("token", "create", "ola-ci", "--user", "ola", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("rota_"))
        r = rotad("token", "create", "ghost", "--user", "nobody", db=self.db)
        self.assertEqual(r.returncode, 1)
        with sqlite3.connect(self.db) as c:
            names = [n for (n,) in c.execute("SELECT name FROM api_tokens")]
            self.assertEqual(names, ["ola-ci"])
        rotad("user", "rm", "ola", db=self.db)
        with sqlite3.connect(self.db) as c:
            self.assertEqual(
                c.execute("SELECT count(*) FROM api_tokens").fetchone()[0], 0)

    def test_invite_prints_a_code(self):
        r = rotad("user", "add", "per", "--role", "viewer", "--invite",
                  db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        code = r.stdout.splitlines()[1]
        self.assertGreaterEqual(len(code), 43)
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute(
                "SELECT count(*) FROM user_invites").fetchone()[0], 1)
        self.assertIn("no-password", rotad("user", "list", db=self.db).stdout)


PASSWORD = "correct horse battery"


def add_user(db, login, role, homes=None, password=PASSWORD, name=None):
    args = ["user", "add", login, "--role", role]
    if homes:
        args += ["--homes", ",".join(homes)]
    if name:
        args += ["--name", name]
    r = rotad(*args, stdin=password + "\n", db=db)
    assert r.returncode == 0, r.stderr


def cookie_of(resp):
    c = resp.header("Set-Cookie")
    assert c is not None and c.startswith("rota_session="), c
    return c.split(";")[0].split("=", 1)[1]


class SessionCase(RotadTestCase):
    """A daemon with users; its rotad.conf is `daemon_config`."""

    daemon_config = ""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ok_import = True

    def login(self, login, password=PASSWORD, headers=None):
        return self.request("POST", "/api/v1/login",
                            {"login": login, "password": password},
                            token=False, headers=headers)

    def session(self, login, password=PASSWORD):
        r = self.login(login, password)
        self.assertEqual(r.status, 200, r.body)
        return cookie_of(r), r.json()["csrf_token"]

    def as_cookie(self, method, path, cookie, csrf=None, body=None,
                  headers=None):
        h = {"Cookie": "theme=dark; rota_session=" + cookie}
        if csrf is not None:
            h["X-CSRF-Token"] = csrf
        h.update(headers or {})
        return self.request(method, path, body, token=False, headers=h)

    def sql(self, statement, *args):
        with sqlite3.connect(self.daemon.db) as c:
            c.execute(statement, args)


class SessionTest(SessionCase):

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())
        for login in ("kari", "siri", "ola"):
            rotad("user", "rm", login, db=self.daemon.db)
        add_user(self.daemon.db, "kari", "coordinator", ["solheim"],
                 name="Kari Nordmann")
        add_user(self.daemon.db, "siri", "admin")

    def test_login_answer_and_cookie_flags(self):
        r = self.login("kari")
        self.assertEqual(r.status, 200, r.body)
        j = r.json()
        self.assertEqual(j["user"]["login"], "kari")
        self.assertEqual(j["user"]["role"], "coordinator")
        self.assertEqual(j["user"]["homes"], ["solheim"])
        self.assertEqual(len(j["csrf_token"]), 43)
        self.assertNotIn(PASSWORD.encode(), r.body)
        self.assertNotIn(b"argon2", r.body)
        c = r.header("Set-Cookie")
        attrs = [a.strip() for a in c.split(";")]
        self.assertEqual(len(attrs[0].split("=", 1)[1]), 43)
        self.assertIn("HttpOnly", attrs)
        self.assertIn("SameSite=Strict", attrs)
        self.assertIn("Path=/", attrs)
        self.assertIn("Max-Age=43200", attrs)
        self.assertNotIn("Secure", attrs)  # public_url is not https
        self.assertEqual(r.header("Cache-Control"), "no-store")
        # Only a hash of the cookie is stored.
        with sqlite3.connect(self.daemon.db) as c:
            rows = c.execute("SELECT hash FROM sessions").fetchall()
        self.assertTrue(rows)
        self.assertNotIn(cookie_of(r).encode(), [bytes(h) for (h,) in rows])

    def test_wrong_password_and_unknown_user_look_alike(self):
        a = self.login("kari", "wrong password!")
        b = self.login("nobody", "wrong password!")
        self.assertError(a, 401, "unauthorized")
        self.assertError(b, 401, "unauthorized")
        self.assertEqual(a.json(), b.json())
        self.assertIsNone(a.header("Set-Cookie"))
        self.assertError(self.request("POST", "/api/v1/login",
                                      {"login": "kari"}, token=False), 400)

    def test_session_reads_and_who_am_i(self):
        cookie, csrf = self.session("kari")
        r = self.as_cookie("GET", "/api/v1/session", cookie)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["via"], "session")
        self.assertEqual(r.json()["csrf_token"], csrf)
        self.assertEqual(r.json()["user"]["login"], "kari")
        self.assertEqual(self.as_cookie("GET", "/api/v1/homes/solheim",
                                        cookie).status, 200)
        # With a token: who it acts for, and no CSRF token.
        r = self.ok("GET", "/api/v1/session")
        self.assertEqual(r["via"], "token")
        self.assertEqual(r["user"]["role"], "admin")
        self.assertNotIn("csrf_token", r)
        self.assertError(self.request("GET", "/api/v1/session", token=False),
                         401)

    def test_csrf_and_origin(self):
        cookie, csrf = self.session("kari")
        body = {"id": "s9", "home": "solheim", "start": "2027-01-11T16:00",
                "end": "2027-01-11T18:00", "activity": "Bingo"}
        for token in (None, "x" * 43, csrf[:-1]):
            r = self.as_cookie("POST", "/api/v1/slots", cookie, token, body)
            e = self.assertError(r, 403, "forbidden")
            self.assertIn("CSRF", e["message"])
        host = "127.0.0.1:%d" % self.daemon.port
        for origin in ("https://evil.example", "null",
                       "http://127.0.0.1:1"):
            r = self.as_cookie("POST", "/api/v1/slots", cookie, csrf, body,
                               headers={"Origin": origin})
            e = self.assertError(r, 403, "forbidden")
            self.assertIn("Origin", e["message"])
        r = self.as_cookie("POST", "/api/v1/slots", cookie, csrf, body,
                           headers={"Origin": "http://" + host})
        self.assertEqual(r.status, 201, r.body)
        # Without Origin (not a browser) the CSRF token suffices.
        r = self.as_cookie("DELETE", "/api/v1/slots/s9", cookie, csrf)
        self.assertEqual(r.status, 204, r.body)
        # Reads need neither; a bearer token needs neither.
        self.assertEqual(self.as_cookie("GET", "/api/v1/slots",
                                        cookie).status, 200)
        body["id"] = "s10"
        self.ok("POST", "/api/v1/slots", body,
                headers={"Origin": "https://evil.example"})

    def test_idle_and_absolute_expiry(self):
        cookie, _ = self.session("kari")
        self.assertEqual(self.as_cookie("GET", "/api/v1/homes",
                                        cookie).status, 200)
        # 31 minutes without a request: idle_minutes (30) is over.
        self.sql("UPDATE sessions SET last_seen = last_seen - 31 * 60")
        self.assertError(self.as_cookie("GET", "/api/v1/homes", cookie), 401)
        # Busy, but past its absolute end.
        cookie, _ = self.session("kari")
        self.sql("UPDATE sessions SET expires_at = "
                 "CAST(strftime('%s', 'now') AS INTEGER) - 1")
        self.assertError(self.as_cookie("GET", "/api/v1/homes", cookie), 401)
        # 29 idle minutes are fine.
        cookie, _ = self.session("kari")
        self.sql("UPDATE sessions SET last_seen = last_seen - 29 * 60")
        self.assertEqual(self.as_cookie("GET", "/api/v1/homes",
                                        cookie).status, 200)

    def test_logout(self):
        cookie, _ = self.session("kari")
        other, _ = self.session("kari")
        r = self.as_cookie("POST", "/api/v1/logout", cookie)
        self.assertEqual(r.status, 204)
        self.assertIn("Max-Age=0", r.header("Set-Cookie"))
        self.assertError(self.as_cookie("GET", "/api/v1/homes", cookie), 401)
        self.assertEqual(self.as_cookie("GET", "/api/v1/homes",
                                        other).status, 200)

    def test_password_change_and_removal_end_sessions(self):
        cookie, _ = self.session("kari")
        r = rotad("user", "passwd", "kari", stdin="a new good one\n",
                  db=self.daemon.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertError(self.as_cookie("GET", "/api/v1/homes", cookie), 401)
        self.assertError(self.login("kari"), 401)
        cookie, _ = self.session("kari", "a new good one")
        rotad("user", "rm", "kari", db=self.daemon.db)
        self.assertError(self.as_cookie("GET", "/api/v1/homes", cookie), 401)

    def test_weak_hash_is_rehashed_at_login(self):
        # The same password hashed with libsodium's smallest limits.
        weak = ("$argon2id$v=19$m=8,t=1,p=1$c/FFEK3cJT57DbTOFWBflQ$"
                "Mmt7DiZOAl9Xadj13yk/MeERVNfqeciAbpPgw/bR4t4")
        self.sql("UPDATE users SET password_hash = ? WHERE login = 'siri'",
                 weak)
        cookie, _ = self.session("siri")
        with sqlite3.connect(self.daemon.db) as c:
            (h,) = c.execute("SELECT password_hash FROM users "
                             "WHERE login = 'siri'").fetchone()
        self.assertNotEqual(h, weak)
        self.assertTrue(h.startswith("$argon2id$v=19$m=65536,t=2,"), h)
        # The rehash kept the session and the password.
        self.assertEqual(self.as_cookie("GET", "/api/v1/homes",
                                        cookie).status, 200)
        self.assertEqual(self.login("siri").status, 200)

    def test_audit_names_the_user(self):
        cookie, csrf = self.session("siri")
        r = self.as_cookie("PATCH", "/api/v1/homes/lia", cookie, csrf,
                           {"name": "Lia"})
        self.assertEqual(r.status, 200, r.body)
        tok = rotad("token", "create", "siri-ci", "--user", "siri",
                    db=self.daemon.db).stdout.strip()
        self.ok("PATCH", "/api/v1/homes/lia", {"name": "Lia 2"}, token=tok)
        self.ok("PATCH", "/api/v1/homes/lia", {"name": "Lia 3"})
        with sqlite3.connect(self.daemon.db) as c:
            actors = [a for (a,) in c.execute(
                "SELECT actor FROM audit_log WHERE entity = 'home' "
                "AND entity_id = 'lia' ORDER BY id DESC LIMIT 3")]
        self.assertEqual(actors, ["token test", "siri (token siri-ci)",
                                  "siri"])
        rotad("token", "revoke", "siri-ci", db=self.daemon.db)


class SecureCookieTest(SessionCase):
    daemon_config = ("[server]\npublic_url = https://rota.example/app\n"
                     "[sessions]\nidle_minutes = 5\nlifetime_hours = 1\n")

    def test_secure_flag_and_public_origin(self):
        add_user(self.daemon.db, "kari", "admin")
        r = self.login("kari")
        self.assertEqual(r.status, 200, r.body)
        attrs = [a.strip() for a in r.header("Set-Cookie").split(";")]
        self.assertIn("Secure", attrs)
        self.assertIn("Max-Age=3600", attrs)
        self.assertEqual(r.json()["idle_timeout"], 300)
        cookie, csrf = cookie_of(r), r.json()["csrf_token"]
        body = {"name": "Lia"}
        self.ok("POST", "/api/v1/import", base_instance())
        host = "http://127.0.0.1:%d" % self.daemon.port
        r = self.as_cookie("PATCH", "/api/v1/homes/lia", cookie, csrf, body,
                           headers={"Origin": host})
        self.assertError(r, 403, "forbidden")
        r = self.as_cookie("PATCH", "/api/v1/homes/lia", cookie, csrf, body,
                           headers={"Origin": "https://rota.example"})
        self.assertEqual(r.status, 200, r.body)


class SessionReloadTest(SessionCase):
    """[sessions] is read again on SIGHUP, like the other run-time
    settings: a new lifetime applies to the sessions started after it."""
    daemon_config = "[sessions]\nidle_minutes = 5\nlifetime_hours = 1\n"

    def test_sighup_changes_session_limits(self):
        add_user(self.daemon.db, "kari", "viewer")
        r = self.login("kari")
        self.assertEqual(r.status, 200, r.body)
        self.assertIn("Max-Age=3600", r.header("Set-Cookie"))
        self.assertEqual(r.json()["idle_timeout"], 300)
        before = self.daemon.read_log().count("configuration reloaded")
        with open(self.conf, "w") as f:
            f.write("[sessions]\nidle_minutes = 10\nlifetime_hours = 2\n")
        self.daemon.proc.send_signal(signal.SIGHUP)
        # The reload happens on the event loop; a request answered after
        # the log line is written sees the new settings.
        deadline = time.time() + 30
        while self.daemon.read_log().count("configuration reloaded") == before:
            self.assertLess(time.time(), deadline, self.daemon.read_log())
            time.sleep(0.05)
        r = self.login("kari")
        self.assertEqual(r.status, 200, r.body)
        self.assertIn("Max-Age=7200", r.header("Set-Cookie"))
        self.assertEqual(r.json()["idle_timeout"], 600)


class ThrottleTest(SessionCase):
    # Behind a trusted proxy, so each test can be its own client.
    daemon_config = "[server]\ntrusted_proxies = 127.0.0.1\n"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        add_user(cls.daemon.db, "kari", "viewer")
        add_user(cls.daemon.db, "per", "viewer")

    def test_per_account(self):
        xff = {"X-Forwarded-For": "192.0.2.1"}
        for _ in range(5):
            self.assertError(self.login("kari", "wrong one!", xff), 401)
        # Locked for a short while, even with the right password.
        r = self.login("kari", headers=xff)
        self.assertError(r, 429, "too_many_requests")
        self.assertTrue(1 <= int(r.header("Retry-After")) <= 60)
        # Also from elsewhere: the account is what is guessed at.
        r = self.login("kari", headers={"X-Forwarded-For": "192.0.2.2"})
        self.assertError(r, 429)
        # Another account is not locked.
        self.assertEqual(self.login("per", headers=xff).status, 200)

    def test_per_address(self):
        xff = {"X-Forwarded-For": "198.51.100.7"}
        for i in range(20):
            self.assertError(self.login("guess%d" % i, "wrong one!", xff),
                             401)
        r = self.login("per", headers=xff)
        self.assertError(r, 429, "too_many_requests")
        self.assertTrue(1 <= int(r.header("Retry-After")) <= 60)
        # Other addresses are not.
        r = self.login("per", headers={"X-Forwarded-For": "198.51.100.8"})
        self.assertEqual(r.status, 200, r.body)


class UsersApiTest(SessionCase):

    def test_create_patch_password_delete(self):
        u = self.ok("POST", "/api/v1/users",
                    {"login": "nina", "role": "coordinator", "name": "Nina",
                     "homes": ["solheim"], "password": PASSWORD}, status=201)
        self.assertEqual((u["login"], u["role"], u["homes"]),
                         ("nina", "coordinator", ["solheim"]))
        self.assertTrue(u["has_password"])
        for r in (self.request("GET", "/api/v1/users"),
                  self.request("GET", "/api/v1/users/nina")):
            self.assertEqual(r.status, 200)
            self.assertNotIn(b"argon2", r.body)
            self.assertNotIn(PASSWORD.encode(), r.body)
        self.assertError(self.request("POST", "/api/v1/users",
                                      {"login": "NINA", "role": "viewer",
                                       "password": PASSWORD}), 409)
        e = self.assertError(self.request("POST", "/api/v1/users",
                                          {"login": "x1", "role": "viewer",
                                           "password": "short"}), 400)
        self.assertEqual(e["field"], "password")
        self.assertError(self.request("POST", "/api/v1/users",
                                      {"login": "x2", "role": "boss",
                                       "password": PASSWORD}), 400)
        cookie, _ = self.session("nina")
        u = self.ok("PATCH", "/api/v1/users/nina",
                    {"role": "viewer", "homes": []})
        self.assertEqual((u["role"], u["homes"]), ("viewer", []))
        # The session acts with the new role at once.
        r = self.as_cookie("GET", "/api/v1/session", cookie)
        self.assertEqual(r.json()["user"]["role"], "viewer")
        self.ok("PUT", "/api/v1/users/nina/password",
                {"password": "a brand new one"}, status=204)
        self.assertError(self.as_cookie("GET", "/api/v1/homes", cookie), 401)
        self.assertEqual(self.login("nina", "a brand new one").status, 200)
        self.ok("DELETE", "/api/v1/users/nina", status=204)
        self.assertError(self.request("GET", "/api/v1/users/nina"), 404)
        self.assertError(self.login("nina", "a brand new one"), 401)

    def test_invitation(self):
        u = self.ok("POST", "/api/v1/users",
                    {"login": "ivar", "role": "viewer", "invite": True},
                    status=201)
        self.assertFalse(u["has_password"])
        code = u["invite_code"]
        self.assertError(self.login("ivar", ""), 401)
        e = self.assertError(self.request(
            "POST", "/api/v1/invite", {"code": code, "password": "ivar1234"},
            token=False), 400)
        self.assertEqual(e["field"], "password")
        self.ok("POST", "/api/v1/invite",
                {"code": code, "password": PASSWORD}, token=False, status=204)
        self.assertEqual(self.login("ivar").status, 200)
        # Once only.
        self.assertError(self.request(
            "POST", "/api/v1/invite", {"code": code, "password": PASSWORD},
            token=False), 404)
        # A fresh one from an admin.
        j = self.ok("POST", "/api/v1/users/ivar/invite", status=201)
        self.assertGreaterEqual(len(j["invite_code"]), 43)

    def test_no_self_lockout(self):
        add_user(self.daemon.db, "ada", "admin")
        cookie, csrf = self.session("ada")
        e = self.assertError(self.as_cookie("DELETE", "/api/v1/users/ada",
                                            cookie, csrf), 403)
        self.assertIn("yourself", e["message"])
        self.assertError(self.as_cookie("PATCH", "/api/v1/users/ada", cookie,
                                        csrf, {"role": "viewer"}), 403)
        with sqlite3.connect(self.daemon.db) as c:
            actors = {a for (a,) in c.execute(
                "SELECT actor FROM audit_log WHERE entity = 'user'")}
        self.assertIn("rotad user", actors)


class DemoLoginTest(RotadTestCase):
    daemon_args = ("--demo",)

    def test_demo_prints_a_working_token_and_login(self):
        import re
        import time
        deadline = time.time() + 20
        while time.time() < deadline:
            log = self.daemon.read_log()
            m = re.search(r"login: +demo / (\S+)", log)
            t = re.search(r"token: +(rota_\S+)", log)
            if m and t:
                break
            time.sleep(0.05)
        self.assertTrue(m and t, log)
        self.assertEqual(len(self.ok("GET", "/api/v1/homes",
                                     token=t.group(1))["homes"]), 4)
        r = self.request("POST", "/api/v1/login",
                         {"login": "demo", "password": m.group(1)},
                         token=False)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["user"]["role"], "admin")
