package dev.argmax.cli.plot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * glmnet's two classic pictures of a regularization path, as PNG: the coefficient paths (each
 * slope against {@code log(lambda)}) and, when a cross-validation curve is given, the CV error
 * against {@code log(lambda)} with error bars of one standard error and vertical lines at
 * {@code lambda_min} (smallest mean CV error) and {@code lambda_1se} (largest lambda whose mean
 * is within one standard error of that minimum).
 */
public final class PathPlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MAX_LEGEND = 15;

    private PathPlot() {
    }

    /**
     * A cross-validation curve.
     *
     * @param lambdas the path's lambdas
     * @param mean mean CV error per lambda
     * @param standardError its standard error per lambda
     * @param lambdaMin lambda with the smallest mean
     * @param lambda1se the largest lambda within one standard error of the minimum
     * @param measure name of the error measure, e.g. "deviance", "mse"
     */
    public record CvCurve(double[] lambdas, double[] mean, double[] standardError, double lambdaMin,
                          double lambda1se, String measure) {
    }

    /**
     * Draws the coefficient paths (and the CV curve beside them when {@code cv} is not null).
     *
     * @param lambdas the lambdas of the path (all > 0)
     * @param slopes {@code slopes[k][j]}: slope j at lambdas[k] (intercept excluded)
     * @param names the slopes' names (length p)
     */
    public static void write(String title, double[] lambdas, double[][] slopes, List<String> names, CvCurve cv,
                             Path file) {
        Charts.headless();
        int p = names.size();
        XYChart paths = new XYChartBuilder().theme(Styler.ChartTheme.Matlab).width(WIDTH).height(HEIGHT).title(title + ": coefficient paths")
                .xAxisTitle("log(lambda)").yAxisTitle("coefficient").build();
        paths.getStyler().setLegendVisible(p <= MAX_LEGEND);
        paths.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        paths.getStyler().setXAxisDecimalPattern("0.0");
        paths.getStyler().setChartTitleFont(paths.getStyler().getChartTitleFont().deriveFont(13f));
        double[] logLambda = log(lambdas);
        for (int j = 0; j < p; j++) {
            double[] y = new double[lambdas.length];
            for (int k = 0; k < lambdas.length; k++) {
                y[k] = slopes[k][j];
            }
            XYSeries s = paths.addSeries(names.get(j), logLambda, y);
            s.setMarker(SeriesMarkers.NONE);
        }
        List<XYChart> charts = new ArrayList<>();
        charts.add(paths);
        if (cv != null) {
            charts.add(cvChart(title, cv));
        }
        Charts.writePng(charts, file);
    }

    private static XYChart cvChart(String title, CvCurve cv) {
        XYChart c = new XYChartBuilder().theme(Styler.ChartTheme.Matlab).width(WIDTH).height(HEIGHT).title(title + ": cross-validation")
                .xAxisTitle("log(lambda)").yAxisTitle("mean CV " + cv.measure() + " (+/- 1 s.e.)").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
        double[] x = log(cv.lambdas());
        XYSeries curve = c.addSeries("CV " + cv.measure(), x, cv.mean(), cv.standardError());
        curve.setMarker(SeriesMarkers.CIRCLE);
        c.getStyler().setMarkerSize(4);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < x.length; k++) {
            lo = Math.min(lo, cv.mean()[k] - cv.standardError()[k]);
            hi = Math.max(hi, cv.mean()[k] + cv.standardError()[k]);
        }
        vertical(c, "lambda_min", Math.log(cv.lambdaMin()), lo, hi);
        vertical(c, "lambda_1se", Math.log(cv.lambda1se()), lo, hi);
        return c;
    }

    private static void vertical(XYChart c, String name, double x, double lo, double hi) {
        XYSeries s = c.addSeries(name + String.format(java.util.Locale.ROOT, " (log %.3g)", x), new double[] {x, x},
                new double[] {lo, hi});
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double[] log(double[] lambdas) {
        double[] out = new double[lambdas.length];
        for (int k = 0; k < lambdas.length; k++) {
            if (!(lambdas[k] > 0)) {
                throw new IllegalArgumentException("a path plot needs lambdas > 0 (log scale), got " + lambdas[k]);
            }
            out[k] = Math.log(lambdas[k]);
        }
        return out;
    }
}
