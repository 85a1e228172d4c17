#!/usr/bin/env python3
"""Hand-written edge journeys (one child each), as JSON Lines on stdout.

Each child id names its case. Run with compare.py at the as-at dates listed in AS_ATS.
"""
import json
import sys

AS_ATS = ["2022-03-31", "2021-02-28", "2024-02-29", "2022-04-01", "2021-09-30"]
out = []


class C:
    def __init__(self, cid, dob="2012-05-05"):
        self.cid, self.n = cid, 0
        if dob:
            self.e(dob, "ChildRegistered", date_of_birth=dob, sex="F", ethnicity="WBRI")

    def e(self, d, tp, eid=None, **p):
        self.n += 1
        eid = eid or "%s-%02d" % (self.cid, self.n)
        out.append({"event_id": eid, "type": tp, "child_id": self.cid, "occurred_on": d, "source": "edge", "payload": p})
        return eid

    @staticmethod
    def pl(t, k, prov="PR1"):
        return {"placement_type": t, "provider": prov, "carer_id": k}

    def start(self, d, k, t="U4", ls="C2"):
        return self.e(d, "PeriodOfCareStarted", legal_status=ls, category_of_need="N1", placement=self.pl(t, k))

    def move(self, d, k, t="U4", reason="CARPL", prov="PR1"):
        p = {"placement": self.pl(t, k, prov)}
        if reason:
            p["reason_previous_ended"] = reason
        return self.e(d, "PlacementMoved", **p)

    def pfa(self, d, k, t="A5", reason="CARPL"):
        return self.e(d, "PlacedForAdoption", placement=self.pl(t, k), reason_previous_ended=reason)

    def ls(self, d, code):
        return self.e(d, "LegalStatusChanged", legal_status=code)

    def end(self, d, reason="E4A"):
        return self.e(d, "PeriodOfCareEnded", reason=reason)

    def adopt(self, d):
        return self.e(d, "AdoptionOrderGranted", consent="unopposed")

    def retract(self, d, target):
        return self.e(d, "EventRetracted", target_event_id=target, reason="error")


