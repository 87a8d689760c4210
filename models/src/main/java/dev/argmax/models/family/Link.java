package dev.argmax.models.family;

/**
 * A link function {@code eta = g(mu)} between the mean and the linear predictor, with its
 * inverse and {@code dmu/deta}. argmax's families use their canonical links, for which Fisher
 * scoring and Newton's method coincide.
 */
public enum Link {
    /** {@code eta = mu}. */
    IDENTITY("identity") {
        @Override
        public double link(double mu) {
            return mu;
        }

        @Override
        public double inverse(double eta) {
            return eta;
        }

        @Override
        public double derivative(double eta) {
            return 1.0;
        }
    },
    /** {@code eta = log(mu / (1 - mu))}. */
    LOGIT("logit") {
        @Override
        public double link(double mu) {
            return Math.log(mu / (1 - mu));
        }

        @Override
        public double inverse(double eta) {
            if (eta >= 0) {
                return 1 / (1 + Math.exp(-eta));
            }
            double e = Math.exp(eta);
            return e / (1 + e);
        }

        /** {@code mu (1 - mu) = e^-|eta| / (1 + e^-|eta|)^2}, without cancellation in {@code 1 - mu}. */
        @Override
        public double derivative(double eta) {
            double e = Math.exp(-Math.abs(eta));
            return e / ((1 + e) * (1 + e));
        }
    },
    /** {@code eta = log(mu)}. */
    LOG("log") {
        @Override
        public double link(double mu) {
            return Math.log(mu);
        }

        @Override
        public double inverse(double eta) {
            return Math.exp(eta);
        }

        @Override
        public double derivative(double eta) {
            return Math.exp(eta);
        }
    };

    private final String label;

    Link(String label) {
        this.label = label;
    }

    /** {@code g(mu)}. */
    public abstract double link(double mu);

    /** {@code g^-1(eta)}. */
    public abstract double inverse(double eta);

    /** {@code d g^-1 / d eta} at eta (R's {@code mu.eta}). */
    public abstract double derivative(double eta);

    /** R's name of the link, e.g. "logit". */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
