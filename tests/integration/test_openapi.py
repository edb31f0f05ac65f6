# SPDX-License-Identifier: ISC
"""docs/openapi.json: a valid OpenAPI 3.1 document (checked with Debian's
python3-jsonschema against the OpenAPI Initiative's own schema,
oas-3.1-schema.json beside this file), served as is at
/api/v1/openapi.json, naming every route of the route tables and no
other, and describing the answers rotad really gives: each answer below is
validated against the schema the document gives for its route, method and
status."""
import json
import os
import re
import unittest

import jsonschema

from harness import RotadTestCase, base_instance
from test_docs import normalise, routes_in_source

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DOC_PATH = os.path.join(ROOT, "docs", "openapi.json")

with open(DOC_PATH, encoding="utf-8") as f:
    DOC = json.load(f)
METHODS = ("get", "put", "post", "patch", "delete")


class DocumentTest(unittest.TestCase):

    def test_valid_openapi_3_1(self):
        with open(os.path.join(HERE, "oas-3.1-schema.json")) as f:
            meta = json.load(f)
        v = jsonschema.Draft202012Validator(meta)
        errors = ["%s: %s" % (list(e.path), e.message)
                  for e in v.iter_errors(DOC)]
        self.assertEqual(errors, [])
        self.assertEqual(DOC["openapi"], "3.1.0")
        for name, schema in DOC["components"]["schemas"].items():
            with self.subTest(schema=name):
                jsonschema.Draft202012Validator.check_schema(schema)

    def test_every_ref_resolves(self):
        refs = re.findall(r'"\$ref": "#/([^"]+)"', json.dumps(DOC))
        self.assertGreater(len(refs), 20)
        for ref in set(refs):
            node = DOC
            for part in ref.split("/"):
                self.assertIn(part, node, ref)
                node = node[part]

    def test_every_route_and_only_those(self):
        src = {(m, normalise(p)) for m, p in routes_in_source()}
        self.assertGreater(len(src), 20)
        doc = {(m.upper(), normalise(p)) for p, ops in DOC["paths"].items()
               for m in ops if m in METHODS}
        self.assertEqual(sorted(src - doc), [], "routes missing in openapi.json")
        self.assertEqual(sorted(doc - src), [], "openapi.json paths rotad lacks")

    def test_version_follows_the_project(self):
        with open(os.path.join(ROOT, "CMakeLists.txt")) as f:
            m = re.search(r"project\(rota VERSION ([0-9.]+)", f.read())
        self.assertEqual(DOC["info"]["version"], m.group(1))


def operation(method, path):
    """The document's operation for a concrete request path."""
    path = path.split("?")[0]
    for pattern, ops in DOC["paths"].items():
        rx = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(pattern)) + "$"
        if re.match(rx, path) and method.lower() in ops:
            return ops[method.lower()]
    raise AssertionError("no operation for %s %s" % (method, path))


def response_spec(op, status):
    spec = op["responses"].get(str(status))
    assert spec is not None, "status %d not documented" % status
    if "$ref" in spec:
        spec = DOC["components"]["responses"][spec["$ref"].split("/")[-1]]
    return spec


