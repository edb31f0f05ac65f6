# SPDX-License-Identifier: ISC
"""Hostile and malformed requests against a real rotad (issue 8).

HOSTILE is a table of requests, one row per case: method, path, extra
headers and the raw body, and the answer expected.  Every row that rotad
itself answers must get the right status and a JSON error body
({"error": {"status", "code", "field", "message"}}); a refused write must
leave the stored data exactly as it was; after each row the daemon must
still answer /healthz.

Some requests never reach rotad's code: libevent's evhttp answers them
itself, in HTML, or just closes the connection.  Those rows are marked
LIBEVENT and list the statuses libevent may give (None: it closed the
connection without an answer).  Seen with Debian 12's libevent 2.1.12:
  - a method outside evhttp_set_allowed_methods() (BREW, OPTIONS, TRACE,
    lower-case get)                       -> 501 text/html
  - a request line evhttp cannot parse (junk, HTTP/0.9) -> 400 text/html
  - headers over evhttp_set_max_headers_size() (8 KiB) -> 400 text/html
  - a negative or non-numeric Content-Length -> 400 text/html
  - a Content-Length over evhttp_set_max_body_size() (16 MiB here, far
    above rotad's own 1 MiB JSON limit) -> connection closed, no answer
Everything else, 10 MB bodies included, must be rotad's JSON answer.

After the table: a slow client (a byte a second) and 200 idle connections
must not stop the daemon from answering others quickly, an idle
connection is closed after the configured timeout, SQL metacharacters in
every string field round-trip exactly, and the daemon's resident memory
returns to its baseline after a burst of hostile requests.

Only the Python standard library is used; requests go over raw sockets so
that malformed ones can be sent at all.
"""
import json
import os
import shutil
import socket
import tempfile
import threading
import time
import unittest

import harness
from harness import RotadTestCase, base_instance

LIBEVENT = "libevent"
MiB = 1024 * 1024


def J(obj):
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


def parse_reply(data):
    if not data:
        return Reply(None, [], b"")
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return Reply(None, [], data)
    headers = []
    for ln in lines[1:]:
        k, _, v = ln.decode("latin-1").partition(":")
        headers.append((k.strip(), v.strip()))
    for k, v in headers:
        if k.lower() == "content-length":
            body = body[:int(v)]
    return Reply(status, headers, body)


