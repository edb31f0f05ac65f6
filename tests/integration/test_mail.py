# SPDX-License-Identifier: ISC
"""E-mail notifications through the durable outbox (issue 16).

A real SMTP server (Debian's python3-aiosmtpd) runs in the test on a free
loopback port, rotad's [mail] points at it, and a small handler collects
every message it is given (by Message-ID).  A change sends exactly one
digest per affected youth, a schedule apply to three youths sends three,
the one-click unsubscribe (RFC 8058) stops mail of that kind, a SIGKILL
while the server holds the DATA reply loses nothing and the message comes
again with the same Message-ID, an address never appears in a feed, and
without [mail] nothing is queued and /metrics says so.

"Exactly one" is read from the outbox itself (GET /api/v1/outbox), which
the change wrote in its own transaction: the count is final when the
change has answered, so no test waits to see that nothing more comes.
"""
import asyncio
import datetime as dt
import email
import email.policy
import os
import re
import signal
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
import urllib.parse
import zoneinfo

from aiosmtpd.controller import Controller

from harness import Daemon, RotadTestCase

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
TODAY = dt.datetime.now(OSLO).date()
ANYTIME = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "from": "00:00", "to": "24:00"}]
WAIT = 30  # seconds: an upper bound for a delivery, never a sleep


def day(n):
    return TODAY + dt.timedelta(days=n)


def at(d, hhmm):
    return "%sT%s" % (d.isoformat(), hhmm)


def birth(age):
    return TODAY.replace(year=TODAY.year - age - 1,
                         day=min(TODAY.day, 28)).isoformat()


def instance():
    """Three youths of 18 and 19 with addresses, visits in the next days
    (a Saturday and Sunday each, so no school day limits apply)."""
    sat = day(2)
    while sat.weekday() != 5:
        sat += dt.timedelta(days=1)
    sun = sat + dt.timedelta(days=1)
    return {
        "version": 1,
        "jurisdiction": "NO",
        "timezone": "Europe/Oslo",
        "school_calendar": {
            "terms": [{"from": day(-60).isoformat(),
                       "to": day(90).isoformat()}],
            "holidays": [],
            "school_hours": {"start": "08:15", "end": "14:30"},
        },
        "homes": [{"id": "solheim", "name": "Solheim sykehjem"},
                  {"id": "lia", "name": "Lia bo- og behandlingssenter"}],
        "youths": [
            {"id": "ida", "name": "Ida Nilsen", "birth_date": birth(18),
             "school": "none", "availability": ANYTIME,
             "email": "ida@example.org"},
            {"id": "ola", "name": "Ola Hansen", "birth_date": birth(19),
             "school": "none", "availability": ANYTIME,
             "email": "ola@example.org", "language": "en"},
            {"id": "per", "name": "Per Å. Ødegård", "birth_date": birth(18),
             "school": "none", "availability": ANYTIME,
             "email": "per@example.org", "language": "nb"},
            {"id": "uten", "name": "Uten Adresse", "birth_date": birth(18),
             "school": "none", "availability": ANYTIME},
        ],
        "slots": [
            {"id": "quiz", "home": "solheim", "start": at(sat, "11:00"),
             "end": at(sat, "13:00"), "needed": 3, "activity": "Quiz"},
            {"id": "tur", "home": "lia", "start": at(sun, "11:00"),
             "end": at(sun, "13:00"), "needed": 3, "activity": "Tur"},
            {"id": "far", "home": "lia",
             "start": at(day(40), "11:00"), "end": at(day(40), "13:00"),
             "activity": "Fjernt"},
        ],
        "assignments": [],
    }


class Collector:
    """An aiosmtpd handler: every message it is given, and optionally a
    hold on the DATA reply until the test releases it."""

    def __init__(self):
        self.cond = threading.Condition()
        self.messages = []  # email.message.EmailMessage
        self.hold = None    # threading.Event: DATA waits for it
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content,
                                       policy=email.policy.default)
        msg.envelope_rcpt = list(envelope.rcpt_tos)
        msg.raw = envelope.original_content
        with self.cond:
            self.messages.append(msg)
            self.cond.notify_all()
        hold = self.hold
        if hold is not None:
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(
                None, hold.wait)
        return "250 OK"

    def wait_for(self, n):
        with self.cond:
            if not self.cond.wait_for(lambda: len(self.messages) >= n, WAIT):
                raise AssertionError("got %d of %d messages" %
                                     (len(self.messages), n))
            return list(self.messages)

    def count(self):
        with self.cond:
            return len(self.messages)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def mail_config(smtp_port):
    return ("[server]\npublic_url = https://rota.example\n"
            "[feeds]\nuid_domain = rota.example\n"
            "[mail]\nurl = smtp://127.0.0.1:%d\nfrom = rota@example.org\n"
            % smtp_port)


class MailTestBase(RotadTestCase):
    extra_mail_config = ""

    @classmethod
    def setUpClass(cls):
        cls.collector = Collector()
        cls.smtp_port = free_port()
        cls.smtp = Controller(cls.collector, hostname="127.0.0.1",
                              port=cls.smtp_port)
        cls.smtp.start()
        cls.daemon_config = mail_config(cls.smtp_port) + cls.extra_mail_config
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        if cls.collector.hold is not None:
            cls.collector.hold.set()
        super().tearDownClass()
        cls.smtp.stop()

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        s = self.ok("GET", "/api/v1/settings")
        # The youths are adults, but switch quiet hours off anyway: the
        # test must not depend on the time of day (mail_quiet_next() is
        # tested in tests/unit/test_mail_mime.c).
        s.setdefault("options", {})["mail_quiet_hours"] = False
        self.ok("PUT", "/api/v1/settings", s)

    def outbox(self, reminders=False):
        """The outbox, without the day-before reminders (ReminderTest)
        unless asked: they are queued with every assignment."""
        return [m for m in
                self.ok("GET", "/api/v1/outbox?limit=1000")["messages"]
                if reminders or m["kind"] != "reminder"]

    def queued_since(self, before):
        """The messages the outbox got after the snapshot `before`."""
        seen = {m["id"] for m in before}
        return [m for m in self.outbox() if m["id"] not in seen]

    def assign(self, slot, youth):
        return self.ok("POST", "/api/v1/assignments",
                       {"slot": slot, "youth": youth}, status=201)

    def delivered_to(self, addr, start):
        msgs = self.collector.wait_for(start + 1)
        return [m for m in msgs[start:] if addr in m.envelope_rcpt]


class PublishMailTest(MailTestBase):
    """Manual publishing (options.publish "manual", docs/feeds.md): drafts
    tell nobody, neither a mail nor a reminder; the publish sends one
    digest per youth it tells, with every visit of theirs in it."""

    def setUp(self):
        super().setUp()
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["publish"] = "manual"
        self.ok("PUT", "/api/v1/settings", s)

    def test_drafts_tell_nobody_and_a_publish_one_digest_per_youth(self):
        before = self.outbox(reminders=True)
        seen = {m["id"] for m in before}
        self.assign("quiz", "ida")
        self.assign("tur", "ida")
        self.assign("tur", "ola")
        drafts = [m for m in self.outbox(reminders=True)
                  if m["id"] not in seen]
        self.assertEqual(drafts, [])
        n0 = self.collector.count()
        pv = self.ok("GET", "/api/v1/publish/preview")
        self.ok("POST", "/api/v1/publish",
                {"preview_version": pv["preview_version"]})
        new = self.queued_since(before)
        self.assertEqual(sorted(m["recipient"] for m in new),
                         ["i***@example.org", "o***@example.org"])
        self.assertEqual({m["kind"] for m in new}, {"visits"})
        msgs = self.collector.wait_for(n0 + 2)[n0:]
        ida = [m for m in msgs if m.envelope_rcpt == ["ida@example.org"]]
        self.assertEqual(len(ida), 1)
        text = ida[0].get_body(("plain",)).get_content()
        self.assertIn("Quiz", text)
        self.assertIn("Tur", text)
        # Published already: a second publish tells nobody again.
        before = self.outbox(reminders=True)
        pv = self.ok("GET", "/api/v1/publish/preview")
        self.ok("POST", "/api/v1/publish",
                {"preview_version": pv["preview_version"]})
        self.assertEqual(self.queued_since(before), [])


