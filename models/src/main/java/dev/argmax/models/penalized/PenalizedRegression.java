package dev.argmax.models.penalized;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.frame.FormulaBuilder;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.core.objective.McpPenalty;
import dev.argmax.core.objective.ScadPenalty;
import dev.argmax.core.objective.SeparablePenalty;
import dev.argmax.models.family.Family;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.cd.CoordinateDescent;
import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.path.PathPoint;
import dev.argmax.optim.path.PathResult;
import dev.argmax.optim.path.RegularizationPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Penalized (MAP) generalized linear models in glmnet's convention:
 *
 * <pre>
 *   minimize  (1/n) sum_i w_i nll_i(b0, b) + lambda sum_j v_j (alpha |b_j| + (1 - alpha)/2 b_j^2)
 * </pre>
 *
 * with weights rescaled to sum to n, an unpenalized intercept, penalty factors {@code v_j}
 * (rescaled to sum to p, as glmnet's {@code penalty.factor}; 0 leaves a slope unpenalized),
 * optional box limits, and optional standardization ({@link Standardization}, off by default;
 * coefficients are always reported on the original scale). Fit one lambda, a user's list, a
 * generated path (100 values from lambda_max), or a {@link Prior}.
 *
 * <pre>{@code
 * PenalizedFit fit = PenalizedRegression.builder().family(Family.binomial()).lasso().path().build().fit(data);
 * PenalizedFit map = PenalizedRegression.builder().family(Family.gaussian()).prior(Prior.gaussian(2.0))
 *         .sigma2(1.5).build().fit(data);   // map.solution(0).lambda() = 1.5 / (n * 4)
 * }</pre>
 */
public final class PenalizedRegression {

    /**
     * glmnet's {@code penalty.factor} convention: the factors, each finite and {@code >= 0} and not
     * all 0, rescaled to sum to p (so that lambda means the same with and without them).
     *
     * @throws InvalidDataException for a wrong count, a negative or non-finite factor, or all zero
     */
    public static double[] rescaledPenaltyFactors(double[] factors, int p) {
        if (factors.length != p) {
            throw new InvalidDataException(factors.length + " penalty factors given for " + p + " predictors");
        }
        double s = 0;
        for (double f : factors) {
            if (!(f >= 0) || Double.isInfinite(f)) {
                throw new InvalidDataException("penalty factors must be finite and >= 0, got " + f);
            }
            s += f;
        }
        if (!(s > 0)) {
            throw new InvalidDataException("every penalty factor is 0: there is nothing to penalize");
        }
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            out[j] = factors[j] * p / s;
        }
        return out;
    }

    private final Builder settings;

    private PenalizedRegression(Builder settings) {
        this.settings = settings;
    }

    /** A builder with glmnet's defaults (gaussian, lasso, a 100-lambda path, coordinate descent). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this model's settings, to derive a variant (another lambda, another solver). */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** The family of the model. */
    public Family family() {
        return settings.family();
    }

    /** Fits the model to a dataset (its columns are the design). */
    public PenalizedFit fit(Dataset data) {
        return settings.copy().fitDataset(data);
    }

    /**
     * Fits the model's formula to a table: learns the {@link ModelFrame}, drops or refuses
     * incomplete rows, fits the design; the fit keeps the frame ({@link PenalizedFit#frame()}). The
     * formula's intercept decides.
     *
     * @throws IllegalStateException if the model has no formula
     */
    public PenalizedFit fit(CsvTable table) {
        return settings.copy().fitTable(table);
    }

    /**
     * Settings of a penalized fit, in the same style as every model of the library:
     * {@code PenalizedRegression.builder()...build().fit(data)}. Not thread-safe; {@link #build()}
     * takes a copy, so the model it returns is immutable.
     */
    public static final class Builder extends FormulaBuilder<Builder> {

        @Override
        protected Builder self() {
            return this;
        }
        private Family family = Family.gaussian();
        private double alpha = 1.0;
        private double[] lambdas;
        private int count = 100;
        private double minRatio = Double.NaN;
        private Prior prior;
        private double sigma2 = Double.NaN;
        private double[] factors;
        private double[] lower;
        private double[] upper;
        private boolean standardize;
        private boolean intercept = true;
        private CoordinateDescent.Settings cd = CoordinateDescent.Settings.defaults();
        private String solver = "cd";
        private Optional<KktTarget> kktTarget = Optional.empty();
        /** "mcp" or "scad" for a concave penalty, null for the elastic net. */
        private String concave;
        private double gamma = Double.NaN;

        private Builder() {
        }

        /** The model with these settings (a copy: later changes to this builder do not reach it). */
        public PenalizedRegression build() {
            return new PenalizedRegression(copy());
        }

        private PenalizedFit fitTable(CsvTable table) {
            if (formulaText() == null) {
                throw new IllegalStateException("no formula: give one with formula(\"y ~ ...\")");
            }
            ModelFrame frame = ModelFrame.learn(formulaText(), table, frameOptionsValue());
            FrameData data = frame.training(table);
            Builder b = copy().intercept(frame.intercept());
            PenalizedFit fit = b.fitDataset(data.dataset());
            fit.attach(frame, data.dropped());
            return fit;
        }

        /** A copy of these settings. */
        public Builder copy() {
            Builder b = new Builder();
            b.family = family;
            b.alpha = alpha;
            b.lambdas = lambdas == null ? null : lambdas.clone();
            b.count = count;
            b.minRatio = minRatio;
            b.prior = prior;
            b.sigma2 = sigma2;
            b.factors = factors == null ? null : factors.clone();
            b.lower = lower == null ? null : lower.clone();
            b.upper = upper == null ? null : upper.clone();
            b.standardize = standardize;
            b.intercept = intercept;
            b.cd = cd;
            b.kktTarget = kktTarget;
            b.solver = solver;
            b.formulaFrom(this);
            b.concave = concave;
            b.gamma = gamma;
            return b;
        }

        /**
         * The family and link (default Gaussian): any {@link Family}, in glmnet's objective of half
         * the mean deviance (a negative binomial needs its theta given).
         */
        public Builder family(Family f) {
            this.family = java.util.Objects.requireNonNull(f, "family");
            return this;
        }

        /** The lasso (alpha = 1). */
        public Builder lasso() {
            return alpha(1.0);
        }

        /** Ridge (alpha = 0). */
        public Builder ridge() {
            return alpha(0.0);
        }

        /** Elastic-net mixing: 1 lasso, 0 ridge. */
        public Builder alpha(double a) {
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("alpha must lie in [0, 1], got " + a);
            }
            this.alpha = a;
            this.prior = null;
            this.concave = null;
            return this;
        }

        /**
         * The minimax concave penalty ({@link McpPenalty}) with concavity {@code gamma > 1} instead
         * of the elastic net; lambda, paths, penalty factors and standardization work as for the
         * lasso (box limits are for the elastic net only).
         */
        public Builder mcp(double gamma) {
            new McpPenalty(1.0, gamma, null);
            this.concave = "mcp";
            this.gamma = gamma;
            this.alpha = 1.0;
            this.prior = null;
            return this;
        }

        /** SCAD ({@link ScadPenalty}) with concavity {@code gamma > 2} instead of the elastic net; see {@link #mcp}. */
        public Builder scad(double gamma) {
            new ScadPenalty(1.0, gamma, null);
            this.concave = "scad";
            this.gamma = gamma;
            this.alpha = 1.0;
            this.prior = null;
            return this;
        }

        /** Fit these lambdas, in this order (warm starts from one to the next). */
        public Builder lambda(double... values) {
            this.lambdas = values.clone();
            this.prior = null;
            return this;
        }

        /** A generated path of 100 lambdas from lambda_max down to the default ratio. */
        public Builder path() {
            return path(100, Double.NaN);
        }

        /** A generated path of {@code count} lambdas down to {@code minRatio * lambda_max} (NaN: default). */
        public Builder path(int count, double minRatio) {
            this.lambdas = null;
            this.prior = null;
            this.count = count;
            this.minRatio = minRatio;
            return this;
        }

        /** The penalty from a prior: sets alpha and lambda (for the Gaussian family give {@link #sigma2}). */
        public Builder prior(Prior p) {
            this.prior = p;
            this.alpha = p.alpha();
            this.concave = null;
            this.lambdas = null;
            return this;
        }

        /** The Gaussian noise variance sigma^2 used by a prior and for ridge standard errors. */
        public Builder sigma2(double s2) {
            if (!(s2 > 0) || Double.isInfinite(s2)) {
                throw new IllegalArgumentException("sigma^2 must be finite and > 0, got " + s2);
            }
            this.sigma2 = s2;
            return this;
        }

        public Builder penaltyFactors(double... v) {
            this.factors = v.clone();
            return this;
        }

        public Builder lowerLimits(double... l) {
            this.lower = l.clone();
            return this;
        }

        public Builder upperLimits(double... u) {
            this.upper = u.clone();
            return this;
        }

        public Builder standardize(boolean s) {
            this.standardize = s;
            return this;
        }

        public Builder intercept(boolean i) {
            this.intercept = i;
            return this;
        }

        /** Coordinate-descent settings (tolerance relative to the null gradient, pass cap). */
        public Builder coordinateDescent(CoordinateDescent.Settings s) {
            this.cd = s;
            return this;
        }

        /**
         * Coordinate descent's KKT tolerance relative to the null gradient scale
         * {@code max_j |x_j'(-g)|} (default 1e-9; see {@link CoordinateDescent}).
         */
        public Builder relativeTolerance(double t) {
            this.cd = cd.withTolerance(t);
            return this;
        }

        /**
         * Stop every lambda's solve at a KKT violation ({@link Problem#kktViolation}, absolute) of at
         * most {@code tolerance}, whatever the solver (coordinate descent and any other registered
         * one, through {@link Solver#withKktTarget}). With {@link #standardize} the violation is that of the
         * standardized problem the solver sees.
         */
        public Builder kktTolerance(double tolerance) {
            KktTarget target;
            try {
                target = KktTarget.of(tolerance);
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(e.getMessage());
            }
            this.cd = cd.withKktTarget(target);
            this.kktTarget = Optional.of(target);
            return this;
        }

        /** The solver by registry name ("cd" by default, which also runs paths with the strong rule). */
        public Builder solver(String name) {
            Solvers.byName(name);
            this.solver = name;
            return this;
        }

        Family family() {
            return family;
        }

        double[] lambdas() {
            return lambdas == null ? null : lambdas.clone();
        }

        private PenalizedFit fitDataset(Dataset data) {
            long clockStart = System.nanoTime();
            data.requireNoFrequencyWeights("a penalized fit");
            int n = data.rows();
            int p = data.columns();
            double[] givenWeights = data.hasWeights() ? data.weights() : null;
            Datafit datafit = family.datafit(family.validate(data.response(), givenWeights), givenWeights);
            if (prior != null && family.estimatesDispersion() && Double.isNaN(sigma2)) {
                throw new InvalidDataException("a prior on a Gaussian model needs the noise variance: call sigma2(...)"
                        + " (lambda = sigma^2 / (n tau^2) or sigma^2 / (n b))");
            }
            double[] v = rescaledFactors(p);
            Standardization std = standardize ? Standardization.of(data, intercept) : null;
            INDArray x = std != null ? std.apply(data.x()) : data.x();
            Design design = new Design(x, intercept);
            double[] lo = scaledLimits(lower, std, p, "lower");
            double[] hi = scaledLimits(upper, std, p, "upper");
            SeparablePenalty template;
            if (concave == null) {
                template = new ElasticNet(1.0, alpha, v, lo, hi);
            } else if (lo != null || hi != null) {
                throw new InvalidDataException("box limits are supported for the elastic net only, not for "
                        + concave.toUpperCase(java.util.Locale.ROOT));
            } else {
                template = concave.equals("mcp") ? new McpPenalty(1.0, gamma, v) : new ScadPenalty(1.0, gamma, v);
            }
            double[] offset = data.hasOffset() ? data.offset() : null;
            double[] use = lambdas;
            Double priorLambda = null;
            if (prior != null) {
                priorLambda = prior.lambda(n, family.estimatesDispersion() ? sigma2 : 1.0);
                use = new double[] {priorLambda};
            }
            RegularizationPath.Settings ps = new RegularizationPath.Settings(count, minRatio, use, cd);
            PathResult path;
            if (solver.equalsIgnoreCase("cd")) {
                path = RegularizationPath.fit(design, datafit, offset, template, ps, clockStart);
            } else {
                path = withSolver(design, datafit, offset, template, ps, clockStart);
            }
            List<PenalizedSolution> sols = new ArrayList<>();
            for (PathPoint pt : path.points()) {
                double[] beta = pt.coefficients();
                if (std != null) {
                    beta = std.toOriginal(beta, intercept);
                }
                double b0 = intercept ? beta[0] : Double.NaN;
                double[] slopes = Arrays.copyOfRange(beta, intercept ? 1 : 0, beta.length);
                sols.add(new PenalizedSolution(pt.lambda(), b0, slopes, pt.objective(), pt.nonzero(), pt.deviance(),
                        pt.devianceRatio(), pt.iterations(), pt.converged(), pt.result().message(),
                        pt.result().trace()));
            }
            String concaveName = concave == null ? null
                    : concave.toUpperCase(java.util.Locale.ROOT) + " (gamma = " + gamma + ")";
            return new PenalizedFit(family, alpha, concaveName, data, intercept, v, std, prior,
                    family.estimatesDispersion() ? sigma2
                    : 1.0, path.lambdaMax(), path.nullDeviance(), sols, lo != null || hi != null
                    ? hasFiniteLimits(lo, hi) : false);
        }

        /**
         * The path solved lambda by lambda by another registered solver, warm-started; timed as
         * {@link RegularizationPath#fit(Design, Datafit, double[], SeparablePenalty,
         * RegularizationPath.Settings, long)} times its points.
         */
        private PathResult withSolver(Design design, Datafit datafit, double[] offset, SeparablePenalty template,
                                      RegularizationPath.Settings ps, long clockStart) {
            long lambdaStart = clockStart;
            Solver s = kktTarget.isPresent() ? Solvers.byName(solver).withKktTarget(kktTarget.get())
                    : Solvers.byName(solver);
            double lmax = RegularizationPath.lambdaMax(design, datafit, offset, template, cd);
            double[] ls = ps.lambdas() != null ? ps.lambdas() : RegularizationPath.geometric(lmax,
                    Double.isNaN(ps.minRatio()) ? RegularizationPath.defaultMinRatio(design.rows(), design.predictors())
                            : ps.minRatio(), ps.count());
            double nullDev = RegularizationPath.interceptOnlyDeviance(design, datafit,
                    offset == null ? new double[design.rows()] : offset);
            List<PathPoint> pts = new ArrayList<>();
            double[] start = null;
            for (double l : ls) {
                Problem prob = new Problem(design, datafit, template.withLambda(l), offset);
                s.requireSupported(prob, Solvers.all());
                long solveStart = System.nanoTime();
                SolverResult r = s.solve(prob, start).withSetupNanos(solveStart - lambdaStart);
                lambdaStart = System.nanoTime();
                start = r.coefficients();
                double[] eta = new double[design.rows()];
                prob.linearPredictor(start, eta);
                double dev = datafit.deviance(eta);
                int nz = 0;
                for (int j = design.firstSlope(); j < start.length; j++) {
                    nz += start[j] != 0 ? 1 : 0;
                }
                pts.add(new PathPoint(l, r, nz, dev, 1 - dev / nullDev));
            }
            return new PathResult(lmax, nullDev, pts, 0);
        }

        private double[] rescaledFactors(int p) {
            return factors == null ? null : rescaledPenaltyFactors(factors, p);
        }

        private static double[] scaledLimits(double[] lim, Standardization std, int p, String which) {
            if (lim == null) {
                return null;
            }
            if (lim.length != p) {
                throw new InvalidDataException(lim.length + " " + which + " limits given for " + p + " predictors");
            }
            double[] out = lim.clone();
            if (std != null) {
                for (int j = 0; j < p; j++) {
                    out[j] *= std.scales()[j];
                }
            }
            return out;
        }

        private static boolean hasFiniteLimits(double[] lo, double[] hi) {
            if (lo != null) {
                for (double v : lo) {
                    if (Double.isFinite(v)) {
                        return true;
                    }
                }
            }
            if (hi != null) {
                for (double v : hi) {
                    if (Double.isFinite(v)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
