#!/usr/bin/env python3
"""Independent implementation of /work/shared/METRICS.md (scorecard subset + trackers).

Usage: metrics_oracle.py EVENTS.jsonl --as-at YYYY-MM-DD [--profile dfe|count-same-carer]
                         [--report scorecard|trackers] [--due-soon-days 14]
Standard library only. Written from METRICS.md / EVENTS.md without reading the product.
"""
import argparse
import calendar
import datetime as dt
import json
import sys

D = dt.date
ONE = dt.timedelta(days=1)
V_SB = {"V3", "V4"}
TEMP = {"T0", "T1", "T2", "T3", "T4"}
ADOPT = {"A3", "A4", "A5", "A6"}
FOSTER_ADOPT = {"A3", "A5"}
DISRUPT = {"CREQB", "CREQO", "ALLEG", "STAND"}


def pd(s):
    return D.fromisoformat(s) if s else None


def add_months(d, n):
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    last = calendar.monthrange(y, m)[1]
    return D(y, m, min(d.day, last))


def add_years(d, n):
    return add_months(d, 12 * n)


# ---------------------------------------------------------------- bank holidays
def easter(y):
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return D(y, month, day)


def first_monday(y, m):
    d = D(y, m, 1)
    while d.weekday() != 0:
        d += ONE
    return d


def last_monday(y, m):
    d = D(y, m, calendar.monthrange(y, m)[1])
    while d.weekday() != 0:
        d -= ONE
    return d


def bank_holidays():
    out = set()
    for y in range(2010, 2031):
        nyd = D(y, 1, 1)
        if nyd.weekday() == 5:
            nyd = D(y, 1, 3)
        elif nyd.weekday() == 6:
            nyd = D(y, 1, 2)
        out.add(nyd)
        e = easter(y)
        out.add(e - 2 * ONE)
        out.add(e + ONE)
        # early May
        if y == 2020:
            out.add(D(2020, 5, 8))
        else:
            out.add(first_monday(y, 5))
        # spring
        if y == 2012:
            out.add(D(2012, 6, 4))
        elif y == 2022:
            out.add(D(2022, 6, 2))
        else:
            out.add(last_monday(y, 5))
        out.add(last_monday(y, 8))
        xmas, box = D(y, 12, 25), D(y, 12, 26)
        wd = xmas.weekday()
        if wd < 4:  # Mon-Thu
            out |= {xmas, box}
        elif wd == 4:  # Fri -> Boxing Sat -> Mon 28
            out |= {xmas, D(y, 12, 28)}
        elif wd == 5:  # Sat -> Mon 27, Tue 28
            out |= {D(y, 12, 27), D(y, 12, 28)}
        else:  # Sun -> Boxing Mon 26, Christmas Tue 27
            out |= {D(y, 12, 26), D(y, 12, 27)}
    out |= {D(2011, 4, 29), D(2012, 6, 5), D(2022, 6, 3), D(2022, 9, 19), D(2023, 5, 8)}
    return out


BH = bank_holidays()


def add_wd(d, n):
    while n > 0:
        d += ONE
        if d.weekday() < 5 and d not in BH:
            n -= 1
    return d


# ---------------------------------------------------------------- loading
def load_events(path):
    evs = []
    with open(path) as f:
        for i, line in enumerate(f):
            line = line.strip()
            if not line:
                continue
            e = json.loads(line)
            e["_idx"] = i
            evs.append(e)
    seen = set()
    uniq = []
    for e in evs:
        if e["event_id"] in seen:
            continue
        seen.add(e["event_id"])
        uniq.append(e)
    byid = {e["event_id"]: e for e in uniq}
    # retraction: effective unless itself retracted by an effective retraction
    retractors = {}
    for e in uniq:
        if e["type"] == "EventRetracted":
            t = e["payload"].get("target_event_id")
            if t in byid and byid[t]["child_id"] == e["child_id"]:
                retractors.setdefault(t, []).append(e["event_id"])
    memo = {}

    def retracted(eid, depth=0):
        if eid in memo:
            return memo[eid]
        if depth > 50:
            return False
        r = any(not retracted(r_id, depth + 1) for r_id in retractors.get(eid, []))
        memo[eid] = r
        return r

    out = [e for e in uniq if e["type"] != "EventRetracted" and not retracted(e["event_id"])]
    children = {}
    for e in out:
        e["_d"] = pd(e["occurred_on"])
        children.setdefault(e["child_id"], []).append(e)
    for cid in children:
        children[cid].sort(key=lambda e: (e["_d"], e["_idx"]))
    return children


