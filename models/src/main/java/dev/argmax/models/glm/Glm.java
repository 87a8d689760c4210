package dev.argmax.models.glm;

import dev.argmax.core.data.CsvTable;
import dev.argmax.core.data.Dataset;
import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.linalg.Design;
import dev.argmax.core.linalg.LeastSquares;
import dev.argmax.core.linalg.Matrix;
import dev.argmax.core.objective.Datafit;
import dev.argmax.core.objective.ElasticNet;
import dev.argmax.models.family.Family;
import dev.argmax.models.frame.FrameData;
import dev.argmax.models.frame.FormulaBuilder;
import dev.argmax.models.frame.FrameOptions;
import dev.argmax.models.frame.ModelFrame;
import dev.argmax.models.family.NegativeBinomial;
import dev.argmax.models.inference.Separation;
import dev.argmax.optim.Problem;
import dev.argmax.optim.Solver;
import dev.argmax.optim.SolverResult;
import dev.argmax.optim.Solvers;
import dev.argmax.optim.irls.AliasedColumns;
import dev.argmax.optim.irls.Irls;
import dev.argmax.optim.stopping.KktTarget;
import dev.argmax.optim.irls.IrlsFit;
import dev.argmax.optim.irls.LbfgsWarmStart;
import dev.argmax.optim.gradient.Lbfgs;
import dev.argmax.optim.leastsquares.LeastSquaresFit;
import dev.argmax.optim.leastsquares.QrLeastSquaresSolver;
import dev.argmax.optim.newton.DesignSource;
import dev.argmax.optim.newton.ObservedNewton;
import dev.argmax.optim.newton.StepCertificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An unpenalized generalized linear model fitted by maximum likelihood, as R's {@code glm}: a
 * {@link Family} (any of R's families with any link it allows, quasi-likelihood families,
 * the negative binomial with theta known or estimated, Tweedie), an intercept or not, and the
 * observation (prior) weights, frequency weights and offset that come with the {@link Dataset}.
 *
 * <p>Frequency weights {@code f_i}: the fit is the fit of the data with row i repeated
 * {@code f_i} times (statsmodels' {@code freq_weights}, Stata's {@code fweight}). The
 * likelihood, IRLS and the deviance use the weights {@code w_i f_i}; the starting means use the
 * prior weights alone (a repeated row starts where its row does); the number of observations
 * is {@code sum f_i} over the rows of positive prior weight, and with it the residual and null
 * degrees of freedom, the dispersion estimate, BIC and the Gaussian and binomial
 * log-likelihood constants; the sandwich sums run over the repeated rows ({@link FittedGlm#withVcov}).
 *
 * <p>Solvers: by default the Gaussian family with identity link is solved directly with double-double refinement
 * ("qr", NIST-grade accuracy: Cholesky of the centered, scaled Gram where it is accurate, pivoted QR
 * otherwise; see {@link LeastSquares}), falling back to IRLS when there are more
 * coefficients than observations; the other families by IRLS ("irls", R's Fisher scoring with
 * R's starting values {@code mustart}, stopping rule and default epsilon 1e-8 / 25 iterations),
 * finished by Newton steps on the observed information until the score stops shrinking
 * ({@link ObservedNewton}), so that the default fit is the MLE to rounding level also
 * for a non-canonical link, where Fisher scoring converges only linearly; standard errors use the
 * expected information at the estimate, as R's. Large fits whose Gram dominates (at least 10,000
 * observations and about 76 coefficients or more, a datafit L-BFGS handles, no KKT target) start
 * with L-BFGS instead ("lbfgs-irls", {@link LbfgsWarmStart}: at most two Gram-equivalents of
 * iterations, then IRLS from its coefficients, or from R's start when it did not get close), and
 * for a canonical link a last Newton step certified by
 * {@link dev.argmax.optim.newton.StepCertificate} makes its Gram the information (standard errors
 * within 5e-10 relative of those at the estimate) without a further one; the README's section on
 * the default solver gives the rule and the measurements behind it. A negative binomial with theta
 * to be estimated alternates this fit with Newton's method for theta, as {@code MASS::glm.nb}.
 * Any other solver in {@link Solvers} may be named; its information matrix is then formed at
 * its estimate with one extra pass.
 *
 * <p>Rank deficiency: columns that are linear combinations of earlier columns are reported as
 * aliased, with NaN coefficients and standard errors (R's NA) and a warning naming them; the
 * other coefficients are the fit without them (R's behavior). For the Gaussian family the
 * aliasing tolerance is by default the rounding level (see {@link Builder#aliasTolerance}):
 * a nearly collinear column that R's {@code lm} would alias is estimated, with a warning. More coefficients than
 * observations is the same case: the surplus columns are aliased.
 *
 * <pre>{@code
 * FittedGlm fit = Glm.builder(Family.binomial()).build().fit(data);
 * System.out.println(fit.summary());
 * }</pre>
 */
public final class Glm {

    /** Data sets with at most this many rows always get the separation linear program. */
    static final int SEPARATION_ALWAYS_ROWS = 2000;
    /** A fitted mean this close to a boundary the response sits on is the symptom that triggers the program. */
    static final double SEPARATION_SYMPTOM = 1e-4;
    /** Cap on the double-double refinement steps of the direct least-squares solve. */
    private static final int LEAST_SQUARES_REFINEMENTS = 10;

    private final Family family;
    private final boolean intercept;
    private final String solver;
    private final double epsilon;
    private final int maxIterations;
    private final Optional<KktTarget> kktTarget;
    private final String formula;
    private final FrameOptions frameOptions;
    private final boolean separationCheck;
    private final double aliasTolerance;

    private Glm(Builder b) {
        this.formula = b.formulaText();
        this.frameOptions = b.frameOptionsValue();
        this.family = b.family;
        this.intercept = b.intercept;
        this.solver = b.solver;
        this.epsilon = b.epsilon;
        this.maxIterations = b.maxIterations;
        this.kktTarget = b.kktTarget;
        this.separationCheck = b.separationCheck;
        this.aliasTolerance = b.aliasTolerance;
    }

    /** Starts a model of the given family (intercept on, automatic solver, R's defaults). */
    public static Builder builder(Family family) {
        return new Builder(family);
    }

    public Family family() {
        return family;
    }

    public boolean hasIntercept() {
        return intercept;
    }

    /** How the formula is applied to data (missing values, references, weights, offset columns). */
    public FrameOptions frameOptions() {
        return frameOptions;
    }

    /** The formula given to the builder, if any. */
    public java.util.Optional<String> formula() {
        return java.util.Optional.ofNullable(formula);
    }

    /**
     * Fits the model's formula to a table, as R's {@code glm(formula, data, na.action)}: the
     * {@link ModelFrame} is learned on the table (factors, contrasts, R's coefficient names and
     * order), incomplete rows are dropped or refused as the frame options say, and the fit keeps
     * the frame ({@link FittedGlm#frame()}) so that it can be saved and applied to new data.
     * The formula's intercept decides (the builder's {@code intercept} setting is not used).
     *
     * @throws IllegalStateException if the builder was given no formula
     */
    public FittedGlm fit(CsvTable table) {
        if (formula == null) {
            throw new IllegalStateException("no formula: give one with Glm.builder(family).formula(\"y ~ ...\")");
        }
        ModelFrame frame = ModelFrame.learn(formula, table, frameOptions);
        FrameData data = frame.training(table);
        Glm withIntercept = new Glm(new Builder(family).copyOf(this).intercept(frame.intercept()));
        FittedGlm fit = withIntercept.fit(data.dataset());
        fit.attach(frame, data.dropped());
        return fit;
    }

    /**
     * Fits the model to the data (its response, predictors, weights and offset).
     *
     * @throws InvalidDataException if the response is invalid for the family (message names the
     *     row), or there is nothing to estimate
     */
    public FittedGlm fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        if (family instanceof NegativeBinomial nb && nb.estimatesTheta()) {
            return NegativeBinomialTheta.fit(this, data);
        }
        return fit(data, family, null, null);
    }

    /**
     * Fits with the given family (the model's, or a negative binomial at a theta being
     * estimated), starting from R's {@code mustart} or from {@code startEta}.
     */
    FittedGlm fit(Dataset data, Family family, double[] startEta, ThetaEstimate theta) {
        int n = data.rows();
        int p = data.columns();
        int k = p + (intercept ? 1 : 0);
        if (k == 0) {
            throw new InvalidDataException("nothing to estimate: no predictors and no intercept");
        }
        double[] givenWeights = data.hasWeights() ? data.weights() : null;
        double[] y = family.validate(data.response(), givenWeights);
        double[] frequency = data.hasFrequencyWeights() ? data.frequencyWeights() : null;
        double[] prior = data.weights();
        // the weights of the likelihood: prior times frequency (a row of frequency f is f rows)
        double[] w = frequency == null ? prior : product(prior, frequency);
        double[] offset = data.offset();
        int observations = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                observations += frequency == null ? 1 : (int) frequency[i];
            }
        }
        Datafit datafit = family.datafit(y, frequency == null ? givenWeights : w);
        Design design = new Design(data.x(), intercept);
        Problem problem = new Problem(design, datafit, ElasticNet.none(), data.hasOffset() ? offset : null);
        String chosen = chooseSolver(family, problem, observations, k);
        if (chosen.equals(LbfgsWarmStart.NAME) && solver == null && startEta != null) {
            chosen = Irls.NAME; // a refit from a given linear predictor (negative binomial theta) keeps IRLS
        }

        double[] beta;
        int[] aliased;
        double[] eta = new double[n];
        Matrix unscaledCovariance;
        SolverResult result;
        int otherIterations = 0; // iterations that are not Fisher scoring: L-BFGS's, the Newton finish's
        Separation separation = null;
        Double exactRss = null;
        List<String> solverWarnings = new ArrayList<>();
        if (chosen.equals(QrLeastSquaresSolver.NAME)) {
            QrLeastSquaresSolver qr = new QrLeastSquaresSolver(aliasTolerance, LEAST_SQUARES_REFINEMENTS);
            LeastSquaresFit fit = (kktTarget.isPresent() ? qr.withKktTarget(kktTarget.get()) : qr).fit(problem);
            int[] nearly = fit.solution().nearlyCollinear();
            if (nearly.length > 0) {
                List<String> names = termNames(data);
                List<String> listed = new ArrayList<>();
                for (int j : nearly) {
                    listed.add(names.get(j));
                }
                solverWarnings.add("nearly collinear: " + String.join(", ", listed) + " (R's lm would alias "
                        + (nearly.length == 1 ? "it" : "them") + " at its tolerance 1e-7); estimated condition number "
                        + String.format(Locale.ROOT, "%.1e", 1 / fit.solution().reciprocalCondition())
                        + " of the centered, scaled design; the estimates were refined in double-double"
                        + " and the standard errors are large");
            }
            result = fit.result();
            aliased = fit.solution().aliased();
            beta = withNaN(fit.solution().coefficients(), aliased);
            unscaledCovariance = fit.solution().unscaledCovariance();
            eta = fit.linearPredictor();
            exactRss = fit.solution().residualSumOfSquares();
        } else if (chosen.equals(Irls.NAME) || chosen.equals(LbfgsWarmStart.NAME)) {
            double[] eta0 = startEta != null ? startEta.clone() : startingLinearPredictor(family, y, givenWeights, w);
            Irls irls = new Irls(epsilon, maxIterations);
            irls = kktTarget.isPresent() ? irls.withKktTarget(kktTarget.get()) : irls;
            IrlsFit fit;
            if (chosen.equals(LbfgsWarmStart.NAME)) {
                new Lbfgs().requireSupported(problem, Solvers.all());
                LbfgsWarmStart.Fit warm = new LbfgsWarmStart(irls, LbfgsWarmStart.budget(k)).fit(problem, eta0);
                fit = warm.fit();
                otherIterations = warm.firstStageIterations();
            } else {
                fit = irls.fit(problem, null, eta0);
            }
            result = fit.result();
            aliased = fit.aliased();
            eta = fit.linearPredictor();
            Matrix information = fit.information();
            separation = separationCheck ? checkSeparation(family, data, y, w, aliased, eta, result.converged())
                    : Separation.notApplicable();
            // finish at the MLE, unless the linear program found that there is none to reach or the last
            // step certified the estimate and its information (a canonical link: see StepCertificate)
            if (result.converged() && !separation.mleDoesNotExist() && !fit.certified()) {
                long finishStart = System.nanoTime();
                DesignSource source = DesignSource.atCoefficients(problem, result.coefficients());
                ObservedNewton.Outcome finished = ObservedNewton.finish(source, result, aliased,
                        !datafit.expectedInformation(), finishStart, chosen.equals(LbfgsWarmStart.NAME)
                                ? LbfgsWarmStart.CERTIFICATION : StepCertificate.ROUNDING_LEVEL, fit.sumsAtEstimate());
                result = finished.result();
                eta = source.linearPredictor();
                information = finished.expectedInformation();
                otherIterations += finished.steps();
            }
            beta = withNaN(result.coefficients(), aliased);
            unscaledCovariance = AliasedColumns.inverseInformation(information, aliased, datafit.weightSum());
        } else {
            Solver s = Solvers.byName(chosen);
            s.requireSupported(problem, Solvers.all());
            if (kktTarget.isPresent()) {
                s = s.withKktTarget(kktTarget.get());
            }
            result = s.solve(problem, null);
            problem.linearPredictor(result.coefficients(), eta);
            double[] g = new double[n];
            double[] h = new double[n];
            datafit.derivatives(eta, g, h);
            Matrix information = design.weightedGram(h);
            aliased = AliasedColumns.find(information, Irls.ALIAS_TOLERANCE);
            beta = withNaN(result.coefficients(), aliased);
            unscaledCovariance = AliasedColumns.inverseInformation(information, aliased, datafit.weightSum());
        }
        if (separation == null) {
            separation = separationCheck ? checkSeparation(family, data, y, w, aliased, eta, result.converged())
                    : Separation.notApplicable();
        }
        double nullDeviance = NullDeviance.compute(family, datafit, y, w, offset, intercept, eta);
        return new FittedGlm(this, family, data, y, prior, frequency, beta, aliased, eta, unscaledCovariance, result,
                observations,
                nullDeviance, exactRss, separation, epsilon, theta, otherIterations, solverWarnings);
    }

    /**
     * The existence of the MLE by {@link Separation}'s linear program, for families whose means
     * have a boundary the linear predictor can reach only at infinity: binomial and quasi-binomial
     * with a link onto (0, 1) (logit, probit, cauchit, cloglog; y = 0 may go down, y = 1 up,
     * proportions strictly inside stay), and the count families (Poisson, quasi-Poisson, negative
     * binomial, Tweedie) with the log link (zero counts may go down). The program's criterion is
     * the same for all of them: along a separating direction every score term of a separated row
     * vanishes in the limit, whatever the variance function.
     *
     * <p>The program is solved when it is small ({@link #SEPARATION_ALWAYS_ROWS} rows or fewer),
     * and otherwise when the fit shows the symptom of separation: the solver did not converge, or
     * some row whose response sits at a boundary has a fitted mean within
     * {@link #SEPARATION_SYMPTOM} of it. At a converged estimate the score is near zero, and its
     * component along a separating direction d is {@code sum_S a_i'd w_i |y_i - mu_i|} over the
     * separated rows alone, so separated rows have fitted values near their boundary; without
     * that symptom the long program is skipped and reported as not applicable.
     */
    private Separation checkSeparation(Family family, Dataset data, double[] y, double[] w, int[] aliased,
                                       double[] eta, boolean converged) {
        String link = family.link().label();
        boolean binomial = family.boundaryResponses() && family.variance().value(1.0) == 0
                && Set.of("logit", "probit", "cauchit", "cloglog").contains(link);
        boolean counts = family.boundaryResponses() && family.variance().value(1.0) != 0 && link.equals("log");
        if (!binomial && !counts) {
            return Separation.notApplicable();
        }
        int n = y.length;
        if (n > SEPARATION_ALWAYS_ROWS && converged) {
            boolean symptom = false;
            for (int i = 0; i < n && !symptom; i++) {
                if (w[i] > 0 && (y[i] == 0 || binomial && y[i] == 1)) {
                    symptom = Math.abs(y[i] - family.link().inverse(eta[i])) < SEPARATION_SYMPTOM;
                }
            }
            if (!symptom) {
                return Separation.notApplicable();
            }
        }
        Separation.Role[] roles = new Separation.Role[n];
        for (int i = 0; i < n; i++) {
            if (!(w[i] > 0)) {
                roles[i] = Separation.Role.IGNORED;
            } else if (y[i] == 0) {
                roles[i] = Separation.Role.DOWN;
            } else if (binomial && y[i] == 1) {
                roles[i] = Separation.Role.UP;
            } else {
                roles[i] = Separation.Role.FIXED;
            }
        }
        boolean[] drop = new boolean[data.columns() + (intercept ? 1 : 0)];
        for (int a : aliased) {
            drop[a] = true;
        }
        List<double[]> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (intercept && !drop[0]) {
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            cols.add(ones);
            names.add("(Intercept)");
        }
        int off = intercept ? 1 : 0;
        for (int j = 0; j < data.columns(); j++) {
            if (!drop[j + off]) {
                cols.add(data.column(j));
                names.add(data.predictorNames().get(j));
            }
        }
        return Separation.check(cols.toArray(double[][]::new), names, roles);
    }

    /** Coefficient names in coefficient order: "(Intercept)" first when fitted. */
    private List<String> termNames(Dataset data) {
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add("(Intercept)");
        }
        names.addAll(data.predictorNames());
        return names;
    }

    /**
     * R's start: {@code eta = g(mustart)} with the family's {@code mustart}; R's "cannot find valid
     * starting values" when some observation with positive weight gets an invalid mean or linear
     * predictor (e.g. a Gaussian log-link fit with a response {@code <= 0}).
     */
    private static double[] startingLinearPredictor(Family family, double[] y, double[] givenWeights, double[] w) {
        double[] mu0 = family.startingMeans(y, givenWeights);
        double[] eta0 = new double[mu0.length];
        for (int i = 0; i < mu0.length; i++) {
            eta0[i] = family.link().link(mu0[i]);
            if (w[i] > 0 && !(family.variance().validMu(mu0[i]) && family.link().validEta(eta0[i]))) {
                throw new InvalidDataException("cannot find valid starting values: the " + family.name()
                        + " family's starting mean " + mu0[i] + " at row " + (i + 1) + " (response " + y[i]
                        + ") gives no valid linear predictor for the " + family.link().label() + " link");
            }
        }
        return eta0;
    }

    /**
     * The default solver (the class comment): Gaussian with the identity link, the direct
     * least-squares solve; otherwise L-BFGS then IRLS ({@link LbfgsWarmStart}) where its first
     * stage pays ({@link LbfgsWarmStart#pays}: at least 10,000 observations and about 76 or more
     * coefficients) and L-BFGS supports the datafit (convex, open domain: the canonical binomial
     * and Poisson links), with no KKT target; otherwise IRLS.
     */
    private String chooseSolver(Family family, Problem problem, int observations, int k) {
        if (solver != null) {
            return solver;
        }
        if (family.equals(Family.gaussian()) && observations >= k) {
            return QrLeastSquaresSolver.NAME;
        }
        if (kktTarget.isEmpty() && LbfgsWarmStart.pays(observations, k) && new Lbfgs().supports(problem)) {
            return LbfgsWarmStart.NAME;
        }
        return Irls.NAME;
    }

    /** {@code a_i b_i}. */
    private static double[] product(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    private static double[] withNaN(double[] beta, int[] aliased) {
        double[] out = beta.clone();
        for (int a : aliased) {
            out[a] = Double.NaN;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Glm[" + family + (intercept ? "" : ", no intercept")
                + (solver == null ? "" : ", solver " + solver) + "]";
    }

    /** A builder holding this model's settings, to derive a variant (another epsilon, no intercept). */
    public Builder toBuilder() {
        Builder b = new Builder(family);
        b.intercept = intercept;
        b.solver = solver;
        b.epsilon = epsilon;
        b.maxIterations = maxIterations;
        b.kktTarget = kktTarget;
        b.separationCheck = separationCheck;
        b.aliasTolerance = aliasTolerance;
        return b;
    }

    /** Settings of a {@link Glm}; immutable once built. */
    public static final class Builder extends FormulaBuilder<Builder> {

        @Override
        protected Builder self() {
            return this;
        }
        private final Family family;
        private boolean intercept = true;
        private String solver;
        private double epsilon = Irls.DEFAULT_EPSILON;
        private int maxIterations = Irls.DEFAULT_MAX_ITERATIONS;
        private Optional<KktTarget> kktTarget = Optional.empty();
        private boolean separationCheck = true;
        private double aliasTolerance = LeastSquares.ROUNDING_LEVEL;

        private Builder(Family family) {
            this.family = Objects.requireNonNull(family, "family");
        }

        private Builder copyOf(Glm g) {
            this.intercept = g.intercept;
            this.solver = g.solver;
            this.epsilon = g.epsilon;
            this.maxIterations = g.maxIterations;
            this.kktTarget = g.kktTarget;
            this.aliasTolerance = g.aliasTolerance;
            formulaFrom(g.formula, g.frameOptions);
            return this;
        }

        /** Whether to fit an intercept (default true). */
        public Builder intercept(boolean fit) {
            this.intercept = fit;
            return this;
        }

        /**
         * A solver by name ("qr", "irls", "lbfgs-irls" ({@link LbfgsWarmStart}), or any other in the
         * registry); null for the default.
         */
        public Builder solver(String name) {
            if (name != null) {
                String key = name.toLowerCase(Locale.ROOT);
                if (!key.equals(LbfgsWarmStart.NAME)) {
                    Solvers.byName(name);
                }
                name = key;
            }
            this.solver = name;
            return this;
        }

        /** IRLS tolerance of R's relative deviance change rule (default 1e-8). */
        public Builder epsilon(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new InvalidDataException("epsilon must be finite and > 0, got " + value);
            }
            this.epsilon = value;
            return this;
        }

        /** IRLS iteration cap (default 25). */
        public Builder maxIterations(int value) {
            if (value < 1) {
                throw new InvalidDataException("maxIterations must be >= 1, got " + value);
            }
            this.maxIterations = value;
            return this;
        }

        /**
         * Stop the solver at a KKT violation ({@link dev.argmax.optim.Problem#kktViolation},
         * absolute) of at most {@code tolerance} instead of by its default rule (IRLS: R's
         * deviance change, {@link #epsilon}); the cap is {@link #maxIterations} for IRLS and each
         * other solver's own. The direct least-squares solver only checks it (its solution is as
         * accurate as double precision allows) and reports a fit above it as not converged.
         */
        public Builder kktTolerance(double tolerance) {
            try {
                this.kktTarget = Optional.of(KktTarget.of(tolerance));
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(e.getMessage());
            }
            return this;
        }

        /**
         * Whether to solve the separation linear program (default true). Off only for the
         * internal refits of profiling and likelihood-ratio tests, whose diagnostics nobody reads.
         */
        Builder separationCheck(boolean check) {
            this.separationCheck = check;
            return this;
        }

        /**
         * Relative tolerance of the aliasing test of the direct least-squares solver (Gaussian
         * family): a column whose part orthogonal to the earlier columns is at most this fraction
         * of its norm is aliased (NA). The default {@link LeastSquares#ROUNDING_LEVEL} (0) aliases
         * only what double precision cannot tell from an exact linear combination, and warns
         * "nearly collinear" for kept columns R would alias; 1e-7 reproduces R's {@code lm}.
         */
        public Builder aliasTolerance(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new InvalidDataException("alias tolerance must lie in [0, 1) (0 = rounding level), got " + value);
            }
            this.aliasTolerance = value;
            return this;
        }

        public Glm build() {
            return new Glm(this);
        }
    }
}
