# SPDX-License-Identifier: ISC
"""Runs the curl examples of docs/api.md against a real demo rotad.

Every ```sh block in docs/api.md that follows a line

    <!-- example: expect NNN -->          (or: expect NNN error_code)

is an example.  All examples are run in document order, in one bash
process (so a variable set by one example, such as FEED_URL, is there for
the next ones, exactly as for a reader who pastes them into one shell), on
one fresh daemon started with --demo.  Each example must make exactly one
HTTP request with curl, and that request must answer with status NNN (and,
when given, an error body with that "code").

The examples are written for http://127.0.0.1:8080 and $TOKEN; the test
substitutes the daemon's real port and sets TOKEN.  `curl` is wrapped by a
shell function that adds a time limit and reports the status on stderr
(write-out %{stderr}), so the example's own output is left alone.

The test also checks that every route in the daemon's route tables has a
"### METHOD /path" heading in docs/api.md, so a new endpoint cannot go
undocumented.  Only the Python standard library is used.
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import Daemon

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
API_MD = os.path.join(ROOT, "docs", "api.md")
DOC_BASE = "http://127.0.0.1:8080"

MARKER = re.compile(r"^<!-- example: expect (\d{3})(?: ([a-z_]+))? -->$")
STATUS_TAG = "ROTA-DOCS-STATUS"
BLOCK_TAG = "ROTA-DOCS-BLOCK"


class Example:
    def __init__(self, line, status, code, text):
        self.line = line      # 1-based line of the marker in api.md
        self.status = status  # expected HTTP status
        self.code = code      # expected error code, or None
        self.text = text      # the shell text of the block

    def __repr__(self):
        return "api.md:%d (expect %d)" % (self.line, self.status)


def parse_examples(path=None):
    """The examples of api.md, in order; raises ValueError on a marker
    that is not directly followed by a ```sh block."""
    with open(path or API_MD, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i].strip())
        if m is None:
            if lines[i].strip().startswith("<!-- example"):
                raise ValueError("api.md:%d: malformed example marker: %r"
                                 % (i + 1, lines[i]))
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip() == "":
            j += 1
        if j >= len(lines) or lines[j].strip() != "```sh":
            raise ValueError("api.md:%d: example marker not followed by a "
                             "```sh block" % (i + 1))
        k = j + 1
        while k < len(lines) and lines[k].strip() != "```":
            k += 1
        if k >= len(lines):
            raise ValueError("api.md:%d: unterminated ```sh block" % (j + 1))
        out.append(Example(i + 1, int(m.group(1)), m.group(2),
                           "\n".join(lines[j + 1:k])))
        i = k + 1
    return out


def build_script(examples, base):
    """One bash script that runs every example, tagging its output."""
    parts = [
        "curl() {",
        "  command curl --max-time 30 \"$@\" "
        "-w '%%{stderr}\\n%s %%{http_code}\\n'" % STATUS_TAG,
        "}",
    ]
    for n, ex in enumerate(examples):
        tag = "printf '\\n%s %d\\n'" % (BLOCK_TAG, n)
        parts.append(tag)
        parts.append(tag + " >&2")
        parts.append(ex.text.replace(DOC_BASE, base))
    parts.append("printf '\\n%s end\\n'" % BLOCK_TAG)
    parts.append("printf '\\n%s end\\n' >&2" % BLOCK_TAG)
    return "\n".join(parts) + "\n"


def split_blocks(text):
    """{block number: output text} from tagged output."""
    blocks = {}
    cur = None
    buf = []
    for line in text.split("\n"):
        if line.startswith(BLOCK_TAG + " "):
            if cur is not None:
                blocks[cur] = "\n".join(buf)
            word = line.split()[1]
            cur = None if word == "end" else int(word)
            buf = []
        elif cur is not None:
            buf.append(line)
    return blocks


def routes_in_source():
    """(METHOD, path) of every route in daemon/api_*.c, HEAD left out."""
    routes = set()
    # {API_GET | API_HEAD, "/path", handler, flags}; a path followed by
    # anything but a comma is a macro's concatenation, read below.
    entry = re.compile(r"\{\s*((?:API_[A-Z]+\s*\|\s*)*API_[A-Z]+)\s*,\s*"
                       r"\"(/[^\"]*)\"\s*,")
    macro = re.compile(r"ENTITY_ROUTES\(\s*\w+\s*,\s*\"([a-z-]+)\"\s*\)")
    for src in sorted(glob.glob(os.path.join(ROOT, "daemon", "api_*.c"))):
        with open(src, encoding="utf-8") as f:
            text = f.read()
        for methods, path in entry.findall(text):
            for m in re.findall(r"API_([A-Z]+)", methods):
                if m != "HEAD":
                    routes.add((m, path))
        for plural in macro.findall(text):
            base = "/api/v1/" + plural
            routes |= {("GET", base), ("POST", base), ("GET", base + "/:id"),
                       ("PATCH", base + "/:id"), ("DELETE", base + "/:id")}
    return routes


