package dev.argmax.models.glm;

/**
 * Predictions of a fitted GLM for new observations, on the link scale ({@code eta = x'beta +
 * offset}) and the response scale ({@code mu = g^-1(eta)}), with standard errors of the fit:
 * {@code se(eta_i) = sqrt(a_i' C a_i)} for the covariance C of the coefficients and the design
 * row {@code a_i = (1, x_i)}, and by the delta method {@code se(mu_i) = |dmu/deta| se(eta_i)}
 * (R's {@code predict.glm(se.fit = TRUE)}).
 */
public record Prediction(double[] link, double[] response, double[] linkStandardErrors,
                         double[] responseStandardErrors) {

    public Prediction {
        link = link.clone();
        response = response.clone();
        linkStandardErrors = linkStandardErrors.clone();
        responseStandardErrors = responseStandardErrors.clone();
    }

    @Override
    public double[] link() {
        return link.clone();
    }

    @Override
    public double[] response() {
        return response.clone();
    }

    @Override
    public double[] linkStandardErrors() {
        return linkStandardErrors.clone();
    }

    @Override
    public double[] responseStandardErrors() {
        return responseStandardErrors.clone();
    }
}
