#!/usr/bin/env python3
"""Compare cjl reports with the independent oracle, child by child.

Usage: compare.py EVENTS.jsonl [--as-at D ...] [--profile dfe ...] [--cjl PATH] [--keep DIR]
Exit status 1 if any disagreement.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics_oracle as mo  # noqa: E402

CJL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "cjl")


def run(args, ok=(0,)):
    if not (os.path.exists(args[0]) and os.access(args[0], os.X_OK)):
        raise SystemExit("cannot run %s (build it first, or pass --cjl)" % args[0])
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode not in ok:
        raise SystemExit("command failed: %s\n%s" % (" ".join(args), p.stderr))
    return p.stdout


def diff_lists(tag, ours, theirs, out):
    a, b = set(ours), set(theirs)
    if a != b:
        out.append("%s: oracle-only %s product-only %s" % (tag, sorted(a - b), sorted(b - a)))


def close(x, y):
    if x is None or y is None:
        return x is y
    return abs(float(x) - float(y)) < 0.051


def cmp_scorecard(o, p, out):
    for k in ("children_looked_after", "started_in_year", "ceased_in_year"):
        if o[k] != p[k]:
            out.append("%s: oracle %s product %s" % (k, o[k], p[k]))
    for k, v in o["ceased_by_reason"].items():
        if v != p["ceased_by_reason"].get(k):
            out.append("ceased_by_reason.%s: oracle %s product %s" % (k, v, p["ceased_by_reason"].get(k)))
    for blk in ("three_plus_placements", "long_term_stability"):
        for k in ("numerator", "denominator", "percent"):
            if not close(o[blk][k], p[blk][k]) if k == "percent" else o[blk][k] != p[blk][k]:
                out.append("%s.%s: oracle %s product %s" % (blk, k, o[blk][k], p[blk][k]))
    for blk in ("adoption", "adoption_single_year"):
        for k, v in o[blk].items():
            pv = p[blk].get(k)
            ok = close(v, pv) if isinstance(v, float) or isinstance(pv, float) else v == pv
            if not ok:
                out.append("%s.%s: oracle %s product %s" % (blk, k, v, pv))
    oc, pc = o["children"], p["children"]
    for k in ("looked_after", "started_in_year", "ceased_in_year", "three_plus_placements",
              "long_term_stability", "long_term_stability_cohort"):
        diff_lists("children." + k, oc[k], pc.get(k, []), out)
    for k, v in oc["ceased_by_reason"].items():
        diff_lists("children.ceased_by_reason." + k, v, pc["ceased_by_reason"].get(k, []), out)
    for blk in ("adoption", "adoption_single_year"):
        for k, v in oc[blk].items():
            diff_lists("children.%s.%s" % (blk, k), v, pc[blk].get(k, []), out)


def cmp_trackers(o, p, out):
    orows = {r["child_id"]: r for r in o["children"]}
    prows = {r["child_id"]: r for r in p["children"]}
    diff_lists("tracker rows", orows, prows, out)
    for cid in sorted(set(orows) & set(prows)):
        a, b = orows[cid], prows[cid]
        if a["looked_after"] != b["looked_after"]:
            out.append("%s looked_after: oracle %s product %s" % (cid, a["looked_after"], b["looked_after"]))
        am = {m["id"]: m for m in a["milestones"]}
        bm = {m["id"]: m for m in b["milestones"]}
        for mid in sorted(set(am) | set(bm)):
            x, y = am.get(mid), bm.get(mid)
            if x is None or y is None:
                out.append("%s milestone %s: oracle %s product %s" % (cid, mid, x, y))
                continue
            for f in ("trigger", "due", "done", "status", "days"):
                if x[f] != y.get(f):
                    out.append("%s milestone %s.%s: oracle %s product %s (oracle %s | product %s)" % (
                        cid, mid, f, x[f], y.get(f), x, y))
                    break
        kinds = [al["kind"] for al in b["alerts"]]
        if len(kinds) != len(set(kinds)):
            out.append("%s product lists an alert kind twice: %s" % (cid, kinds))
        aa = {(al["kind"], al["since"]) for al in a["alerts"]}
        ba = {(al["kind"], al["since"]) for al in b["alerts"]}
        if aa != ba:
            out.append("%s alerts: oracle-only %s product-only %s" % (cid, sorted(aa - ba), sorted(ba - aa)))
    oo = [c for c in (r["child_id"] for r in o["children"]) if c in prows]
    po = [c for c in (r["child_id"] for r in p["children"]) if c in orows]
    if oo != po:
        first = next(i for i, (x, y) in enumerate(zip(oo, po)) if x != y)
        out.append("tracker order differs at index %d: oracle %s product %s" % (first, oo[first:first + 4], po[first:first + 4]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("events")
    ap.add_argument("--as-at", action="append")
    ap.add_argument("--profile", action="append")
    ap.add_argument("--cjl", default=CJL)
    ap.add_argument("--keep")
    ap.add_argument("--since-across-care-gaps", action="store_true",
                    help="emulate the product: an alert's since may run back across a spell out of care")
    a = ap.parse_args()
    if a.since_across_care_gaps:
        mo.REQUIRE_LA_FOR_SINCE = False
    as_ats = a.as_at or ["2022-03-31", "2023-03-31", "2021-02-28", "2024-02-29", "2020-03-31", "2023-10-17"]
    profiles = a.profile or ["dfe", "count-same-carer"]
    tmp = a.keep or tempfile.mkdtemp(prefix="cjl-oracle-", dir="/tmp")
    os.makedirs(tmp, exist_ok=True)
    ledger = os.path.join(tmp, "ledger")
    rej = os.path.join(tmp, "rejects.jsonl")
    print(run([a.cjl, "append", "--ledger", ledger, "--rejects", rej, a.events], ok=(0, 1)).strip())
    bad = set()
    if os.path.exists(rej):
        for line in open(rej):
            if line.strip():
                r = json.loads(line)
                print("REJECTED:", json.dumps(r)[:300])
                n = r.get("line") or r.get("line_number")
                if n:
                    bad.add(int(n))
    src = a.events
    if bad:
        src = os.path.join(tmp, "accepted.jsonl")
        with open(a.events) as f, open(src, "w") as g:
            for i, line in enumerate(f, 1):
                if i not in bad:
                    g.write(line)
    total = 0
    for d in as_ats:
        as_at = mo.pd(d)
        ch = mo.build(src, as_at)
        for prof in profiles:
            o = mo.scorecard(ch, as_at, prof)
            p = json.loads(run([a.cjl, "report", "scorecard", "--ledger", ledger, "--as-at", d, "--profile", prof, "--format", "json"]))
            out = []
            cmp_scorecard(o, p, out)
            for x in out:
                print("[scorecard %s %s] %s" % (d, prof, x))
            total += len(out)
        for prof in profiles:
            o = mo.trackers(ch, as_at, prof, 14)
            p = json.loads(run([a.cjl, "report", "trackers", "--ledger", ledger, "--as-at", d, "--profile", prof, "--format", "json"]))
            out = []
            cmp_trackers(o, p, out)
            for x in out:
                print("[trackers %s %s] %s" % (d, prof, x))
            total += len(out)
    print("disagreements:", total)
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
