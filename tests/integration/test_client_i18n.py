# SPDX-License-Identifier: ISC
"""The rota client in Norwegian and English (issue 13), its accounts
command (issue 14) and its optimistic concurrency (If-Match, issue 12).

Each test runs the `rota` binary against the class's rotad like
test_client.py does, choosing the language with the environment the way
a user would (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), also on a system where
the nb_NO locale is not generated (LOCPATH pointing at an empty
directory, so that setlocale() fails for it).
"""
import json
import os
import pty
import select
import subprocess
import tempfile
import unittest

from test_client import ClientCase, EXIT_OK, EXIT_SERVER, EXIT_USAGE, ROTA

EXIT_CHANGED = 4


class LanguageTest(ClientCase):

    def lang_env(self, server=True, **lang):
        """The test environment with only the language variables given."""
        e = self.env(server)
        for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "LOCPATH"):
            e.pop(k, None)
        e.update(lang)
        return e

    def test_a_client_error_in_both_languages(self):
        for lang, text in (("nb", "--from: 'i morgen' er ikke en dato "
                                  "(ÅÅÅÅ-MM-DD)"),
                           ("en", "--from: 'i morgen' is not a date "
                                  "(YYYY-MM-DD)")):
            r = self.fails(EXIT_USAGE, "violations", "--from", "i morgen",
                           env=self.lang_env(LANGUAGE=lang,
                                             LANG="C.UTF-8"))
            self.assertEqual(r.stderr, "rota: %s\n" % text)

    def test_the_servers_errors_come_back_in_the_language(self):
        # The client asks with Accept-Language, so rotad answers in it.
        r = self.fails(EXIT_SERVER, "homes", "show", "nowhere",
                       env=self.lang_env(LANG="nb_NO.UTF-8"))
        self.assertIn("fant ikke sykehjemmet med id 'nowhere'", r.stderr)
        r = self.fails(EXIT_SERVER, "homes", "show", "nowhere",
                       env=self.lang_env(LANG="en_GB.UTF-8"))
        self.assertIn("no home has id 'nowhere'", r.stderr)

    def test_help_in_both_languages(self):
        nb = self.ok_rota("--help", env=self.lang_env(LANGUAGE="nb:en",
                                                      LANG="C.UTF-8"))
        self.assertTrue(nb.stdout.startswith(
            "bruk: rota [--version] [--help] KOMMANDO"), nb.stdout)
        self.assertIn("vis vaktene i en kalenderlenke", nb.stdout)
        en = self.ok_rota("--help", env=self.lang_env(LC_ALL="C.UTF-8"))
        self.assertTrue(en.stdout.startswith(
            "usage: rota [--version] [--help] COMMAND"), en.stdout)
        self.assertIn("show the shifts of a feed link", en.stdout)
        # A command's own help too.
        r = self.ok_rota("users", "--help",
                         env=self.lang_env(LC_MESSAGES="nb_NO.UTF-8"))
        self.assertIn("Brukerkontoer (bare for administratorer)", r.stdout)

    def test_the_order_of_the_variables(self):
        def first_line(**lang):
            return self.ok_rota("--help", env=self.lang_env(**lang)) \
                .stdout.split(" ", 1)[0]
        # LANGUAGE first, then LC_ALL, LC_MESSAGES, LANG.
        self.assertEqual(first_line(LANGUAGE="nb", LC_ALL="en_US.UTF-8"),
                         "bruk:")
        self.assertEqual(first_line(LANGUAGE="de:en", LANG="nb_NO.UTF-8"),
                         "usage:")
        self.assertEqual(first_line(LC_ALL="nb_NO.UTF-8",
                                    LANG="en_US.UTF-8"), "bruk:")
        self.assertEqual(first_line(LC_MESSAGES="en_US.UTF-8",
                                    LANG="nb_NO.UTF-8"), "usage:")
        self.assertEqual(first_line(LANG="no_NO.UTF-8"), "bruk:")
        # As gettext: LANGUAGE does not apply in the C locale.
        self.assertEqual(first_line(LANGUAGE="nb", LC_ALL="C"), "usage:")
        self.assertEqual(first_line(), "usage:")

    def test_without_a_generated_nb_NO_locale(self):
        empty = tempfile.mkdtemp(prefix="rota-nolocale-", dir=self.home)
        # glibc's setlocale() leaks its LOCPATH search list (argz_add_sep,
        # also when it succeeds): not rota's, so LeakSanitizer is off for
        # the LOCPATH runs only; a bogus locale name needs no LOCPATH.
        asan = os.environ.get("ASAN_OPTIONS", "")
        quiet = (asan + ":" if asan else "") + "detect_leaks=0"
        for lang in ({"LANG": "nb_NO.UTF-8", "LOCPATH": empty,
                      "ASAN_OPTIONS": quiet},
                     {"LC_ALL": "nb_NO.UTF-8", "LOCPATH": empty,
                      "ASAN_OPTIONS": quiet},
                     {"LANG": "nb_NO.bogus@nowhere"},
                     {"LC_MESSAGES": "nb_XX.UTF-8"}):
            env = self.lang_env(**lang)
            r = self.fails(EXIT_USAGE, "nope", env=env)
            self.assertEqual(r.stderr, "rota: 'nope' er ikke en "
                             "rota-kommando; se 'rota --help'\n", lang)
            # Non-ASCII text comes out whole (LC_CTYPE is C.UTF-8 then).
            url = self.feed_url()
            r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                             "2027-01-04", env=env)
            self.assertEqual(r.stdout.splitlines()[0].split(),
                             ["DATO", "TID", "SYKEHJEM", "AKTIVITET",
                              "STATUS"])
            self.assertIn("mandag 4. januar 2027", r.stdout)
            self.assertIn("bekreftet", r.stdout)

    def test_dates_and_hours_in_each_form(self):
        url = self.feed_url()
        nb = self.lang_env(LANGUAGE="nb", LANG="C.UTF-8")
        en = self.lang_env(LANGUAGE="en", LANG="C.UTF-8")
        r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                         "2027-01-04", env=nb)
        self.assertEqual(r.stdout.splitlines()[1].split()[:5],
                         ["mandag", "4.", "januar", "2027", "16:00-18:00"])
        r = self.ok_rota("shifts", url, "--from", "2027-01-04", "--to",
                         "2027-01-04", env=en)
        self.assertEqual(r.stdout.splitlines()[1].split()[:5],
                         ["Monday", "4", "January", "2027", "16:00-18:00"])
        # 2 h 30 min worked: "2,5 t" and "2.5 h".
        self.ok_rota("slots", "add", "--id", "past", "--home", "lia",
                     "--start", "2026-11-07T11:00", "--end",
                     "2026-11-07T13:30", "--force")
        self.ok_rota("assign", "past", "ola", "--force")
        rows = [l.split() for l in self.ok_rota(
            "hours", "--month", "2026-11", env=nb).stdout.splitlines()]
        self.assertEqual(rows[0], ["UNGDOM", "NAVN", "VAKTER", "JOBBET",
                                   "PLANLAGT"])
        self.assertIn(["ola", "Ola", "Hansen", "1", "2,5", "t", "0", "t"],
                      rows)
        rows = [l.split() for l in self.ok_rota(
            "hours", "--month", "2026-11", env=en).stdout.splitlines()]
        self.assertIn(["ola", "Ola", "Hansen", "1", "2.5", "h", "0", "h"],
                      rows)
        # CSV stays the same for programs in every language.
        csv = self.ok_rota("hours", "--month", "2026-11", "--csv", env=nb)
        self.assertIn('"ola","Ola Hansen",1,150,2.50,0,0,0.00', csv.stdout)

    def test_plurals(self):
        # One rule broken: singular; the daemon's text is Norwegian too.
        self.ok_rota("slots", "add", "--id", "long", "--home", "solheim",
                     "--start", "2027-01-05T15:00", "--end",
                     "2027-01-05T17:31")
        r = self.rota("assign", "long", "ida",
                      env=self.lang_env(LANG="nb_NO.UTF-8"))
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn("rota: avvist: endringen ville bryte 1 regel:",
                      r.stderr)
        self.assertIn(", tirsdag 5. januar 2027, besøk long", r.stderr)
        self.assertIn("rota: ingenting ble endret", r.stderr)


