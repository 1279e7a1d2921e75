package cn.onestop.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a flight recording of the gateway says its CPU went: execution samples counted by the
 * method on top of the stack (self), by every method on the stack (total), and by the project's
 * top-most frame's area (TLS, gRPC and protobuf, JDBC driver, the project's own packages…).
 *
 * <pre>
 *   JfrSummary FILE.jfr [top N] [filter: only stacks through a method whose name contains this] [native]
 * </pre>
 * With {@code native}, the samples of threads waiting in native code (a socket read: a database
 * round trip, an fsync to wait for) instead of those running Java code.
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String through = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        String event = args.length > 3 && args[3].equals("native") ? "jdk.NativeMethodSample" : "jdk.ExecutionSample";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals(event)) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            if (through != null && frames.stream().noneMatch(f -> name(f).contains(through))) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    total.merge(name(f), 1, Integer::sum);
                }
            }
            areas.merge(area(frames), 1, Integer::sum);
        }
        System.out.printf("%d %s samples%s%n", samples, event, through == null ? "" : " through " + through);
        print("by area (the top frame's library)", areas, samples, top);
        print("self (top of stack)", self, samples, top);
        print("total (anywhere on the stack)", total, samples, top);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** What the sample was doing, by the package of its top frame. */
    static String area(List<RecordedFrame> frames) {
        String t = frames.get(0).getMethod().getType().getName();
        if (t.startsWith("sun.security") || t.startsWith("com.sun.crypto") || t.contains("ssl")
                || t.contains("Ssl") || t.startsWith("javax.crypto")) {
            return "TLS and crypto";
        }
        if (t.startsWith("io.grpc.netty.shaded.io.netty")) {
            return "Netty";
        }
        if (t.startsWith("io.grpc") || t.startsWith("com.google.protobuf")) {
            return "gRPC and protobuf";
        }
        if (t.startsWith("org.mariadb") || t.startsWith("com.zaxxer")) {
            return "JDBC driver and pool";
        }
        if (t.startsWith("com.fasterxml")) {
            return "JSON (Jackson)";
        }
        if (t.startsWith("cn.onestop.engine") || t.startsWith("cn.onestop.rules")) {
            return "the split (engine)";
        }
        if (t.startsWith("cn.onestop")) {
            return "OneStop " + t.split("\\.")[2];
        }
        if (t.startsWith("java.util.concurrent") || t.startsWith("jdk.internal.misc") || t.startsWith("java.lang.Thread")) {
            return "JDK concurrency";
        }
        if (t.startsWith("java.") || t.startsWith("jdk.") || t.startsWith("sun.")) {
            return "JDK other (" + t.substring(0, t.lastIndexOf('.')) + ")";
        }
        return t.substring(0, Math.max(0, t.lastIndexOf('.')));
    }

    private static void print(String title, Map<String, Integer> m, int samples, int top) {
        System.out.println("\n" + title);
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
