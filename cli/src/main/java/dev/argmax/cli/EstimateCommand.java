package dev.argmax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.models.conjugate.Beta;
import dev.argmax.models.conjugate.ConjugateDistribution;
import dev.argmax.models.conjugate.Dirichlet;
import dev.argmax.models.conjugate.Gamma;
import dev.argmax.models.conjugate.InverseGamma;
import dev.argmax.models.conjugate.Mode;
import dev.argmax.models.conjugate.Normal;
import dev.argmax.models.conjugate.NormalInverseGamma;
import dev.argmax.models.distribution.Bernoulli;
import dev.argmax.models.distribution.Binomial;
import dev.argmax.models.distribution.DerivedEstimate;
import dev.argmax.models.distribution.Exponential;
import dev.argmax.models.distribution.Gaussian;
import dev.argmax.models.distribution.Geometric;
import dev.argmax.models.distribution.Interval;
import dev.argmax.models.distribution.Likelihood;
import dev.argmax.models.distribution.MaximumLikelihoodFit;
import dev.argmax.models.distribution.Multinomial;
import dev.argmax.models.distribution.Poisson;
import dev.argmax.models.distribution.Transformation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argmax estimate}: the closed-form MLE of one CSV column under a classic distribution,
 * with standard errors {@code 1/sqrt(n I(theta_hat))}, Wald intervals, the log-likelihood and
 * the Fisher information; with {@code --prior}, the conjugate posterior, its MAP (mode), mean and
 * equal-tailed credible intervals.
 *
 * <p>Data: one value per row of {@code --column}; for {@code multinomial} the column holds the
 * count of each category, one row per category (categories are named by their row number). Prior
 * conventions: {@code beta:A,B}; {@code gamma:SHAPE,RATE} (rate, not scale);
 * {@code dirichlet:A1,...,AK}; {@code normal:MU0,TAU0} with TAU0 the prior <em>standard
 * deviation</em> of the mean (needs {@code --known-variance}); {@code inverse-gamma:A,B} shape and
 * <em>scale</em> of the variance (needs {@code --known-mean});
 * {@code normal-inverse-gamma:MU0,KAPPA0,A,B} with {@code mu | sigma2 ~ N(MU0, sigma2/KAPPA0)},
 * {@code sigma2 ~ InvGamma(A, B)}.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {"Closed-form MLE of a distribution from one CSV column (standard errors, Wald intervals,"
                + " log-likelihood, Fisher information), and the conjugate posterior with --prior."})
