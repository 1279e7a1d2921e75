package cn.onestop.enrolment;

import java.util.ArrayList;
import java.util.List;

/** Rows are read and written in chunks of {@value EnrolmentImport#CHUNK}. */
final class Chunks {
    private Chunks() {}

    /** {@code rows} in consecutive chunks (views, in order). */
    static <T> List<List<T>> of(List<T> rows) {
        List<List<T>> out = new ArrayList<>(rows.size() / EnrolmentImport.CHUNK + 1);
        for (int from = 0; from < rows.size(); from += EnrolmentImport.CHUNK) {
            out.add(rows.subList(from, Math.min(rows.size(), from + EnrolmentImport.CHUNK)));
        }
        return out;
    }

    /** The {@code ?} marks of an SQL {@code IN} list of {@code n} values: {@code ?, ?, ?}. */
    static String marks(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }
}
