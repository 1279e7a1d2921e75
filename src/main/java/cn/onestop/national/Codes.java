package cn.onestop.national;

import cn.onestop.engine.Settlement;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.Category;
import cn.onestop.request.VisitType;

import java.util.Optional;
import java.util.Set;

/**
 * The code tables as the transactions use them: a national code read from a field into what it stands
 * for at the gateway (an unmapped code is a fault naming the field), and the gateway's values written
 * back as national codes.
 */
final class Codes {
    private final CodeTables tables;

    Codes(CodeTables tables) {
        this.tables = tables;
    }

    /** The visit type of the med_type in {@code field}; null (and a fault) when unmapped. */
    VisitType visitType(Input in, String field, String code) {
        if (code == null) {
            return null;
        }
        Optional<CodeTable.Entry> e = tables.get("med_type").find(code);
        if (e.isEmpty()) {
            in.refuse(field, unmapped("med_type", code));
            return null;
        }
        return VisitType.valueOf(e.get().value());
    }

    /** The plans the insutype in {@code field} stands for; null (and a fault) when unmapped. */
    Set<String> plans(Input in, String field, String code) {
        if (code == null) {
            return null;
        }
        Optional<CodeTable.Entry> e = tables.get("insutype").find(code);
        if (e.isEmpty()) {
            in.refuse(field, unmapped("insutype", code));
            return null;
        }
        return Set.copyOf(e.get().values());
    }

    private String unmapped(String table, String code) {
        return "is " + code + ", which is not in the " + table + " code table (config/national/" + table
                + ".csv: " + tables.get(table).codes() + ")";
    }

    String insutypeOf(String plan) {
        return tables.get("insutype").codeOf(plan).map(CodeTable.Entry::code).orElse("");
    }

    String psnType(String status) {
        return tables.get("psn_type").codeOf(status).map(CodeTable.Entry::code).orElse("");
    }

    String clrType(Outputs.About about) {
        return about.visit() == null ? "" : visitCode("clr_type", about.visit().type());
    }

    String clrWay(Settlement split, Outputs.About about) {
        return about.visit() == null ? "" : visitCode("clr_way", about.visit().type());
    }

    private String visitCode(String table, VisitType type) {
        return tables.get(table).codeOf(type.name()).map(CodeTable.Entry::code).orElse("");
    }

    String fundName(String fundCode) {
        return tables.get("fund_pay_type").find(fundCode).map(CodeTable.Entry::label).orElse("");
    }

    String chrgitmLv(Category c) {
        return tables.get("chrgitm_lv").codeOf(c.name()).map(CodeTable.Entry::code).orElse("");
    }

    String idetType(AssistanceCategory c) {
        return tables.get("psn_idet_type").codeOf(c.name()).map(CodeTable.Entry::code).orElse("");
    }

    /** The name of a code of {@code table}, or empty. */
    String label(String table, String code) {
        return tables.get(table).find(code).map(CodeTable.Entry::label).orElse("");
    }
}