# ---------------------------------------------------------------- child model
END_EVENTS = {"AdoptionOrderGranted", "SpecialGuardianshipOrderGranted",
              "ChildArrangementsOrderGranted", "PeriodOfCareEnded"}
SGO = {"former_foster_carer_relative_or_friend": "E45", "former_foster_carer_other": "E46",
       "other_relative_or_friend": "E47", "other": "E48"}


def pl_key(p):
    return (p.get("placement_type"), p.get("provider"), p.get("carer_id"))


class Period:
    def __init__(self, start, ls, pl):
        self.start = start
        self.end = None
        self.reason = None
        self.snaps = [[start, ls, pl]]  # day-collapsed episodes
        self.first_ls = ls  # legal status of the first (possibly same-day) episode
        self.events = []
        self.moves = []  # (date, reason_previous_ended, new placement)

    def episodes(self):
        eps = [s for s in self.snaps if self.end is None or s[0] < self.end]
        if not eps:
            eps = self.snaps[:1]
        return eps


class Child:
    def __init__(self, cid, events, as_at):
        self.cid = cid
        self.dob = None
        self.periods = []
        self.events = [e for e in events if e["_d"] <= as_at]
        cur = None
        for e in self.events:
            t, p, d = e["type"], e["payload"], e["_d"]
            if t == "ChildRegistered":
                self.dob = pd(p.get("date_of_birth"))
                continue
            if t == "PeriodOfCareStarted":
                cur = Period(d, p.get("legal_status"), dict(p.get("placement") or {}))
                cur.events.append(e)
                self.periods.append(cur)
                continue
            if cur is None:
                continue
            cur.events.append(e)
            ls, pl = cur.snaps[-1][1], cur.snaps[-1][2]
            if t == "LegalStatusChanged":
                ls = p.get("legal_status")
            elif t == "CareOrderMade":
                ls = p.get("legal_status")
            elif t == "PlacementOrderMade":
                ls = "E1"
            elif t in ("PlacementMoved", "PlacedForAdoption"):
                pl = dict(p.get("placement") or {})
                cur.moves.append((d, p.get("reason_previous_ended"), pl))
            elif t in END_EVENTS:
                if t == "AdoptionOrderGranted":
                    cur.reason = "E12" if p.get("consent") == "dispensed_with" else "E11"
                elif t == "SpecialGuardianshipOrderGranted":
                    cur.reason = SGO.get(p.get("carer"), "E48")
                elif t == "ChildArrangementsOrderGranted":
                    cur.reason = "E41"
                else:
                    cur.reason = p.get("reason")
                cur.end = d
                cur.last_ls = cur.snaps[-1][1]  # legal status of the last (possibly same-day) episode
                cur = None
                continue
            else:
                continue
            last = cur.snaps[-1]
            if last[0] == d:
                last[1], last[2] = ls, pl
                if len(cur.snaps) >= 2 and cur.snaps[-2][1] == ls and pl_key(cur.snaps[-2][2]) == pl_key(pl):
                    cur.snaps.pop()
            elif last[1] != ls or pl_key(last[2]) != pl_key(pl):
                cur.snaps.append([d, ls, pl])
        self.open = cur

    # period open at as_at (not ended on or before)
    def current_period(self):
        return self.open

    def ls_at(self):
        if self.open is None:
            return None
        return self.open.episodes()[-1][1]

    def looked_after(self):
        return self.open is not None and self.ls_at() not in V_SB


