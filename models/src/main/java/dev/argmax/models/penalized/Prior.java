package dev.argmax.models.penalized;

/**
 * A prior on the slopes, read as a penalty (MAP = penalized MLE), with the exact conversion to
 * glmnet's lambda (DESIGN.md; reference README section 3). For a likelihood with dispersion
 * sigma^2 (Gaussian noise variance; 1 for binomial and Poisson) and n observations (weights
 * rescaled to sum to n), the negative log-posterior divided by {@code n / sigma^2} is the
 * penalized objective with
 *
 * <ul>
 *   <li>{@link Gaussian} {@code b_j ~ N(0, tau^2)}: ridge, {@code lambda = sigma^2 / (n tau^2)};</li>
 *   <li>{@link Laplace} {@code b_j ~ Laplace(0, b)} (density {@code exp(-|x|/b) / (2b)}): lasso,
 *       {@code lambda = sigma^2 / (n b)}.</li>
 * </ul>
 * The intercept has a flat prior. With {@code standardize = true} the prior is on the
 * coefficients of the standardized predictors.
 */
public sealed interface Prior {

    /** The lambda of the equivalent penalty. */
    double lambda(int n, double sigma2);

    /** The elastic-net mixing of the equivalent penalty (0 ridge, 1 lasso). */
    double alpha();

    /** N(0, tau^2) on every penalized slope. */
    static Prior gaussian(double tau) {
        return new Gaussian(tau);
    }

    /** Laplace(0, b) on every penalized slope. */
    static Prior laplace(double b) {
        return new Laplace(b);
    }

    /** Gaussian prior N(0, tau^2): ridge. */
    record Gaussian(double tau) implements Prior {
        public Gaussian {
            if (!(tau > 0) || Double.isInfinite(tau)) {
                throw new IllegalArgumentException("prior standard deviation tau must be finite and > 0, got " + tau);
            }
        }

        @Override
        public double lambda(int n, double sigma2) {
            return sigma2 / (n * tau * tau);
        }

        @Override
        public double alpha() {
            return 0.0;
        }
    }

    /** Laplace prior with scale b: lasso. */
    record Laplace(double scale) implements Prior {
        public Laplace {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("Laplace prior scale b must be finite and > 0, got " + scale);
            }
        }

        @Override
        public double lambda(int n, double sigma2) {
            return sigma2 / (n * scale);
        }

        @Override
        public double alpha() {
            return 1.0;
        }
    }
}
