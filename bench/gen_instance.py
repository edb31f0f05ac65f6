#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""This file contains the instance generator for the solver benchmark.

    gen_instance.py PRESET [--variant realistic|scarce] [--seed N] [-o FILE]

Presets (homes, youths, weeks): tiny (3, 12, 1), small (8, 40, 2),
city (40, 300, 4), region (200, 2000, 4), nation (1000, 20000, 4).

Homes are in regions (issues 15 and 19), in runs of neighbouring homes:
tiny 1, small 2, city 4 (10 homes each), region 4 (50 each), nation 20
(50 each).  Regions draw nothing random: every other field is as before.

The instances look like the real thing: Norwegian rules (NO, Europe/Oslo),
a school term with a winter holiday week inside the four-week horizons,
lesson hours on school days, youths aged 14-19 (some turn 15, 16 or 18
inside the horizon), compulsory pupils, secondary pupils and school
leavers, guardian consent (a few missing or late), weekly availability
windows, unavailable days, other jobs, personal weekly caps, allowed homes
near where the youth lives, leaders, weekday afternoon visits, Saturday
and Sunday visits, late visits (19:00-22:00, which only adults may take)
and visits for 16+ only.  "scarce" asks for about half again as many
positions, so full coverage is impossible.  Output is deterministic for a
preset, variant and seed.