def spells(period, profile):
    """Placements (per profile) of one period: list of dicts start, end(None=open), carer, eps."""
    eps = period.episodes()
    res = []
    cur = None
    prev_temp = False
    last_norm = None
    brk = None  # the day a short break began: V3/V4 days are never placement days, and the
    # placement goes on if the child comes back to the same carer (RNE L both ways)
    for (d, ls, pl) in eps:
        if period.end is not None and d >= period.end:
            break
        t = pl.get("placement_type")
        if ls in V_SB:
            if cur is not None and brk is None:
                brk = d
            prev_temp = False
            continue
        if t in TEMP:
            # rule B: a temporary placement is never a placement of its own; one that
            # interrupts nothing (first placement of the period) belongs to no placement
            if cur is not None:
                cur["eps"].append((d, ls, pl))
            prev_temp = True
            continue
        same = cur is not None and pl.get("carer_id") == cur["carer"] and not cur.get("temp_only")
        cont = False
        if same:
            if profile == "dfe" or prev_temp:
                cont = True
            else:
                changed = last_norm is not None and (last_norm.get("placement_type"), last_norm.get("provider")) != (t, pl.get("provider"))
                cont = (not changed) or t in FOSTER_ADOPT
        if cont:
            cur["eps"].append((d, ls, pl))
        else:
            if cur:
                cur["end"] = brk if brk is not None else d
                res.append(cur)
            cur = {"start": d, "end": None, "carer": pl.get("carer_id"), "eps": [(d, ls, pl)]}
        brk = None
        prev_temp = False
        last_norm = pl
    if cur:
        cur["end"] = brk if brk is not None else period.end
        res.append(cur)
    return [s for s in res if s["end"] is None or s["end"] > s["start"]]


def all_spells(child, profile):
    out = []
    for p in child.periods:
        out.extend(spells(p, profile))
    return out


def year_start(as_at, years=1):
    return add_years(as_at, -years) + ONE


def placements_in_window(child, profile, ws, we):
    return [s for s in all_spells(child, profile)
            if s["start"] <= we and (s["end"] is None or s["end"] > ws)]


def current_norm_placement(period):
    """the non-temporary placement the child is in at the end of the episodes (interrupted one if temp)."""
    for (d, ls, pl) in reversed(period.episodes()):
        if pl.get("placement_type") not in TEMP:
            return pl
    return None


def lts(child, as_at, profile):
    """returns (in_cohort, in_numerator, cohort_entry_date)"""
    if not child.looked_after() or child.dob is None:
        return False, False
    b16 = add_years(child.dob, 16)
    if as_at >= b16:
        return False, False
    p = child.open
    eff = None
    for (d, ls, pl) in p.episodes():
        if ls not in V_SB:
            eff = d
            break
    if eff is None or eff > add_months(as_at, -30):
        return False, False
    sp = spells(p, profile)
    if not sp:
        return True, False
    curp = sp[-1]
    limit = add_years(as_at, -2)
    if curp["start"] <= limit:
        return True, True
    norm = current_norm_placement(p)
    if norm and norm.get("placement_type") in ADOPT:
        # start of current run of adoptive episodes (ignoring temp episodes)
        run = None
        for (d, ls, pl) in p.episodes():
            t = pl.get("placement_type")
            if t in TEMP:
                continue
            if t in ADOPT and ls not in V_SB:
                if run is None:
                    run = d
            else:
                run = None
        if run is not None:
            before = run - ONE
            cont = [s for s in sp if s["start"] <= before and (s["end"] is None or s["end"] > before)]
            start = cont[0]["start"] if cont else run
            if start <= limit:
                return True, True
    return True, False


# ---------------------------------------------------------------- scorecard
def pct(n, d):
    return None if d == 0 else round(100.0 * n / d, 1)


def mean(xs):
    return None if not xs else sum(xs) / len(xs)


