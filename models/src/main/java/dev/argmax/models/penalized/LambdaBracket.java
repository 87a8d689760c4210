package dev.argmax.models.penalized;

/**
 * Where a lambda {@code s} falls on a fitted path, for glmnet's {@code coef(fit, s = s)}: at a
 * fitted lambda the solution itself; between two fitted lambdas {@code l_left > s > l_right} the
 * linear interpolation {@code f b(l_left) + (1 - f) b(l_right)} with
 * {@code f = (s - l_right) / (l_left - l_right)} (glmnet's {@code lambda.interp}); at or above
 * lambda_max of a path whose largest lambda has every penalized slope at zero, that solution.
 * Unlike glmnet, a lambda below the smallest fitted one, or above a largest one that is not the
 * null solution, is refused (glmnet silently returns the nearest end).
 *
 * @param left index of the fitted lambda at or above s
 * @param right index of the fitted lambda at or below s (equal to left when s needs no interpolation)
 * @param weight f, the weight of the left solution (1 when left = right)
 */
public record LambdaBracket(int left, int right, double weight) {

    /**
     * @param lambdas the fitted lambdas, in any order
     * @param lambdaMax the path's lambda_max
     * @param nonzero the number of non-zero penalized slopes of each fitted solution
     * @param s a lambda, finite and {@code > 0}
     * @throws IllegalArgumentException when s is not finite and positive, or lies outside the path
     */
    public static LambdaBracket of(double[] lambdas, double lambdaMax, int[] nonzero, double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + s);
        }
        int best = -1;
        double largest = Double.NEGATIVE_INFINITY;
        double smallest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < lambdas.length; k++) {
            double l = lambdas[k];
            if (l == s) {
                return new LambdaBracket(k, k, 1.0);
            }
            if (l > largest) {
                largest = l;
                best = k;
            }
            smallest = Math.min(smallest, l);
        }
        if (s > largest) {
            if (largest >= lambdaMax && nonzero[best] == 0) {
                return new LambdaBracket(best, best, 1.0);
            }
            throw new IllegalArgumentException("lambda " + s + " is above the largest fitted lambda " + largest
                    + " (lambda_max " + lambdaMax + "): refit with lambda = " + s);
        }
        if (s < smallest) {
            throw new IllegalArgumentException("lambda " + s + " is below the smallest fitted lambda " + smallest
                    + ": refit with lambda = " + s + " (glmnet would return the smallest lambda's solution)");
        }
        int left = -1;
        int right = -1;
        for (int k = 0; k < lambdas.length; k++) {
            double l = lambdas[k];
            if (l > s && (left < 0 || l < lambdas[left])) {
                left = k;
            }
            if (l < s && (right < 0 || l > lambdas[right])) {
                right = k;
            }
        }
        return new LambdaBracket(left, right, (s - lambdas[right]) / (lambdas[left] - lambdas[right]));
    }

    /** {@code f a + (1 - f) b}, element by element (a itself when no interpolation is needed). */
    public double[] interpolate(double[] a, double[] b) {
        if (left == right) {
            return a.clone();
        }
        double[] out = new double[a.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = weight * a[j] + (1 - weight) * b[j];
        }
        return out;
    }
}