def normalise(path):
    """Parameters as "*" and no ".ics", so ":token" matches "{token}.ics"."""
    path = re.sub(r"\{[^}/]+\}(\.ics)?|:[a-z_]+", "*", path)
    return path.rstrip("/") or "/"


def routes_in_doc(path=None):
    heading = re.compile(r"^###\s+`?(GET|POST|PUT|PATCH|DELETE)\s+(/\S*?)`?"
                         r"\s*$")
    with open(path or API_MD, encoding="utf-8") as f:
        return {(m.group(1), normalise(m.group(2)))
                for m in map(heading.match, f.read().split("\n")) if m}


class DocsTest(unittest.TestCase):

    def test_every_route_is_documented(self):
        src = {(m, normalise(p)) for m, p in routes_in_source()}
        self.assertGreater(len(src), 20, "no routes found in daemon/api_*.c")
        doc = routes_in_doc()
        self.assertEqual(sorted(src - doc), [],
                         "routes without a '### METHOD /path' heading "
                         "in docs/api.md")
        self.assertEqual(sorted(doc - src), [],
                         "headings in docs/api.md for routes rotad lacks")

    def test_examples_run(self):
        examples = parse_examples()
        self.assertGreater(len(examples), 10, "no examples in docs/api.md")
        curl = shutil.which("curl")
        self.assertIsNotNone(curl, "curl is needed (scripts/deps.sh)")

        tmp = tempfile.mkdtemp(prefix="rota-docs-")
        daemon = Daemon(tmp, extra=["--demo"])
        failed = True
        try:
            token = daemon.token("docs")
            daemon.start()
            base = "http://127.0.0.1:%d" % daemon.port
            # No proxy, no user curlrc: only the example's own options.
            env = {k: v for k, v in os.environ.items()
                   if "proxy" not in k.lower()
                   and k not in ("CURL_HOME", "XDG_CONFIG_HOME")}
            env.update(TOKEN=token, NO_PROXY="*", no_proxy="*",
                       LC_ALL="C.UTF-8", HOME=tmp)
            work = os.path.join(tmp, "work")
            os.mkdir(work)
            script = os.path.join(tmp, "examples.sh")
            with open(script, "w", encoding="utf-8") as f:
                f.write(build_script(examples, base))
            run = subprocess.run(["bash", "--noprofile", "--norc", script],
                                 cwd=work, env=env, capture_output=True,
                                 timeout=600)
            out = split_blocks(run.stdout.decode("utf-8", "replace"))
            err = split_blocks(run.stderr.decode("utf-8", "replace"))
            dump = os.environ.get("ROTA_DOCS_DUMP")
            if dump:
                with open(dump, "w", encoding="utf-8") as f:
                    for n, ex in enumerate(examples):
                        f.write("==== %r\n%s\n---- stdout\n%s\n---- stderr\n"
                                "%s\n" % (ex, ex.text, out.get(n, ""),
                                          err.get(n, "")))
            self.assertIn("end", run.stdout.decode("utf-8", "replace")
                          .split(BLOCK_TAG)[-1], "the examples did not all "
                          "run:\n" + run.stderr.decode("utf-8", "replace"))
            for n, ex in enumerate(examples):
                with self.subTest(example=repr(ex)):
                    statuses = re.findall(r"^%s (\d{3})$" % STATUS_TAG,
                                          err.get(n, ""), re.M)
                    detail = "\n%s\n-- output:\n%s\n-- stderr:\n%s" % (
                        ex.text, out.get(n, "")[:1500],
                        err.get(n, "")[:1500])
                    self.assertEqual(len(statuses), 1,
                                     "an example must make exactly one "
                                     "curl request" + detail)
                    self.assertEqual(int(statuses[0]), ex.status, detail)
                    if ex.code is not None:
                        self.assertRegex(out.get(n, ""),
                                         r'"code":\s*"%s"' % ex.code, detail)
            failed = False
        finally:
            rc = daemon.stop()
            if failed or rc not in (0, None):
                print("---- rotad log ----\n" + daemon.read_log())
            shutil.rmtree(tmp, ignore_errors=True)
        self.assertIn(rc, (0, None), "rotad exited with %s" % rc)


if __name__ == "__main__":
    unittest.main()