class UsersTest(ClientCase):

    def test_add_list_passwd_rm(self):
        r = self.ok_rota("users", "add", "kari", "--role", "coordinator",
                         "--homes", "solheim,lia", "--name", "Kari Nordmann",
                         input="correct horse battery\n")
        self.assertEqual(r.stdout, "user kari added (coordinator)\n")
        self.assertNotIn("correct horse", r.stdout + r.stderr)
        r = self.ok_rota("users", "add", "per", "--role", "viewer",
                         "--invite")
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0],
                         "Invitation for per (once, within 7 days):")
        code = lines[1]
        self.assertIn("/api/v1/invite", lines[2])
        rows = [l.split() for l in
                self.ok_rota("users", "list").stdout.splitlines()]
        self.assertEqual(rows[0], ["LOGIN", "NAME", "ROLE", "HOMES",
                                   "REGIONS", "PASSWORD"])
        self.assertIn(["kari", "Kari", "Nordmann", "coordinator",
                       "lia,solheim", "-", "set"], rows)
        self.assertIn(["per", "viewer", "all", "-", "not", "yet",
                       "(invited)"], rows)
        j = json.loads(self.ok_rota("users", "list", "--json").stdout)
        self.assertEqual(sorted(u["login"] for u in j)[-2:], ["kari", "per"])
        # The invitation works once: the person chooses the password.
        self.ok("POST", "/api/v1/invite", {"code": code,
                                           "password": "my own secret"},
                token=None, status=204)
        # passwd: the new password works, the old one does not.
        self.ok("POST", "/api/v1/login", {"login": "kari",
                "password": "correct horse battery"}, token=None)
        r = self.ok_rota("users", "passwd", "kari",
                         input="staple battery horse\n")
        self.assertIn("password of kari changed", r.stdout)
        self.assertEqual(self.request("POST", "/api/v1/login", {
            "login": "kari", "password": "correct horse battery"},
            token=None).status, 401)
        self.ok("POST", "/api/v1/login", {"login": "kari",
                "password": "staple battery horse"}, token=None)
        # The server's refusal of a bad password says why, in Norwegian.
        r = self.rota("users", "passwd", "kari", input="kari\n",
                      env=self.env(LC_ALL="nb_NO.UTF-8"))
        self.assertEqual(r.returncode, EXIT_SERVER, r.stderr)
        self.assertIn("[feltet 'password']", r.stderr)
        # rm
        self.assertEqual(self.ok_rota("users", "rm", "kari").stdout,
                         "user kari removed\n")
        rows = self.ok_rota("users", "list").stdout
        self.assertNotIn("kari", rows)
        self.fails(EXIT_SERVER, "users", "rm", "kari")

    def on_tty(self, args, dialogue):
        """Runs rota on a terminal, answering each prompt of dialogue
        [(prompt, answer)] when it appears; the exit status and all the
        terminal showed."""
        master, slave = pty.openpty()
        p = subprocess.Popen([ROTA] + args, env=self.env(), stdin=slave,
                             stdout=slave, stderr=slave,
                             start_new_session=True)
        os.close(slave)
        out = b""
        try:
            for prompt, answer in dialogue + [(None, None)]:
                while prompt is None or prompt.encode() not in out:
                    r, _, _ = select.select([master], [], [], 10)
                    if not r:
                        self.assertIsNone(prompt, "no prompt: %r" % out)
                        break
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:
                        chunk = b""
                    if not chunk:
                        self.assertIsNone(prompt, "no prompt: %r" % out)
                        break
                    out += chunk
                if answer is not None:
                    out = out.replace(prompt.encode(), b"<asked>", 1)
                    os.write(master, answer.encode() + b"\n")
        finally:
            rc = p.wait(timeout=30)
            os.close(master)
        return rc, out.decode("utf-8", "replace")

    def test_passwords_on_a_terminal_are_asked_twice_without_echo(self):
        rc, out = self.on_tty(
            ["users", "add", "liv", "--role", "viewer"],
            [("New password for liv: ", "hemmelig passord"),
             ("The same password again: ", "hemmelig passord")])
        self.assertEqual(rc, EXIT_OK, out)
        self.assertNotIn("hemmelig", out)
        self.assertIn("user liv added (viewer)", out)
        self.ok("POST", "/api/v1/login", {"login": "liv",
                "password": "hemmelig passord"}, token=None)
        rc, out = self.on_tty(
            ["users", "passwd", "liv"],
            [("New password for liv: ", "et annet passord"),
             ("The same password again: ", "et annet pasord")])
        self.assertEqual(rc, EXIT_USAGE, out)
        self.assertIn("the two passwords differ; nothing was changed", out)
        self.ok("POST", "/api/v1/login", {"login": "liv",
                "password": "hemmelig passord"}, token=None)

    def test_usage(self):
        self.fails(EXIT_USAGE, "users")
        self.fails(EXIT_USAGE, "users", "add", "kari")   # no --role
        self.fails(EXIT_USAGE, "users", "rm", "kari", "--role", "admin")
        r = self.fails(EXIT_USAGE, "users", "add", "kari", "--role",
                       "viewer", input="")
        self.assertIn("no password given", r.stderr)
        self.assertIn("rota users add LOGIN --role",
                      self.ok_rota("users", "--help").stdout)


