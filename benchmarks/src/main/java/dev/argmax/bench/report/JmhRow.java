package dev.argmax.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a JMH JSON result file ({@code -rf json}).
 *
 * @param benchmark fully qualified benchmark method, e.g. {@code dev.argmax.bench.ReferenceBenchmarks.syrk}
 * @param params the JMH parameters of the row
 * @param score the primary metric's score
 * @param error its error (99.9% half-width; NaN when JMH could not compute one)
 * @param unit e.g. "ms/op"
 */
public record JmhRow(String benchmark, Map<String, String> params, double score, double error, String unit) {

    /** Reads a row from JMH's JSON. */
    static JmhRow of(JsonNode node) {
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = node.get("params");
        if (p != null) {
            p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode metric = node.get("primaryMetric");
        double error = metric.get("scoreError").isNumber() ? metric.get("scoreError").asDouble() : Double.NaN;
        return new JmhRow(node.get("benchmark").asText(), params, metric.get("score").asDouble(), error,
                metric.get("scoreUnit").asText());
    }

    /** Class and method without the package, e.g. {@code ReferenceBenchmarks.syrk}. */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        int k = parts.length;
        return k >= 2 ? parts[k - 2] + "." + parts[k - 1] : benchmark;
    }

    /** The method name. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** An integer parameter, or -1. */
    public int intParam(String name) {
        String v = params.get(name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    /** The score in seconds per operation (JMH's time units converted). */
    public double seconds() {
        String u = unit.replace("/op", "");
        double f = switch (u) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            default -> Double.NaN;
        };
        return score * f;
    }

    /** The parameters as {@code k=v} pairs. */
    public String paramText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