# --- 3+ placements / year edges (as at 2022-03-31: year 2021-04-01..2022-03-31)
c = C("E01_move_on_1april"); c.start("2020-01-01", "a"); c.move("2021-04-01", "b"); c.move("2021-10-01", "c")
c = C("E02_move_on_2april"); c.start("2020-01-01", "a"); c.move("2021-04-02", "b"); c.move("2021-10-01", "c")
c = C("E03_move_on_31march"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2022-03-31", "c")
c = C("E04_same_carer_change"); c.start("2020-01-01", "a"); c.move("2021-05-01", "a", "U1"); c.move("2021-10-01", "b")
c = C("E05_same_carer_provider_only"); c.start("2020-01-01", "a"); c.move("2021-05-01", "a", "U4", prov="PR2"); c.move("2021-10-01", "b")
c = C("E06_temp_return_same"); c.start("2020-01-01", "a"); c.move("2021-05-01", "t", "T1", None); c.move("2021-05-10", "a", "U1", None); c.move("2021-10-01", "b")
c = C("E07_temp_return_other"); c.start("2020-01-01", "a"); c.move("2021-05-01", "t", "T1", None); c.move("2021-05-10", "b", "U4", None)
c = C("E08_in_temp_at_asat"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2022-03-20", "t", "T2", None)
c = C("E09_same_day_two_moves"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2021-05-01", "c")
c = C("E10_same_day_three_moves"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2021-05-01", "c"); c.move("2021-08-01", "d")
c = C("E11_temp_same_day"); c.start("2020-01-01", "a"); c.move("2021-05-01", "t", "T1", None); c.move("2021-05-01", "b", "U4", None); c.move("2021-08-01", "d")
c = C("E12_two_periods_same_carer"); c.start("2020-01-01", "a"); c.end("2021-06-01"); c.start("2021-09-01", "a"); c.move("2021-12-01", "b")
c = C("E13_end_and_restart_same_day"); c.start("2020-01-01", "a"); c.end("2021-06-01"); c.start("2021-06-01", "a"); c.move("2021-12-01", "b")
c = C("E14_ls_and_move_same_day_B"); c.start("2020-01-01", "a"); c.ls("2021-05-01", "C1"); c.move("2021-05-01", "b"); c.move("2021-09-01", "c")
c = C("E15_ls_and_samecarer_U"); c.start("2020-01-01", "a"); c.ls("2021-05-01", "C1"); c.move("2021-05-01", "a", "U1"); c.move("2021-09-01", "c")
c = C("E16_move_then_end_same_day"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2021-09-01", "c"); c.end("2021-09-01")
c = C("E17_prev_period_placements"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.end("2021-07-01"); c.start("2021-08-01", "c")
c = C("E18_temp_first_placement"); c.start("2021-05-01", "t", "T1"); c.move("2021-05-05", "a", "U4", None); c.move("2021-09-01", "b")
c = C("E19_temp_temp_return"); c.start("2020-01-01", "a"); c.move("2021-05-01", "t", "T1", None); c.move("2021-05-03", "u", "T2", None); c.move("2021-05-09", "a", "U4", None); c.move("2021-10-01", "b")
c = C("E20_end_while_temp"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2021-09-01", "t", "T1", None); c.end("2021-09-20"); c.start("2021-11-01", "c")
c = C("E21_V3_midperiod"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.ls("2021-08-01", "V3"); c.ls("2021-09-01", "C2"); c.move("2021-12-01", "c")
c = C("E22_V3_at_asat"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.ls("2022-03-01", "V3")
c = C("E23_return_from_temp_same_carer_new_type"); c.start("2020-01-01", "a"); c.move("2021-05-01", "t", "T1", None); c.move("2021-05-10", "a", "U6", None); c.move("2021-10-01", "b")
c = C("E24_back_to_earlier_carer"); c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.move("2021-10-01", "a")
c = C("E26_same_day_V3_flip_mid_placement"); c.start("2020-01-01", "a"); c.ls("2021-06-01", "V3"); c.ls("2021-06-01", "C2"); c.move("2021-09-01", "b")
c = C("E27_same_day_samecarer_flip"); c.start("2020-01-01", "a", "U4"); c.move("2021-06-01", "a", "U1"); c.move("2021-06-01", "a", "U4"); c.move("2021-09-01", "b")
c = C("E28_same_day_away_and_back"); c.start("2020-01-01", "a"); c.move("2021-06-01", "b"); c.move("2021-06-01", "a"); c.move("2021-09-01", "c")
c = C("E25_same_carer_twice"); c.start("2020-01-01", "a", "U4"); c.move("2021-05-01", "a", "U1"); c.move("2021-10-01", "a", "U5")

# --- starters / ceasers / short breaks
c = C("S01_end_on_asat"); c.start("2020-01-01", "a"); c.end("2022-03-31", "E4A")
c = C("S02_start_on_asat"); c.start("2022-03-31", "a")
c = C("S03_ceased_twice"); c.start("2021-05-01", "a"); c.e("2021-07-01", "SpecialGuardianshipOrderGranted", carer="other"); c.start("2021-08-01", "b"); c.end("2021-12-01", "E5")
c = C("S04_shortbreak_period"); c.start("2021-05-01", "a", ls="V3"); c.end("2021-06-01", "E13")
c = C("S05_shortbreak_then_care"); c.start("2021-05-01", "a", ls="V4"); c.ls("2021-06-01", "C2"); c.end("2022-01-01", "E4B")
c = C("S06_care_then_shortbreak_end"); c.start("2021-05-01", "a"); c.ls("2021-06-01", "V3"); c.end("2022-01-01", "E4A")
c = C("S07_ceased_then_sb_ceased"); c.start("2021-05-01", "a"); c.e("2021-07-01", "ChildArrangementsOrderGranted"); c.start("2021-08-01", "b", ls="V3"); c.end("2021-09-01", "E13")
c = C("S08_start_end_same_day"); c.start("2021-06-01", "a"); c.end("2021-06-01", "E4A")
c = C("S09_sb_same_day_ls_change"); c.start("2021-05-01", "a", ls="V3"); c.ls("2021-05-01", "C2"); c.end("2021-12-01", "E4A")
c = C("S10_cao"); c.start("2021-05-01", "a"); c.e("2021-12-01", "ChildArrangementsOrderGranted")
c = C("S11_end_1april"); c.start("2020-05-01", "a"); c.end("2021-04-01", "E4A")
c = C("S12_end_31march_prev"); c.start("2020-05-01", "a"); c.end("2021-03-31", "E4A")

# --- long-term stability (as at 2022-03-31: 30 months -> 2019-09-30; 2 years -> 2020-03-31)
c = C("L01_exact_30m"); c.start("2019-09-30", "a")
c = C("L02_30m_plus1"); c.start("2019-10-01", "a")
c = C("L03_turns16_on_asat", "2006-03-31"); c.start("2019-01-01", "a")
c = C("L04_turns16_next_day", "2006-04-01"); c.start("2019-01-01", "a")
c = C("L05_no_dob", None); c.start("2019-01-01", "a")
c = C("L06_placement_exact_2y"); c.start("2019-01-01", "a"); c.move("2020-03-31", "b")
c = C("L07_placement_2y_minus1"); c.start("2019-01-01", "a"); c.move("2020-04-01", "b")
c = C("L08_A5_same_carer"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.pfa("2021-06-01", "b", "A5")
c = C("L09_A6_new_carer_prev_long"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.pfa("2021-06-01", "z", "A6")
c = C("L10_A6_new_carer_prev_short"); c.start("2019-01-01", "a"); c.move("2020-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.pfa("2021-06-01", "z", "A6")
c = C("L11_adopt_disrupted_then_again"); c.start("2019-01-01", "a"); c.e("2019-05-01", "PlacementOrderMade"); c.pfa("2019-06-01", "z", "A6"); c.move("2020-01-01", "b", "U4", "CREQB"); c.pfa("2021-06-01", "y", "A6")
c = C("L12_sb_start_then_care"); c.start("2019-06-01", "a", ls="V3"); c.ls("2019-11-01", "C2")
c = C("L13_sb_start_then_care_exact"); c.start("2019-06-01", "a", ls="V3"); c.ls("2019-09-30", "C2")
c = C("L14_temp_before_adoptive"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.move("2021-05-20", "t", "T1", None); c.pfa("2021-06-01", "z", "A6")
c = C("L15_A3_same_carer_csc"); c.start("2019-01-01", "a"); c.move("2020-01-01", "b"); c.move("2020-03-01", "b", "U1"); c.pfa("2021-06-01", "b", "A3")
c = C("L16_in_temp_at_asat_long"); c.start("2019-01-01", "a"); c.move("2022-03-25", "t", "T1", None)
c = C("L17_feb29_dob", "2008-02-29"); c.start("2019-01-01", "a")
c = C("L18_V3_midperiod_same_carer"); c.start("2019-01-01", "a"); c.ls("2021-01-01", "V3"); c.ls("2021-02-01", "C2")
c = C("L19_V3_midperiod_same_carer_short"); c.start("2019-01-01", "a"); c.ls("2021-01-01", "V3"); c.ls("2021-01-01", "C2")
c = C("L20_sb_same_day_then_care"); c.start("2019-09-30", "a", ls="V3"); c.ls("2019-09-30", "C2")
c = C("L21_temp_at_start_long"); c.start("2019-09-01", "t", "T1"); c.move("2019-10-15", "a", "U4", None)
c = C("L22_same_carer_into_A4_csc"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.pfa("2021-06-01", "b", "A4")
c = C("L23_A5_then_A6_same_day_other"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.pfa("2021-06-01", "b", "A5"); c.pfa("2021-09-01", "z", "A6")
c = C("L24_pfa_with_other_carer_A5"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.pfa("2021-06-01", "z", "A5")
c = C("L25_adoptive_from_temp_ret"); c.start("2019-01-01", "a"); c.move("2019-06-01", "b"); c.e("2020-06-01", "PlacementOrderMade"); c.move("2021-05-01", "t", "T1", None); c.pfa("2021-06-01", "b", "A5")

# --- adoption (3y window ending 2022-03-31)
c = C("A01_fosterer_adopts"); c.start("2019-05-01", "a"); c.move("2019-08-01", "b"); c.e("2019-09-01", "AgencyDecisionMade"); c.e("2020-01-01", "PlacementOrderMade"); c.e("2020-02-01", "MatchedWithAdopters"); c.pfa("2020-03-01", "b", "A5"); c.adopt("2021-01-01")
c = C("A02_fosterer_via_temp_and_ls"); c.start("2019-05-01", "a"); c.move("2019-08-01", "b"); c.move("2019-09-01", "t", "T1", None); c.move("2019-09-05", "b", "U1", None); c.ls("2019-10-01", "C1"); c.e("2020-01-01", "PlacementOrderMade"); c.pfa("2020-03-01", "b", "A5"); c.adopt("2021-01-01")
c = C("A03_match_before_order"); c.start("2019-05-01", "a"); c.e("2019-11-01", "MatchedWithAdopters"); c.e("2020-01-01", "PlacementOrderMade"); c.pfa("2020-03-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A04_no_pfa"); c.start("2019-05-01", "a"); c.e("2020-01-01", "PlacementOrderMade"); c.e("2020-02-01", "MatchedWithAdopters"); c.adopt("2021-01-01")
c = C("A05_no_po"); c.start("2019-05-01", "a"); c.e("2020-02-01", "MatchedWithAdopters"); c.pfa("2020-03-01", "z", "A4"); c.adopt("2021-01-01")
c = C("A06_no_match"); c.start("2019-05-01", "a"); c.e("2020-01-01", "PlacementOrderMade"); c.pfa("2020-03-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A07_D1_ls"); c.start("2019-05-01", "a"); c.ls("2019-12-01", "D1"); c.e("2020-01-01", "PlacementOrderMade"); c.e("2020-02-01", "MatchedWithAdopters"); c.pfa("2020-03-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A08_start_E1"); c.start("2019-05-01", "a", ls="E1"); c.e("2020-02-01", "MatchedWithAdopters"); c.pfa("2020-03-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A09_two_matches"); c.start("2019-05-01", "a"); c.e("2020-01-01", "PlacementOrderMade"); c.e("2020-02-01", "MatchedWithAdopters"); c.e("2020-04-01", "MatchedWithAdopters"); c.pfa("2020-05-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A10_exact_426"); c.start("2019-05-01", "a"); c.e("2019-06-01", "PlacementOrderMade"); c.pfa("2020-06-30", "z", "A6"); c.adopt("2021-01-01")
c = C("A11_425"); c.start("2019-05-01", "a"); c.e("2019-06-01", "PlacementOrderMade"); c.pfa("2020-06-29", "z", "A6"); c.adopt("2021-01-01")
c = C("A12_adopted_on_window_start"); c.start("2017-05-01", "a"); c.e("2018-01-01", "PlacementOrderMade"); c.pfa("2018-06-01", "z", "A6"); c.adopt("2019-04-01")
c = C("A13_adopted_day_before_window"); c.start("2017-05-01", "a"); c.e("2018-01-01", "PlacementOrderMade"); c.pfa("2018-06-01", "z", "A6"); c.adopt("2019-03-31")
c = C("A14_disrupted_first_adoptive"); c.start("2019-05-01", "a"); c.e("2019-06-01", "PlacementOrderMade"); c.pfa("2019-09-01", "z", "A6"); c.move("2019-12-01", "b", "U4", "CREQB"); c.pfa("2020-06-01", "y", "A6"); c.adopt("2021-01-01")
c = C("A15_A3_with_new_carer"); c.start("2019-05-01", "a"); c.e("2019-06-01", "PlacementOrderMade"); c.pfa("2019-09-01", "z", "A3"); c.adopt("2021-01-01")
c = C("A16_match_in_prior_period"); c.start("2018-05-01", "a"); c.e("2018-09-01", "MatchedWithAdopters"); c.end("2018-12-01"); c.start("2019-05-01", "a"); c.e("2019-06-01", "PlacementOrderMade"); c.pfa("2019-09-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A17_E1_then_other_then_E1"); c.start("2019-05-01", "a"); c.e("2019-06-01", "PlacementOrderMade"); c.ls("2019-07-01", "C2"); c.e("2019-10-01", "PlacementOrderMade"); c.e("2019-11-01", "MatchedWithAdopters"); c.pfa("2019-12-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A18_same_carer_A5_csc"); c.start("2019-05-01", "a"); c.move("2019-07-01", "b"); c.move("2019-08-01", "b", "U1"); c.e("2019-09-01", "PlacementOrderMade"); c.pfa("2019-12-01", "b", "A5"); c.adopt("2021-01-01")
c = C("A19_pfa_same_day_as_start"); c.start("2019-05-01", "z", "A6", ls="E1"); c.adopt("2020-01-01")
c = C("A21_A10_temp_then_A3_return"); c.start("2019-05-01", "a"); c.move("2019-08-01", "b"); c.e("2020-01-01", "PlacementOrderMade"); c.move("2020-02-01", "t", "T1", None); c.pfa("2020-03-01", "b", "A5"); c.adopt("2021-01-01")
c = C("A22_A10_A5_after_csc_changes"); c.start("2019-05-01", "a"); c.move("2019-08-01", "b"); c.move("2019-10-01", "b", "U1"); c.ls("2019-11-01", "C1"); c.e("2020-01-01", "PlacementOrderMade"); c.pfa("2020-03-01", "b", "A5"); c.adopt("2021-01-01")
c = C("A23_A10_back_to_prior_carer"); c.start("2019-05-01", "b"); c.move("2019-08-01", "c"); c.move("2019-10-01", "b"); c.e("2020-01-01", "PlacementOrderMade"); c.pfa("2020-03-01", "b", "A5"); c.adopt("2021-01-01")
c = C("A24_A10_disrupted_first_A5"); c.start("2019-05-01", "a"); c.move("2019-08-01", "b"); c.e("2019-09-01", "PlacementOrderMade"); c.pfa("2019-10-01", "b", "A5"); c.move("2020-01-01", "c", "U4", "CREQB"); c.pfa("2020-06-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A25_A10_first_A6_then_A5"); c.start("2019-05-01", "a"); c.e("2019-09-01", "PlacementOrderMade"); c.pfa("2019-10-01", "z", "A6"); c.move("2020-01-01", "c", "U4", "CREQB"); c.pfa("2020-06-01", "c", "A5"); c.adopt("2021-01-01")
c = C("A26_sb_start_adopted"); c.start("2019-05-01", "a", ls="V3"); c.ls("2019-07-01", "C2"); c.e("2019-09-01", "PlacementOrderMade"); c.pfa("2019-10-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A27_pfa_on_period_end_day"); c.start("2019-05-01", "a"); c.e("2019-09-01", "PlacementOrderMade"); c.pfa("2021-01-01", "z", "A6"); c.adopt("2021-01-01")
c = C("A20_adopted_twice"); c.start("2019-05-01", "a"); c.pfa("2019-08-01", "z", "A4"); c.adopt("2019-12-01"); c.start("2020-03-01", "b"); c.pfa("2020-08-01", "y", "A4"); c.adopt("2021-03-01")

# --- trackers
c = C("T01_referral_assess_same_day"); c.e("2022-03-01", "ChildReferred"); c.e("2022-03-01", "AssessmentCompleted", outcome="other")
c = C("T02_assess_before_referral"); c.e("2022-02-01", "AssessmentCompleted", outcome="other"); c.e("2022-03-01", "ChildReferred")
c = C("T03_two_referrals"); c.e("2021-11-01", "ChildReferred"); c.e("2021-12-01", "ChildReferred"); c.e("2021-12-20", "AssessmentCompleted", outcome="other")
c = C("T04_s47_conf_same_day"); c.e("2022-03-01", "StrategyMeetingHeld", outcome="s47_enquiry"); c.e("2022-03-01", "ChildProtectionConferenceHeld", kind="initial", outcome="plan")
c = C("T05_s47_review_conf"); c.e("2022-03-01", "StrategyMeetingHeld", outcome="s47_enquiry"); c.e("2022-03-05", "ChildProtectionConferenceHeld", kind="review", outcome="plan")
c = C("T06_nfa_strategy"); c.e("2022-03-01", "StrategyMeetingHeld", outcome="no_further_action")
c = C("T07_proceedings_ext"); c.e("2021-10-01", "CareProceedingsIssued", case_number="X"); c.e("2022-01-01", "CareProceedingsExtended", weeks=8, reason="r"); c.e("2022-02-01", "CareProceedingsExtended", weeks=3, reason="r")
c = C("T08_proceedings_concluded_then_ext"); c.e("2021-10-01", "CareProceedingsIssued", case_number="X"); c.e("2022-01-01", "CareProceedingsConcluded", outcome="care_order"); c.e("2022-02-01", "CareProceedingsExtended", weeks=3, reason="r")
c = C("T09_proceedings_twice"); c.e("2020-10-01", "CareProceedingsIssued", case_number="X"); c.e("2020-12-01", "CareProceedingsExtended", weeks=8, reason="r"); c.e("2021-03-01", "CareProceedingsConcluded", outcome="care_order"); c.e("2021-11-01", "CareProceedingsIssued", case_number="Y")
c = C("T10_due_exactly_14"); c.e("2022-03-17", "StrategyMeetingHeld", outcome="s47_enquiry")  # +15 wd
c = C("T11_review_on_start_day"); c.start("2022-01-04", "a"); c.e("2022-01-04", "ReviewHeld")
c = C("T12_two_reviews_same_day"); c.start("2021-06-01", "a"); c.e("2021-06-10", "ReviewHeld"); c.e("2021-09-01", "ReviewHeld"); c.e("2021-09-01", "ReviewHeld", participation="PN2")
c = C("T13_start_bank_holiday"); c.start("2021-12-27", "a")
c = C("T14_start_weekend_before_jubilee"); c.start("2022-05-28", "a")
c = C("T15_plan_before_first_review"); c.start("2022-01-04", "a"); c.e("2022-01-10", "PermanencePlanRecorded", plan="adoption"); c.e("2022-02-10", "ReviewHeld")
c = C("T16_reversal"); c.start("2021-01-04", "a"); c.e("2021-03-01", "AgencyDecisionMade"); c.e("2021-05-01", "AdoptionDecisionReversed", reason="RD1")
c = C("T17_reversal_new_plan"); c.start("2021-01-04", "a"); c.e("2021-03-01", "AgencyDecisionMade"); c.e("2021-05-01", "AdoptionDecisionReversed", reason="RD1"); c.e("2021-08-01", "PermanencePlanRecorded", plan="adoption")
c = C("T18_pfa_then_reversal"); c.start("2021-01-04", "a"); c.e("2021-03-01", "AgencyDecisionMade"); c.pfa("2021-06-01", "z", "A6"); c.e("2021-09-01", "AdoptionDecisionReversed", reason="RD2"); c.move("2021-09-01", "b", "U4", "CREQB")
c = C("T19_pfa_before_plan"); c.start("2021-01-04", "a"); c.pfa("2021-03-01", "z", "A4"); c.e("2021-06-01", "PermanencePlanRecorded", plan="adoption")
c = C("T20_two_POs"); c.start("2020-01-04", "a"); c.e("2020-03-01", "PlacementOrderMade"); c.e("2020-05-01", "MatchedWithAdopters"); c.ls("2020-06-01", "C2"); c.e("2021-03-01", "PlacementOrderMade")
c = C("T21_match_before_PO"); c.start("2021-01-04", "a"); c.e("2021-02-01", "MatchedWithAdopters"); c.e("2021-05-01", "PlacementOrderMade")
c = C("T22_waiting_PO_feb29"); c.start("2019-01-04", "a"); c.e("2020-02-29", "PlacementOrderMade")
c = C("T23_waiting_PO_placed_then_disrupt"); c.start("2019-01-04", "a"); c.e("2020-02-01", "PlacementOrderMade"); c.pfa("2020-05-01", "z", "A6"); c.move("2020-07-01", "b", "U4", "CREQB")
c = C("T24_sb_child_with_referral"); c.start("2022-01-04", "a", ls="V3"); c.e("2022-02-01", "ChildReferred")
c = C("T25_not_la_all_done"); c.e("2021-11-01", "ChildReferred"); c.e("2021-12-01", "AssessmentCompleted", outcome="other")
c = C("T26_ended_period_overdue_review"); c.start("2021-10-01", "a"); c.end("2022-02-01")
c = C("T27_referral_on_asat"); c.e("2022-03-31", "ChildReferred")
c = C("T28_retracted_end"); c.start("2021-01-04", "a"); x = c.end("2021-06-01"); c.retract("2021-06-02", x)
c = C("T29_retraction_after_asat"); c.start("2021-01-04", "a"); x = c.move("2021-06-01", "b", "U4", "CREQB"); c.retract("2022-06-02", x)
c = C("T30_retract_the_retraction"); c.start("2021-01-04", "a"); x = c.e("2021-02-01", "ReviewHeld"); y = c.retract("2021-02-02", x); c.retract("2021-02-03", y)
c = C("T31_disruption_on_year_start"); c.start("2020-01-04", "a"); c.move("2021-04-01", "b", "U4", "STAND")
c = C("T32_disruption_day_before"); c.start("2020-01-04", "a"); c.move("2021-03-31", "b", "U4", "STAND")
c = C("T33_disruption_into_pfa"); c.start("2020-01-04", "a"); c.pfa("2021-06-01", "z", "A6", "CREQO")
c = C("T34_third_placement_csc"); c.start("2020-01-04", "a"); c.move("2021-06-01", "a", "U1"); c.move("2021-09-01", "b")
c = C("T35_due_today"); c.start("2022-03-03", "a")  # first review due +20wd = 2022-03-31
c = C("T36_ext_before_issue"); c.e("2021-09-01", "CareProceedingsExtended", weeks=2, reason="r"); c.e("2021-10-01", "CareProceedingsIssued", case_number="X")
c = C("T37_cpc_initial_before_s47"); c.e("2022-02-01", "ChildProtectionConferenceHeld", kind="initial", outcome="plan"); c.e("2022-03-01", "StrategyMeetingHeld", outcome="s47_enquiry")
c = C("T38_review_prev_period"); c.start("2021-06-01", "a"); c.e("2021-06-20", "ReviewHeld"); c.end("2021-08-01"); c.start("2021-10-01", "b")
c = C("T39_plan_prev_period"); c.start("2021-06-01", "a"); c.e("2021-06-20", "PermanencePlanRecorded", plan="adoption"); c.end("2021-08-01"); c.start("2021-10-01", "b")
c = C("T40_match_after_PO_same_day"); c.start("2021-01-04", "a"); c.e("2021-05-01", "PlacementOrderMade"); c.e("2021-05-01", "MatchedWithAdopters")
c = C("T41_care_18m_exact"); c.start("2020-09-30", "a"); c.e("2021-01-01", "PlacementOrderMade")
c = C("T42_care_18m_from_aug31"); c.start("2020-08-31", "a"); c.e("2021-01-01", "PlacementOrderMade")
c = C("T43_left_lts_ended_16", "2006-04-15"); c.start("2019-01-01", "a"); c.move("2021-01-01", "b")

c = C("T44_review_on_end_and_restart_day"); c.start("2021-06-01", "a"); c.e("2021-06-10", "ReviewHeld"); c.e("2021-10-01", "ReviewHeld"); c.end("2021-10-01"); c.start("2021-10-01", "b")
c = C("T45_pfa_before_PO_waiting"); c.start("2019-06-01", "a"); c.pfa("2020-03-01", "z", "A4"); c.e("2020-06-01", "PlacementOrderMade")
c = C("T46_review_after_restart_same_day"); c.start("2021-06-01", "a"); c.e("2021-06-10", "ReviewHeld"); c.end("2021-10-01"); c.start("2021-10-01", "b"); c.e("2021-10-01", "ReviewHeld")
c = C("T47_plan_on_end_day"); c.start("2021-06-01", "a"); c.e("2021-10-01", "PermanencePlanRecorded", plan="adoption"); c.end("2021-10-01"); c.start("2021-10-01", "b")
c = C("T48_ls_E1_via_change"); c.start("2021-01-04", "a"); c.ls("2021-03-01", "E1"); c.ls("2021-04-01", "C2"); c.ls("2021-05-01", "E1")

# --- leap-day as-at dates (2024-02-29: year from 2023-03-01, 2y -> 2022-02-28?, 30m -> 2021-08-29)
c = C("M01_lts_2y_feb28"); c.start("2021-08-01", "a"); c.move("2022-02-28", "b")
c = C("M02_lts_2y_mar01"); c.start("2021-08-01", "a"); c.move("2022-03-01", "b")
c = C("M03_lts_30m_aug29"); c.start("2021-08-29", "a")
c = C("M04_lts_30m_aug30"); c.start("2021-08-30", "a")
c = C("M05_move_2023_02_28"); c.start("2022-01-01", "a"); c.move("2023-02-28", "b"); c.move("2023-10-01", "c")
c = C("M06_move_2023_03_01"); c.start("2022-01-01", "a"); c.move("2023-03-01", "b"); c.move("2023-10-01", "c")
c = C("M07_move_2020_02_29"); c.start("2019-01-01", "a"); c.move("2020-02-29", "b"); c.move("2020-10-01", "c")
c = C("M08_move_2020_03_01"); c.start("2019-01-01", "a"); c.move("2020-03-01", "b"); c.move("2020-10-01", "c")
c = C("M09_turns16_feb29", "2008-02-29"); c.start("2021-01-01", "a")
c = C("M10_ended_2020_02_29"); c.start("2019-06-01", "a"); c.end("2020-02-29", "E4A")
c = C("M11_ended_2020_02_28"); c.start("2019-06-01", "a"); c.end("2020-02-28", "E4A")

# --- retractions of structural facts, late (backdated) arrivals
c = C("R01_retract_start"); x = c.start("2020-01-01", "a"); c.move("2021-05-01", "b"); c.retract("2021-06-01", x)
c = C("R02_retract_registration"); c.start("2019-01-01", "a"); c.retract("2021-06-01", c.cid + "-01")
c = C("R03_retract_PO"); c.start("2019-05-01", "a"); x = c.e("2020-01-01", "PlacementOrderMade"); c.e("2020-02-01", "MatchedWithAdopters"); c.pfa("2020-03-01", "z", "A6"); c.adopt("2021-01-01"); c.retract("2021-02-01", x)
c = C("R04_retract_pfa"); c.start("2019-05-01", "a"); c.e("2020-01-01", "PlacementOrderMade"); x = c.pfa("2020-03-01", "z", "A6"); c.adopt("2021-01-01"); c.retract("2021-02-01", x)
c = C("R05_retract_adoption_order"); c.start("2019-05-01", "a"); c.e("2020-01-01", "PlacementOrderMade"); c.pfa("2020-03-01", "z", "A6"); x = c.adopt("2021-01-01"); c.retract("2021-02-01", x)
c = C("R06_retract_middle_move"); c.start("2020-01-01", "a"); x = c.move("2021-05-01", "b", reason="STAND"); c.move("2021-09-01", "c"); c.retract("2021-10-01", x)
c = C("R07_retract_end_then_restart"); c.start("2020-01-01", "a"); x = c.end("2021-05-01"); c.start("2021-09-01", "b"); c.retract("2021-10-01", x)
c = C("R08_backdated_move"); c.start("2020-01-01", "a"); c.move("2021-09-01", "c")
c = C("R09_backdated_end"); c.start("2020-01-01", "a"); c.e("2021-07-01", "ReviewHeld")
late = []
late.append({"event_id": "R08-late", "type": "PlacementMoved", "child_id": "R08_backdated_move", "occurred_on": "2021-05-01", "source": "edge",
             "payload": {"placement": {"placement_type": "U4", "provider": "PR1", "carer_id": "b"}, "reason_previous_ended": "CREQB"}})
late.append({"event_id": "R09-late", "type": "PeriodOfCareEnded", "child_id": "R09_backdated_end", "occurred_on": "2021-08-01", "source": "edge",
             "payload": {"reason": "E4A"}})
late.append({"event_id": "R10-late-review", "type": "ReviewHeld", "child_id": "T35_due_today", "occurred_on": "2022-03-20", "source": "edge", "payload": {}})
out.extend(late)

for e in out:
    sys.stdout.write(json.dumps(e) + "\n")