public final class EstimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = OptionHelp.DATA)
    String data;

    @Option(names = "--column", required = true, paramLabel = "NAME", description = "the column to estimate from")
    String column;

    @Option(names = "--distribution", required = true, paramLabel = "NAME",
            description = "bernoulli|binomial|gaussian|poisson|exponential|geometric|multinomial")
    String distribution;

    @Option(names = "--trials", paramLabel = "N", description = "known number of trials per observation (binomial)")
    Integer trials;

    @Option(names = "--prior", paramLabel = "FAMILY:PARAMS",
            description = "beta:A,B | gamma:SHAPE,RATE | dirichlet:A1,A2,... | normal:MU0,TAU0 | inverse-gamma:A,B"
                    + " | normal-inverse-gamma:MU0,KAPPA0,A,B")
    String prior;

    @Option(names = "--known-variance", paramLabel = "V", description = "gaussian: the known variance (estimate mu only)")
    Double knownVariance;

    @Option(names = "--known-mean", paramLabel = "M", description = "gaussian: the known mean (estimate sigma2 only)")
    Double knownMean;

    @Option(names = "--level", defaultValue = "0.95", paramLabel = "LEVEL", description = OptionHelp.LEVEL)
    double level;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = OptionHelp.FORMAT)
    OutputFormat format;

    /** A parsed {@code --prior}: family name and its numbers. */
    record PriorSpec(String family, double[] values) {

        static PriorSpec parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("--prior must look like FAMILY:NUMBER,NUMBER,...; got '" + text + "'");
            }
            String family = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String[] parts = text.substring(colon + 1).split(",", -1);
            double[] values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    values[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--prior " + family + ": '" + parts[i] + "' is not a number");
                }
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("--prior " + family + ": parameter " + (i + 1) + " is not finite");
                }
            }
            int expected = switch (family) {
                case "beta", "gamma", "normal", "inverse-gamma" -> 2;
                case "normal-inverse-gamma" -> 4;
                case "dirichlet" -> -1;
                default -> throw new IllegalArgumentException("unknown prior family '" + family
                        + "'; use beta, gamma, dirichlet, normal, inverse-gamma or normal-inverse-gamma");
            };
            if (expected > 0 && values.length != expected) {
                throw new IllegalArgumentException("--prior " + family + " takes " + expected + " numbers, got "
                        + values.length);
            }
            return new PriorSpec(family, values);
        }
    }

    @Override
    public Integer call() {
        String dist = distribution.trim().toLowerCase(Locale.ROOT);
        PriorSpec priorSpec = prior == null ? null : PriorSpec.parse(prior);
        checkOptions(dist, priorSpec);
        if (!data.equals("-") && !ProblemOptions.isBundled(data) && !Files.isRegularFile(java.nio.file.Path.of(data))) {
            throw new IllegalArgumentException("--data " + data + ": no such file");
        }
        double[] x = ProblemOptions.table(data).column(column);
        Likelihood likelihood = likelihood(dist, x.length);
        MaximumLikelihoodFit fit = likelihood.fit(x);
        ConjugateDistribution posterior = priorSpec == null ? null : posterior(dist, priorSpec, x);
        List<DerivedEstimate> derived = derived(dist, fit);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(Json.write(json(dist, x, fit, derived, priorSpec, posterior)));
        } else {
            out.print(text(dist, x, fit, derived, priorSpec, posterior));
        }
        out.flush();
        return 0;
    }

    private void checkOptions(String dist, PriorSpec priorSpec) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must lie strictly between 0 and 1, got " + level);
        }
        List<String> known = List.of("bernoulli", "binomial", "gaussian", "poisson", "exponential", "geometric",
                "multinomial");
        if (!known.contains(dist)) {
            throw new IllegalArgumentException("unknown distribution '" + distribution + "'; use one of " + known);
        }
        if (dist.equals("binomial") != (trials != null)) {
            throw new IllegalArgumentException(dist.equals("binomial") ? "binomial needs --trials N"
                    : "--trials is only for the binomial distribution");
        }
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
        }
        if ((knownVariance != null || knownMean != null) && !dist.equals("gaussian")) {
            throw new IllegalArgumentException("--known-variance and --known-mean are only for the gaussian distribution");
        }
        if (knownVariance != null && knownMean != null) {
            throw new IllegalArgumentException("give at most one of --known-variance and --known-mean");
        }
        if (knownVariance != null && !(knownVariance > 0 && Double.isFinite(knownVariance))) {
            throw new IllegalArgumentException("--known-variance must be finite and > 0, got " + knownVariance);
        }
        if (knownMean != null && !Double.isFinite(knownMean)) {
            throw new IllegalArgumentException("--known-mean must be finite, got " + knownMean);
        }
        if (priorSpec == null) {
            return;
        }
        String family = priorSpec.family();
        String conjugate = switch (dist) {
            case "bernoulli", "binomial", "geometric" -> "beta";
            case "poisson", "exponential" -> "gamma";
            case "multinomial" -> "dirichlet";
            default -> knownVariance != null ? "normal" : knownMean != null ? "inverse-gamma" : "normal-inverse-gamma";
        };
        if (dist.equals("gaussian") && !family.equals(conjugate)) {
            String need = switch (family) {
                case "normal" -> "a normal prior on the mean needs --known-variance";
                case "inverse-gamma" -> "an inverse-gamma prior on the variance needs --known-mean";
                case "normal-inverse-gamma" -> "normal-inverse-gamma is for unknown mean and variance: drop "
                        + (knownVariance != null ? "--known-variance" : "--known-mean");
                default -> "the gaussian's conjugate priors are normal (with --known-variance), inverse-gamma (with"
                        + " --known-mean) and normal-inverse-gamma";
            };
            throw new IllegalArgumentException(need);
        }
        if (!family.equals(conjugate)) {
            throw new IllegalArgumentException("the conjugate prior of the " + dist + " distribution is " + conjugate
                    + ", not " + family);
        }
    }

    private Likelihood likelihood(String dist, int rows) {
        return switch (dist) {
            case "bernoulli" -> new Bernoulli();
            case "binomial" -> new Binomial(trials);
            case "poisson" -> new Poisson();
            case "exponential" -> new Exponential();
            case "geometric" -> new Geometric();
            case "multinomial" -> {
                if (rows < 2) {
                    throw new InvalidDataException("multinomial: column '" + column + "' must hold the count of each"
                            + " category, one row per category (at least 2 rows); it has " + rows);
                }
                yield Multinomial.withCategories(rows);
            }
            default -> knownVariance != null ? Gaussian.knownVariance(knownVariance)
                    : knownMean != null ? Gaussian.knownMean(knownMean) : Gaussian.bothUnknown();
        };
    }

    private ConjugateDistribution posterior(String dist, PriorSpec p, double[] x) {
        double[] v = p.values();
        return switch (dist) {
            case "bernoulli" -> new Beta(v[0], v[1]).updateBernoulli(x);
            case "binomial" -> new Beta(v[0], v[1]).updateBinomial(x, trials);
            case "geometric" -> new Beta(v[0], v[1]).updateGeometric(x);
            case "poisson" -> new Gamma(v[0], v[1]).updatePoisson(x);
            case "exponential" -> new Gamma(v[0], v[1]).updateExponential(x);
            case "multinomial" -> {
                if (v.length != x.length) {
                    throw new IllegalArgumentException("--prior dirichlet has " + v.length + " parameters but the data"
                            + " have " + x.length + " categories");
                }
                yield new Dirichlet(v).update(x);
            }
            default -> switch (p.family()) {
                case "normal" -> {
                    if (!(v[1] > 0)) {
                        throw new IllegalArgumentException("--prior normal: TAU0 (prior standard deviation) must be > 0");
                    }
                    yield new Normal(v[0], v[1] * v[1]).updateMean(x, knownVariance);
                }
                case "inverse-gamma" -> new InverseGamma(v[0], v[1]).updateVariance(x, knownMean);
                default -> new NormalInverseGamma(v[0], v[1], v[2], v[3]).update(x);
            };
        };
    }

    /** Invariance: the MLEs of the usual reparameterizations, with delta-method standard errors. */
    private static List<DerivedEstimate> derived(String dist, MaximumLikelihoodFit fit) {
        List<DerivedEstimate> d = new ArrayList<>();
        switch (dist) {
            case "bernoulli", "binomial", "geometric" -> d.add(fit.derive("p", Transformation.LOG_ODDS));
            case "exponential" -> d.add(fit.derive("rate", Transformation.RECIPROCAL));
            case "gaussian" -> {
                if (fit.parameterNames().contains("sigma2")) {
                    d.add(fit.derive("sigma2", Transformation.SQUARE_ROOT));
                }
            }
            default -> {
            }
        }
        return d;
    }

    private static String derivedName(DerivedEstimate e) {
        return switch (e.name()) {
            case "log-odds(p)" -> "log_odds";
            case "reciprocal(rate)" -> "mean";
            case "sqrt(sigma2)" -> "sigma";
            default -> e.name();
        };
    }

    private ObjectNode json(String dist, double[] x, MaximumLikelihoodFit fit, List<DerivedEstimate> derived,
            PriorSpec priorSpec, ConjugateDistribution posterior) {
        ObjectNode root = Json.object();
        root.put("distribution", dist);
        root.put("column", column);
        root.put("n", fit.n());
        Json.put(root, "level", level);
        if (trials != null) {
            root.put("trials", trials);
        }
        if (knownVariance != null) {
            Json.put(root, "known_variance", knownVariance);
        }
        if (knownMean != null) {
            Json.put(root, "known_mean", knownMean);
        }
        List<String> names = fit.parameterNames();
        double[] se = fit.standardErrors();
        Interval[] wald = fit.waldIntervals(level);
        ObjectNode mle = root.putObject("mle");
        ObjectNode seNode = root.putObject("std_errors");
        ObjectNode lower = root.putObject("conf_int_lower");
        ObjectNode upper = root.putObject("conf_int_upper");
        for (int i = 0; i < names.size(); i++) {
            Json.put(mle, names.get(i), fit.estimate()[i]);
            Json.put(seNode, names.get(i), se[i]);
            Json.put(lower, names.get(i), wald[i].lower());
            Json.put(upper, names.get(i), wald[i].upper());
        }
        Json.put(root, "loglik", fit.logLikelihood());
        ObjectNode info = root.putObject("fisher_information");
        Json.array(info, "parameters", fit.informationParameterNames());
        matrix(info, "per_observation", fit.fisherInformationPerObservation());
        matrix(info, "sample", fit.fisherInformation());
        if (dist.equals("gaussian") && names.size() == 2) {
            Gaussian.VarianceEstimates v = Gaussian.varianceEstimates(x);
            Json.put(root, "variance_unbiased", v.varianceUnbiased());
            Json.put(root, "sd_unbiased_variance", v.sdUnbiasedVariance());
            Json.put(root, "std_error_mu_unbiased", v.seMeanUnbiased());
        }
        if (!derived.isEmpty()) {
            ObjectNode d = root.putObject("derived");
            for (DerivedEstimate e : derived) {
                ObjectNode one = d.putObject(derivedName(e));
                Json.put(one, "mle", e.estimate());
                Json.put(one, "std_error", e.standardError());
                Interval ci = e.waldInterval(level);
                Json.put(one, "conf_int_lower", ci.lower());
                Json.put(one, "conf_int_upper", ci.upper());
            }
        }
        List<String> warnings = new ArrayList<>(fit.warnings());
        if (posterior != null) {
            ObjectNode priorNode = root.putObject("prior");
            priorNode.put("family", priorSpec.family());
            Json.array(priorNode, "parameters", priorSpec.values());
            ObjectNode post = root.putObject("posterior");
            post.put("family", posterior.family());
            posterior.hyperparameters().forEach((k, v) -> Json.put(post, k, v));
            Mode mode = posterior.mode();
            ObjectNode map = root.putObject("map");
            double[] modeLocation = mode.exists() ? mode.location() : null;
            double[] means = posterior.means();
            double[] variances = posterior.variances();
            Interval[] credible = posterior.credibleIntervals(level);
            ObjectNode mean = root.putObject("posterior_mean");
            ObjectNode sd = root.putObject("posterior_sd");
            ObjectNode cl = root.putObject("credible_lower");
            ObjectNode cu = root.putObject("credible_upper");
            for (int i = 0; i < names.size(); i++) {
                Json.put(map, names.get(i), modeLocation == null ? Double.NaN : modeLocation[i]);
                Json.put(mean, names.get(i), means[i]);
                Json.put(sd, names.get(i), Math.sqrt(variances[i]));
                Json.put(cl, names.get(i), credible[i].lower());
                Json.put(cu, names.get(i), credible[i].upper());
            }
            root.put("map_kind", mode.kind().name().toLowerCase(Locale.ROOT));
            if (!mode.interior()) {
                warnings.add("MAP: " + mode.explanation());
            }
        }
        Json.array(root, "warnings", warnings);
        return root;
    }

    private static void matrix(ObjectNode node, String field, double[][] m) {
        ArrayNode rows = node.putArray(field);
        for (double[] row : m) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                if (Double.isFinite(v)) {
                    r.add(v);
                } else {
                    r.addNull();
                }
            }
        }
    }

    private String text(String dist, double[] x, MaximumLikelihoodFit fit, List<DerivedEstimate> derived, PriorSpec priorSpec,
            ConjugateDistribution posterior) {
        StringBuilder s = new StringBuilder();
        String pct = String.format(Locale.ROOT, "%g%%", 100 * level).replaceAll("\\.?0+%", "%");
        s.append(String.format(Locale.ROOT, "%s MLE of column '%s' (n = %d)%n", dist, column, fit.n()));
        s.append(String.format(Locale.ROOT, "%-10s %14s %14s %14s %14s%n", "parameter", "mle", "std.error",
                "wald " + pct + " low", "high"));
        List<String> names = fit.parameterNames();
        double[] se = fit.standardErrors();
        Interval[] wald = fit.waldIntervals(level);
        for (int i = 0; i < names.size(); i++) {
            s.append(String.format(Locale.ROOT, "%-10s %14.6g %14.6g %14.6g %14.6g%n", names.get(i), fit.estimate()[i],
                    se[i], wald[i].lower(), wald[i].upper()));
        }
        for (DerivedEstimate e : derived) {
            Interval ci = e.waldInterval(level);
            s.append(String.format(Locale.ROOT, "%-10s %14.6g %14.6g %14.6g %14.6g   (invariance, delta method)%n",
                    derivedName(e), e.estimate(), e.standardError(), ci.lower(), ci.upper()));
        }
        s.append(String.format(Locale.ROOT, "log-likelihood %.10g%n", fit.logLikelihood()));
        s.append("Fisher information per observation ").append(fit.informationParameterNames()).append(": ")
                .append(Arrays.deepToString(fit.fisherInformationPerObservation())).append(System.lineSeparator());
        if (dist.equals("gaussian") && names.size() == 2) {
            Gaussian.VarianceEstimates v = Gaussian.varianceEstimates(x);
            s.append(String.format(Locale.ROOT, "variance: MLE (1/n) %.6g, unbiased (1/(n-1)) %.6g%n",
                    v.varianceMle(), v.varianceUnbiased()));
        }
        for (String w : fit.warnings()) {
            s.append("warning: ").append(w).append(System.lineSeparator());
        }
        if (posterior != null) {
            Map<String, Double> h = new LinkedHashMap<>(posterior.hyperparameters());
            StringBuilder hp = new StringBuilder();
            h.forEach((k, v) -> hp.append(hp.length() == 0 ? "" : ", ").append(k).append(" = ")
                    .append(String.format(Locale.ROOT, "%.10g", v).replaceAll("\\.?0+$", "")));
            s.append(String.format(Locale.ROOT, "%nprior %s -> posterior %s(%s)%n", prior.trim(), posterior.family(),
                    hp));
            s.append(String.format(Locale.ROOT, "%-10s %14s %14s %14s %14s %14s%n", "parameter", "map", "mean", "sd",
                    "cred " + pct + " low", "high"));
            Mode mode = posterior.mode();
            double[] means = posterior.means();
            double[] variances = posterior.variances();
            Interval[] credible = posterior.credibleIntervals(level);
            for (int i = 0; i < names.size(); i++) {
                s.append(String.format(Locale.ROOT, "%-10s %14.6g %14.6g %14.6g %14.6g %14.6g%n", names.get(i),
                        mode.exists() ? mode.location()[i] : Double.NaN, means[i], Math.sqrt(variances[i]),
                        credible[i].lower(), credible[i].upper()));
            }
            if (!mode.interior()) {
                s.append("MAP: ").append(mode.explanation()).append(System.lineSeparator());
            }
        }
        return s.toString();
    }
}
