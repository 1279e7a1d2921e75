package cn.onestop.national;

import cn.onestop.csv.Cells;
import cn.onestop.csv.Columns;
import cn.onestop.csv.CsvFile;
import cn.onestop.kernel.RowError;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.Category;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.VisitType;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The national code tables this front maps through, as configuration: one CSV file each in a folder
 * ({@code national.codes}, default {@code config/national}; the bundled copy when the folder does not
 * exist), columns {@code code,name,maps_to} where {@code maps_to} lists what the code stands for at
 * the gateway, separated by spaces ({@code *}: everything). Every value is checked at start: a bad
 * table stops the gateway with the file, line and column.
 */
public final class CodeTables {
    /** The tables and what their {@code maps_to} values must be. */
    private static final Map<String, Predicate<String>> TABLES = tables();

    private final Map<String, CodeTable> tables;

    private CodeTables(Map<String, CodeTable> tables) {
        this.tables = Map.copyOf(tables);
    }

    private static Map<String, Predicate<String>> tables() {
        Map<String, Predicate<String>> t = new LinkedHashMap<>();
        t.put("med_type", names(VisitType.values()));
        t.put("insutype", plan -> plan.matches("[A-Z0-9-]{1,64}"));
        t.put("psn_type", names(PersonStatus.values()));
        t.put("clr_type", names(VisitType.values()));
        t.put("clr_way", names(VisitType.values()));
        t.put("chrgitm_lv", names(Category.values()));
        t.put("fund_pay_type", v -> v.matches("[0-9]{6}"));
        t.put("psn_idet_type", names(AssistanceCategory.values()));
        return t;
    }

    private static Predicate<String> names(Enum<?>[] values) {
        Set<String> ok = new java.util.HashSet<>(Arrays.stream(values).map(Enum::name).toList());
        ok.add("*");
        return ok::contains;
    }

    /** The tables of {@code dir}, or the bundled ones when it does not exist. */
    public static CodeTables load(Path dir) throws IOException {
        Map<String, CodeTable> out = new LinkedHashMap<>();
        for (Map.Entry<String, Predicate<String>> t : TABLES.entrySet()) {
            String file = t.getKey() + ".csv";
            if (Files.isDirectory(dir)) {
                try (Reader r = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8)) {
                    out.put(t.getKey(), read(t.getKey(), dir.resolve(file).toString(), r, t.getValue()));
                }
            } else {
                try (InputStream in = CodeTables.class.getResourceAsStream("/config/national/" + file)) {
                    if (in == null) {
                        throw new IOException("no code table " + file + " in " + dir + " nor bundled");
                    }
                    out.put(t.getKey(), read(t.getKey(), "bundled " + file, new InputStreamReader(in,
                            StandardCharsets.UTF_8), t.getValue()));
                }
            }
        }
        return new CodeTables(out);
    }

    private static CodeTable read(String name, String source, Reader r, Predicate<String> valid) throws IOException {
        Map<String, CodeTable.Entry> entries = new LinkedHashMap<>();
        CsvFile f = CsvFile.read(r, Columns.exactly(List.of("code", "name", "maps_to")), (Cells c) -> {
            String code = c.token("code", true, 32);
            String label = c.singleLine("name", true, 100);
            List<String> values = c.items("maps_to", ' ');
            for (String v : values) {
                if (!valid.test(v)) {
                    c.error("maps_to", "'" + v + "' is not something a " + name + " code can stand for");
                }
            }
            if (values.isEmpty()) {
                c.error("maps_to", "is required");
            }
            if (code != null && entries.containsKey(code)) {
                c.error("code", "repeats code " + code);
            }
            if (!c.failed()) {
                entries.put(code, new CodeTable.Entry(code, label, values));
            }
        });
        if (!f.ok()) {
            RowError e = f.errors().get(0);
            throw new IOException(source + " line " + e.line() + " " + e.field() + ": " + e.message()
                    + (f.errors().size() > 1 ? " (and " + (f.errors().size() - 1) + " more)" : ""));
        }
        return new CodeTable(name, entries);
    }

    CodeTable get(String name) {
        CodeTable t = tables.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no code table " + name);
        }
        return t;
    }
}
