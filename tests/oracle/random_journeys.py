#!/usr/bin/env python3
"""Seeded random journey generator (EVENTS.md v1 JSON Lines), exercising METRICS.md edges.

Usage: random_journeys.py --seed N --children 300 > events.jsonl
"""
import argparse
import datetime as dt
import json
import random
import sys

D = dt.date
ONE = dt.timedelta(days=1)
LAST = D(2024, 12, 31)
AS_ATS = [D(2022, 3, 31), D(2023, 3, 31), D(2021, 2, 28), D(2024, 2, 29), D(2020, 3, 31)]
DISRUPT = ["CREQB", "CREQO", "ALLEG", "STAND"]
OTHER_REASONS = ["CARPL", "CLOSE", "LAREQ", "PLACE", "CHILD", "OTHER", "CUSTOD", "APPRR"]
FOSTER = ["U1", "U2", "U3", "U4", "U5", "U6"]
OTHER_PL = ["K2", "R1", "P1", "H5", "K1", "S1", "P2"]
LS_CARE = ["C1", "C2", "V2", "J2", "L1", "C2", "C2"]


def add_months(d, n):
    import calendar
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return D(y, m, min(d.day, calendar.monthrange(y, m)[1]))


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.n = 0
        self.carers = 0
        self.chaos = True

    def carer(self):
        self.carers += 1
        return "K%05d" % self.carers


class J:
    """one child's journey"""

    def __init__(self, g, cid):
        self.g, self.r, self.cid = g, g.r, cid
        self.evs = []
        self.open = False
        self.carer = None
        self.ptype = None
        self.interrupted = None  # (carer, type) while in temp
        self.ls = None

    def ev(self, d, tp, payload):
        self.g.n += 1
        e = {"event_id": "%s-%04d" % (self.cid, len(self.evs)), "type": tp, "child_id": self.cid,
             "occurred_on": d.isoformat(), "source": "gen", "payload": payload}
        self.evs.append(e)
        return e

    def pl(self, t, carer):
        return {"placement_type": t, "provider": self.r.choice(["PR1", "PR1", "PR2", "PR4"]), "carer_id": carer}

    def start(self, d, ls, t, carer):
        self.open, self.carer, self.ptype, self.ls, self.interrupted = True, carer, t, ls, None
        self.start_d = d
        return self.ev(d, "PeriodOfCareStarted", {"legal_status": ls, "category_of_need": self.r.choice(["N1", "N2", "N4"]),
                                                  "placement": self.pl(t, carer)})

    def move(self, d, t, carer, reason, tp="PlacementMoved"):
        p = {"placement": self.pl(t, carer)}
        if reason:
            p["reason_previous_ended"] = reason
        self.carer, self.ptype = carer, t
        return self.ev(d, tp, p)

    def lsc(self, d, ls):
        self.ls = ls
        return self.ev(d, "LegalStatusChanged", {"legal_status": ls})

    def end(self, d, kind):
        self.open = False
        if kind == "adopt":
            return self.ev(d, "AdoptionOrderGranted", {"consent": self.r.choice(["unopposed", "dispensed_with"])})
        if kind == "sgo":
            return self.ev(d, "SpecialGuardianshipOrderGranted", {"carer": self.r.choice(
                ["former_foster_carer_relative_or_friend", "former_foster_carer_other", "other_relative_or_friend", "other"])})
        if kind == "cao":
            return self.ev(d, "ChildArrangementsOrderGranted", {})
        return self.ev(d, "PeriodOfCareEnded", {"reason": kind})


def nxt(r, d, lo, hi):
    return d + dt.timedelta(days=r.randint(lo, hi))


def special_date(r):
    """a date that hits an edge for one of the as-at dates"""
    a = r.choice(AS_ATS)
    k = r.random()
    if k < 0.3:
        return add_months(a, -30) + ONE * r.choice([-1, 0, 0, 1])
    if k < 0.5:
        return add_months(a, -24) + ONE * r.choice([-1, 0, 1])
    if k < 0.7:
        return add_months(a, -12) + ONE * r.choice([0, 1, 1])  # 1 April / 31 March
    if k < 0.85:
        return a + ONE * r.choice([0, 0, -1, 1])
    return add_months(a, -18) + ONE * r.choice([0, -1])


