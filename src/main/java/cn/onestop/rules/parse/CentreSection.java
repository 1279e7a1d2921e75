package cn.onestop.rules.parse;

import cn.onestop.rules.CentreRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.RuleTable;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The sections of the centre rules ({@code CENTRE-SETTLEMENT}): {@code inpatient_pool_advance} (plan → the
 * share of its general inpatient pool spending advanced monthly, E §50),
 * {@code year_end_sharing} (E §52), {@code insured_regions} (plan → 6-digit region) and
 * {@code pooling_regions} (6-digit region → 4-digit pooling region).
 */
final class CentreSection {
    private static final Set<String> SECTIONS = Set.of("inpatient_pool_advance", "year_end_sharing", "insured_regions",
            "pooling_regions");

    private CentreSection() {
    }

    /** Reads the centre's sections, telling {@code listed} every parameter read. */
    static RuleTable.Sections read(String origin, JsonNode sections, Consumer<RuleParameters.Entry> listed) {
        if (sections == null || !sections.isObject()) {
            throw new RuleLoadException(origin + ": sections: missing (an object of sections)");
        }
        for (Iterator<String> it = sections.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!SECTIONS.contains(name)) {
                throw new RuleLoadException(origin + ": sections." + name + ": unknown section (the centre rules have "
                        + "inpatient_pool_advance, year_end_sharing, insured_regions, pooling_regions)");
            }
        }
        for (String name : SECTIONS) {
            if (!sections.has(name)) {
                throw new RuleLoadException(origin + ": sections." + name + ": missing section");
            }
        }
        SectionReader advances = new SectionReader(origin, "inpatient_pool_advance",
                sections.get("inpatient_pool_advance"), listed);
        Map<String, Param> advance = new LinkedHashMap<>();
        for (String plan : advances.names()) {
            if (RuleTable.schemeless(plan)) {
                throw advances.fail(plan, "not a plan");
            }
            advance.put(plan, advances.ratio(plan));
        }
        advances.finish();
        SectionReader sharing = new SectionReader(origin, "year_end_sharing",
                sections.get("year_end_sharing"), listed);
        Param floatBand = sharing.ratio("float_bp");
        Param upperFloat = sharing.ratio("upper_float_bp");
        Param overspend = sharing.ratio("overspend_share_bp");
        Param reward = sharing.ratio("reward_share_bp");
        Param assessment = sharing.ratio("assessment_bp");
        sharing.finish();
        if (upperFloat.value() < floatBand.value()) {
            throw sharing.fail("upper_float_bp", "must not be below float_bp");
        }
        SectionReader plans = new SectionReader(origin, "insured_regions",
                sections.get("insured_regions"), listed);
        Map<String, Param> insured = new LinkedHashMap<>();
        for (String plan : plans.names()) {
            if (RuleTable.schemeless(plan)) {
                throw plans.fail(plan, "not a plan");
            }
            insured.put(plan, plans.adminDivision(plan));
        }
        plans.finish();
        SectionReader pooling = new SectionReader(origin, "pooling_regions",
                sections.get("pooling_regions"), listed);
        Map<String, Param> pools = new LinkedHashMap<>();
        for (String region : pooling.names()) {
            if (!region.matches("\\d{6}")) {
                throw pooling.fail(region, "not a 6-digit admin-division code");
            }
            Param p = pooling.poolingRegion(region);
            if (!region.startsWith(Long.toString(p.value()).substring(0, 2))) {
                throw pooling.fail(region, "its pooling region must lie in the same province (first two digits)");
            }
            pools.put(region, p);
        }
        pooling.finish();
        return new RuleTable.Sections(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null,
                new CentreRules(advance, floatBand, upperFloat, overspend, reward, assessment, insured, pools));
    }
}
