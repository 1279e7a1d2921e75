package cn.onestop.rules;

import cn.onestop.request.Filing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads one parameter per {@link Filing}, named {@code prefix + filing + suffix}, in filing order. */
final class FilingTable {
    private FilingTable() {
    }

    static List<Param> read(SectionReader r, String prefix, String suffix, boolean adjustment) {
        List<Param> out = new ArrayList<>();
        for (Filing f : Filing.values()) {
            String name = prefix + f.name().toLowerCase(Locale.ROOT) + suffix;
            out.add(adjustment ? r.adjustment(name) : r.ratio(name));
        }
        return List.copyOf(out);
    }
}