def journey(g, cid):
    r = g.r
    j = J(g, cid)
    kind = r.random()
    # date of birth
    if r.random() < 0.08:
        a = r.choice(AS_ATS)
        dob = D(a.year - 16, a.month, a.day) if not (a.month == 2 and a.day == 29) else D(a.year - 16, 2, 29)
    elif r.random() < 0.03:
        dob = D(r.choice([2004, 2008, 2012]), 2, 29)
    else:
        dob = D(2003, 1, 1) + ONE * r.randint(0, 365 * 18)
    if r.random() < 0.03:
        dob_known = False
    else:
        dob_known = True
    first = max(dob, D(2018, 1, 1) + ONE * r.randint(0, 6 * 365))
    if dob_known:
        j.ev(dob if dob <= first else first, "ChildRegistered", {"date_of_birth": dob.isoformat(), "sex": r.choice("MF"), "ethnicity": "WBRI"})
    d = first
    # front door
    if r.random() < 0.45:
        for _ in range(r.randint(1, 2)):
            j.ev(d, "ChildReferred", {"referral_source": "school"})
            if r.random() < 0.6:
                sd = nxt(r, d, 0, 10)
                j.ev(sd, "StrategyMeetingHeld", {"outcome": r.choice(["s47_enquiry", "s47_enquiry", "no_further_action"])})
                if r.random() < 0.7:
                    j.ev(add_wd_rough(sd, r.randint(0, 25)), "ChildProtectionConferenceHeld",
                         {"kind": r.choice(["initial", "initial", "review"]), "outcome": "plan"})
            if r.random() < 0.7:
                j.ev(nxt(r, d, 0, 80), "AssessmentCompleted", {"outcome": "looked_after"})
            d = nxt(r, d, 20, 200)
    if r.random() < 0.3:
        ci = d
        j.ev(ci, "CareProceedingsIssued", {"case_number": "CN" + cid})
        for _ in range(r.randint(0, 2)):
            j.ev(nxt(r, ci, 100, 180), "CareProceedingsExtended", {"weeks": r.randint(1, 8), "reason": "x"})
        if r.random() < 0.6:
            j.ev(nxt(r, ci, 150, 300), "CareProceedingsConcluded", {"outcome": "care_order"})
    if kind < 0.08:
        # front-door only child
        return finish(j)
    nperiods = 1 if r.random() < 0.8 else 2
    if r.random() < 0.25:
        d = special_date(r)
        d = max(d, dob)
    for pi in range(nperiods):
        if d > LAST:
            break
        short = r.random() < 0.08
        if short:
            j.start(d, r.choice(["V3", "V4"]), "U4", g.carer())
            e = nxt(r, d, 2, 400)
            if r.random() < 0.3:
                e = special_date(r)
                if e <= d:
                    e = nxt(r, d, 2, 30)
            if e > LAST:
                return finish(j)
            if r.random() < 0.2:
                j.lsc(nxt(r, d, 1, (e - d).days - 1) if (e - d).days > 2 else e, "C2")
            j.end(e, r.choice(["E4A", "E8", "E13"]))
            d = nxt(r, e, 1, 200)
            continue
        ls0 = r.choice(LS_CARE)
        if g.chaos and r.random() < 0.05:
            j.start(d, ls0, "T1", g.carer())
            d = nxt(r, d, 1, 20)
            j.move(d, r.choice(FOSTER), g.carer(), None)
        else:
            j.start(d, ls0, r.choice(FOSTER + OTHER_PL[:2]), g.carer())
        pstart = d
        reviews = r.random() < 0.8
        rd = add_wd_rough(d, r.randint(5, 30))
        adoption = r.random() < 0.3
        steps = r.randint(0, 7)
        cur = d
        for s in range(steps):
            cur = nxt(r, cur, 1, 300)
            if r.random() < 0.15:
                sd = special_date(r)
                if sd > cur:
                    cur = sd
            if cur > LAST:
                break
            while reviews and rd < cur and rd <= LAST:
                if r.random() < 0.9:
                    j.ev(rd, "ReviewHeld", {"participation": "PN1"})
                rd = add_months(rd, r.choice([3, 3, 4, 6, 6, 7])) if rd != d else rd
            x = r.random()
            if x < 0.3:
                j.move(cur, r.choice(FOSTER + OTHER_PL), g.carer(), r.choice(DISRUPT + OTHER_REASONS))
            elif x < 0.42:
                # same carer, different placement type (RNE T)
                j.move(cur, r.choice([t for t in FOSTER if t != j.ptype]), j.carer, r.choice(OTHER_REASONS))
            elif x < 0.55:
                # temporary placement then return
                c0, t0 = j.carer, j.ptype
                j.move(cur, r.choice(["T0", "T1", "T2", "T3", "T4"]), g.carer(), None)
                back = nxt(r, cur, 1, 30)
                if back > LAST:
                    break
                if r.random() < 0.6:
                    j.move(back, r.choice([t0, r.choice(FOSTER)]), c0, None)
                else:
                    j.move(back, r.choice(FOSTER), g.carer(), None)
                cur = back
            elif x < 0.65:
                j.lsc(cur, r.choice([l for l in ["C1", "C2", "V2", "J2", "L1"] if l != j.ls]))
            elif x < 0.75:
                # same day legal status + placement (RNE B or U)
                j.lsc(cur, r.choice([l for l in ["C1", "C2", "V2"] if l != j.ls]))
                if r.random() < 0.5:
                    j.move(cur, r.choice(FOSTER), g.carer(), r.choice(DISRUPT + OTHER_REASONS))
                else:
                    j.move(cur, r.choice([t for t in FOSTER if t != j.ptype]), j.carer, r.choice(OTHER_REASONS))
            elif x < 0.82:
                j.ev(cur, "CareOrderMade", {"legal_status": r.choice(["C1", "C2"])})
                j.ls = "C?"
            elif x < 0.9:
                j.ev(cur, "PermanencePlanRecorded", {"plan": r.choice(["long_term_fostering", "return_home", "special_guardianship", "other"])})
            elif x < 0.94 or not g.chaos:
                j.ev(cur, "MissingEpisodeRecorded", {"kind": "M", "ended_on": cur.isoformat()})
            else:
                y = r.random()
                prev = j.ls if j.ls in ("C1", "C2", "V2", "J2", "L1") else "C2"
                if y < 0.25:  # V3 for a few weeks mid-period, same carer
                    j.lsc(cur, "V3")
                    cur = nxt(r, cur, 5, 40)
                    j.lsc(cur, prev)
                elif y < 0.4:  # two moves the same day
                    j.move(cur, r.choice(FOSTER), g.carer(), r.choice(OTHER_REASONS))
                    j.move(cur, r.choice(FOSTER), g.carer(), r.choice(DISRUPT + OTHER_REASONS))
                elif y < 0.55:  # reviews twice the same day
                    j.ev(cur, "ReviewHeld", {})
                    j.ev(cur, "ReviewHeld", {})
                elif y < 0.7:  # referral and assessment the same day, strategy and conference the same day
                    j.ev(cur, "ChildReferred", {})
                    j.ev(cur, "AssessmentCompleted", {"outcome": "looked_after"})
                    j.ev(cur, "StrategyMeetingHeld", {"outcome": "s47_enquiry"})
                    j.ev(cur, "ChildProtectionConferenceHeld", {"kind": "initial", "outcome": "plan"})
                elif y < 0.85:  # proceedings issued again, extension after conclusion
                    j.ev(cur, "CareProceedingsIssued", {"case_number": "B" + cid})
                    j.ev(nxt(r, cur, 1, 30), "CareProceedingsConcluded", {"outcome": "care_order"})
                    j.ev(nxt(r, cur, 31, 60), "CareProceedingsExtended", {"weeks": 2, "reason": "late"})
                else:  # move with a long gap then back to a previous carer
                    c0, t0 = j.carer, j.ptype
                    j.move(cur, r.choice(FOSTER), g.carer(), "CREQO")
                    cur = nxt(r, cur, 3, 60)
                    j.move(cur, t0, c0, "OTHER")
        if cur > LAST:
            return finish(j)
        # ending
        if adoption and g.chaos and r.random() < 0.1:
            cur = nxt(r, cur, 1, 120)
            j.move(cur, "A4", g.carer(), "CARPL", "PlacedForAdoption")
            cur = nxt(r, cur, 1, 60)
            j.ev(cur, "PermanencePlanRecorded", {"plan": "adoption"})
            if r.random() < 0.5:
                cur = nxt(r, cur, 1, 60)
                j.ev(cur, "AdoptionDecisionReversed", {"reason": "RD2"})
                j.move(cur, r.choice(FOSTER), g.carer(), "CREQB")
            cur = nxt(r, cur, 30, 300)
            if cur > LAST:
                return finish(j)
            j.end(cur, "E4A")
        elif adoption:
            cur = nxt(r, cur, 1, 120)
            if r.random() < 0.5:
                j.ev(cur, "PermanencePlanRecorded", {"plan": "adoption"})
            if r.random() < 0.7:
                j.ev(nxt(r, cur, 0, 60), "AgencyDecisionMade", {})
            if r.random() < 0.12:
                cur = nxt(r, cur, 61, 100)
                j.ev(cur, "AdoptionDecisionReversed", {"reason": "RD1"})
                cur = nxt(r, cur, 10, 200)
                if r.random() < 0.6:
                    j.ev(cur, "PermanencePlanRecorded", {"plan": "adoption"})
            cur = nxt(r, cur, 61, 200)
            if cur > LAST:
                return finish(j)
            match_before = r.random() < 0.2
            if match_before:
                j.ev(nxt(r, cur, -30, 0), "MatchedWithAdopters", {})
            has_po = r.random() < 0.85
            if has_po:
                j.ev(cur, "PlacementOrderMade", {})
                j.ls = "E1"
            while reviews and rd < cur and rd <= LAST:
                j.ev(rd, "ReviewHeld", {})
                rd = add_months(rd, 6)
            if not match_before and r.random() < 0.85:
                cur = nxt(r, cur, 0, 300)
                if cur > LAST:
                    return finish(j)
                j.ev(cur, "MatchedWithAdopters", {})
            cur = nxt(r, cur, 0, 120)
            if cur > LAST:
                return finish(j)
            if r.random() < 0.9:
                if r.random() < 0.4 and j.ptype in FOSTER:
                    j.move(cur, r.choice(["A3", "A5"]), j.carer, r.choice(["CARPL", "OTHER"]), "PlacedForAdoption")
                else:
                    j.move(cur, r.choice(["A4", "A6", "A3", "A5"]), g.carer(), "CARPL", "PlacedForAdoption")
                if r.random() < 0.1:
                    # disruption, back to foster, then placed again
                    cur = nxt(r, cur, 10, 100)
                    j.move(cur, r.choice(FOSTER), g.carer(), "CREQB")
                    cur = nxt(r, cur, 30, 200)
                    j.move(cur, "A6", g.carer(), "CARPL", "PlacedForAdoption")
            cur = nxt(r, cur, 60, 400)
            if cur > LAST or r.random() < 0.15:
                return finish(j)
            j.end(cur, "adopt")
        else:
            x = r.random()
            cur = nxt(r, cur, 1, 400)
            if r.random() < 0.2:
                sd = special_date(r)
                if sd > last_date(j):
                    cur = sd
            while reviews and rd < cur and rd <= LAST:
                j.ev(rd, "ReviewHeld", {})
                rd = add_months(rd, r.choice([3, 6, 7]))
            if cur > LAST or x < 0.3:
                return finish(j)
            if x < 0.45:
                j.end(cur, "sgo")
            elif x < 0.55:
                j.end(cur, "cao")
            elif x < 0.8:
                j.end(cur, "E4A")
            else:
                j.end(cur, r.choice(["E4B", "E5", "E6", "E13", "E15", "E8"]))
        d = nxt(r, cur, 0 if r.random() < 0.1 else 1, 300)
    return finish(j)