def adoption_block(children, as_at, years):
    ws = year_start(as_at, years)
    adopted = {}
    for c in children.values():
        for p in c.periods:
            if p.reason in ("E11", "E12") and ws <= p.end <= as_at:
                adopted[c.cid] = (c, p)  # later overrides earlier -> last adoption
    a1, a10, a2 = {}, {}, {}
    for cid, (c, p) in adopted.items():
        eps = [e for e in p.episodes()]
        first_a = None
        for (d, ls, pl) in eps:
            if pl.get("placement_type") in ADOPT:
                first_a = (d, pl)
                break
        if first_a is None:
            continue
        a1[cid] = (first_a[0] - p.start).days
        # A10
        end10 = first_a[0]
        if first_a[1].get("placement_type") in FOSTER_ADOPT:
            # reading 11: walk back through same-carer changes, legal status changes (V3/V4
            # included) and temporary placements to when the child moved in with those carers
            k = first_a[1].get("carer_id")
            i = next(n for n, ep in enumerate(eps) if ep[0] == first_a[0])
            while i > 0:
                i -= 1
                d_, ls_, pl_ = eps[i]
                if pl_.get("carer_id") == k:
                    end10 = d_
                elif pl_.get("placement_type") in TEMP:
                    continue
                else:
                    break
        a10[cid] = (end10 - p.start).days
        # A2
        po = None
        for (d, ls, pl) in eps:
            if ls in ("E1", "D1"):
                po = d
                break
        if po is None:
            continue
        matches = [e["_d"] for e in p.events if e["type"] == "MatchedWithAdopters"]
        if not matches:
            matches = [e["_d"] for e in c.events if e["type"] == "MatchedWithAdopters"]
        if not matches:
            continue
        m = max(matches)
        a2[cid] = max(0, (m - po).days)
    a3 = [k for k, v in a1.items() if v < 426]
    return {
        "window_start": ws.isoformat(), "window_end": as_at.isoformat(),
        "children_adopted": len(adopted),
        "a1_children": len(a1), "a1_mean_days": mean(list(a1.values())),
        "a10_mean_days": mean(list(a10.values())),
        "a2_children": len(a2), "a2_mean_days": mean(list(a2.values())),
        "a3_numerator": len(a3), "a3_percent": pct(len(a3), len(a1)),
        "_lists": {"adopted": sorted(adopted), "a1": sorted(a1), "a2": sorted(a2), "a3": sorted(a3)},
        "_a1": a1, "_a10": a10, "_a2": a2,
    }


REASON_GROUP = {"E11": "adopted", "E12": "adopted", "E41": "child_arrangements",
                "E4A": "returned_home", "E4B": "returned_home"}
for _c in ("E43", "E44", "E45", "E46", "E47", "E48"):
    REASON_GROUP[_c] = "special_guardianship"


def scorecard(children, as_at, profile):
    ys = year_start(as_at)
    cla = sorted(c.cid for c in children.values() if c.looked_after())
    started, ceased = [], {}
    for c in children.values():
        if any(ys <= p.start <= as_at and p.first_ls not in V_SB for p in c.periods):
            started.append(c.cid)
        last = None
        for p in c.periods:
            if p.end is not None and ys <= p.end <= as_at and p.last_ls not in V_SB:
                last = p
        if last:
            ceased[c.cid] = REASON_GROUP.get(last.reason, "other")
    byr = {k: sorted(cid for cid, r in ceased.items() if r == k)
           for k in ("adopted", "special_guardianship", "child_arrangements", "returned_home", "other")}
    three = [cid for cid in cla if len(placements_in_window(children[cid], profile, ys, as_at)) >= 3]
    coh, num = [], []
    for cid in cla:
        a, b = lts(children[cid], as_at, profile)
        if a:
            coh.append(cid)
        if b:
            num.append(cid)
    ad = adoption_block(children, as_at, 3)
    ad1 = adoption_block(children, as_at, 1)
    return {
        "as_at": as_at.isoformat(), "profile": profile,
        "children_looked_after": len(cla),
        "started_in_year": len(started), "ceased_in_year": len(ceased),
        "ceased_by_reason": {k: len(v) for k, v in byr.items()},
        "three_plus_placements": {"numerator": len(three), "denominator": len(cla), "percent": pct(len(three), len(cla))},
        "long_term_stability": {"numerator": len(num), "denominator": len(coh), "percent": pct(len(num), len(coh))},
        "adoption": {k: v for k, v in ad.items() if not k.startswith("_")},
        "adoption_single_year": {k: v for k, v in ad1.items() if not k.startswith("_")},
        "children": {
            "looked_after": cla, "started_in_year": sorted(started), "ceased_in_year": sorted(ceased),
            "ceased_by_reason": byr, "three_plus_placements": sorted(three),
            "long_term_stability": sorted(num), "long_term_stability_cohort": sorted(coh),
            "adoption": ad["_lists"], "adoption_single_year": ad1["_lists"],
        },
        "_per_child": {"a1": ad["_a1"], "a10": ad["_a10"], "a2": ad["_a2"]},
    }


