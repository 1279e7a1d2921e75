package cn.onestop.grpc;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.clearing.CentreTotal;
import cn.onestop.clearing.Figures;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.sharing.SharingScheme;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The clearing API's request fields as domain values, every field at fault named. */
final class ClearingRequests {
    private ClearingRequests() {
    }

    record Range(LocalDate from, LocalDate to) {
    }

    static LocalDate date(String field, String value) {
        if (value.isEmpty()) {
            throw new InvalidRequestException(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "not a date (YYYY-MM-DD): " + value);
        }
    }

    static Range range(String from, String to) {
        List<FieldViolation> bad = new ArrayList<>();
        LocalDate f = null;
        LocalDate t = null;
        try {
            f = date("stmt_begndate", from);
        } catch (InvalidRequestException e) {
            bad.addAll(e.violations());
        }
        try {
            t = date("stmt_enddate", to);
        } catch (InvalidRequestException e) {
            bad.addAll(e.violations());
        }
        if (f != null && t != null && t.isBefore(f)) {
            bad.add(new FieldViolation("stmt_enddate", "ends before the range starts (" + t + " < " + f + ")"));
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
        return new Range(f, t);
    }

    static List<CentreTotal> centreTotals(List<cn.onestop.api.v1.CentreTotal> rows) {
        List<FieldViolation> bad = new ArrayList<>();
        List<CentreTotal> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            cn.onestop.api.v1.CentreTotal r = rows.get(i);
            String at = "rows[" + i + "].";
            Optional<InsuranceType> insutype = InsuranceType.ofCode(r.getInsutype());
            Optional<ClearingType> type = ClearingType.ofCode(r.getClrType());
            ClearingCategory category = null;
            try {
                category = ClearingCategory.valueOf(r.getClrCategory());
            } catch (IllegalArgumentException e) {
                bad.add(new FieldViolation(at + "clr_category", "must be LOCAL, IN_PROVINCE or CROSS_PROVINCE, got \""
                        + r.getClrCategory() + "\""));
            }
            if (insutype.isEmpty()) {
                bad.add(new FieldViolation(at + "insutype", "must be 310 or 390, got \"" + r.getInsutype() + "\""));
            }
            if (type.isEmpty()) {
                bad.add(new FieldViolation(at + "clr_type", "must be 11, 21 or 41, got \"" + r.getClrType() + "\""));
            }
            if (insutype.isPresent() && type.isPresent() && category != null) {
                out.add(new CentreTotal(insutype.get(), type.get(), category, new Figures(r.getMedfeeSumamt(),
                        r.getFundPaySumamt(), r.getAcctPay(), r.getFixmedinsSetlCnt())));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
        return out;
    }

    static SharingScheme scheme(String s) {
        try {
            return SharingScheme.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("scheme", "must be DIP or QUOTA, got \"" + s + "\"");
        }
    }
}
