#!/usr/bin/env python3
"""One child per start date 2010-01-01..2026-11-24 with a referral (45 working days), an s47
strategy meeting (15) and a period of care (first review: 20): checks the working-day calendar.
Usage: bank_holiday_probe.py > probe.jsonl ; compare.py probe.jsonl --as-at 2026-11-24 --profile dfe"""
import datetime as dt
import json
import sys

d = dt.date(2010, 1, 1)
i = 0
while d <= dt.date(2026, 11, 24):
    cid = "H%05d" % i
    base = {"child_id": cid, "source": "probe", "occurred_on": d.isoformat()}
    evs = [dict(base, event_id=cid + "-0", type="ChildRegistered", occurred_on="2009-01-01",
                payload={"date_of_birth": "2009-01-01", "sex": "M", "ethnicity": "WBRI"}),
           dict(base, event_id=cid + "-1", type="ChildReferred", payload={}),
           dict(base, event_id=cid + "-2", type="StrategyMeetingHeld", payload={"outcome": "s47_enquiry"})]
    if d.year >= 2018 or d.month in (3, 4, 5, 6, 8, 12):
        evs.append(dict(base, event_id=cid + "-3", type="PeriodOfCareStarted",
                        payload={"legal_status": "C2", "category_of_need": "N1",
                                 "placement": {"placement_type": "U4", "provider": "PR1", "carer_id": "k" + cid}}))
    for e in evs:
        sys.stdout.write(json.dumps(e) + "\n")
    d += dt.timedelta(days=1)
    i += 1