def raw_http(port, data, timeout=20):
    """Sends raw bytes on a new connection, reads to EOF, parses."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    chunks = []
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while True:
            try:
                b = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not b:
                break
            chunks.append(b)
    finally:
        s.close()
    return parse_reply(b"".join(chunks))


def build_request(method, path, body=None, headers=None, token=None,
                  ctype="application/json"):
    h = [("Host", "127.0.0.1"), ("Connection", "close")]
    if token:
        h.append(("Authorization", "Bearer " + token))
    if body is not None:
        if ctype is not None:
            h.append(("Content-Type", ctype))
        h.append(("Content-Length", str(len(body))))
    for k, v in (headers or []):
        h.append((k, v))
    out = (method + " " + path + " HTTP/1.1\r\n").encode("latin-1")
    for k, v in h:
        out += k.encode("latin-1") + b": " + v.encode("latin-1") + b"\r\n"
    return out + b"\r\n" + (body or b"")


class Case:
    """One row: the request and the answer expected."""

    def __init__(self, what, method, path, body=None, status=400, code=None,
                 field=None, headers=None, ctype="application/json",
                 token=True, raw=None):
        self.what = what
        self.method = method
        self.path = path
        if isinstance(body, (dict, list)):
            body = J(body)
        elif isinstance(body, str):
            body = body.encode("utf-8")
        self.body = body
        self.status = status
        self.code = code
        self.field = field
        self.headers = headers or []
        self.ctype = ctype
        self.token = token
        self.raw = raw      # bytes sent as they are, instead of a request

    @property
    def libevent(self):
        return isinstance(self.status, tuple)


def C(*a, **kw):
    return Case(*a, **kw)


def slot(**kw):
    s = {"home": "lia", "start": "2027-01-06T16:00",
         "end": "2027-01-06T18:00"}
    s.update(kw)
    return s


def youth(**kw):
    y = {"name": "Test Youth", "birth_date": "2010-01-01", "school": "none"}
    y.update(kw)
    return y


def avail(frm, to, days=("mon",)):
    return youth(availability=[{"days": list(days), "from": frm, "to": to}])


IF = "invalid_field"
IJ = "invalid_json"
MF = "missing_field"
UF = "unknown_field"
UR = "unknown_reference"
NF = "not_found"
BR = "bad_request"
TL = "payload_too_large"
UM = "unsupported_media_type"
NA = "method_not_allowed"

DEEP = 100000

HOSTILE = [
    # ---- wrong types ----
    C("name is a number", "POST", "/api/v1/homes", {"name": 5}, 400, IF,
      "name"),
    C("name is a bool", "POST", "/api/v1/homes", {"name": True}, 400, IF,
      "name"),
    C("name is null", "POST", "/api/v1/homes", {"name": None}, 400, IF,
      "name"),
    C("name is an array", "POST", "/api/v1/homes", {"name": ["A"]}, 400, IF,
      "name"),
    C("name is an object", "POST", "/api/v1/homes", {"name": {"a": 1}}, 400,
      IF, "name"),
    C("address is a number", "POST", "/api/v1/homes",
      {"name": "A", "address": 1}, 400, IF, "address"),
    C("id is a number", "POST", "/api/v1/homes", {"id": 7, "name": "A"}, 400,
      IF, "id"),
    C("body is an array", "POST", "/api/v1/homes", [], 400, IF),
    C("body is a string", "POST", "/api/v1/homes", b'"home"', 400, IJ),
    C("body is a number", "POST", "/api/v1/homes", b"42", 400, IJ),
    C("body is null", "POST", "/api/v1/homes", b"null", 400, IJ),
    C("birth_date is a number", "POST", "/api/v1/youths",
      youth(birth_date=20100101), 400, IF, "birth_date"),
    C("school is a number", "POST", "/api/v1/youths", youth(school=1), 400,
      IF, "school"),
    C("skills is a string", "POST", "/api/v1/youths",
      youth(skills="leader"), 400, IF, "skills"),
    C("skills holds a number", "POST", "/api/v1/youths", youth(skills=[1]),
      400, IF, "skills[0]"),
    C("availability is an object", "POST", "/api/v1/youths",
      youth(availability={"days": ["mon"]}), 400, IF, "availability"),
    C("days is a string", "POST", "/api/v1/youths",
      youth(availability=[{"days": "mon", "from": "10:00", "to": "12:00"}]),
      400, IF, "availability[0].days"),
    C("homes is a string", "POST", "/api/v1/youths", youth(homes="lia"), 400,
      IF, "homes"),
    C("max_week_hours is a string", "POST", "/api/v1/youths",
      youth(max_week_hours="6"), 400, IF, "max_week_hours"),
    C("needed is a string", "POST", "/api/v1/slots", slot(needed="2"), 400,
      IF, "needed"),
    C("needed is a fraction", "POST", "/api/v1/slots", slot(needed=1.5), 400,
      IF, "needed"),
    C("needed is 2.0", "POST", "/api/v1/slots", slot(needed=2.0), 400, IF,
      "needed"),
    C("needed is a bool", "POST", "/api/v1/slots", slot(needed=True), 400,
      IF, "needed"),
    C("start is a number", "POST", "/api/v1/slots", slot(start=1), 400, IF,
      "start"),
    C("home is an array", "POST", "/api/v1/slots", slot(home=["lia"]), 400,
      IF, "home"),
    C("requires is an array", "POST", "/api/v1/slots",
      slot(requires=["leader"]), 400, IF, "requires"),
    C("pinned is a string", "POST", "/api/v1/assignments",
      {"slot": "s2", "youth": "ola", "pinned": "true"}, 400, IF, "pinned"),
    C("slot is a number", "POST", "/api/v1/assignments",
      {"slot": 2, "youth": "ola"}, 400, IF, "slot"),
    C("timezone is a number", "PUT", "/api/v1/settings", {"timezone": 1},
      400, IF, "timezone"),
    C("jurisdiction in lower case", "PUT", "/api/v1/settings",
      {"jurisdiction": "no"}, 400, IF, "jurisdiction"),
    C("travel_minutes is a string", "PUT", "/api/v1/settings",
      {"options": {"travel_minutes": "30"}}, 400, IF,
      "options.travel_minutes"),
    C("terms is an object", "PUT", "/api/v1/school-calendar",
      {"terms": {"from": "2027-01-04", "to": "2027-06-18"}}, 400, IF,
      "terms"),
    C("school_hours start is a number", "PUT", "/api/v1/school-calendar",
      {"school_hours": {"start": 815, "end": "14:30"}}, 400, IF,
      "school_hours.start"),
    C("import version is a string", "POST", "/api/v1/import",
      {"version": "1"}, 400, IF, "version"),
    C("import homes is an object", "POST", "/api/v1/import",
      {"version": 1, "homes": {}}, 400, IF, "homes"),
    C("patch body is an array", "PATCH", "/api/v1/homes/lia", [], 400, IF),
    C("unknown field", "POST", "/api/v1/homes", {"name": "A", "colour": 1},
      400, UF, "colour"),
    C("output-only seq", "POST", "/api/v1/assignments",
      {"slot": "s2", "youth": "ola", "seq": 1}, 400, UF, "seq"),
    C("missing name", "POST", "/api/v1/homes", {}, 400, MF, "name"),
    C("missing youth", "POST", "/api/v1/assignments", {"slot": "s2"}, 400,
      MF, "youth"),

    # ---- huge numbers ----
    C("needed 1e30", "POST", "/api/v1/slots", slot(needed=1e30), 400, IF,
      "needed"),
    C("needed 2^63", "POST", "/api/v1/slots",
      b'{"home": "lia", "start": "2027-01-06T16:00", '
      b'"end": "2027-01-06T18:00", "needed": 9223372036854775808}', 400),
    C("needed 2^63-1", "POST", "/api/v1/slots",
      slot(needed=9223372036854775807), 400, IF, "needed"),
    C("needed -2^63", "POST", "/api/v1/slots",
      slot(needed=-9223372036854775808), 400, IF, "needed"),
    C("needed 101", "POST", "/api/v1/slots", slot(needed=101), 400, IF,
      "needed"),
    C("number 1e400 overflows", "POST", "/api/v1/slots",
      b'{"home": "lia", "start": "2027-01-06T16:00", '
      b'"end": "2027-01-06T18:00", "needed": 1e400}', 400, IJ),
    C("min_age 1e10", "POST", "/api/v1/slots", slot(min_age=10000000000),
      400, IF, "min_age"),
    C("min_age 100", "POST", "/api/v1/slots", slot(min_age=100), 400, IF,
      "min_age"),
    C("max_week_hours 1e308", "POST", "/api/v1/youths",
      youth(max_week_hours=1e308), 400, IF, "max_week_hours"),
    C("max_week_hours 169", "POST", "/api/v1/youths",
      youth(max_week_hours=169), 400, IF, "max_week_hours"),
    C("seconds 2^62", "PUT", "/api/v1/settings",
      {"options": {"seconds": 4611686018427387904}}, 400, IF,
      "options.seconds"),
    C("version 2^64", "POST", "/api/v1/import",
      b'{"version": 18446744073709551616}', 400),
    C("limit 10^20", "GET", "/api/v1/homes?limit=100000000000000000000",
      None, 400, IF, "limit"),
    C("limit 1001", "GET", "/api/v1/slots?limit=1001", None, 400, IF,
      "limit"),
    C("limit -1", "GET", "/api/v1/slots?limit=-1", None, 400, IF, "limit"),
    C("limit 1e3", "GET", "/api/v1/slots?limit=1e3", None, 400, IF,
      "limit"),
    # strtol() skips leading blanks and takes a sign: both are refused.
    C("limit with a leading space", "GET", "/api/v1/slots?limit=%2010", None,
      400, IF, "limit"),
    C("limit with a plus sign", "GET", "/api/v1/slots?limit=%2B10", None,
      400, IF, "limit"),

    # ---- negative and zero durations ----
    C("slot of zero length", "POST", "/api/v1/slots",
      slot(end="2027-01-06T16:00"), 400, IF, "end"),
    C("slot ending before it starts", "POST", "/api/v1/slots",
      slot(end="2027-01-06T15:59"), 400, IF, "end"),
    C("slot a year backwards", "POST", "/api/v1/slots",
      slot(end="2026-01-06T18:00"), 400, IF, "end"),
    C("slot of 24h01", "POST", "/api/v1/slots",
      slot(end="2027-01-07T16:01"), 400, IF, "end"),
    C("slot of 25 real hours over the autumn change", "POST",
      "/api/v1/slots", slot(start="2027-10-31T00:00",
                            end="2027-11-01T00:00"), 400, IF, "end"),
    C("needed 0", "POST", "/api/v1/slots", slot(needed=0), 400, IF,
      "needed"),
    C("needed -1", "POST", "/api/v1/slots", slot(needed=-1), 400, IF,
      "needed"),
    C("requires 0", "POST", "/api/v1/slots", slot(requires={"leader": 0}),
      400, IF, "requires.leader"),
    C("requires over needed", "POST", "/api/v1/slots",
      slot(requires={"leader": 2}), 400, IF, "requires.leader"),
    C("min_age -1", "POST", "/api/v1/slots", slot(min_age=-1), 400, IF,
      "min_age"),
    C("availability of zero length", "POST", "/api/v1/youths",
      avail("10:00", "10:00"), 400, IF, "availability[0].to"),
    C("availability backwards", "POST", "/api/v1/youths",
      avail("18:00", "10:00"), 400, IF, "availability[0].to"),
    C("unavailable of zero length", "POST", "/api/v1/youths",
      youth(unavailable=[{"from": "2027-01-06T10:00",
                          "to": "2027-01-06T10:00"}]), 400, IF,
      "unavailable[0].to"),
    C("other_work backwards", "POST", "/api/v1/youths",
      youth(other_work=[{"start": "2027-01-06T10:00",
                         "end": "2027-01-06T09:00"}]), 400, IF,
      "other_work[0].end"),
    C("max_week_hours -1", "POST", "/api/v1/youths",
      youth(max_week_hours=-1), 400, IF, "max_week_hours"),
    C("travel_minutes -5", "PUT", "/api/v1/settings",
      {"options": {"travel_minutes": -5}}, 400, IF,
      "options.travel_minutes"),
    C("term ending before it starts", "PUT", "/api/v1/school-calendar",
      {"terms": [{"from": "2027-06-18", "to": "2027-01-04"}]}, 400, IF,
      "terms[0].to"),
    C("school hours backwards", "PUT", "/api/v1/school-calendar",
      {"school_hours": {"start": "14:30", "end": "08:15"}}, 400, IF,
      "school_hours.end"),
    C("patch a slot to zero length", "PATCH", "/api/v1/slots/s2",
      {"end": "2027-01-05T16:00"}, 400, IF, "end"),

    # ---- impossible dates and times ----
    C("birth date 2027-02-30", "POST", "/api/v1/youths",
      youth(birth_date="2027-02-30"), 400, IF, "birth_date"),
    C("29 February of a common year", "POST", "/api/v1/slots",
      slot(start="2027-02-29T10:00", end="2027-02-29T12:00"), 400, IF,
      "start"),
    C("31 April", "POST", "/api/v1/youths", youth(birth_date="2010-04-31"),
      400, IF, "birth_date"),
    C("month 13", "POST", "/api/v1/youths", youth(birth_date="2010-13-01"),
      400, IF, "birth_date"),
    C("month 00", "POST", "/api/v1/youths", youth(birth_date="2010-00-10"),
      400, IF, "birth_date"),
    C("year 1899", "POST", "/api/v1/youths", youth(birth_date="1899-12-31"),
      400, IF, "birth_date"),
    C("year 2200", "POST", "/api/v1/slots",
      slot(start="2200-01-01T10:00", end="2200-01-01T12:00"), 400, IF,
      "start"),
    C("date without zero padding", "POST", "/api/v1/youths",
      youth(birth_date="2010-1-4"), 400, IF, "birth_date"),
    C("date-time with Z", "POST", "/api/v1/slots",
      slot(start="2027-01-06T16:00Z"), 400, IF, "start"),
    C("date-time with seconds", "POST", "/api/v1/slots",
      slot(start="2027-01-06T16:00:00"), 400, IF, "start"),
    C("date-time with offset", "POST", "/api/v1/slots",
      slot(start="2027-01-06T16:00+01:00"), 400, IF, "start"),
    C("date-time 24:00", "POST", "/api/v1/slots",
      slot(start="2027-01-06T24:00", end="2027-01-07T01:00"), 400, IF,
      "start"),
    C("time 25:00", "POST", "/api/v1/youths", avail("10:00", "25:00"), 400,
      IF, "availability[0].to"),
    C("time 15:60", "POST", "/api/v1/youths", avail("15:60", "18:00"), 400,
      IF, "availability[0].from"),
    C("school hours end 24:00", "PUT", "/api/v1/school-calendar",
      {"school_hours": {"start": "08:00", "end": "24:00"}}, 400, IF,
      "school_hours.end"),
    C("query from 2027-02-30", "GET", "/api/v1/slots?from=2027-02-30", None,
      400, IF, "from"),
    C("query to month 13", "GET", "/api/v1/assignments?to=2027-13-01", None,
      400, IF, "to"),
    C("query from with seconds", "GET",
      "/api/v1/violations?from=2027-01-01T10:00:00", None, 400, IF, "from"),
    C("query from empty", "GET", "/api/v1/slots?from=", None, 400, IF,
      "from"),

    # ---- daylight-saving gaps (Europe/Oslo 2027-03-28 02:00..02:59) ----
    C("slot start in the spring gap", "POST", "/api/v1/slots",
      slot(start="2027-03-28T02:30", end="2027-03-28T04:00"), 400, IF,
      "start"),
    C("slot end in the spring gap", "POST", "/api/v1/slots",
      slot(start="2027-03-28T01:00", end="2027-03-28T02:00"), 400, IF,
      "end"),
    C("other_work in the spring gap", "POST", "/api/v1/youths",
      youth(other_work=[{"start": "2027-03-28T02:15",
                         "end": "2027-03-28T05:00"}]), 400, IF,
      "other_work[0].start"),
    C("patch a slot into the gap", "PATCH", "/api/v1/slots/s3",
      {"start": "2027-03-28T02:59", "end": "2027-03-28T05:00"}, 400, IF,
      "start"),
    C("slot over the spring change (23 real hours) is fine", "POST",
      "/api/v1/slots", slot(id="dst-spring", start="2027-03-28T00:00",
                            end="2027-03-29T00:00"), 201),
    C("slot in the autumn overlap is fine", "POST", "/api/v1/slots",
      slot(id="dst-autumn", start="2027-10-31T02:30",
           end="2027-10-31T03:30"), 201),
    C("a leap day is fine", "POST", "/api/v1/slots",
      slot(id="leap", start="2028-02-29T10:00", end="2028-02-29T12:00"),
      201),

    # ---- NUL bytes, control characters and invalid UTF-8 ----
    C("\\u0000 in a string", "POST", "/api/v1/homes",
      b'{"name": "a\\u0000b"}', 400, IJ),
    C("\\u0000 in a key", "POST", "/api/v1/homes",
      b'{"na\\u0000me": "a"}', 400, IJ),
    C("raw NUL byte in the body", "POST", "/api/v1/homes",
      b'{"name": "a\x00b"}', 400, IJ),
    C("body starting with NUL", "POST", "/api/v1/homes",
      b'\x00{"name": "a"}', 400, IJ),
    C("invalid UTF-8 ff fe", "POST", "/api/v1/homes",
      b'{"name": "\xff\xfe"}', 400, IJ),
    C("overlong UTF-8 for /", "POST", "/api/v1/homes",
      b'{"name": "\xc0\xaf"}', 400, IJ),
    C("UTF-8 of a surrogate", "POST", "/api/v1/homes",
      b'{"name": "\xed\xa0\x80"}', 400, IJ),
    C("lone surrogate escape", "POST", "/api/v1/homes",
      b'{"name": "\\ud800"}', 400, IJ),
    C("truncated UTF-8", "POST", "/api/v1/homes", b'{"name": "\xe2\x80"}',
      400, IJ),
    C("invalid UTF-8 in a key", "POST", "/api/v1/homes",
      b'{"n\xffame": "a"}', 400, IJ),
    C("control character in a name", "POST", "/api/v1/homes",
      {"name": "a\u0001b"}, 400, IF, "name"),
    C("newline in a name", "POST", "/api/v1/homes", {"name": "a\nb"}, 400,
      IF, "name"),
    C("C1 control in an address", "POST", "/api/v1/homes",
      {"name": "A", "address": "x\u0085y"}, 400, IF, "address"),
    C("DEL in an activity", "POST", "/api/v1/slots", slot(activity="a\x7f"),
      400, IF, "activity"),
    C("empty name", "POST", "/api/v1/homes", {"name": ""}, 400, IF, "name"),
    C("name of 501 bytes", "POST", "/api/v1/homes", {"name": "x" * 501},
      400, IF, "name"),
    C("skill of 65 bytes", "POST", "/api/v1/youths",
      youth(skills=["s" * 65]), 400, IF, "skills[0]"),
    C("id of 65 bytes", "POST", "/api/v1/homes",
      {"id": "a" * 65, "name": "A"}, 400, IF, "id"),
    C("UTF-8 BOM before the body", "POST", "/api/v1/homes",
      b'\xef\xbb\xbf{"name": "A"}', 400, IJ),

    # ---- malformed and deeply nested JSON ----
    C("33 levels of arrays", "POST", "/api/v1/import",
      b"[" * 33 + b"]" * 33, 400, IJ),
    C("100000 levels of arrays", "POST", "/api/v1/import",
      b"[" * DEEP + b"]" * DEEP, 400, IJ),
    C("100000 unclosed arrays", "POST", "/api/v1/import", b"[" * DEEP, 400,
      IJ),
    C("10000 levels of objects", "POST", "/api/v1/homes",
      b'{"a":' * 10000 + b"1" + b"}" * 10000, 400, IJ),
    C("deep nesting inside a field", "POST", "/api/v1/homes",
      b'{"name": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400, IJ),
    C("duplicate key", "POST", "/api/v1/homes",
      b'{"name": "A", "name": "B"}', 400, IJ),
    C("trailing garbage", "POST", "/api/v1/homes", b'{"name": "A"} x', 400,
      IJ),
    C("truncated document", "POST", "/api/v1/homes", b'{"name": ', 400, IJ),
    C("single quotes", "POST", "/api/v1/homes", b"{'name': 'A'}", 400, IJ),
    C("NaN", "POST", "/api/v1/slots",
      b'{"home": "lia", "start": "2027-01-06T16:00", '
      b'"end": "2027-01-06T18:00", "needed": NaN}', 400, IJ),
    C("empty body", "POST", "/api/v1/homes", b"", 400, IJ),
    C("whitespace body", "POST", "/api/v1/homes", b"  \r\n ", 400, IJ),

    # ---- big bodies (rotad's limit: 1 MiB, answered in JSON) ----
    C("10 MB body", "POST", "/api/v1/import", b" " * (10 * 1000 * 1000),
      413, TL),
    C("10 MB JSON string", "POST", "/api/v1/homes",
      b'{"name": "' + b"x" * (10 * MiB) + b'"}', 413, TL),
    C("1 MiB + 1 body", "POST", "/api/v1/homes", b" " * (MiB + 1), 413, TL),
    C("10 MB body without a content type", "POST", "/api/v1/homes",
      b"x" * (10 * MiB), 413, TL, ctype=None),
    C("10 MB body on a GET", "GET", "/api/v1/homes", b"x" * (10 * MiB), 200),
    C("Content-Length over 16 MiB (libevent)", "POST", "/api/v1/import",
      raw=b"POST /api/v1/import HTTP/1.1\r\nHost: x\r\n"
          b"Content-Type: application/json\r\n"
          b"Content-Length: 99999999999\r\nConnection: close\r\n\r\n{}",
      status=(413, 400, None)),
    C("negative Content-Length (libevent)", "POST", "/api/v1/homes",
      raw=b"POST /api/v1/homes HTTP/1.1\r\nHost: x\r\n"
          b"Content-Length: -5\r\nConnection: close\r\n\r\n",
      status=(400, 413, None)),
    C("Content-Length not a number (libevent)", "POST", "/api/v1/homes",
      raw=b"POST /api/v1/homes HTTP/1.1\r\nHost: x\r\n"
          b"Content-Length: 1x\r\nConnection: close\r\n\r\n",
      status=(400, 413, None)),

    # ---- header floods ----
    C("2000 headers, 40 KiB (libevent)", "GET", "/healthz",
      headers=[("X-Flood-%d" % i, "y" * 10) for i in range(2000)],
      status=(400, 413, None)),
    C("one 9 KiB header (libevent)", "GET", "/healthz",
      headers=[("X-Big", "z" * 9216)], status=(400, 413, None)),
    C("one 1 MiB header line (libevent)", "GET", "/healthz",
      headers=[("X-Huge", "z" * MiB)], status=(400, 413, None)),
    C("100 small headers are fine", "GET", "/healthz",
      headers=[("X-Ok-%d" % i, "1") for i in range(100)], status=200),
    C("two content types (either may win)", "POST", "/api/v1/homes", {"name": "Two CT"},
      headers=[("Content-Type", "text/plain")], status=(201, 415)),
    C("content type text/plain", "POST", "/api/v1/homes", {"name": "A"},
      415, UM, ctype="text/plain"),
    C("no content type", "POST", "/api/v1/homes", {"name": "A"}, 415, UM,
      ctype=None),
    C("content type application/jsonx", "POST", "/api/v1/homes",
      {"name": "A"}, 415, UM, ctype="application/jsonx"),
    C("content type form", "POST", "/api/v1/homes", b"name=A", 415, UM,
      ctype="application/x-www-form-urlencoded"),
    C("content type with charset is fine", "POST", "/api/v1/homes",
      {"name": "Charset Home"}, 201, ctype="application/json; charset=utf-8"),

    # ---- methods and request lines ----
    C("unknown method (libevent)", "BREW", "/api/v1/homes",
      status=(501, None)),
    C("OPTIONS (libevent)", "OPTIONS", "/api/v1/homes",
      status=(501, None)),
    C("TRACE (libevent)", "TRACE", "/api/v1/homes",
      status=(501, None)),
    C("lower-case method (libevent)", "get", "/healthz",
      status=(400, 405, 501, None)),
    C("garbage request line (libevent)", "GET", "/",
      raw=b"BLAH /\x00 HTTP/9.9\r\n\r\n", status=(400, 501, 505, None)),
    C("HTTP/0.9 style request (libevent)", "GET", "/",
      raw=b"GET /healthz\r\n\r\n", status=(200, 400, None)),
    C("binary junk (libevent)", "GET", "/",
      raw=bytes(range(256)) * 4, status=(400, 501, None)),
    C("PUT on a list", "PUT", "/api/v1/homes", {}, 405, NA),
    C("DELETE on a list", "DELETE", "/api/v1/slots", None, 405, NA),
    C("POST on /healthz", "POST", "/healthz", {}, 405, NA),

    # ---- path tricks ----
    C("dot-dot segment", "GET", "/api/v1/homes/../youths", None, 404, NF),
    C("encoded dot-dot", "GET", "/api/v1/homes/%2e%2e", None, 404, NF),
    C("dot-dot past the root", "GET", "/../../../etc/passwd", None, 404, NF),
    C("encoded slash in an id", "GET", "/api/v1/homes/sol%2Fheim", None, 404,
      NF),
    C("encoded NUL in an id", "GET", "/api/v1/homes/solheim%00", None, 404,
      NF),
    C("bad escape in an id", "GET", "/api/v1/homes/%zz", None, 404, NF),
    C("truncated escape", "GET", "/api/v1/homes/lia%", None, 404, NF),
    C("double slash", "GET", "//api/v1/homes", None, 404, NF),
    C("empty segment inside", "GET", "/api/v1//homes", None, 404, NF),
    C("trailing slashes are fine", "GET", "/api/v1/homes//", None, 200),
    C("upper case path", "GET", "/API/V1/HOMES", None, 404, NF),
    C("extra segment", "GET", "/api/v1/homes/lia/extra", None, 404, NF),
    C("path of 2000 bytes", "GET", "/api/v1/homes/" + "a" * 2000, None, 400,
      BR),
    C("path without leading slash", "GET", "api/v1/homes", None, 400, BR),
    C("absolute-form URI is fine", "GET",
      "http://127.0.0.1/api/v1/homes", None, 200),
    C("fragment in the target", "GET", "/api/v1/homes#x", None, 200),
    C("bad escape in the query", "GET", "/api/v1/homes?limit=%zz", None, 400),
    C("feed token with dot-dot", "GET", "/feeds/..%2F..%2Fetc%2Fpasswd",
      None, 404, NF, token=False),
    C("week page with NUL", "GET", "/homes/abc%00def", None, 404, NF,
      token=False),

    # ---- SQL metacharacters (answered, never interpreted) ----
    C("id with a quote", "POST", "/api/v1/homes",
      {"id": "x'--", "name": "A"}, 400, IF, "id"),
    C("id with a semicolon", "POST", "/api/v1/slots",
      slot(id="s;DROP TABLE slots"), 400, IF, "id"),
    C("home reference with SQL", "POST", "/api/v1/slots",
      slot(home="lia' OR '1'='1"), 400, IF, "home"),
    C("youth reference with SQL", "POST", "/api/v1/assignments",
      {"slot": "s2", "youth": "ola\" OR \"\"=\""}, 400, IF, "youth"),
    C("path id with SQL", "GET",
      "/api/v1/homes/lia%27%20OR%20%271%27%3D%271", None, 404, NF),
    C("delete with SQL in the id", "DELETE",
      "/api/v1/youths/x%27%3B%20DELETE%20FROM%20youths%3B--", None, 404, NF),
    C("query filter with SQL", "GET",
      "/api/v1/slots?home=%27%20OR%201%3D1%20--", None, 200),
    C("cursor with SQL", "GET",
      "/api/v1/homes?cursor=%27%3B%20DROP%20TABLE%20homes%3B--", None, 200),
    C("status with SQL", "GET", "/api/v1/assignments?status=%27%20OR%201--",
      None, 400, IF, "status"),
    C("force with SQL", "POST", "/api/v1/homes?force=%27--", {"name": "F"},
      400, IF, "force"),
    C("timezone with SQL", "PUT", "/api/v1/settings",
      {"timezone": "Europe/Oslo'; --"}, 400, IF, "timezone"),
    C("timezone with a bad character", "PUT", "/api/v1/settings",
      {"timezone": "Euro~pe/Oslo"}, 400, IF, "timezone"),
    C("rule switch with SQL", "PUT", "/api/v1/settings",
      {"rule_options": {"x'; --": True}}, 400, UF, "rule_options.x'; --"),

    # ---- tokens (few rows: 20 bad tokens a minute lock an address out) ----
    C("token with SQL", "GET", "/api/v1/homes", None, 401, "unauthorized",
      token="' OR '1'='1"),
    C("Basic instead of Bearer", "GET", "/api/v1/homes", None, 401,
      "unauthorized", token=False,
      headers=[("Authorization", "Basic YWRtaW46YWRtaW4=")]),
    C("token of 4 KiB", "GET", "/api/v1/homes", None, 401, "unauthorized",
      token="t" * 4096),
]


def request_bytes(case, token):
    if case.raw is not None:
        return case.raw
    tok = None
    if case.token is True:
        tok = token
    elif case.token:
        tok = case.token
    return build_request(case.method, case.path, case.body, case.headers,
                         tok, case.ctype)


class HostileTest(RotadTestCase):

    # A short idle timeout, so that test_idle_timeout is quick.
    daemon_config = "[server]\ntimeout = 4\n"

    def setUp(self):
        self.ok("POST", "/api/v1/import", base_instance())

    def send(self, case):
        return raw_http(self.daemon.port, request_bytes(case, self.api_token))

    def healthz(self, timeout=5):
        t0 = time.monotonic()
        r = raw_http(self.daemon.port,
                     build_request("GET", "/healthz"), timeout=timeout)
        return r, time.monotonic() - t0

    def assert_serving(self, what=""):
        r, secs = self.healthz()
        self.assertEqual(r.status, 200, "daemon stopped serving " + what)
        self.assertLess(secs, 2.0, "slow /healthz " + what)

    def check_case(self, case):
        write = case.method not in ("GET", "HEAD")
        before = self.ok("GET", "/api/v1/export") if write else None
        r = self.send(case)
        if case.libevent:
            # libevent's own answer (HTML) or a closed connection.
            self.assertIn(r.status, case.status, r.body[:300])
        else:
            self.assertEqual(r.status, case.status, r.body[:500])
        if not case.libevent and case.status >= 400:
            self.assertEqual(r.header("Content-Type"), "application/json",
                             r.body[:300])
            e = json.loads(r.body.decode("utf-8"))["error"]
            self.assertEqual(e["status"], case.status)
            self.assertIsInstance(e.get("message"), str)
            if case.code is not None:
                self.assertEqual(e["code"], case.code, e)
            if case.field is not None:
                self.assertEqual(e.get("field"), case.field, e)
        if write and (r.status is None or r.status >= 400):
            self.assertEqual(self.ok("GET", "/api/v1/export"), before,
                             "a refused request changed the data")
        self.assert_serving("after: " + case.what)

    def test_table_size(self):
        self.assertGreaterEqual(len(HOSTILE), 100)
        whats = [c.what for c in HOSTILE]
        self.assertEqual(len(whats), len(set(whats)), "duplicate rows")

    def test_hostile_table(self):
        for case in HOSTILE:
            with self.subTest(case.what):
                self.check_case(case)

    def test_sql_metacharacters_round_trip(self):
        evil = ["'", '"', ";", "--", "%00", "\\", "' OR '1'='1",
                "'; DROP TABLE homes; --", 'Robert"); DROP TABLE youths;--',
                "\\'\\\"%_*?[]{}`$(id)", "a/*b*/c", "ﬁ ✓ 😀 æøå"]
        for i, s in enumerate(evil):
            with self.subTest(s=s):
                text = "x" + s + "y"        # never empty, never bare "--"
                h = self.ok("POST", "/api/v1/homes",
                            {"id": "evil-%d" % i, "name": text,
                             "address": s + " 1"}, status=201)
                got = self.ok("GET", "/api/v1/homes/evil-%d" % i)
                self.assertEqual((got["name"], got["address"]),
                                 (text, s + " 1"))
                self.assertEqual(h["name"], text)
                y = self.ok("POST", "/api/v1/youths",
                            youth(id="evil-y%d" % i, name=text,
                                  skills=[s, text]), status=201)
                got = self.ok("GET", "/api/v1/youths/evil-y%d" % i)
                self.assertEqual(got["name"], text)
                self.assertEqual(sorted(got["skills"]), sorted([s, text]))
                self.assertEqual(y["name"], text)
                self.ok("POST", "/api/v1/slots",
                        slot(id="evil-s%d" % i, activity=text,
                             requires={s: 1}), status=201)
                got = self.ok("GET", "/api/v1/slots/evil-s%d" % i)
                self.assertEqual(got["activity"], text)
                self.assertEqual(got["requires"], {s: 1})
                p = self.ok("PATCH", "/api/v1/homes/evil-%d" % i,
                            {"address": text})
                self.assertEqual(p["address"], text)
                self.assertEqual(
                    self.ok("GET", "/api/v1/homes/evil-%d" % i)["address"],
                    text)
        # And everything survives an export/import round trip.
        first = self.ok("GET", "/api/v1/export")
        self.ok("POST", "/api/v1/import", first)
        self.assertEqual(self.ok("GET", "/api/v1/export"), first)

    def test_slow_client_and_idle_connections(self):
        port = self.daemon.port
        idle = []
        try:
            for _ in range(200):
                idle.append(socket.create_connection(("127.0.0.1", port), 5))
            stop = threading.Event()
            slow_result = {}

            def slow():
                data = build_request("GET", "/healthz")
                s = socket.create_connection(("127.0.0.1", port), 5)
                sent = 0
                try:
                    for b in data[:10]:      # ~10 s, one byte a second
                        if stop.is_set():
                            break
                        s.sendall(bytes([b]))
                        sent += 1
                        time.sleep(1)
                except OSError as e:
                    slow_result["error"] = e
                finally:
                    slow_result["sent"] = sent
                    s.close()

            t = threading.Thread(target=slow, daemon=True)
            t.start()
            deadline = time.monotonic() + 10
            n = 0
            while time.monotonic() < deadline and t.is_alive():
                self.assert_serving("with a slow client and 200 idle "
                                    "connections")
                n += 1
                time.sleep(0.5)
            stop.set()
            t.join(5)
            self.assertGreater(n, 5)
            # Requests on fresh connections still work at full size.
            r = self.send(C("list", "GET", "/api/v1/slots"))
            self.assertEqual(r.status, 200)
        finally:
            for s in idle:
                s.close()
        self.assert_serving("after closing the idle connections")

    def test_idle_timeout_closes(self):
        # timeout = 4 in the config: an idle connection is closed.
        s = socket.create_connection(("127.0.0.1", self.daemon.port), 5)
        try:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # unfinished
            s.settimeout(12)
            t0 = time.monotonic()
            try:
                data = s.recv(4096)
            except ConnectionResetError:
                data = b""
            self.assertLess(time.monotonic() - t0, 11.5)
            # Closed, possibly with libevent's own error answer first.
            self.assertTrue(data == b"" or data.startswith(b"HTTP/1.1 4"),
                            data[:200])
        finally:
            s.close()
        self.assert_serving()

    def test_slow_client_is_cut_off(self):
        # "Seconds a connection may stay idle or slow before it is closed"
        # (rotad.conf): a client trickling its headers a byte a second must
        # not hold the connection much past timeout = 4, or a few thousand
        # such clients hold every file descriptor (slowloris).
        s = socket.create_connection(("127.0.0.1", self.daemon.port), 5)
        data = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 64
        s.settimeout(0.05)
        t0 = time.monotonic()
        closed_after = None
        try:
            for b in data[:12]:
                try:
                    s.sendall(bytes([b]))
                    if s.recv(4096) == b"":
                        closed_after = time.monotonic() - t0
                        break
                except socket.timeout:
                    pass
                except OSError:
                    closed_after = time.monotonic() - t0
                    break
                time.sleep(1)
        finally:
            s.close()
        self.assertIsNotNone(closed_after,
                             "a byte-a-second client kept its connection "
                             "for %.0f s with timeout = 4"
                             % (time.monotonic() - t0))
        self.assertLess(closed_after, 10)
        self.assert_serving()

    def test_memory_back_to_baseline(self):
        pid = self.daemon.proc.pid
        burst = [c for c in HOSTILE
                 if not c.libevent and c.body is not None
                 and len(c.body) >= 1000] + \
                [c for c in HOSTILE if c.what.startswith(("invalid", "\\u"))]
        self.assertGreater(len(burst), 5)

        def run_burst(rounds):
            for _ in range(rounds):
                for c in burst:
                    self.send(c)

        run_burst(1)                    # warm up allocator arenas, caches
        time.sleep(0.5)
        base = harness.vm_rss_kib(pid)
        run_burst(3)
        time.sleep(0.5)
        after = harness.vm_rss_kib(pid)
        limit = 2 * base + 10 * 1024
        if harness.is_asan():
            # ASan's quarantine keeps up to 256 MiB of freed memory.
            limit += harness.ASAN_QUARANTINE_KIB
        self.assertLess(after, limit,
                        "VmRSS %d KiB after the burst, %d KiB before"
                        % (after, base))
        self.assert_serving()


class DescriptorExhaustionTest(unittest.TestCase):
    """More connections than open-file slots: rotad pauses accepting
    (one warning), does not spin or flood its log, keeps its open
    connections, and accepts again once descriptors are free."""

    def test_out_of_descriptors(self):
        import resource
        import subprocess

        tmp = tempfile.mkdtemp(prefix="rota-it-fd-")
        port_file = os.path.join(tmp, "port")
        log = open(os.path.join(tmp, "rotad.log"), "wb")

        def low_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (48, 48))

        proc = subprocess.Popen(
            [harness.ROTAD, "--listen", "127.0.0.1:0", "--db",
             os.path.join(tmp, "rota.db"), "--port-file", port_file,
             "--create"],
            stdout=log, stderr=log, preexec_fn=low_limit)
        socks = []
        try:
            for _ in range(200):
                if os.path.exists(port_file) and os.path.getsize(port_file):
                    break
                time.sleep(0.05)
            port = int(open(port_file).read())
            first = socket.create_connection(("127.0.0.1", port))
            first.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b" 200 ", first.recv(4096))
            for _ in range(80):
                socks.append(socket.create_connection(("127.0.0.1", port)))

            def cpu_seconds():
                with open("/proc/%d/stat" % proc.pid) as f:
                    st = f.read().rsplit(")", 1)[1].split()
                return (int(st[11]) + int(st[12])) / os.sysconf("SC_CLK_TCK")

            c0 = cpu_seconds()
            time.sleep(2)
            spent = cpu_seconds() - c0
            # A busy accept loop burns the whole 2 s; paused, ~nothing.
            self.assertLess(spent, 1.0, "rotad spun while out of fds")
            # The connection it already had still works.
            first.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b" 200 ", first.recv(4096))
            for s in socks:
                s.close()
            socks = []
            time.sleep(0.5)
            late = socket.create_connection(("127.0.0.1", port), timeout=10)
            late.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b" 200 ", late.recv(4096))
            late.close()
            first.close()
        finally:
            for s in socks:
                s.close()
            proc.terminate()
            proc.wait(timeout=20)
            log.close()
        with open(os.path.join(tmp, "rotad.log"), errors="replace") as f:
            text = f.read()
        shutil.rmtree(tmp, ignore_errors=True)
        self.assertEqual(proc.returncode, 0, text[-2000:])
        warnings = [l for l in text.splitlines() if "accept" in l]
        self.assertGreaterEqual(len(warnings), 1, text[-2000:])
        self.assertLessEqual(len(warnings), 3, "\n".join(warnings[:5]))


if __name__ == "__main__":
    unittest.main()
