package cn.onestop.engine;

import cn.onestop.request.FamilyPayer;
import cn.onestop.rules.MutualAidRules;

import java.util.List;

/**
 * The personal account (E §18, W §4): pays only the in-policy burden left by the funds, never own
 * pay or over-limit pay, and only when the person asks; then a family member's account under
 * mutual aid where the plan has it.
 */
final class PersonalAccount {
    private PersonalAccount() {
    }

    static void apply(Split s) {
        FamilyPayer family = s.person.familyPayer();
        MutualAidRules aid = s.rules.mutualAid();
        boolean aidApplies = family != null && aid != null && aid.enabled().value() != 0;
        if (family != null && !aidApplies) {
            s.warn(Warning.FAMILY_PAYER_NOT_APPLICABLE);
        }
        if (!s.visit.useAccount()) {
            return;
        }
        long burden = s.inPolicyBurden();
        s.acctOwn = Math.min(s.person.accountBalance(), burden);
        s.step("acct_pay", "own account pays the in-policy burden left by the funds", burden, Step.NONE,
                s.person.accountBalance(), s.acctOwn, List.of());
        if (aidApplies) {
            long left = burden - s.acctOwn;
            s.acctFamily = Math.min(family.balance(), left);
            s.step("acct_mulaid_pay", "family mutual aid: a spouse's, parent's or child's account", left,
                    Step.NONE, family.balance(), s.acctFamily, List.of(aid.enabled()));
        }
    }
}