def last_date(j):
    return max(D.fromisoformat(e["occurred_on"]) for e in j.evs) if j.evs else D(2000, 1, 1)


def add_wd_rough(d, n):
    while n > 0:
        d += ONE
        if d.weekday() < 5:
            n -= 1
    return d


def finish(j):
    r = j.r
    evs = [e for e in j.evs if D.fromisoformat(e["occurred_on"]) <= LAST]
    # retractions of leaf events
    leafs = [e for e in evs if e["type"] in ("ReviewHeld", "ChildReferred", "AssessmentCompleted", "MatchedWithAdopters",
                                             "PermanencePlanRecorded", "LegalStatusChanged", "StrategyMeetingHeld",
                                             "CareProceedingsExtended", "MissingEpisodeRecorded")]
    extra = []
    for e in leafs:
        if r.random() < 0.06:
            extra.append({"event_id": e["event_id"] + "-rx", "type": "EventRetracted", "child_id": e["child_id"],
                          "occurred_on": e["occurred_on"], "source": "gen",
                          "payload": {"target_event_id": e["event_id"], "reason": "entered in error"}})
    for e in evs:
        if r.random() < 0.02:
            extra.append(dict(e))  # exact duplicate
    allv = evs + extra
    allv.sort(key=lambda e: e["occurred_on"])  # stable: keeps generation order within a day
    j.g.out.extend(allv)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--children", type=int, default=300)
    a = ap.parse_args()
    g = Gen(a.seed)
    for i in range(a.children):
        journey(g, "C%04d" % i)
    for e in g.out:
        sys.stdout.write(json.dumps(e) + "\n")


if __name__ == "__main__":
    main()
