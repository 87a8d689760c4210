package dev.argmax.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.bench.problems.Answer;
import dev.argmax.bench.problems.Family;
import dev.argmax.bench.problems.PeerModel;
import dev.argmax.bench.problems.ProblemSpec;
import dev.argmax.bench.problems.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the JMH results of one run (argmax's jar and the peers' jar) and the answers the
 * benchmarks left into one JSON document and a Markdown report:
 *
 * <ol>
 *   <li>every row with its derived rate: GFLOP/s for DGEMM ({@code 2 m^3} flops) and SYRK
 *       ({@code n p^2}), GB/s for a pass over X ({@code 8 n p} bytes);</li>
 *   <li>iterations as multiples of the reference rows of the same n and p: an IRLS / Newton
 *       iteration against one SYRK plus one pass (goal 1.25), a gradient iteration against two
 *       passes (goal 1.5), from the kernels and from full fits divided by their iteration count;</li>
 *   <li>the peers beside argmax on the same problem, with the largest coefficient difference
 *       between the two answers, so that a time is only compared with a time for the same
 *       answer.</li>
 * </ol>
 *
 * <p>Usage: {@code BenchReport --answers DIR --json OUT.json --markdown OUT.md RESULT.json...}
 */
public final class BenchReport {

    /** Coefficients that differ by more than this are flagged: the times are then not comparable. */
    public static final double SAME_ANSWER = 1e-4;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<JmhRow> rows;
    private final List<Answer> answers;

    public BenchReport(List<JmhRow> rows, List<Answer> answers) {
        this.rows = List.copyOf(rows);
        this.answers = List.copyOf(answers);
    }

