package dev.argmax.examples;

import dev.argmax.cli.plot.PathPlot;
import dev.argmax.core.data.Dataset;
import dev.argmax.models.family.Family;
import dev.argmax.models.penalized.CrossValidation;
import dev.argmax.models.penalized.CvMeasure;
import dev.argmax.models.penalized.PenalizedFit;
import dev.argmax.models.penalized.PenalizedRegression;
import dev.argmax.models.penalized.PenalizedSolution;
import java.nio.file.Path;
import java.util.List;

/**
 * A lasso path on the diabetes data (Efron et al. 2004, 442 patients, 10 raw predictors) with
 * glmnet's standardization and 10-fold cross-validation, as {@code cv.glmnet(x, y, nfolds = 10)};
 * prints lambda_min and lambda_1se with the coefficients at lambda_1se, and draws the coefficient
 * paths and the CV curve to a PNG.
 *
 * <p>Run: {@code java -cp <argmax jars> dev.argmax.examples.LassoPathCvExample [plot.png]}.
 */
public final class LassoPathCvExample {

    private LassoPathCvExample() {
    }

    /**
     * Fits the path, cross-validates it and writes the plot.
     *
     * @param args optional: the PNG file to write (default {@code lasso-path.png})
     */
    public static void main(String[] args) {
        Path plot = Path.of(args.length > 0 ? args[0] : "lasso-path.png");
        Dataset data = BundledData.table("diabetes.csv").toDataset("y");
        PenalizedRegression.Builder lasso = PenalizedRegression.builder()
                .family(Family.gaussian()).lasso().standardize(true).path();
        CrossValidation.Result cv = CrossValidation.run(lasso.build(), data, CvMeasure.of("mse"), 10, 1);
        PenalizedFit fit = cv.fullFit();

        int k1se = cv.index1se();
        PenalizedSolution chosen = fit.solution(k1se);
        System.out.printf("lambda_max %.6g, %d lambdas%n", fit.lambdaMax(), fit.lambdas().length);
        System.out.printf("lambda_min %.6g, lambda_1se %.6g (%d nonzero)%n", cv.lambdaMin(), cv.lambda1se(),
                chosen.nonzero());
        List<String> names = fit.coefficientNames();
        double[] b = chosen.allCoefficients();
        for (int j = 0; j < names.size(); j++) {
            System.out.printf("  %-12s %12.5f%n", names.get(j), b[j]);
        }

        double[][] slopes = new double[fit.solutions().size()][];
        for (int k = 0; k < slopes.length; k++) {
            slopes[k] = fit.solution(k).coefficients();
        }
        PathPlot.CvCurve curve = new PathPlot.CvCurve(cv.lambdas(), cv.mean(), cv.standardError(), cv.lambdaMin(),
                cv.lambda1se(), cv.measure().label());
        PathPlot.write("diabetes (gaussian, lasso)", fit.lambdas(), slopes, names.subList(1, names.size()), curve,
                plot);
        System.out.println("plot written to " + plot.toAbsolutePath());
    }
}