# ---------------------------------------------------------------- trackers
def ms(mid, trig, due, done, as_at, soon):
    if done is not None:
        status = "done_on_time" if done <= due else "done_late"
        days = (done - trig).days
    else:
        days = (due - as_at).days
        if as_at > due:
            status = "overdue"
        elif days <= soon:
            status = "due_soon"
        else:
            status = "due"
    return {"id": mid, "trigger": trig.isoformat(), "due": due.isoformat(),
            "done": done.isoformat() if done else None, "status": status, "days": days}


def first_on_after(dates, d):
    xs = [x for x in dates if x >= d]
    return min(xs) if xs else None


def child_milestones(c, as_at, soon):
    out = []
    evs = c.events

    def dates(tp, pred=lambda e: True):
        return [e["_d"] for e in evs if e["type"] == tp and pred(e)]

    refs = dates("ChildReferred")
    if refs:
        t = max(refs)
        out.append(ms("assessment", t, add_wd(t, 45), first_on_after(dates("AssessmentCompleted"), t), as_at, soon))
    sms = dates("StrategyMeetingHeld", lambda e: e["payload"].get("outcome") == "s47_enquiry")
    if sms:
        t = max(sms)
        out.append(ms("initial_conference", t, add_wd(t, 15),
                      first_on_after(dates("ChildProtectionConferenceHeld", lambda e: e["payload"].get("kind") == "initial"), t),
                      as_at, soon))
    iss = dates("CareProceedingsIssued")
    if iss:
        t = max(iss)
        ext = sum(int(e["payload"].get("weeks", 0)) for e in evs
                  if e["type"] == "CareProceedingsExtended" and e["_d"] >= t)
        out.append(ms("care_proceedings", t, t + dt.timedelta(days=181 + 7 * ext),
                      first_on_after(dates("CareProceedingsConcluded"), t), as_at, soon))
    p = c.open
    if p is not None and c.looked_after():
        pe = p.events
        revs = sorted(e["_d"] for e in pe if e["type"] == "ReviewHeld")
        fr_due = add_wd(p.start, 20)
        out.append(ms("first_review", p.start, fr_due, revs[0] if revs else None, as_at, soon))
        if revs:
            out.append(ms("second_review", revs[0], add_months(revs[0], 3), revs[1] if len(revs) > 1 else None, as_at, soon))
        if len(revs) >= 2:
            k = len(revs) - 1
            out.append(ms("next_review", revs[k], add_months(revs[k], 6), None, as_at, soon))
        plans = [e["_d"] for e in pe if e["type"] == "PermanencePlanRecorded"]
        pp_due = add_months(revs[0] if revs else fr_due, 3)
        out.append(ms("permanence_plan", p.start, pp_due, min(plans) if plans else None, as_at, soon))
        inst = None
        for e in pe:
            tp = e["type"]
            if tp == "AgencyDecisionMade" or (tp == "PermanencePlanRecorded" and e["payload"].get("plan") == "adoption"):
                if inst is None:
                    inst = [e["_d"], None]
            elif tp == "AdoptionDecisionReversed":
                inst = None
        if inst is not None:
            # "done by PlacedForAdoption in the period" (no "after it"): the first one in the period
            pfas = [e["_d"] for e in pe if e["type"] == "PlacedForAdoption"]
            inst[1] = min(pfas) if pfas else None
            out.append(ms("placed_for_adoption", inst[0], p.start + dt.timedelta(days=426), inst[1], as_at, soon))
        pos = [e["_d"] for e in pe if e["type"] == "PlacementOrderMade"]
        if pos:
            t = max(pos)
            mts = [e["_d"] for e in pe if e["type"] == "MatchedWithAdopters"]
            done = t if any(m <= t for m in mts) else first_on_after(mts, t)
            out.append(ms("match", t, t + dt.timedelta(days=121), done, as_at, soon))
    return out