class MailTest(MailTestBase):

    def test_a_change_sends_one_digest_to_the_youth(self):
        before, n0 = self.outbox(), self.collector.count()
        self.assign("quiz", "ida")
        new = self.queued_since(before)
        self.assertEqual(len(new), 1, new)
        self.assertEqual(new[0]["kind"], "visits")
        # Masked: never the whole address in the API.
        self.assertEqual(new[0]["recipient"], "i***@example.org")
        msg = self.collector.wait_for(n0 + 1)[n0]
        self.assertEqual(msg.envelope_rcpt, ["ida@example.org"])
        self.assertEqual(msg["To"], "ida@example.org")
        self.assertEqual(msg["From"], "rota@example.org")
        self.assertRegex(msg["Message-ID"], r"^<[A-Za-z0-9_-]+@rota\.example>$")
        self.assertIsNotNone(msg["Date"])
        self.assertEqual(msg["MIME-Version"], "1.0")
        self.assertEqual(msg.get_content_type(), "multipart/alternative")
        parts = [p for p in msg.iter_parts()]
        self.assertEqual([p.get_content_type() for p in parts],
                         ["text/plain", "text/html"])
        for p in parts:
            self.assertEqual(p.get_content_charset(), "utf-8")
            self.assertIn(p["Content-Transfer-Encoding"],
                          ("quoted-printable", "base64"))
        text = parts[0].get_content()
        self.assertIn("Ida", text)
        self.assertNotIn("Nilsen", text)  # first names only
        self.assertIn("Quiz", text)
        self.assertIn("Solheim sykehjem", parts[1].get_content())
        # RFC 8058 one-click unsubscribe.
        self.assertRegex(msg["List-Unsubscribe"],
                         r"^<https://rota\.example/unsubscribe/[A-Za-z0-9_-]+>$")
        self.assertEqual(msg["List-Unsubscribe-Post"],
                         "List-Unsubscribe=One-Click")

    def test_a_norwegian_reader_gets_norwegian_in_seven_bits(self):
        n0 = self.collector.count()
        self.assign("quiz", "per")
        msg = self.delivered_to("per@example.org", n0)[0]
        # 7 bit on the wire: headers encoded (RFC 2047, tested in
        # tests/unit/test_mail_mime.c), bodies quoted-printable.
        raw = msg.raw.decode("ascii")
        self.assertIn("\r\nSubject: Vaktene dine er endret\r\n", raw)
        text = msg.get_body(("plain",)).get_content()
        self.assertIn("Hei Per,", text)
        self.assertIn("Ny vakt: Quiz på Solheim sykehjem, lørdag", text)
        html = msg.get_body(("html",)).get_content()
        self.assertIn('<html lang="nb">', html)

    def test_moving_a_visit_tells_each_youth_once(self):
        n0 = self.collector.count()
        self.assign("tur", "ida")
        self.assign("tur", "ola")
        self.collector.wait_for(n0 + 2)
        before, n0 = self.outbox(), self.collector.count()
        slot = self.ok("GET", "/api/v1/slots/tur")
        start = slot["start"].replace("11:00", "12:00")
        end = slot["end"].replace("13:00", "14:00")
        self.ok("PATCH", "/api/v1/slots/tur", {"start": start, "end": end},
                content_type="application/json")
        new = self.queued_since(before)
        self.assertEqual(sorted(m["recipient"] for m in new),
                         ["i***@example.org", "o***@example.org"])
        msgs = self.collector.wait_for(n0 + 2)[n0:]
        self.assertEqual(sorted(m.envelope_rcpt[0] for m in msgs),
                         ["ida@example.org", "ola@example.org"])
        for m in msgs:
            self.assertIn("12:00", m.get_body(("plain",)).get_content())

    def test_a_youth_without_an_address_gets_nothing(self):
        before = self.outbox()
        self.assign("quiz", "uten")
        self.assertEqual(self.queued_since(before), [])

    def test_a_visit_beyond_fourteen_days_is_not_told(self):
        before = self.outbox()
        self.assign("far", "ida")
        self.assertEqual(self.queued_since(before), [])

    def test_a_schedule_apply_sends_one_digest_per_youth(self):
        before, n0 = self.outbox(), self.collector.count()
        body = {"from": day(1).isoformat(), "to": day(13).isoformat(),
                "dry_run": True, "seconds": 0.5}
        p = self.ok("POST", "/api/v1/schedule", body, status=200)
        youths = {a["youth"] for a in p["assigned"]}
        self.assertEqual(youths, {"ida", "ola", "per", "uten"})
        # Several visits each (quiz and tur): still one mail per youth.
        self.assertGreater(len(p["assigned"]), len(youths))
        self.ok("POST", "/api/v1/schedule/%s/apply" % p["run"], status=200)
        new = self.queued_since(before)
        self.assertEqual(sorted(m["recipient"] for m in new),
                         ["i***@example.org", "o***@example.org",
                          "p***@example.org"])
        msgs = self.collector.wait_for(n0 + 3)[n0:]
        self.assertEqual(sorted(m.envelope_rcpt[0] for m in msgs),
                         ["ida@example.org", "ola@example.org",
                          "per@example.org"])

    def test_one_click_unsubscribe(self):
        n0 = self.collector.count()
        self.assign("quiz", "ola")
        msg = self.delivered_to("ola@example.org", n0)[0]
        url = msg["List-Unsubscribe"].strip("<>")
        path = urllib.parse.urlsplit(url).path
        # GET only asks (mail scanners fetch links): a page with a button.
        page = self.request("GET", path, token=None)
        self.assertEqual(page.status, 200)
        self.assertIn(b'<form method="post" action="%s"' % path.encode(),
                      page.body)
        before = self.outbox()
        self.assign("tur", "ola")
        self.assertEqual(len(self.queued_since(before)), 1)
        # The mail program's POST (RFC 8058 §3.2), no login, no cookie.
        r = self.request("POST", path, token=None,
                         raw=b"List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 200, r.body[:300])
        # Repeating it is harmless.
        r = self.request("POST", path, token=None,
                         raw=b"List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 200)
        before = self.outbox()
        self.ok("DELETE", "/api/v1/assignments/%s" % self.find("tur", "ola"))
        self.assign("tur", "ida")
        new = self.queued_since(before)
        # Ida still hears of hers; Ola no longer of his.
        self.assertEqual([m["recipient"] for m in new], ["i***@example.org"])
        # An unknown link: 404, and nothing changes.
        r = self.request("POST", "/unsubscribe/" + "A" * 43, token=None,
                         raw=b"List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 404)

    def find(self, slot, youth):
        for a in self.ok("GET", "/api/v1/assignments?limit=1000")[
                "assignments"]:
            if a["slot"] == slot and a["youth"] == youth and \
                    a.get("status", "active") == "active":
                return a["id"]
        raise AssertionError("no assignment of %s on %s" % (youth, slot))

    def test_the_address_is_never_in_a_feed_or_page(self):
        self.assign("quiz", "ida")
        link = self.ok("POST", "/api/v1/youths/ida/feed")
        token = link["url"].rsplit("/", 1)[1]
        feed = self.request("GET", "/feeds/" + token, token=None)
        self.assertEqual(feed.status, 200)
        self.assertIn(b"BEGIN:VCALENDAR", feed.body)
        self.assertNotIn(b"ida@example.org", feed.body)
        page = self.request("GET", "/youth/" + token[:-len(".ics")],
                            token=None)
        self.assertEqual(page.status, 200)
        self.assertNotIn(b"ida@example.org", page.body)
        home = self.ok("POST", "/api/v1/homes/solheim/feed")
        htoken = home["url"].rsplit("/", 1)[1]
        hfeed = self.request("GET", "/feeds/" + htoken, token=None)
        self.assertNotIn(b"example.org", hfeed.body.replace(
            b"rota.example", b""))
        # Admins and coordinators see it; it is in the access export.
        self.assertEqual(self.ok("GET", "/api/v1/youths/ida")["email"],
                         "ida@example.org")
        export = self.ok("GET", "/api/v1/youths/ida/export")
        self.assertIn("ida@example.org", str(export))

    def test_a_bad_address_is_refused(self):
        for bad in ("ida", "ida@", "@example.org", "ida@example",
                    "ida @example.org", "ida@example.org\r\nBcc: x@y.z",
                    "a..b@example.org"):
            r = self.request("PATCH", "/api/v1/youths/ida", {"email": bad},
                             content_type="application/json")
            self.assertError(r, 400, field="email")
        self.ok("PATCH", "/api/v1/youths/ida", {"email": None},
                content_type="application/json")
        self.assertNotIn("email", self.ok("GET", "/api/v1/youths/ida"))

    def test_metrics(self):
        r = self.request("GET", "/metrics")
        self.assertEqual(r.status, 200)
        text = r.body.decode()
        self.assertIn("\nrotad_mail_configured 1\n", text)
        for name in ("rotad_outbox_queued", "rotad_outbox_sent_total",
                     "rotad_outbox_failed_attempts_total"):
            self.assertRegex(text, r"\n%s \d+\n" % name)


class CoordinatorMailTest(MailTestBase):
    """Coordinators with an address whose scope holds the home hear of
    sick calls and new requests; the youth hears the answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kari = cls.daemon.add_user("kari", "coordinator", "solheim")
        cls.daemon.add_user("lars", "coordinator", "lia")

    def setUp(self):
        super().setUp()
        for login in ("kari", "lars"):
            self.ok("PATCH", "/api/v1/users/" + login,
                    {"email": login + "@example.org"})

    def test_user_email(self):
        self.assertEqual(self.ok("GET", "/api/v1/users/kari")["email"],
                         "kari@example.org")
        self.assertError(self.request("PATCH", "/api/v1/users/kari",
                                      {"email": "kari"}), 400,
                         field="email")

    def test_sick_call_tells_the_homes_coordinators(self):
        n0 = self.collector.count()
        a = self.assign("quiz", "ida")
        before = self.outbox()
        self.ok("POST", "/api/v1/assignments/%s/cancel" % a["id"], raw=b"",
                content_type=None)
        # (The free place is offered too: FreePlaceOfferTest.)
        new = [m for m in self.queued_since(before) if m["kind"] != "offer"]
        self.assertEqual(sorted((m["kind"], m["recipient"]) for m in new),
                         [("sick_call", "k***@example.org"),
                          ("visits", "i***@example.org")])
        c = self.collector

        def to_kari():
            return [t for t in (m.get_body(("plain",)).get_content()
                                for m in c.messages[n0:]
                                if m.envelope_rcpt == ["kari@example.org"])
                    if "Ida" in t and "Quiz" in t]
        # Wait for the one looked for (not the n-th: an earlier test's
        # message may still arrive after n0 was taken).
        with c.cond:
            c.cond.wait_for(to_kari, WAIT)
            text = to_kari()
        self.assertEqual(len(text), 1, text)

    def test_a_request_and_its_answer(self):
        s = self.ok("GET", "/api/v1/settings")
        s["options"]["claims_need_approval"] = True
        self.ok("PUT", "/api/v1/settings", s)
        link = self.ok("POST", "/api/v1/youths/ola/feed")
        token = link["url"].rsplit("/", 1)[1][:-len(".ics")]
        before = self.outbox()
        r = self.request("POST", "/youth/%s/claim" % token, token=False,
                         raw=b"slot=quiz",
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 200, r.body[:500])
        new = self.queued_since(before)
        self.assertEqual([(m["kind"], m["recipient"]) for m in new],
                         [("request", "k***@example.org")])
        req = self.ok("GET", "/api/v1/requests?state=open")["requests"]
        before = self.outbox()
        n0 = self.collector.count()
        self.ok("POST", "/api/v1/requests/%s/approve" % req[0]["id"])
        new = self.queued_since(before)
        self.assertEqual(sorted((m["kind"], m["recipient"]) for m in new),
                         [("answer", "o***@example.org"),
                          ("visits", "o***@example.org")])
        msgs = [m for m in self.collector.wait_for(n0 + 2)[n0:]
                if "yes to your request" in
                m.get_body(("plain",)).get_content()]
        self.assertEqual(len(msgs), 1)
        self.assertIn("Quiz", msgs[0].get_body(("plain",)).get_content())


def oslo_unix(d, hhmm):
    h, m = map(int, hhmm.split(":"))
    return int(dt.datetime(d.year, d.month, d.day, h, m,
                           tzinfo=OSLO).timestamp())


class ClockTestBase(MailTestBase):
    """The sender's clock is the file [mail] test_clock_file; SIGHUP makes
    it look again: no test waits for a time of day.  Each test starts on
    the system clock (no file)."""

    @classmethod
    def setUpClass(cls):
        cls.clock_dir = tempfile.mkdtemp()
        cls.clock = os.path.join(cls.clock_dir, "now")
        cls.extra_mail_config = "test_clock_file = %s\n" % cls.clock
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.clock_dir)

    def setUp(self):
        if os.path.exists(self.clock):
            os.unlink(self.clock)
        super().setUp()

    def set_clock(self, t):
        with open(self.clock + ".tmp", "w") as f:
            f.write("%d\n" % t)
        os.replace(self.clock + ".tmp", self.clock)
        self.daemon.proc.send_signal(signal.SIGHUP)


class ReminderTest(ClockTestBase):
    """The reminder the day before: queued with the assignment, due at
    18:00 local the day before (its not_before), one per assignment,
    taken back with a cancelled or deleted visit, moved with a moved one."""

    def setUp(self):
        super().setUp()
        self.seen = {m["id"] for m in self.outbox(reminders=True)}
        self.sat = dt.date.fromisoformat(
            self.ok("GET", "/api/v1/slots/quiz")["start"][:10])

    def reminders(self):
        return [m for m in self.outbox(reminders=True)
                if m["kind"] == "reminder" and m["id"] not in self.seen]

    def test_one_reminder_at_six_the_day_before(self):
        a = self.assign("quiz", "ola")
        due = oslo_unix(self.sat - dt.timedelta(days=1), "18:00")
        r = self.reminders()
        self.assertEqual([(m["recipient"], m["state"], m["not_before"])
                          for m in r],
                         [("o***@example.org", "queued", due)])
        # Other edits of the assignment never make a second one.
        self.ok("PATCH", "/api/v1/assignments/" + a["id"], {"pinned": True})
        self.assertEqual([m["id"] for m in self.reminders()], [r[0]["id"]])
        self.set_clock(due + 60)
        c = self.collector

        def reminders_got():
            return [m for m in c.messages
                    if m["Subject"].startswith("Reminder")]
        with c.cond:
            c.cond.wait_for(reminders_got, WAIT)
            msgs = reminders_got()
        self.assertEqual(len(msgs), 1)
        body = msgs[0].get_body(("plain",)).get_content()
        self.assertIn("Quiz", body)
        self.assertIn("Solheim sykehjem", body)
        self.assertEqual(msgs[0].envelope_rcpt, ["ola@example.org"])
        self.assertIn("/unsubscribe/", msgs[0]["List-Unsubscribe"])
        # Sent once; the stored row is the same one, marked sent.
        def sent():
            return [m["state"] for m in self.reminders()] == ["sent"]
        with self.collector.cond:
            self.collector.cond.wait_for(sent, WAIT)
        self.assertTrue(sent(), self.reminders())
        # Asking again (the same assignment and visit) adds nothing.
        self.ok("PATCH", "/api/v1/assignments/" + a["id"], {"pinned": False})
        self.assertEqual(len(self.reminders()), 1)

    def test_no_reminder_for_a_cancelled_or_deleted_visit(self):
        a = self.assign("quiz", "ida")
        b = self.assign("tur", "ida")
        self.assertEqual(len(self.reminders()), 2)
        self.ok("POST", "/api/v1/assignments/%s/cancel" % a["id"], raw=b"",
                content_type=None)
        self.ok("DELETE", "/api/v1/assignments/" + b["id"], status=204)
        self.assertEqual(self.reminders(), [])

    def test_a_removed_address_takes_the_reminder_back(self):
        self.assign("quiz", "ida")
        self.assertEqual(len([m for m in self.reminders()
                              if m["state"] == "queued"]), 1)
        self.ok("PATCH", "/api/v1/youths/ida", {"email": None})
        self.assertEqual(self.reminders(), [])

    def test_a_moved_visit_moves_its_reminder(self):
        self.assign("quiz", "ida")
        before = self.reminders()
        sun = self.sat + dt.timedelta(days=1)
        self.ok("PATCH", "/api/v1/slots/quiz",
                {"start": at(sun, "15:00"), "end": at(sun, "17:00")})
        r = self.reminders()
        self.assertEqual([m["not_before"] for m in r],
                         [oslo_unix(self.sat, "18:00")])
        self.assertNotEqual(r[0]["id"], before[0]["id"])

    def test_too_late_for_the_day_before(self):
        # The sender's clock does not move the daemon's: a visit whose
        # 18:00 the day before is past gets no reminder (the new-visit
        # mail says it).  Today's visit is such one.
        now = dt.datetime.now(OSLO)
        start = (now + dt.timedelta(hours=1)).replace(second=0,
                                                       microsecond=0)
        self.ok("POST", "/api/v1/slots", {
            "id": "snart", "home": "solheim",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + dt.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"),
            "activity": "Snart"}, status=201)
        self.ok("POST", "/api/v1/assignments?force=true",
                {"slot": "snart", "youth": "ida"}, status=201)
        self.assertEqual(self.reminders(), [])
        # A visit the day after tomorrow gets one (the same path).
        self.assign("quiz", "ida")
        self.assertEqual(len(self.reminders()), 1)


def born_years_ago(age):
    """A birth date `age` years and a month ago: `age` years old on every
    day the tests look at."""
    return (TODAY.replace(year=TODAY.year - age, day=min(TODAY.day, 28))
            - dt.timedelta(days=30)).isoformat()


class QuietHoursTest(ClockTestBase):
    """Quiet hours (issue 16, options.mail_quiet_hours): no mail to a
    minor between 21:00 and 07:00 local.  The sender's clock says 22:30:
    a 16-year-old's message stays queued with its not_before at 07:00 the
    next morning and goes, once, when the clock passes 07:00; an
    18-year-old's goes at once, and so does the minor's with the setting
    off.  The visit is more than a week ahead, so no reminder falls due."""

    def setUp(self):
        super().setUp()
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["mail_quiet_hours"] = True
        self.ok("PUT", "/api/v1/settings", s)
        for yid, age in (("mia", 16), ("axel", 18)):
            self.ok("POST", "/api/v1/youths", {
                "id": yid, "name": yid.capitalize() + " Berg",
                "birth_date": born_years_ago(age), "school": "none",
                "availability": ANYTIME, "email": yid + "@example.org"},
                status=201)
        sat = day(8)
        while sat.weekday() != 5:
            sat += dt.timedelta(days=1)
        self.ok("POST", "/api/v1/slots", {
            "id": "kafe", "home": "solheim", "start": at(sat, "11:00"),
            "end": at(sat, "13:00"), "needed": 3, "activity": "Kafé"},
            status=201)
        # 22:30 tonight, or tomorrow night when tonight's is near: the
        # sender's clock must not be behind the time the change queues
        # its message at (the system clock's).
        night = TODAY if dt.datetime.now(OSLO).hour < 22 else day(1)
        self.night = oslo_unix(night, "22:30")
        self.morning = oslo_unix(night + dt.timedelta(days=1), "07:00")

    def to(self, addr, start):
        """The visits digests to addr (Axel's cancel offers Mia his free
        place too: an offer, never urgent, not counted here)."""
        return [m for m in self.collector.messages[start:]
                if m.envelope_rcpt == [addr] and
                m["Subject"] not in ("A visit you can take",
                                     "Ledig vakt du kan ta")]

    def arrived(self, addr, start):
        """Waits for a message to addr (after the first `start`)."""
        c = self.collector
        with c.cond:
            if not c.cond.wait_for(lambda: self.to(addr, start), WAIT):
                raise AssertionError("no message to " + addr)
            return self.to(addr, start)

    def row(self, before, masked):
        rows = [m for m in self.queued_since(before)
                if m["recipient"] == masked]
        self.assertEqual(len(rows), 1, rows)
        return rows[0]

    def sent_row(self, before, masked):
        """Waits for the row's `sent` (it is marked after the server's
        reply to DATA, which the collector has seen): polls the outbox."""
        deadline = time.monotonic() + WAIT
        while True:
            r = self.row(before, masked)
            if r["state"] == "sent" or time.monotonic() > deadline:
                self.assertEqual(r["state"], "sent", r)
                return r

    def test_a_minor_at_half_past_ten_waits_until_seven(self):
        self.set_clock(self.night)
        before, n0 = self.outbox(), self.collector.count()
        self.assign("kafe", "mia")
        # The sender takes messages by due time, then by id: once Axel's
        # (queued after Mia's) has arrived, Mia's has been looked at.
        self.assign("kafe", "axel")
        self.arrived("axel@example.org", n0)
        with self.collector.cond:
            self.assertEqual(self.to("mia@example.org", n0), [])
        r = self.row(before, "m***@example.org")
        self.assertEqual((r["kind"], r["state"], r["not_before"]),
                         ("visits", "queued", self.morning))
        self.assertIsNone(r["sent_at"])
        # Past 07:00 the next morning it goes, once.
        self.set_clock(self.morning + 60)
        got = self.arrived("mia@example.org", n0)
        self.assertIn("Kafé", got[0].get_body(("plain",)).get_content())
        r = self.sent_row(before, "m***@example.org")
        self.assertEqual(r["sent_at"], self.morning + 60)
        with self.collector.cond:
            self.assertEqual(len(self.to("mia@example.org", n0)), 1)

    def test_an_adult_at_half_past_ten_at_once(self):
        self.set_clock(self.night)
        before, n0 = self.outbox(), self.collector.count()
        self.assign("kafe", "axel")
        self.arrived("axel@example.org", n0)
        r = self.sent_row(before, "a***@example.org")
        self.assertEqual(r["sent_at"], self.night)
        self.assertLess(r["not_before"], self.night)

    def test_without_quiet_hours_a_minor_at_once(self):
        s = self.ok("GET", "/api/v1/settings")
        s["options"]["mail_quiet_hours"] = False
        self.ok("PUT", "/api/v1/settings", s)
        self.set_clock(self.night)
        before, n0 = self.outbox(), self.collector.count()
        self.assign("kafe", "mia")
        self.arrived("mia@example.org", n0)
        r = self.sent_row(before, "m***@example.org")
        self.assertEqual(r["sent_at"], self.night)
        self.assertLess(r["not_before"], self.night)


class UrgentInQuietHoursTest(ClockTestBase):
    """Quiet hours "unless urgent" (issue 16,
    options.mail_urgent_in_quiet_hours, mail_quiet_urgent() in
    mail_mime.h): a visits digest whose earliest visit starts before the
    end of the quiet window plus two hours goes to a minor at once.  The
    sender's clock says 22:30: Mia's (16) visit at 07:30 the next morning
    cancelled then goes at once; her visit at 07:30 two days later
    cancelled waits until 07:00; with the setting off both wait.  The
    assignments come with the import, which tells nobody, so the cancels
    are the only mail; Axel (18) is the marker that the sender has looked
    at Mia's message (it takes them by due time, then by id)."""

    def setUp(self):
        super().setUp()
        night = TODAY if dt.datetime.now(OSLO).hour < 22 else day(1)
        self.night = oslo_unix(night, "22:30")
        self.morning = oslo_unix(night + dt.timedelta(days=1), "07:00")
        inst = instance()
        inst["youths"] = [
            {"id": yid, "name": yid.capitalize() + " Berg",
             "birth_date": born_years_ago(age), "school": "none",
             "availability": ANYTIME, "email": yid + "@example.org"}
            for yid, age in (("mia", 16), ("axel", 18))]
        soon, later = night + dt.timedelta(days=1), night + dt.timedelta(
            days=2)
        inst["slots"] = [
            {"id": "tidlig", "home": "solheim", "start": at(soon, "07:30"),
             "end": at(soon, "08:30"), "needed": 2, "activity": "Frokost"},
            {"id": "senere", "home": "solheim", "start": at(later, "07:30"),
             "end": at(later, "08:30"), "needed": 2, "activity": "Morgen"},
            {"id": "kafe", "home": "lia", "start": at(day(9), "11:00"),
             "end": at(day(9), "13:00"), "needed": 2, "activity": "Kafé"}]
        inst["assignments"] = [
            {"slot": "tidlig", "youth": "mia"},
            {"slot": "senere", "youth": "mia"},
            {"slot": "kafe", "youth": "axel"}]
        self.ok("POST", "/api/v1/import?force=true", inst)
        self.settings(True)
        self.ids = {(a["slot"], a["youth"]): a["id"] for a in
                    self.ok("GET", "/api/v1/assignments")["assignments"]}

    def settings(self, urgent):
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["mail_quiet_hours"] = True
        s["options"]["mail_urgent_in_quiet_hours"] = urgent
        self.ok("PUT", "/api/v1/settings", s)
        self.assertEqual(
            self.ok("GET", "/api/v1/settings")["options"].get(
                "mail_urgent_in_quiet_hours", True), urgent)

    def cancel(self, slot, youth):
        self.ok("POST", "/api/v1/assignments/%s/cancel" %
                self.ids[(slot, youth)], raw=b"", content_type=None)

    def to(self, addr, start):
        """The visits digests to addr (Axel's cancel offers Mia his free
        place too: an offer, never urgent, not counted here)."""
        return [m for m in self.collector.messages[start:]
                if m.envelope_rcpt == [addr] and
                m["Subject"] not in ("A visit you can take",
                                     "Ledig vakt du kan ta")]

    def arrived(self, addr, start, n=1):
        c = self.collector
        with c.cond:
            if not c.cond.wait_for(
                    lambda: len(self.to(addr, start)) >= n, WAIT):
                raise AssertionError("no message to " + addr)
            return self.to(addr, start)

    def rows(self, before):
        return [m for m in self.queued_since(before)
                if m["recipient"] == "m***@example.org" and
                m["kind"] == "visits"]

    def mia_rows_when_axel_has_his(self, before, n0):
        """Axel's cancel queued after Mia's: once his message has come,
        the sender has looked at hers."""
        self.cancel("kafe", "axel")
        self.arrived("axel@example.org", n0)
        return self.rows(before)

    def test_tomorrow_morning_at_once_two_days_later_waits(self):
        self.set_clock(self.night)
        before, n0 = self.outbox(), self.collector.count()
        self.cancel("tidlig", "mia")
        got = self.arrived("mia@example.org", n0)
        self.assertIn("Frokost", got[0].get_body(("plain",)).get_content())
        deadline = time.monotonic() + WAIT
        while self.rows(before)[0]["state"] != "sent":
            self.assertLess(time.monotonic(), deadline, self.rows(before))
        self.assertEqual(self.rows(before)[0]["sent_at"], self.night)
        # The visit two days later: not urgent, it waits until 07:00.
        before2 = self.outbox()
        self.cancel("senere", "mia")
        rows = self.mia_rows_when_axel_has_his(before2, n0)
        self.assertEqual([(r["state"], r["not_before"]) for r in rows],
                         [("queued", self.morning)])
        with self.collector.cond:
            self.assertEqual(len(self.to("mia@example.org", n0)), 1)
        self.set_clock(self.morning + 60)
        got = self.arrived("mia@example.org", n0, 2)
        self.assertIn("Morgen", got[1].get_body(("plain",)).get_content())

    def test_with_the_setting_off_both_wait(self):
        s = self.ok("GET", "/api/v1/settings")
        s["options"]["mail_urgent_in_quiet_hours"] = "yes"
        self.assertError(self.request("PUT", "/api/v1/settings", s), 400,
                         field="options.mail_urgent_in_quiet_hours")
        self.settings(False)
        self.set_clock(self.night)
        before, n0 = self.outbox(), self.collector.count()
        self.cancel("tidlig", "mia")
        self.cancel("senere", "mia")
        rows = self.mia_rows_when_axel_has_his(before, n0)
        self.assertEqual([(r["state"], r["not_before"]) for r in rows],
                         [("queued", self.morning)] * 2)
        with self.collector.cond:
            self.assertEqual(self.to("mia@example.org", n0), [])
        self.set_clock(self.morning + 60)
        self.arrived("mia@example.org", n0, 2)


class SeriesMailTest(MailTestBase):
    """A series deleted with a youth on one of its visits: the visit
    stays cancelled with its assignment cancelled, the youth is told in
    the series edit's transaction, and the reminder is taken back."""

    def test_deleting_a_series_tells_its_youths(self):
        sat = dt.date.fromisoformat(
            self.ok("GET", "/api/v1/slots/quiz")["start"][:10])
        self.ok("POST", "/api/v1/series", {
            "id": "lordag", "home": "solheim", "activity": "Bingo",
            "time": "15:00", "duration": 60, "days": ["sat"],
            "first": sat.isoformat(),
            "last": (sat + dt.timedelta(days=7)).isoformat(),
            "skip_school_holidays": False,
            "skip_public_holidays": False}, status=201)
        slot = [s for s in self.ok("GET", "/api/v1/slots")["slots"]
                if s["start"].startswith(sat.isoformat())
                and s["id"] != "quiz"][0]
        self.assign(slot["id"], "ola")
        before = self.outbox(reminders=True)
        self.assertEqual(sum(m["kind"] == "reminder" for m in before
                             if m["state"] == "queued"), 1)
        n0 = self.collector.count()
        self.ok("DELETE", "/api/v1/series/lordag")
        new = self.queued_since(before)
        self.assertEqual([(m["kind"], m["recipient"]) for m in new],
                         [("visits", "o***@example.org")])
        self.assertFalse([m for m in self.outbox(reminders=True)
                          if m["kind"] == "reminder"
                          and m["state"] == "queued"])
        c = self.collector

        def cancelled():
            return [t for t in (m.get_body(("plain",)).get_content()
                                for m in c.messages[n0:]
                                if m.envelope_rcpt == ["ola@example.org"])
                    if "Cancelled visit" in t]
        with c.cond:
            c.cond.wait_for(cancelled, WAIT)
            got = cancelled()
        self.assertEqual(len(got), 1, got)
        self.assertIn("Bingo", got[0])


class PersonalDataTest(MailTestBase):
    """A youth's address: in their access export, gone with the purge
    (the youth row and every outbox row, link and opt-out), never in the
    log."""

    def test_export_purge_and_log(self):
        export = self.ok("GET", "/api/v1/youths/ida/export")
        self.assertEqual(export["youth"]["email"], "ida@example.org")
        n0 = self.collector.count()
        self.assign("quiz", "ida")
        self.assign("tur", "ola")
        self.collector.wait_for(n0 + 2)
        db = sqlite3.connect(self.daemon.db)
        try:
            def rows(addr):
                return db.execute(
                    "SELECT count(*) FROM outbox WHERE recipient = ?",
                    (addr,)).fetchone()[0]
            self.assertGreater(rows("ida@example.org"), 0)
            # Her reminder is still queued (due the day before the visit):
            # the purge takes queued messages too, not only sent ones.
            self.assertGreater(db.execute(
                "SELECT count(*) FROM outbox WHERE recipient = ? AND "
                "state = 'queued'", ("ida@example.org",)).fetchone()[0], 0)
            self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
            self.assertEqual(rows("ida@example.org"), 0)
            self.assertGreater(rows("ola@example.org"), 0)
            for table, col in (("outbox", "recipient_id"),
                               ("mail_unsubscribe", "recipient_id"),
                               ("mail_optout", "recipient_id")):
                self.assertEqual(db.execute(
                    "SELECT count(*) FROM %s WHERE recipient_kind = "
                    "'youth' AND %s = 'ida'" % (table, col)).fetchone()[0],
                    0, table)
            # The bodies never hold an unsubscribe secret once sent.
            for (body,) in db.execute(
                    "SELECT body_text FROM outbox WHERE state = 'sent'"):
                self.assertNotIn("/unsubscribe/", body.replace(
                    "{UNSUBSCRIBE}", ""))
        finally:
            db.close()
        with open(self.daemon.log_path, encoding="utf-8",
                  errors="replace") as f:
            log = f.read()
        self.assertIn("mail: sent", log)
        for addr in ("ida@example.org", "ola@example.org",
                     "per@example.org"):
            self.assertNotIn(addr, log)


class MailCrashTest(MailTestBase):
    """SIGKILL while the server holds the DATA reply: after the restart
    the message comes again with the same Message-ID; none is lost."""

    def test_sigkill_during_data_loses_nothing(self):
        c = self.collector
        c.hold = threading.Event()
        n0 = c.count()
        before = self.outbox()
        self.assign("quiz", "ida")
        self.assign("tur", "ola")
        queued = self.queued_since(before)
        self.assertEqual(len(queued), 2)
        # The first message is in DATA and its reply is held.
        self.assertTrue(c.holding.wait(WAIT))
        held = c.wait_for(n0 + 1)[n0]["Message-ID"]
        self.daemon.stop(signal.SIGKILL)
        c.hold.set()
        c.hold = None
        self.daemon.start()
        # Every message arrives, the held one again by its Message-ID.
        def both_and_held_twice():
            got = [m["Message-ID"] for m in c.messages[n0:]]
            return len(set(got)) >= 2 and got.count(held) >= 2
        with c.cond:
            self.assertTrue(c.cond.wait_for(both_and_held_twice, WAIT),
                            [m["Message-ID"] for m in c.messages[n0:]])
            msgs = list(c.messages[n0:])
        by_id = {}
        for m in msgs:
            by_id.setdefault(m["Message-ID"], []).append(m)
        self.assertEqual(len(by_id), 2, list(by_id))
        self.assertEqual(
            sorted(m[0].envelope_rcpt[0] for m in by_id.values()),
            ["ida@example.org", "ola@example.org"])
        # The outbox still has the two messages, one row each.
        ids = [m["id"] for m in self.outbox()
               if m["id"] in {q["id"] for q in queued}]
        self.assertEqual(len(ids), 2)


def consent_instance():
    """Ida, 14 in compulsory school (her age needs a guardian's consent),
    with her guardian's address and an English page; Per, 14, Norwegian,
    with one; Siv, 14, without."""
    y = dict(birth_date=birth(13), school="compulsory",
             availability=ANYTIME)
    inst = instance()
    inst["youths"] = [
        dict(y, id="ida", name="Ida Nilsen", language="en",
             guardian_email="kari.nilsen@example.org"),
        dict(y, id="per", name="Per Berg", language="nb",
             guardian_email="berg@example.org"),
        dict(y, id="siv", name="Siv Lie"),
    ]
    inst["slots"] = inst["slots"][:1]
    return inst


CONSENT_URL = re.compile(r"https://rota\.example/consent/([A-Za-z0-9_-]{40,})")


class ConsentMailBase(MailTestBase):
    """The guardian's consent link by e-mail (docs/consent.md): the
    coordinator gets no URL, the outbox never holds the token, the sender
    makes it when it sends."""

    def setUp(self):
        self.ok("POST", "/api/v1/import?force=true", consent_instance())

    def make_link(self, youth="ida"):
        return self.ok("POST", "/api/v1/youths/%s/consent-link" % youth,
                       status=201)

    def token_of(self, msg):
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        m = CONSENT_URL.search(text)
        self.assertIsNotNone(m, text)
        self.assertIn('href="%s"' % m.group(0), html)
        self.assertNotIn("{CONSENT_TOKEN}", text + html)
        return m.group(1)

    def db_text(self):
        """Every row of every table of the database file, as text."""
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            return "\n".join(db.iterdump())
        finally:
            db.close()

    def outbox_rows(self, mid):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            return db.execute("SELECT * FROM outbox WHERE id = ?",
                              (mid,)).fetchall()
        finally:
            db.close()

    def page(self, token):
        return self.request("GET", "/consent/" + token, token=False)


class ConsentMailTest(ConsentMailBase):

    def test_the_link_goes_to_the_guardian_and_nowhere_else(self):
        before, n0 = self.outbox(), self.collector.count()
        out = self.make_link("ida")
        # The coordinator gets no URL: only the guardian has the link.
        self.assertEqual(out["mail"], "queued")
        self.assertNotIn("url", out)
        self.assertEqual(set(out), {"expires", "mail"})
        queued = self.queued_since(before)
        self.assertEqual(len(queued), 1, queued)
        self.assertEqual(queued[0]["recipient"], "k***@example.org")
        self.assertEqual(queued[0]["recipient_kind"], "youth")
        self.assertEqual(queued[0]["kind"], "consent")
        msg = self.collector.wait_for(n0 + 1)[n0]
        self.assertEqual(msg.envelope_rcpt, ["kari.nilsen@example.org"])
        # No unsubscribe link: one message a coordinator asked for.
        self.assertIsNone(msg["List-Unsubscribe"])
        token = self.token_of(msg)
        text = msg.get_body(("plain",)).get_content()
        # The youth's first name and until when; no other personal data.
        self.assertIn("Ida", text)
        self.assertNotIn("Nilsen", text)
        self.assertNotIn(consent_instance()["youths"][0]["birth_date"],
                         text)
        expires = dt.date.fromisoformat(out["expires"])
        self.assertIn("%d %s" % (expires.day, expires.strftime("%B")), text)
        # The link works: the page and the guardian's consent.
        r = self.page(token)
        self.assertEqual(r.status, 200, r.body[:300])
        body = r.body.decode()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
        r = self.request("POST", "/consent/%s/confirm" % token, token=False,
                         raw=urllib.parse.urlencode(
                             {"csrf": csrf, "name": "Kari Nilsen"}).encode(),
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 200, r.body[:500])
        y = self.ok("GET", "/api/v1/youths/ida")
        self.assertEqual(y["guardian_consent"], TODAY.isoformat())
        self.assertEqual(y["guardian_name"], "Kari Nilsen")
        # Neither the outbox nor anything else in the database holds the
        # token (the link keeps its hash only), nor does the API's outbox.
        rows = self.outbox_rows(queued[0]["id"])
        self.assertEqual(len(rows), 1)
        self.assertTrue(any("{CONSENT_TOKEN}" in str(c) for c in rows[0]))
        self.assertFalse(any(token in str(c) for c in rows[0]))
        self.assertNotIn(token, self.db_text())
        self.assertNotIn(token, str(self.ok("GET",
                                            "/api/v1/outbox?limit=1000")))

    def test_norwegian_mail(self):
        n0 = self.collector.count()
        self.assertEqual(self.make_link("per")["mail"], "queued")
        msg = self.delivered_to("berg@example.org", n0)[0]
        text = msg.get_body(("plain",)).get_content()
        self.assertIn("Per", text)
        self.assertIn("samtykke", text)
        self.assertIn("Lenken virker til og med", text)
        self.assertEqual(self.page(self.token_of(msg)).status, 200)

    def test_without_a_guardian_email_the_coordinator_gets_the_url(self):
        before = self.outbox()
        out = self.make_link("siv")
        self.assertEqual(out["mail"], "not_sent")
        m = re.fullmatch(r"https://rota\.example/consent/([A-Za-z0-9_-]{40,})",
                         out["url"])
        self.assertIsNotNone(m, out)
        self.assertEqual(self.queued_since(before), [])
        self.assertEqual(self.page(m.group(1)).status, 200)

    def test_a_newer_link_replaces_the_mailed_one(self):
        c = self.collector
        n0 = c.count()
        c.hold = threading.Event()
        try:
            self.make_link("ida")
            # The first mail is in DATA (its token made), held there.
            self.assertTrue(c.holding.wait(WAIT))
            self.make_link("ida")
        finally:
            c.hold, hold = None, c.hold
            hold.set()
            c.holding.clear()
        msgs = c.wait_for(n0 + 2)[n0:n0 + 2]
        first, second = (self.token_of(m) for m in msgs)
        self.assertNotEqual(first, second)
        self.assertEqual(self.page(first).status, 410)
        self.assertEqual(self.page(second).status, 200)


class AccessExportMailTest(ConsentMailBase):
    """The youth's access export lists the mail to them and to their
    guardian (docs/privacy.md): kind, whom, the address in full, subject,
    state and times, never the bodies (they hold the placeholders of the
    unsubscribe link and of the consent token); another youth's mail is
    not in it; the purge takes every one of those rows, sent or not."""

    def setUp(self):
        inst = consent_instance()
        inst["youths"][0]["email"] = "ida@example.org"
        inst["assignments"] = [{"slot": "quiz", "youth": "ida"}]
        self.ok("POST", "/api/v1/import?force=true", inst)
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["mail_quiet_hours"] = False
        self.ok("PUT", "/api/v1/settings", s)

    def mail_of(self, youth):
        return self.ok("GET", "/api/v1/youths/%s/export" % youth)["mail"]

    def test_export_lists_the_mail_and_the_purge_takes_it(self):
        n0 = self.collector.count()
        self.make_link("ida")
        self.make_link("per")
        a = [a for a in self.ok("GET", "/api/v1/assignments")["assignments"]
             if a["youth"] == "ida"][0]
        self.ok("POST", "/api/v1/assignments/%s/cancel" % a["id"], raw=b"",
                content_type=None)
        got = self.collector.wait_for(n0 + 3)[n0:]
        subjects = {m.envelope_rcpt[0]: str(m["Subject"]) for m in got}
        deadline = time.monotonic() + WAIT
        while True:
            mail = self.mail_of("ida")
            if all(m["state"] == "sent" for m in mail["messages"]) or \
                    time.monotonic() > deadline:
                break
        self.assertEqual(
            [(m["kind"], m["to"], m["recipient"], m["state"])
             for m in mail["messages"]],
            [("consent", "guardian", "kari.nilsen@example.org", "sent"),
             ("visits", "youth", "ida@example.org", "sent")])
        for m in mail["messages"]:
            self.assertEqual(set(m), {
                "id", "kind", "to", "recipient", "subject", "state",
                "attempts", "created_at", "not_before", "sent_at"})
            self.assertEqual(m["subject"], subjects[m["recipient"]])
            self.assertGreaterEqual(m["sent_at"], m["created_at"])
            self.assertEqual(m["attempts"], 1)
        self.assertEqual(mail["opt_outs"], [])
        text = str(mail)
        for secret in ("{UNSUBSCRIBE}", "{CONSENT_TOKEN}", "/consent/",
                       "/unsubscribe/", "berg@example.org"):
            self.assertNotIn(secret, text)
        # Per's guardian's mail is in Per's export only.
        self.assertEqual([m["recipient"] for m in
                          self.mail_of("per")["messages"]],
                         ["berg@example.org"])
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            def rows(addr):
                return db.execute(
                    "SELECT count(*) FROM outbox WHERE recipient = ?",
                    (addr,)).fetchone()[0]
            self.assertEqual(rows("ida@example.org"), 0)
            self.assertEqual(rows("kari.nilsen@example.org"), 0)
            self.assertEqual(rows("berg@example.org"), 1)
        finally:
            db.close()


class ConsentMailCrashTest(ConsentMailBase):
    """A consent mail sent again after a crash gets a new token: the
    earlier mail's link stops working, the new one works."""

    def test_a_resent_mail_gets_a_new_link(self):
        c = self.collector
        c.hold = threading.Event()
        n0 = c.count()
        self.assertEqual(self.make_link("ida")["mail"], "queued")
        self.assertTrue(c.holding.wait(WAIT))
        held = c.wait_for(n0 + 1)[n0]
        self.daemon.stop(signal.SIGKILL)
        c.hold.set()
        c.hold = None
        self.daemon.start()
        again = c.wait_for(n0 + 2)[n0 + 1]
        self.assertEqual(again["Message-ID"], held["Message-ID"])
        old, new = self.token_of(held), self.token_of(again)
        self.assertNotEqual(old, new)
        self.assertEqual(self.page(old).status, 404)
        self.assertEqual(self.page(new).status, 200)
        self.assertNotIn(old, self.db_text())
        self.assertNotIn(new, self.db_text())


def next_weekday(n, weekday):
    d = day(n)
    while d.weekday() != weekday:
        d += dt.timedelta(days=1)
    return d


def offer_instance(colleagues=()):
    """Ida, who gives away a school-day evening visit (Kveldskaffe, a
    Tuesday 16:00-19:00, one place: full with her), and the colleagues
    who may or may not take it: Ola (English) and Per (Norwegian) may;
    Tor, 16, may (a minor: quiet hours); Emil, 15 in compulsory school,
    may not (at most 2 hours on a school day); Sara is off both days;
    Uten has no address.  A second evening (Bingo, the Wednesday) is
    Ida's too."""
    tue = next_weekday(2, 1)
    wed = tue + dt.timedelta(days=1)
    inst = instance()
    inst["youths"] = [y for y in inst["youths"] if y["id"] != "ida"] + [
        {"id": "ida", "name": "Ida Nilsen", "birth_date": birth(18),
         "school": "none", "availability": ANYTIME,
         "email": "ida@example.org", "language": "nb"},
        {"id": "tor", "name": "Tor Lund", "birth_date": born_years_ago(16),
         "school": "none", "availability": ANYTIME,
         "email": "tor@example.org"},
        {"id": "emil", "name": "Emil Berg",
         "birth_date": born_years_ago(15), "school": "compulsory",
         "guardian_consent": day(-30).isoformat(),
         "availability": ANYTIME, "email": "emil@example.org"},
        {"id": "sara", "name": "Sara Moe", "birth_date": birth(18),
         "school": "none", "availability": ANYTIME,
         "unavailable": [{"from": at(tue, "00:00"),
                          "to": at(wed, "23:59")}],
         "email": "sara@example.org"},
    ] + list(colleagues)
    inst["slots"] += [
        {"id": "kveld", "home": "solheim", "start": at(tue, "16:00"),
         "end": at(tue, "19:00"), "needed": 1, "activity": "Kveldskaffe"},
        {"id": "bingo", "home": "solheim", "start": at(wed, "16:00"),
         "end": at(wed, "19:00"), "needed": 1, "activity": "Bingo"},
    ]
    inst["assignments"] = [
        {"id": "a-kveld", "slot": "kveld", "youth": "ida"},
        {"id": "a-bingo", "slot": "bingo", "youth": "ida"},
    ]
    return inst


class OfferMailBase(MailTestBase):
    """Offers of a visit given away (docs/feeds.md, "E-mail"): the
    colleagues who may legally take it at that moment, as their youth
    page lists it, each in their language, kind "offer"."""

    def setUp(self):
        super().setUp()
        self.ok("POST", "/api/v1/import?force=true", self.make_instance())
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["mail_quiet_hours"] = self.quiet
        self.ok("PUT", "/api/v1/settings", s)
        self.pages = {}

    quiet = False

    def make_instance(self):
        return offer_instance()

    def page_token(self, youth):
        if youth not in self.pages:
            url = self.ok("POST", "/api/v1/youths/%s/feed" % youth)["url"]
            self.pages[youth] = url.rsplit("/", 1)[1][:-len(".ics")]
        return self.pages[youth]

    def form(self, youth, action, slot):
        return self.request("POST", "/youth/%s/%s" % (
            self.page_token(youth), action), token=False,
            raw=("slot=" + slot).encode(),
            content_type="application/x-www-form-urlencoded")

    def give_away(self, slot, youth="ida"):
        """Gives the visit away on the youth page: the offers queued."""
        before = self.outbox()
        r = self.form(youth, "give-away", slot)
        self.assertEqual(r.status, 200, r.body[:500])
        return [m for m in self.queued_since(before) if m["kind"] == "offer"]

    def offers_to(self, addr, start, about):
        """Waits for an offer to addr of the visit `about` (its activity)
        among the messages after `start` (not the n-th: an earlier test's
        message may still arrive after `start` was taken)."""
        c = self.collector

        def got():
            return [m for m in c.messages[start:]
                    if m.envelope_rcpt == [addr] and
                    m["Subject"] in ("A visit you can take",
                                     "Ledig vakt du kan ta") and
                    about in m.get_body(("plain",)).get_content()]
        with c.cond:
            if not c.cond.wait_for(got, WAIT):
                raise AssertionError("no offer to " + addr)
            return got()

    def db_rows(self, sql, args=()):
        db = sqlite3.connect(self.daemon.db, timeout=10)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()


class OfferMailTest(OfferMailBase):
    quiet = True  # the minor's offer waits like any other mail to her

    def test_only_those_who_may_take_it_in_their_language(self):
        n0 = self.collector.count()
        offers = self.give_away("kveld")
        self.assertEqual(sorted(m["recipient"] for m in offers),
                         ["o***@example.org", "p***@example.org",
                          "t***@example.org"])
        # Emil (15, school day), Sara (off that day), Uten (no address)
        # and Ida herself get nothing: what their pages list agrees.
        for youth in ("emil", "sara"):
            page = self.request("GET", "/youth/" + self.page_token(youth),
                                token=False)
            self.assertEqual(page.status, 200)
            self.assertNotIn(b"Kveldskaffe", page.body)
        for youth in ("ola", "per"):
            page = self.request("GET", "/youth/" + self.page_token(youth),
                                token=False)
            self.assertIn(b"Kveldskaffe", page.body)
        ola = self.offers_to("ola@example.org", n0, "Kveldskaffe")
        per = self.offers_to("per@example.org", n0, "Kveldskaffe")
        self.assertEqual((len(ola), len(per)), (1, 1))
        text = ola[0].get_body(("plain",)).get_content()
        self.assertIn("Hi Ola,", text)
        self.assertIn("Given away by Ida: Kveldskaffe at Solheim sykehjem",
                      text)
        self.assertIn("16:00\u201319:00", text)
        self.assertIn('"I\'ll take it"', text)
        self.assertNotIn("Nilsen", text)  # the giver by first name only
        html = ola[0].get_body(("html",)).get_content()
        self.assertIn("Given away by Ida", html)
        self.assertNotIn("Nilsen", html)
        ptext = per[0].get_body(("plain",)).get_content()
        self.assertEqual(per[0]["Subject"], "Ledig vakt du kan ta")
        self.assertIn("Gis bort av Ida: Kveldskaffe p\u00e5 Solheim", ptext)
        self.assertIn("\u00abJeg tar den\u00bb", ptext)
        for m in ola + per:
            self.assertRegex(m["List-Unsubscribe"],
                             r"^<https://rota\.example/unsubscribe/\S+>$")
            self.assertEqual(m["List-Unsubscribe-Post"],
                             "List-Unsubscribe=One-Click")
            self.assertIsNone(re.search(r"/youth/|/feeds/",
                                        m.get_body(("plain",)).get_content()))
        # Tor is 16: his offer keeps the day he turns 18, in the future,
        # for the quiet hours, as every message to a minor does.
        rows = dict(self.db_rows(
            "SELECT recipient, adult_from FROM outbox WHERE kind = 'offer'"))
        today = (TODAY - dt.date(1970, 1, 1)).days
        self.assertGreater(rows["tor@example.org"], today)
        self.assertLessEqual(rows["ola@example.org"], today)
        # The stored bodies hold the placeholder, never a secret: neither
        # the unsubscribe link nor anyone's page or feed link.
        secrets = [urllib.parse.urlsplit(
            m["List-Unsubscribe"].strip("<>")).path.rsplit("/", 1)[1]
            for m in ola + per] + list(self.pages.values())
        for text, html in self.db_rows(
                "SELECT body_text, body_html FROM outbox "
                "WHERE kind = 'offer'"):
            self.assertIn("{UNSUBSCRIBE}", text)
            self.assertIn('href="{UNSUBSCRIBE}"', html)
            for secret in secrets:
                self.assertNotIn(secret, text + html)
            self.assertNotIn("/youth/", text + html)

    def test_a_taken_or_declined_offer_tells_nobody_and_the_page_says_so(self):
        self.give_away("kveld")
        self.give_away("bingo")
        # Ola takes Kveldskaffe: nobody else hears of it again.
        before = self.outbox()
        r = self.form("ola", "claim", "kveld")
        self.assertEqual(r.status, 200, r.body[:500])
        self.assertIn(b"Done!", r.body)
        self.assertEqual({m["kind"] for m in self.queued_since(before)},
                         {"visits"})
        # A coordinator declines Bingo's give-away: nobody hears either.
        req = [q for q in
               self.ok("GET", "/api/v1/requests?state=open")["requests"]
               if q["slot"] == "bingo"]
        before = self.outbox()
        self.ok("POST", "/api/v1/requests/%s/decline" % req[0]["id"])
        self.assertEqual([m for m in self.queued_since(before)
                          if m["kind"] == "offer"], [])
        # Per follows his mails: his page lists neither, and a claim
        # says plainly, in his language, that the visit is not free.
        page = self.request("GET", "/youth/" + self.page_token("per"),
                            token=False)
        self.assertEqual(page.status, 200)
        self.assertNotIn(b"Kveldskaffe", page.body)
        self.assertNotIn(b"Bingo", page.body)
        for slot in ("kveld", "bingo"):
            r = self.form("per", "claim", slot)
            self.assertEqual(r.status, 409, r.body[:500])
            self.assertIn("dette besøket er fullt, og ingen gir det bort "
                          "nå".encode(), r.body)
        self.assertEqual(
            [a["youth"] for a in self.ok(
                "GET", "/api/v1/assignments?limit=1000")["assignments"]
             if a["slot"] == "kveld" and
             a.get("status", "active") == "active"], ["ola"])


class OfferUnsubscribeTest(OfferMailBase):

    def test_unsubscribing_offers_keeps_the_visit_digests(self):
        n0 = self.collector.count()
        self.give_away("kveld")
        msg = self.offers_to("ola@example.org", n0, "Kveldskaffe")[0]
        path = urllib.parse.urlsplit(
            msg["List-Unsubscribe"].strip("<>")).path
        page = self.request("GET", path, token=None,
                            headers={"Accept-Language": "en"})
        self.assertIn(b"visits given away", page.body)
        r = self.request("POST", path, token=None,
                         raw=b"List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 200, r.body[:300])
        offers = self.give_away("bingo")
        self.assertEqual(sorted(m["recipient"] for m in offers),
                         ["p***@example.org", "t***@example.org"])
        # The other kinds still come.
        before = self.outbox()
        self.assign("quiz", "ola")
        self.assertEqual([(m["kind"], m["recipient"])
                          for m in self.queued_since(before)],
                         [("visits", "o***@example.org")])


class OfferCapTest(OfferMailBase):
    """25 more colleagues who may all take it: 20 are told, the first in
    the order of the coordinators' "who can take it" list (fewest hours
    first: the five with a visit already come last)."""

    def make_instance(self):
        many = [{"id": "c%02d" % i, "name": "Kollega%02d Lie" % i,
                 "birth_date": birth(18), "school": "none",
                 "availability": ANYTIME, "email": "c%02d@example.org" % i}
                for i in range(25)]
        inst = offer_instance(many)
        # Only the colleagues: the others have no address here.
        for y in inst["youths"]:
            if y["id"] in ("ola", "per", "tor", "emil", "sara"):
                del y["email"]
        inst["slots"][0]["needed"] = 5
        inst["assignments"] += [
            {"id": "a-q%d" % i, "slot": "quiz", "youth": "c%02d" % i}
            for i in range(5)]
        return inst

    def test_at_most_twenty_in_rank_order(self):
        offers = self.give_away("kveld")
        self.assertEqual(len(offers), 20)
        self.assertEqual(
            sorted(m["recipient"] for m in offers),
            sorted("c***@example.org" for _ in range(20)))
        told = sorted(r[0] for r in self.db_rows(
            "SELECT recipient_id FROM outbox WHERE kind = 'offer'"))
        self.assertEqual(told, ["c%02d" % i for i in range(5, 25)])


class OfferPurgeTest(OfferMailBase):
    """A youth's purge takes the messages that name them although they
    are not to them: the offers of her visit to colleagues and the new
    request to the home's coordinator (sql/0016_outbox_about.sql)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.daemon.add_user("kari", "coordinator", "solheim")

    def test_the_purge_takes_the_mail_that_names_her(self):
        self.ok("PATCH", "/api/v1/users/kari", {"email": "kari@example.org"})
        offers = self.give_away("kveld")
        self.assertTrue(offers)
        naming = ("SELECT kind FROM outbox WHERE body_text LIKE '%Ida%' "
                  "OR subject LIKE '%Ida%' ORDER BY kind")
        kinds = {k for k, in self.db_rows(naming)}
        self.assertEqual(kinds, {"offer", "request"})
        others = self.db_rows("SELECT count(*) FROM outbox WHERE "
                              "recipient_id != 'ida' AND body_text NOT "
                              "LIKE '%Ida%'")[0][0]
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        self.assertEqual(self.db_rows(naming), [])
        # Nothing else went with it.
        self.assertEqual(self.db_rows(
            "SELECT count(*) FROM outbox WHERE recipient_id != 'ida'")[0][0],
            others)


class FreePlaceOfferTest(OfferMailBase):
    """A sick call with nobody in the youth's place: the free place is
    offered, as a give-away is, to the colleagues who may legally take
    it; with the suggested replacement taken, to nobody."""

    def cancel(self, refill=False):
        before = self.outbox()
        if refill:
            got = self.ok("POST", "/api/v1/assignments/a-kveld/cancel",
                          {"refill": True})
            self.assertIsNotNone(got["replacement"], got)
        else:
            self.ok("POST", "/api/v1/assignments/a-kveld/cancel", raw=b"",
                    content_type=None)
        return [m for m in self.queued_since(before) if m["kind"] == "offer"]

    def test_with_a_replacement_nobody_is_offered_it(self):
        self.assertEqual(self.cancel(refill=True), [])

    def test_a_sick_call_offers_the_free_place(self):
        n0 = self.collector.count()
        offers = self.cancel()
        # Those who may take it (Emil may not, Sara is off, Uten has no
        # address) and not Ida, who cancelled it.
        self.assertEqual(sorted(m["recipient"] for m in offers),
                         ["o***@example.org", "p***@example.org",
                          "t***@example.org"])
        text = self.offers_to("ola@example.org", n0, "Kveldskaffe")[0] \
            .get_body(("plain",)).get_content()
        self.assertIn("Free place: Kveldskaffe at Solheim sykehjem", text)
        self.assertNotIn("Ida", text)
        ptext = self.offers_to("per@example.org", n0, "Kveldskaffe")[0] \
            .get_body(("plain",)).get_content()
        self.assertIn("Ledig plass: Kveldskaffe", ptext)
        # The free place on Per's page, as the mail says.
        page = self.request("GET", "/youth/" + self.page_token("per"),
                            token=False)
        self.assertIn(b"Kveldskaffe", page.body)


class OfferPublishTest(OfferMailBase):
    """Manual publishing: offers follow the published plan, as the youth
    pages show it.  A published visit given away is offered as in
    immediate mode; a draft assignment (not on anyone's page) is not."""

    def setUp(self):
        super().setUp()
        s = self.ok("GET", "/api/v1/settings")
        s.setdefault("options", {})["publish"] = "manual"
        self.ok("PUT", "/api/v1/settings", s)

    def test_offers_follow_the_published_plan(self):
        offers = self.give_away("kveld")
        self.assertEqual(sorted(m["recipient"] for m in offers),
                         ["o***@example.org", "p***@example.org",
                          "t***@example.org"])
        # A draft: Ida on Quiz, not published.  Her give-away of it is
        # written, but her colleagues' pages do not show it, and no
        # mail tells them of it.
        self.assign("quiz", "ida")
        self.assertEqual(self.give_away("quiz"), [])


class NoMailTest(RotadTestCase):
    """Without [mail]: everything works, nothing is queued, and /metrics
    says mail is not configured."""

    def test_without_mail(self):
        self.ok("POST", "/api/v1/import?force=true", instance())
        self.ok("POST", "/api/v1/assignments",
                {"slot": "quiz", "youth": "ida"}, status=201)
        r = self.ok("GET", "/api/v1/outbox")
        self.assertEqual(r, {"configured": False, "messages": []})
        text = self.request("GET", "/metrics").body.decode()
        self.assertIn("\nrotad_mail_configured 0\n", text)
        self.assertIn("\nrotad_outbox_queued 0\n", text)