class IfMatchTest(ClientCase):

    def test_an_edit_after_someone_elses_change_is_refused(self):
        # Kari reads the home; meanwhile Per renames it.
        self.ok_rota("homes", "show", "solheim")
        self.ok("PATCH", "/api/v1/homes/solheim",
                {"name": "Solheim helsehus"})
        r = self.rota("homes", "edit", "solheim", "--address", "Ny vei 2")
        self.assertEqual(r.returncode, EXIT_CHANGED, r.stderr)
        self.assertIn("rota: the home 'solheim' was changed by someone "
                      "else since you read it; nothing was changed",
                      r.stderr)
        self.assertIn("  name: 'Solheim sykehjem', now 'Solheim helsehus'",
                      r.stderr)
        home = self.ok("GET", "/api/v1/homes/solheim")
        self.assertEqual(home["address"], "Solveien 1, 0000 Oslo")
        # She has seen the change now: the same command goes through.
        self.ok_rota("homes", "edit", "solheim", "--address", "Ny vei 2")
        home = self.ok("GET", "/api/v1/homes/solheim")
        self.assertEqual((home["name"], home["address"]),
                         ("Solheim helsehus", "Ny vei 2"))
        # Her own change is the version she knows: no 412 after it.
        self.ok_rota("homes", "edit", "solheim", "--name", "Solheim")

    def test_in_norwegian_and_for_rm_unassign_and_cancel(self):
        self.ok_rota("slots", "show", "s1")
        self.ok("PATCH", "/api/v1/slots/s1", {"activity": "Bingo"})
        r = self.rota("slots", "rm", "s1",
                      env=self.env(LANGUAGE="nb"))
        self.assertEqual(r.returncode, EXIT_CHANGED, r.stderr)
        self.assertIn("rota: noen andre har endret besøket 's1' siden du "
                      "leste versjonen din; ingenting ble lagret", r.stderr)
        self.assertIn("  activity: 'Quiz', nå 'Bingo'", r.stderr)
        aid = json.loads(self.ok_rota("assignments", "list", "--slot", "s1",
                                      "--json").stdout)[0]["id"]
        self.ok_rota("assignments", "show", aid)
        self.ok("PATCH", "/api/v1/assignments/" + aid, {"pinned": False})
        r = self.rota("unassign", aid)
        self.assertEqual(r.returncode, EXIT_CHANGED, r.stderr)
        self.assertIn("  pinned: true, now false", r.stderr)
        self.ok("GET", "/api/v1/assignments/" + aid)     # still there
        self.ok_rota("assignments", "show", aid)
        self.ok("PATCH", "/api/v1/assignments/" + aid, {"pinned": True})
        r = self.rota("cancel", aid)
        self.assertEqual(r.returncode, EXIT_CHANGED, r.stderr)
        self.assertEqual(self.ok("GET", "/api/v1/assignments/" +
                                 aid)["status"], "active")
        self.ok_rota("cancel", aid)
        self.assertEqual(self.ok("GET", "/api/v1/assignments/" +
                                 aid)["status"], "cancelled")

    def test_ones_own_assignment_is_not_someone_elses_change(self):
        # A slot's "assigned" is part of its version: after assigning to
        # it oneself, an edit of the slot read before goes through.
        self.ok_rota("slots", "show", "s2")
        self.ok_rota("assign", "s2", "ola", "--force")
        self.ok_rota("slots", "edit", "s2", "--activity", "Sang")

    def test_edits_send_if_match(self):
        # Without an earlier read the client reads first, then sends the
        # ETag it got: the daemon's log counts the GET before the PATCH.
        before = self.daemon.read_log().count("GET /api/v1/homes/:id 200")
        self.ok_rota("homes", "edit", "lia", "--name", "Lia")
        self.assertEqual(
            self.daemon.read_log().count("GET /api/v1/homes/:id 200"),
            before + 1)
        # A version read is kept per server and path, never the token.
        cache = os.path.join(self.cache_home, "rota")
        for f in os.listdir(cache):
            if f.startswith("version-"):
                self.assertNotIn(self.api_token,
                                 open(os.path.join(cache, f)).read())


if __name__ == "__main__":
    unittest.main()
