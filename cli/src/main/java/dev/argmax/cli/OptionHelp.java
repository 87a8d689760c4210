package dev.argmax.cli;

/**
 * The help text of every option that more than one command has, written once, so that an option
 * name means the same in every command (same text, same default, same arity; checked by
 * {@code OptionVocabularyTest}). Groups of options that always go together are mixins instead
 * ({@link PenaltyOptions}, {@link PathOptions}, {@link ToleranceOption}, {@link LinkOptions}).
 */
final class OptionHelp {

    static final String DATA = "CSV file with a header line ('-': standard input), or a bundled dataset: spector, "
            + "birthwt, diabetes. Default: spector in compare, diabetes in path; required elsewhere.";
    static final String RESPONSE = "Response column; the model is COL ~ . (every other column but the weights, "
            + "offset and excluded ones; in fit a shorthand for --formula). Default: y in compare and path; "
            + "required elsewhere.";
    static final String WEIGHTS = "Prior (observation) weights column.";
    static final String OFFSET = "Offset column (a known term of the linear predictor, e.g. log exposure).";
    static final String EXCLUDE = "Columns to leave out (comma separated).";
    static final String NO_INTERCEPT = "Fit without an intercept.";
    static final String FORMAT = "Output: text or json. Default: text.";
    static final String FAMILY = LinkOptions.FAMILIES + " (R's default links; --link for another). Default: "
            + "binomial for the bundled spector and birthwt, gaussian for diabetes; required with a CSV file.";
    static final String SOLVER = "Solver: irls, qr, cd, gd, ista, fista, lbfgs or newton (any registered solver "
            + "that handles the problem). Default: qr for an unpenalized gaussian fit, irls for other unpenalized "
            + "fits, cd with a penalty.";
    static final String SEED = "Seed of the random fold assignment. Default: 1.";
    static final String MEASURE = "Cross-validation measure: deviance, mse, mae, class or auc. Default: deviance.";
    static final String LEVEL = "Confidence level (estimate: also the credible level of a posterior). "
            + "Default: 0.95.";
    static final String NA = "Rows with a missing value (NA, NaN, empty) in a column the model uses: omit (R's "
            + "na.omit; predict writes NA for them) or fail. Default: omit (predict: the saved model's).";
    static final String EPSILON = "IRLS tolerance of R's rule |dev - dev_old| / (|dev| + 0.1) < epsilon (not a "
            + "KKT violation: see --tolerance). Default: 1e-8.";
    static final String PLOT = "Write a PNG picture: compare: suboptimality against time and iterations; path: "
            + "coefficient paths against log lambda (and the CV curve with --cv).";

    static final String LEVELS = "--family multinomial: the classes in order, the first the reference (default: the "
            + "response's values sorted as R sorts a factor).";
    static final String GROUPED = "--family multinomial with a penalty: the grouped lasso over each predictor's K "
            + "coefficients (glmnet's type.multinomial = \"grouped\"; default: ungrouped).";

    static final String REFERENCE = "Reference level of a factor's treatment contrasts (default: its first level).";
    static final String FREQ_WEIGHTS = "Frequency weights column: a row with frequency 3 counts as three identical "
            + "rows (n, degrees of freedom, dispersion, AIC/BIC, sandwich); whole numbers >= 0 (statsmodels' "
            + "freq_weights, Stata's fweight). May be given with --weights.";
    static final String SAVE = "Write the fitted model (JSON) for 'argmax predict' (cv: the full-data fit at "
            + "--lambda-choice; path: --family multinomial at its one --lambda value).";

    private OptionHelp() {
    }
}