    /** Reads JMH JSON result files (a missing or empty file gives no rows). */
    public static List<JmhRow> readJmh(List<Path> files) {
        List<JmhRow> out = new ArrayList<>();
        for (Path f : files) {
            try {
                if (!Files.exists(f) || Files.size(f) == 0) {
                    continue;
                }
                for (JsonNode node : MAPPER.readTree(f.toFile())) {
                    out.add(JmhRow.of(node));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read JMH results " + f, e);
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path answersDir = null;
        Path json = null;
        Path markdown = null;
        String machine = "";
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--answers" -> answersDir = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--machine" -> machine = args[++i];
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("usage: BenchReport [--answers DIR] [--json OUT] [--markdown OUT] "
                    + "[--machine TEXT] RESULT.json...");
        }
        BenchReport report = new BenchReport(readJmh(inputs),
                answersDir == null ? List.of() : Answer.readAll(answersDir));
        if (json != null) {
            Files.writeString(json, MAPPER.writeValueAsString(report.toJson()));
        }
        String md = report.markdown(machine);
        if (markdown != null) {
            Files.writeString(markdown, md);
        } else {
            System.out.print(md);
        }
    }

    /** The rate derived from a row: GFLOP/s or GB/s with its unit, or empty. */
    static Optional<String> rate(JmhRow r) {
        double s = r.seconds();
        long n = r.intParam("n");
        long p = r.intParam("p");
        return switch (r.shortName()) {
            case "Dgemm.dgemm" -> {
                double m = r.intParam("m");
                yield Optional.of(fmt(2 * m * m * m / s / 1e9) + " GFLOP/s");
            }
            case "ReferenceBenchmarks.syrk" -> Optional.of(fmt((double) n * p * p / s / 1e9) + " GFLOP/s");
            case "ReferenceBenchmarks.weightedGram" -> Optional.of(fmt((double) n * (p + 1) * (p + 1) / s / 1e9)
                    + " GFLOP/s");
            case "ReferenceBenchmarks.pass" -> Optional.of(fmt(8.0 * n * p / s / 1e9) + " GB/s");
            default -> Optional.empty();
        };
    }

    /** The reference row of a kind ("syrk", "pass", "weightedGram") at n and p. */
    Optional<JmhRow> reference(String method, int n, int p) {
        return rows.stream().filter(r -> r.shortName().equals("ReferenceBenchmarks." + method)
                && r.intParam("n") == n && r.intParam("p") == p).findFirst();
    }

    /** How an iteration of a solver is measured against the reference rows. */
    enum IterationKind {
        NEWTON(1.25, "1 SYRK + 1 pass"), GRADIENT(1.5, "2 passes"), OTHER(Double.NaN, "");

        final double goal;
        final String against;

        IterationKind(double goal, String against) {
            this.goal = goal;
            this.against = against;
        }

        static IterationKind of(String solver) {
            String s = solver.toLowerCase(Locale.ROOT);
            if (s.equals("irls") || s.equals("newton") || s.equals("qr") || s.equals("newtonstep")) {
                return NEWTON;
            }
            if (s.equals("gd") || s.equals("ista") || s.equals("fista") || s.equals("lbfgs") || s.equals("agd")
                    || s.equals("gradientstep")) {
                return GRADIENT;
            }
            return OTHER;
        }
    }

    /** One iteration as a multiple of its reference. */
    record IterationRatio(String what, int n, int p, double iterationSeconds, double referenceSeconds,
                          IterationKind kind) {
        double ratio() {
            return iterationSeconds / referenceSeconds;
        }
    }

    List<IterationRatio> iterationRatios() {
        List<IterationRatio> out = new ArrayList<>();
        for (JmhRow r : rows) {
            int n = r.intParam("n");
            int p = r.intParam("p");
            double perIteration;
            String what;
            IterationKind kind;
            if (r.shortName().startsWith("KernelBenchmarks.")) {
                kind = IterationKind.of(r.method());
                perIteration = r.seconds();
                what = r.shortName() + " (" + r.params().get("family") + ")";
            } else if (r.shortName().equals("FitBenchmarks.fit")) {
                String solver = r.params().get("solver");
                kind = IterationKind.of(solver);
                ProblemSpec spec = new ProblemSpec(n, p, Family.parse(r.params().get("family")),
                        Scenario.parse(r.params().get("scenario")), 1);
                String model = dev.argmax.bench.FitBenchmarks.modelLabel(
                        Double.parseDouble(r.params().getOrDefault("lambda", "0")),
                        Double.parseDouble(r.params().getOrDefault("alpha", "1")));
                Optional<Answer> a = answers.stream().filter(x -> x.library().equals("argmax")
                        && x.method().equals(solver) && x.problem().equals(spec.id()) && x.model().equals(model))
                        .findFirst();
                if (a.isEmpty() || a.get().iterations() <= 0) {
                    continue;
                }
                perIteration = r.seconds() / a.get().iterations();
                what = "fit " + solver + " " + spec.id() + " (" + a.get().iterations() + " it.)";
                n = spec.rows();
            } else {
                continue;
            }
            Optional<JmhRow> pass = reference("pass", n, p);
            Optional<JmhRow> syrk = reference("syrk", n, p);
            double ref;
            if (kind == IterationKind.NEWTON && pass.isPresent() && syrk.isPresent()) {
                ref = syrk.get().seconds() + pass.get().seconds();
            } else if (kind == IterationKind.GRADIENT && pass.isPresent()) {
                ref = 2 * pass.get().seconds();
            } else {
                continue;
            }
            out.add(new IterationRatio(what, n, p, perIteration, ref, kind));
        }
        return out;
    }

    /** A peer row beside argmax's row for the same problem and model. */
    record PeerComparison(String peer, String model, String problem, double peerSeconds, double argmaxSeconds,
                          String argmaxMethod, double maxCoefficientDifference) {
        double speedup() {
            return peerSeconds / argmaxSeconds;
        }
    }

    List<PeerComparison> peerComparisons() {
        List<PeerComparison> out = new ArrayList<>();
        for (JmhRow r : rows) {
            if (!r.benchmark().startsWith("dev.argmax.bench.peers.")) {
                continue;
            }
            String method = r.method();
            PeerModel model;
            String library;
            String peerMethod;
            switch (method) {
                case "commonsMath3Ols" -> {
                    model = PeerModel.OLS;
                    library = "commons-math3";
                    peerMethod = "OLSMultipleLinearRegression";
                }
                case "smileOls" -> {
                    model = PeerModel.OLS;
                    library = "smile";
                    peerMethod = "OLS";
                }
                case "smileRidge" -> {
                    model = PeerModel.RIDGE;
                    library = "smile";
                    peerMethod = "RidgeRegression";
                }
                case "smileLasso" -> {
                    model = PeerModel.LASSO;
                    library = "smile";
                    peerMethod = "LASSO";
                }
                case "smileLogistic" -> {
                    model = PeerModel.LOGISTIC;
                    library = "smile";
                    peerMethod = "LogisticRegression";
                }
                default -> {
                    continue;
                }
            }
            int n = r.intParam("n");
            int p = r.intParam("p");
            String scenario = r.params().getOrDefault("scenario", "iid");
            long seed = Long.parseLong(r.params().getOrDefault("seed", "1"));
            ProblemSpec spec = new ProblemSpec(n, p, model.family(), Scenario.parse(scenario), seed);
            String argmaxBench = model.name().toLowerCase(Locale.ROOT);
            Optional<JmhRow> ours = rows.stream().filter(o -> o.shortName().equals("PeerProblemBenchmarks."
                    + argmaxBench) && o.intParam("n") == n && o.intParam("p") == p
                    && scenario.equals(o.params().getOrDefault("scenario", "iid"))
                    && Long.toString(seed).equals(o.params().getOrDefault("seed", "1"))).findFirst();
            Optional<Answer> peerAnswer = find(library, peerMethod, spec.id(), model.name());
            Optional<Answer> ourAnswer = answers.stream().filter(a -> a.library().equals("argmax")
                    && a.problem().equals(spec.id()) && a.model().equals(model.name())).findFirst();
            double diff = peerAnswer.isPresent() && ourAnswer.isPresent()
                    ? peerAnswer.get().maxDifference(ourAnswer.get()) : Double.NaN;
            out.add(new PeerComparison(library + " " + peerMethod, model.name(), spec.id(), r.seconds(),
                    ours.map(JmhRow::seconds).orElse(Double.NaN), ourAnswer.map(Answer::method).orElse("-"), diff));
        }
        return out;
    }

    private Optional<Answer> find(String library, String method, String problem, String model) {
        return answers.stream().filter(a -> a.library().equals(library) && a.method().equals(method)
                && a.problem().equals(problem) && a.model().equals(model)).findFirst();
    }

    /** Rows of the agreement table: argmax's MLE answers per problem, against the first one (irls when present). */
    String solverAgreement() {
        StringBuilder sb = new StringBuilder();
        java.util.Map<String, List<Answer>> byProblem = new java.util.TreeMap<>();
        for (Answer a : answers) {
            if (a.library().equals("argmax") && (a.model().equals("MLE") || a.model().startsWith("EN("))) {
                byProblem.computeIfAbsent(a.problem() + " " + a.model(), k -> new ArrayList<>()).add(a);
            }
        }
        for (var e : byProblem.entrySet()) {
            List<Answer> list = new ArrayList<>(e.getValue());
            list.sort(java.util.Comparator.comparing((Answer a) -> !a.method().equals("irls"))
                    .thenComparing(Answer::method));
            Answer first = list.get(0);
            for (Answer a : list) {
                sb.append("| ").append(e.getKey()).append(" | ").append(a.method()).append(" | ").append(a.iterations())
                        .append(" | ").append(a == first ? "(reference)"
                                : String.format(Locale.ROOT, "%.1e", a.maxDifference(first))).append(" |\n");
            }
        }
        return sb.toString();
    }

    /** The whole report as JSON: rows (with rates), iteration ratios, peer comparisons. */
    public ObjectNode toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode rs = root.putArray("rows");
        for (JmhRow r : rows) {
            ObjectNode o = rs.addObject();
            o.put("benchmark", r.benchmark());
            ObjectNode params = o.putObject("params");
            r.params().forEach(params::put);
            putNumber(o, "score", r.score());
            putNumber(o, "error", r.error());
            o.put("unit", r.unit());
            rate(r).ifPresent(v -> o.put("rate", v));
        }
        ArrayNode its = root.putArray("iteration_ratios");
        for (IterationRatio ir : iterationRatios()) {
            ObjectNode o = its.addObject();
            o.put("what", ir.what());
            o.put("n", ir.n());
            o.put("p", ir.p());
            putNumber(o, "iteration_seconds", ir.iterationSeconds());
            putNumber(o, "reference_seconds", ir.referenceSeconds());
            o.put("reference", ir.kind().against);
            putNumber(o, "ratio", ir.ratio());
            putNumber(o, "goal", ir.kind().goal);
        }
        ArrayNode ps = root.putArray("peers");
        for (PeerComparison pc : peerComparisons()) {
            ObjectNode o = ps.addObject();
            o.put("peer", pc.peer());
            o.put("model", pc.model());
            o.put("problem", pc.problem());
            putNumber(o, "peer_seconds", pc.peerSeconds());
            putNumber(o, "argmax_seconds", pc.argmaxSeconds());
            o.put("argmax_method", pc.argmaxMethod());
            putNumber(o, "speedup", pc.speedup());
            putNumber(o, "max_coef_diff", pc.maxCoefficientDifference());
        }
        ArrayNode as = root.putArray("answers");
        for (Answer a : answers) {
            ObjectNode o = as.addObject();
            o.put("library", a.library());
            o.put("method", a.method());
            o.put("problem", a.problem());
            o.put("model", a.model());
            o.put("iterations", a.iterations());
        }
        return root;
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    /** The Markdown report. */
    public String markdown(String machine) {
        StringBuilder sb = new StringBuilder("# argmax benchmark results\n\n");
        if (!machine.isBlank()) {
            sb.append("Machine: ").append(machine).append("\n\n");
        }
        sb.append("## Measurements\n\n| benchmark | parameters | time | ± | rate |\n| --- | --- | ---: | ---: | ---: |\n");
        for (JmhRow r : rows) {
            sb.append("| ").append(r.shortName()).append(" | ").append(r.paramText()).append(" | ")
                    .append(fmt(r.score())).append(' ').append(r.unit()).append(" | ")
                    .append(Double.isFinite(r.error()) ? fmt(r.error()) : "").append(" | ")
                    .append(rate(r).orElse("")).append(" |\n");
        }
        List<IterationRatio> ratios = iterationRatios();
        if (!ratios.isEmpty()) {
            sb.append("\n## One iteration against the machine's limits\n\n")
                    .append("| iteration | n x p | per iteration | reference | reference time | ratio | goal |\n")
                    .append("| --- | --- | ---: | --- | ---: | ---: | ---: |\n");
            for (IterationRatio ir : ratios) {
                sb.append("| ").append(ir.what()).append(" | ").append(ir.n()).append(" x ").append(ir.p())
                        .append(" | ").append(fmt(ir.iterationSeconds() * 1e3)).append(" ms | ")
                        .append(ir.kind().against).append(" | ").append(fmt(ir.referenceSeconds() * 1e3))
                        .append(" ms | ").append(fmt(ir.ratio())).append(" | <= ").append(ir.kind().goal)
                        .append(" |\n");
            }
        }
        String agreement = solverAgreement();
        if (!agreement.isEmpty()) {
            sb.append("\n## Do the solvers agree? (max coefficient difference from the first solver)\n\n")
                    .append("| problem | solver | iterations | max coef diff |\n| --- | --- | ---: | ---: |\n")
                    .append(agreement);
        }
        List<PeerComparison> peers = peerComparisons();
        if (!peers.isEmpty()) {
            sb.append("\n## Peers on the same problems\n\n")
                    .append("| peer | model | problem | peer time | argmax time (method) | peer / argmax | max coef diff |\n")
                    .append("| --- | --- | --- | ---: | ---: | ---: | ---: |\n");
            for (PeerComparison pc : peers) {
                boolean same = pc.maxCoefficientDifference() <= SAME_ANSWER;
                sb.append("| ").append(pc.peer()).append(" | ").append(pc.model()).append(" | ").append(pc.problem())
                        .append(" | ").append(fmt(pc.peerSeconds() * 1e3)).append(" ms | ")
                        .append(fmt(pc.argmaxSeconds() * 1e3)).append(" ms (").append(pc.argmaxMethod()).append(") | ")
                        .append(same ? fmt(pc.speedup()) : "not comparable").append(" | ")
                        .append(Double.isNaN(pc.maxCoefficientDifference()) ? "no answer"
                                : String.format(Locale.ROOT, "%.1e", pc.maxCoefficientDifference()))
                        .append(" |\n");
            }
            sb.append("\nA ratio is printed only where the two answers agree to ").append(SAME_ANSWER)
                    .append(" in every coefficient.\n");
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
