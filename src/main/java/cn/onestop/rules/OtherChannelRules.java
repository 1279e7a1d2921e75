package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.FLAG;

/** Persons paid through another channel are not settled by the plan (E §36). */
public record OtherChannelRules(Param refused) {
    public OtherChannelRules {
        FLAG.check(refused);
    }
}