class AnswersTest(RotadTestCase):

    checked = set()

    def call(self, method, path, body=None, expect=None, **kw):
        r = self.request(method, path, body, **kw)
        if expect is not None:
            self.assertEqual(r.status, expect, r.body[:300])
        op = operation(method, path)
        spec = response_spec(op, r.status)
        content = spec.get("content")
        if not content:
            self.assertEqual(r.body, b"", (method, path, r.status))
            return r
        ctype = r.header("Content-Type").split(";")[0]
        self.assertIn(ctype, content, (method, path, r.status))
        if ctype == "application/json":
            schema = content[ctype]["schema"]
            resolver = jsonschema.RefResolver.from_schema(DOC)
            v = jsonschema.Draft202012Validator(schema, resolver=resolver)
            errors = ["%s: %s" % (list(e.path), e.message)
                      for e in v.iter_errors(r.json())]
            self.assertEqual(errors, [], (method, path, r.status))
        type(self).checked.add((method, op["operationId"], r.status))
        return r

    def test_served_document_is_the_file(self):
        r = self.call("GET", "/api/v1/openapi.json", token=False, expect=200)
        self.assertEqual(r.json(), DOC)

    def test_answers_validate(self):
        c = self.call
        c("GET", "/healthz", token=False, expect=200)
        c("GET", "/api/v1", expect=200)
        c("GET", "/api/v1", token="rota_wrong-token-0123456789", expect=401)
        c("POST", "/api/v1/import?force=true", base_instance(), expect=200)
        settings = c("GET", "/api/v1/settings", expect=200).json()
        c("PUT", "/api/v1/settings", settings, expect=200)
        cal = c("GET", "/api/v1/school-calendar", expect=200).json()
        c("PUT", "/api/v1/school-calendar", cal, expect=200)
        for plural in ("homes", "youths", "slots", "assignments"):
            page = c("GET", "/api/v1/%s?limit=1" % plural, expect=200).json()
            first = page[plural][0]["id"]
            c("GET", "/api/v1/%s/%s" % (plural, first), expect=200)
            c("GET", "/api/v1/%s/no-such-id" % plural, expect=404)
        c("GET", "/api/v1/homes?limit=0", expect=400)
        c("POST", "/api/v1/homes", {"id": "nyhjem", "name": "Nytt hjem"},
          expect=201)
        c("POST", "/api/v1/homes", {"id": "nyhjem", "name": "Igjen"},
          expect=409)
        c("PATCH", "/api/v1/homes/nyhjem", {"address": "Vei 1"}, expect=200)
        c("DELETE", "/api/v1/homes/nyhjem", expect=204)
        c("GET", "/api/v1/violations", expect=200)
        c("GET", "/api/v1/slots/s2/candidates", expect=200)
        c("GET", "/api/v1/slots/s2/candidates?eligible=true&limit=1",
          expect=200)
        c("GET", "/api/v1/slots/nowhere/candidates", expect=404)
        c("GET", "/api/v1/youths/ida/limits?from=2027-01-04&to=2027-01-10",
          expect=200)
        c("GET", "/api/v1/youths/ida/limits?from=monday", expect=400)
        c("GET", "/api/v1/assignments?from=2027-01-01&to=2027-01-31",
          expect=200)
        link = c("POST", "/api/v1/youths/ida/feed", raw=b"",
                 content_type=None, expect=201).json()
        c("GET", "/" + link["url"].split("/", 3)[3], token=False, expect=200)
        c("DELETE", "/api/v1/youths/ida/feed", expect=204)
        home = c("POST", "/api/v1/homes/solheim/feed", raw=b"",
                 content_type=None, expect=201).json()
        c("GET", "/homes/" + home["url"].rsplit("/", 1)[1].replace(".ics", ""),
          token=False, expect=200)
        c("POST", "/api/v1/feed", raw=b"", content_type=None, expect=201)
        c("DELETE", "/api/v1/feed", expect=204)
        c("GET", "/api/v1/youths/ida/export", expect=200)
        export = c("GET", "/api/v1/export", expect=200).json()
        c("POST", "/api/v1/schedule",
          {"from": "2027-01-04", "to": "2027-01-10", "seconds": 1,
           "dry_run": True}, expect=200)
        c("POST", "/api/v1/schedule", {"from": "2027-01-04"}, expect=400)
        a = c("GET", "/api/v1/assignments", expect=200).json()
        aid = a["assignments"][0]["id"]
        c("POST", "/api/v1/assignments/%s/cancel" % aid, raw=b"",
          content_type=None, expect=200)
        c("DELETE", "/api/v1/assignments/%s" % aid, expect=204)
        c("POST", "/api/v1/import?force=true", export, expect=200)
        c("GET", "/metrics", expect=200)
        self.assertGreater(len(self.checked), 35)


if __name__ == "__main__":
    unittest.main()