--shapes adds the shapes real homes produce that the plain presets lack
(issue 20), drawn from a random stream of their own so that the plain
presets stay the same: back-to-back Saturday visits at one home
(10:00-12:30 + 12:30-15:00, 10:00-13:00 + 13:00-15:00), overlapping
visits, chains of three to six 1 h 30 visits (past 4 h 30 and 8 h) in
the holiday week, visits across midnight, visits around the DST changes
(Europe/Oslo, 27-28 March and 30-31 October 2027), visits ending exactly
at 20:00, 21:00 and 23:00 and starting at 06:00, other_work next to or
between visits, and a travel time of 30 minutes between homes.
"""
import argparse
import datetime as dt
import json
import random
import sys

PRESETS = {
    "tiny": (3, 12, 1),
    "small": (8, 40, 2),
    "city": (40, 300, 4),
    "region": (200, 2000, 4),
    "nation": (1000, 20000, 4),
}

REGIONS = {"tiny": 1, "small": 2, "city": 4, "region": 4, "nation": 20}
REGION_NAMES = ["Oslo", "Vest", "Nord", "Midt", "Agder", "Innlandet",
                "Rogaland", "Vestfold", "Telemark", "Buskerud", "Akershus",
                "Østfold", "Trøndelag", "Nordland", "Troms", "Finnmark",
                "Hordaland", "Sogn", "Møre", "Romsdal"]

START = dt.date(2027, 2, 8)  # a Monday; the winter holiday is 22-26 Feb
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FIRST = ["Ida", "Nora", "Emma", "Sara", "Leah", "Maja", "Ella", "Sofie",
         "Jakob", "Emil", "Noah", "Oliver", "Filip", "Lucas", "Liam", "Aksel",
         "Ingrid", "Tiril", "Sander", "Magnus", "Jonas", "Henrik", "Vilde"]
LAST = ["Nilsen", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen",
        "Pedersen", "Berg", "Haugen", "Dahl", "Lie", "Moen", "Bakke"]
ACTIVITIES = ["Quiz", "Walk", "Games", "Reading", "Music", "Baking",
              "Conversation", "Crafts"]


def hm(minutes):
    return "%02d:%02d" % (minutes // 60, minutes % 60)


def stamp(day, minutes):
    return "%sT%s" % (day.isoformat(), hm(minutes))


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def shape_slots(rnd, nhomes, horizon, scale, first_sn):
    """Extra visits with the shapes of --shapes; returns the slot list."""
    slots = []
    sn = first_sn

    def add(h, start, end, need=None):
        nonlocal sn
        sn += 1
        needed = need if need is not None else 1 + (
            1 if rnd.random() < 0.45 * scale else 0)
        slots.append({"id": "s%d" % sn, "home": "h%d" % (h + 1),
                      "start": start, "end": end, "needed": needed,
                      "activity": rnd.choice(ACTIVITIES)})

    sats = [d for d in horizon if d.weekday() == 5]
    suns = [d for d in horizon if d.weekday() == 6]
    holiday = [d for d in horizon if dt.date(2027, 2, 22) <= d <=
               dt.date(2027, 2, 26)]
    dst = [dt.date(2027, 3, 27), dt.date(2027, 3, 28),
           dt.date(2027, 10, 30), dt.date(2027, 10, 31)]
    for h in range(nhomes):
        kind = rnd.random()
        # Back-to-back Saturday visits at one home.
        if kind < 0.6:
            split = rnd.choice([12 * 60 + 30, 13 * 60])
            for d in sats:
                add(h, stamp(d, 10 * 60), stamp(d, split))
                add(h, stamp(d, split), stamp(d, 15 * 60))
        # Overlapping Sunday visits.
        if rnd.random() < 0.3:
            for d in suns:
                add(h, stamp(d, 14 * 60), stamp(d, 16 * 60))
                add(h, stamp(d, 15 * 60), stamp(d, 17 * 60))
        # Chains of 1 h 30 visits in the holiday week (3 = 4 h 30,
        # 4 = 6 h, 6 = 9 h).
        if holiday and rnd.random() < 0.4:
            d = rnd.choice(holiday)
            n = rnd.choice([3, 4, 6])
            t = 9 * 60
            for _ in range(n):
                add(h, stamp(d, t), stamp(d, t + 90))
                t += 90
        # Evening visits ending exactly at a night-work boundary, and a
        # morning one starting at 06:00.
        if rnd.random() < 0.3:
            d = rnd.choice(horizon)
            end = rnd.choice([20 * 60, 21 * 60, 23 * 60])
            add(h, stamp(d, end - 120), stamp(d, end))
            add(h, stamp(d + dt.timedelta(days=1), 6 * 60),
                stamp(d + dt.timedelta(days=1), 8 * 60))
        # Across midnight.
        if rnd.random() < 0.1:
            d = rnd.choice(horizon)
            add(h, stamp(d, 22 * 60),
                stamp(d + dt.timedelta(days=1), 60), 1)
        # Around the DST changes: evening, night across the change (not
        # starting or ending in the gap or the repeated hour), morning.
        if rnd.random() < 0.15:
            for d in dst:
                add(h, stamp(d, 10 * 60), stamp(d, 12 * 60 + 30))
                add(h, stamp(d, 12 * 60 + 30), stamp(d, 15 * 60))
                add(h, stamp(d, 18 * 60), stamp(d, 20 * 60))
            add(h, stamp(dst[0], 23 * 60), stamp(dst[1], 4 * 60), 1)
            add(h, stamp(dst[1], 6 * 60), stamp(dst[1], 8 * 60))
            add(h, stamp(dst[2], 23 * 60), stamp(dst[3], 1 * 60 + 30), 1)
            add(h, stamp(dst[3], 6 * 60), stamp(dst[3], 8 * 60))
    return slots


def shape_youth(rnd, y, horizon):
    """--shapes: wider availability, other_work next to or between
    visits."""
    y["availability"].append({"days": ["sat", "sun"], "from": "06:00",
                              "to": "23:00"})
    if rnd.random() < 0.3:
        y["availability"].append({"days": DAYS[:5], "from": "06:00",
                                  "to": "23:00"})
    if rnd.random() < 0.25:
        d = rnd.choice([x for x in horizon if x.weekday() == 5])
        a, b = rnd.choice([(8 * 60, 10 * 60), (12 * 60 + 30, 13 * 60),
                           (13 * 60, 13 * 60 + 30), (15 * 60, 16 * 60)])
        y.setdefault("other_work", []).append(
            {"start": stamp(d, a), "end": stamp(d, b)})


def generate(preset, variant, seed, shapes=False):
    nhomes, nyouths, weeks = PRESETS[preset]
    rnd = random.Random("%s/%s/%d" % (preset, variant, seed))
    horizon = [START + dt.timedelta(days=i) for i in range(7 * weeks)]
    end = horizon[-1]

    nreg = REGIONS[preset]
    homes = [{"id": "h%d" % (i + 1), "name": "Home %d" % (i + 1),
              "address": "Street %d, Town" % (i + 1),
              "region": REGION_NAMES[i * nreg // nhomes]}
             for i in range(nhomes)]

    youths = []
    for i in range(nyouths):
        # Age on START 14..19; about one in six has a birthday inside the
        # horizon (for the first weeks that is 15, 16 or 18 mostly).
        age = rnd.choice([14, 14, 15, 15, 16, 16, 17, 17, 18, 19])
        if rnd.random() < 0.17:
            b = START + dt.timedelta(days=rnd.randrange(len(horizon)))
            birth = years_before(b, age + 1)
        else:
            back = rnd.randrange(0, 365 - len(horizon))
            birth = years_before(START - dt.timedelta(days=back), age)
        if age <= 15:
            school = "compulsory"
        elif age <= 18:
            school = "secondary" if rnd.random() < 0.9 else "none"
        else:
            school = "none" if rnd.random() < 0.6 else "secondary"
        y = {"id": "y%d" % (i + 1),
             "name": "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)),
             "birth_date": birth.isoformat(), "school": school}
        r = rnd.random()
        if r < 0.04:
            pass  # no consent on file
        elif r < 0.07:
            y["guardian_consent"] = (START + dt.timedelta(
                days=rnd.randrange(1, 10))).isoformat()
        else:
            y["guardian_consent"] = (START - dt.timedelta(
                days=rnd.randrange(10, 300))).isoformat()
        if age >= 16 and rnd.random() < 0.25:
            y["skills"] = ["leader"]
        avail = []
        wd = sorted(rnd.sample(range(5), rnd.randint(1, 4)))
        avail.append({"days": [DAYS[d] for d in wd],
                      "from": hm(rnd.choice([14 * 60 + 30, 15 * 60, 16 * 60])),
                      "to": hm(rnd.choice([19 * 60, 20 * 60, 21 * 60,
                                           22 * 60]))})
        we = [d for d in (5, 6) if rnd.random() < 0.6]
        if we:
            avail.append({"days": [DAYS[d] for d in we],
                          "from": hm(rnd.choice([9 * 60, 10 * 60])),
                          "to": hm(rnd.choice([16 * 60, 18 * 60, 22 * 60]))})
        # In the holiday week some are free in the daytime too.
        y["availability"] = avail
        un = []
        if rnd.random() < 0.25:
            d = rnd.choice(horizon)
            n = rnd.randint(1, 4)
            un.append({"from": stamp(d, 0),
                       "to": stamp(d + dt.timedelta(days=n), 0)})
        if un:
            y["unavailable"] = un
        if rnd.random() < 0.1:
            d = rnd.choice([x for x in horizon if x.weekday() == 5])
            y["other_work"] = [{"start": stamp(d, 10 * 60),
                                "end": stamp(d, 14 * 60)}]
        if rnd.random() < 0.2:
            y["max_week_hours"] = rnd.choice([4, 6, 8])
        # Homes near where the youth lives: a few neighbours on a line.
        c = rnd.randrange(nhomes)
        k = min(nhomes, rnd.randint(2, 4))
        first = max(0, min(nhomes - k, c - k // 2))
        y["homes"] = ["h%d" % (j + 1) for j in range(first, first + k)]
        youths.append(y)

    slots = []
    sn = 0
    scale = 1.5 if variant == "scarce" else 1.0
    for h in range(nhomes):
        # Each home has its own weekly pattern.
        wdays = sorted(rnd.sample(range(5), rnd.randint(1, 3)))
        sat = rnd.random() < 0.7
        sun = rnd.random() < 0.3
        late = rnd.random() < 0.3
        for day in horizon:
            wdn = day.weekday()
            kinds = []
            if wdn in wdays:
                kinds.append((rnd.choice([15 * 60 + 30, 16 * 60, 17 * 60]),
                              120))
            if wdn == 5 and sat:
                kinds.append((rnd.choice([10 * 60, 11 * 60]), 180))
            if wdn == 6 and sun:
                kinds.append((13 * 60, 120))
            if late and wdn == 3:
                kinds.append((19 * 60, 180))
            for start, length in kinds:
                sn += 1
                needed = 1 + (1 if rnd.random() < 0.45 * scale else 0) + \
                    (1 if rnd.random() < 0.15 * scale else 0)
                if scale > 1 and rnd.random() < 0.3:
                    needed += 1
                s = {"id": "s%d" % sn, "home": "h%d" % (h + 1),
                     "start": stamp(day, start),
                     "end": stamp(day, start + length),
                     "needed": needed, "activity": rnd.choice(ACTIVITIES)}
                if rnd.random() < 0.1:
                    s["min_age"] = 16
                if needed >= 2 and rnd.random() < 0.3:
                    s["requires"] = {"leader": 1}
                slots.append(s)

    if shapes:
        srnd = random.Random("shapes/%s/%s/%d" % (preset, variant, seed))
        for y in youths:
            shape_youth(srnd, y, horizon)
        slots += shape_slots(srnd, nhomes, horizon, scale, sn)

    return {
        "version": 1,
        "jurisdiction": "NO",
        "timezone": "Europe/Oslo",
        "rule_options": {"care_exemption_12_9g": False},
        "school_calendar": {
            "terms": [{"from": "2026-08-17", "to": "2026-12-18"},
                      {"from": "2027-01-04", "to": "2027-06-18"}],
            "holidays": [{"from": "2027-02-22", "to": "2027-02-26"}],
            "school_hours": {"start": "08:15", "end": "14:30"}},
        "public_holidays": ["2027-03-25", "2027-03-26"],
        "homes": homes,
        "youths": youths,
        "slots": slots,
        "assignments": [],
        "options": {"travel_minutes": 30, "seconds": 5},
    }


def with_calendars(doc, n):
    """The same instance in format version 2 with n school calendars: the
    default (the version 1 calendar) and n - 1 more whose winter holiday is
    a week later each (week 8, 9, 10, ...), the youths spread over them in
    turn and the homes too (issue 15).  Same random draws, so the plan of
    the youths and homes on the default calendar are the version 1 ones."""
    cal = doc.pop("school_calendar")
    cals = [dict(cal, id="c1", default=True)]
    for k in range(1, n):
        hol = []
        for r in cal["holidays"]:
            a = dt.date.fromisoformat(r["from"]) + \
                dt.timedelta(days=7 * k)
            b = dt.date.fromisoformat(r["to"]) + \
                dt.timedelta(days=7 * k)
            hol.append({"from": a.isoformat(), "to": b.isoformat()})
        cals.append(dict(cal, id="c%d" % (k + 1), holidays=hol))
    out = {}
    for key, v in doc.items():
        if key == "version":
            out[key] = 2
        elif key == "rule_options":
            out[key] = v
            out["school_calendars"] = cals
        else:
            out[key] = v
    for i, y in enumerate(out["youths"]):
        if i % n:
            y["school_calendar"] = "c%d" % (i % n + 1)
    for i, h in enumerate(out["homes"]):
        if i % n:
            h["school_calendar"] = "c%d" % (i % n + 1)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("preset", choices=sorted(PRESETS))
    ap.add_argument("--variant", choices=["realistic", "scarce"],
                    default="realistic")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shapes", action="store_true",
                    help="add the shapes of issue 20 (see above)")
    ap.add_argument("--calendars", type=int, default=1,
                    help="N > 1: format version 2 with N school calendars")
    ap.add_argument("-o", "--out")
    a = ap.parse_args()
    doc = generate(a.preset, a.variant, a.seed, a.shapes)
    if a.calendars > 1:
        doc = with_calendars(doc, a.calendars)
    text = json.dumps(doc, indent=None, separators=(",", ":"))
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