def rolling_count(c, profile, d):
    return len(placements_in_window(c, profile, year_start(d), d))


# METRICS.md gives no rule for an alert's "since" across a spell out of care; True = an alert
# can only have begun while the child was looked after (the oracle's reading).
REQUIRE_LA_FOR_SINCE = True


def state_alerts(c, x, profile, for_since=False):
    """the continuing-state alerts true on day x (child built as at x)"""
    out = set()
    la = c.looked_after()
    if not la and (REQUIRE_LA_FOR_SINCE or not for_since):
        return out
    if la:
        p = c.open
        pos = [e["_d"] for e in p.events if e["type"] == "PlacementOrderMade"]
        if pos:
            po = max(pos)
            norm = current_norm_placement(p)
            placed = any(e["type"] == "PlacedForAdoption" and e["_d"] >= po for e in p.events) or \
                (norm is not None and norm.get("placement_type") in ADOPT)
            if not placed:
                for mo in (12, 18):
                    if add_months(x, -mo) >= po:
                        out.add("waiting_placement_order_%d_months" % mo)
            matched = any(e["type"] == "MatchedWithAdopters" for e in p.events)
            if not matched and add_months(x, -18) >= p.start:
                out.add("waiting_in_care_18_months")
    ys = year_start(x)
    if len(placements_in_window(c, profile, ys, x)) >= 3:
        out.add("third_placement_in_12_months")
    if any(r in DISRUPT and ys <= d <= x for p in c.periods for (d, r, pl) in p.moves):
        out.add("disruption_move")
    a, b = lts(c, x, profile)
    if a and not b:
        out.add("left_long_term_stability")
    return out


def trackers(children, as_at, profile="dfe", soon=14):
    rows = []
    for c in children.values():
        la = c.looked_after()
        mss = child_milestones(c, as_at, soon)
        if not la and not any(m["done"] is None for m in mss):
            continue
        alerts = []
        for m in mss:
            # an alert cannot begin before its milestone exists (its trigger)
            if m["status"] == "overdue":
                alerts.append({"kind": "overdue:" + m["id"], "since": max(pd(m["due"]) + ONE, pd(m["trigger"])).isoformat()})
            elif m["status"] == "due_soon":
                alerts.append({"kind": "due_soon:" + m["id"], "since": max(pd(m["due"]) - dt.timedelta(days=soon), pd(m["trigger"])).isoformat()})
        if la:
            now = state_alerts(c, as_at, profile)
            for kind in sorted(now):
                d = as_at
                while True:
                    x = d - ONE
                    cx = Child(c.cid, c.events, x)
                    if kind not in state_alerts(cx, x, profile, True):
                        break
                    d = x
                alerts.append({"kind": kind, "since": d.isoformat()})
        rows.append({"child_id": c.cid, "looked_after": la, "milestones": mss, "alerts": alerts})
    big = 10 ** 9
    rows.sort(key=lambda r: (min([m["days"] for m in r["milestones"] if m["done"] is None] or [big]), r["child_id"]))
    return {"as_at": as_at.isoformat(), "children": rows}


def build(path, as_at):
    evs = load_events(path)
    return {cid: Child(cid, es, as_at) for cid, es in evs.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("events")
    ap.add_argument("--as-at", required=True)
    ap.add_argument("--profile", default="dfe")
    ap.add_argument("--report", default="scorecard")
    ap.add_argument("--due-soon-days", type=int, default=14)
    a = ap.parse_args()
    as_at = pd(a.as_at)
    ch = build(a.events, as_at)
    if a.report == "scorecard":
        r = scorecard(ch, as_at, a.profile)
        r.pop("_per_child")
    else:
        r = trackers(ch, as_at, a.profile, a.due_soon_days)
    json.dump(r, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
