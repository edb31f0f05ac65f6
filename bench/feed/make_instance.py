#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Writes the feed benchmark's instance to stdout: youth "ida" has 50 visits
inside the feed window (30 days back .. 180 days ahead of today), among
other youths' visits, so her feed is a realistic 50-event youth feed."""
import datetime as dt
import json
import random

rng = random.Random(5)
today = dt.datetime.now(dt.timezone.utc).date()
ANY = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "from": "00:00", "to": "24:00"}]
homes = [{"id": "h%d" % i, "name": "Solheim sykehjem %d" % i,
          "address": "Solveien %d, 0%03d Oslo" % (i + 1, i)} for i in range(8)]
youths = [{"id": "ida", "name": "Ida Nilsen", "birth_date": "2006-03-14",
           "school": "none", "availability": ANY}]
youths += [{"id": "y%d" % i, "name": "Ungdom%d Etternavn" % i,
            "birth_date": "2005-01-01", "school": "none", "availability": ANY}
           for i in range(30)]
slots, assignments = [], []
activities = ["Quiz", "Kaffe og prat", "Tur", "Bingo", "Sang og musikk"]
# Ida: one visit every 4 days from 20 days ago, 16:00-18:00 local.
for k in range(50):
    d = today + dt.timedelta(days=-20 + 4 * k)
    sid = "s%d" % k
    slots.append({"id": sid, "home": "h%d" % (k % 8),
                  "start": "%sT16:00" % d, "end": "%sT18:00" % d,
                  "needed": 2, "activity": activities[k % 5]})
    assignments.append({"slot": sid, "youth": "ida"})
    assignments.append({"slot": sid, "youth": "y%d" % (k % 30)})
# Other visits that are not in Ida's feed.
for k in range(300):
    d = today + dt.timedelta(days=rng.randrange(-25, 175))
    sid = "o%d" % k
    slots.append({"id": sid, "home": "h%d" % rng.randrange(8),
                  "start": "%sT11:00" % d, "end": "%sT13:00" % d,
                  "activity": activities[k % 5]})
    assignments.append({"slot": sid, "youth": "y%d" % rng.randrange(30)})
json.dump({"version": 1, "timezone": "Europe/Oslo", "homes": homes,
           "youths": youths, "slots": slots, "assignments": assignments},
          __import__("sys").stdout, ensure_ascii=False)
