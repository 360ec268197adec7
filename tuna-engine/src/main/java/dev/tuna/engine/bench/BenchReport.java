package dev.tuna.engine.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a benchmark run measured, in order. Each has a dotted key path ({@code matmul.f32_2_threads_gflops}),
 * which {@link #toJson()} turns into nested objects, and a label and unit for people.
 */
public final class BenchReport {
    /** One measured figure; {@code unit} is empty for plain counts. */
    public record Figure(String key, String label, Object value, String unit) {
    }

    private final List<Figure> figures = new ArrayList<>();

    public synchronized void add(String key, String label, Object value, String unit) {
        figures.add(new Figure(key, label, value instanceof Double d ? round(d) : value, unit));
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The figures as nested maps keyed by their path segments (ready for a JSON writer). */
    public synchronized Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Figure f : figures) {
            String[] path = f.key().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < path.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<>());
                node = child;
            }
            node.put(path[path.length - 1], f.value());
        }
        return root;
    }

    /** Three significant digits are all a benchmark on a shared machine can claim. */
    private static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        double scale = Math.pow(10, 2 - (int) Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
