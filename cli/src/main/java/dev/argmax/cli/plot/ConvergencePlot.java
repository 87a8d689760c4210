package dev.argmax.cli.plot;

import dev.argmax.cli.compare.SolverComparison;
import dev.argmax.cli.compare.SolverRun;
import dev.argmax.optim.trace.TraceEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The convergence picture of a {@link SolverComparison}: the suboptimality
 * {@code F(beta_k) - F_best} of every solver on a log scale, against wall time (left) and against
 * iterations (right, log scale), one line per solver, from the solvers' traces.
 *
 * <p>A log scale cannot show 0: suboptimalities below {@code 1e-16 max(1, |F_best|)} (the
 * rounding level of F) are drawn at that floor, which the y-axis title states. A direct method
 * (empty trace) is drawn as one point at its finish.
 */
public final class ConvergencePlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private ConvergencePlot() {
    }

    /** Draws the comparison into a PNG file. */
    public static void write(SolverComparison comparison, String title, Path file) {
        Charts.headless();
        double best = comparison.bestObjective();
        double floor = 1e-16 * Math.max(1, Math.abs(best));
        XYChart byTime = chart(title, "time (ms)");
        XYChart byIteration = chart(title, "iteration (log)");
        // iteration counts differ by orders of magnitude between Newton and first-order methods
        byIteration.getStyler().setXAxisLogarithmic(true);
        for (SolverRun run : comparison.runs()) {
            if (run.result() == null) {
                continue;
            }
            List<Double> ms = new ArrayList<>();
            List<Double> its = new ArrayList<>();
            List<Double> sub = new ArrayList<>();
            for (TraceEntry e : run.result().trace().entries()) {
                if (!Double.isFinite(e.objective())) {
                    continue;
                }
                ms.add(e.elapsedNanos() / 1e6);
                its.add((double) e.iteration());
                sub.add(Math.max(e.objective() - best, floor));
            }
            if (sub.isEmpty()) {
                ms.add(run.result().elapsedNanos() / 1e6);
                its.add((double) Math.max(run.iterations(), 1));
                sub.add(Math.max(run.gap(), floor));
            }
            String label = run.solver() + (run.converged() ? "" : " (not converged)");
            style(byTime.addSeries(label, ms, sub), sub.size());
            style(byIteration.addSeries(label, its, sub), sub.size());
        }
        Charts.writePng(List.of(byTime, byIteration), file);
    }

    private static XYChart chart(String title, String xTitle) {
        XYChart c = new XYChartBuilder().theme(Styler.ChartTheme.Matlab).width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle("F - F_best (log; floor 1e-16 |F_best|)").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
        c.getStyler().setYAxisDecimalPattern("0.0E0");
        c.getStyler().setXAxisDecimalPattern("#0");
        c.getStyler().setMarkerSize(5);
        return c;
    }

    private static void style(XYSeries s, int points) {
        // short runs (Newton: a handful of iterations) get markers so that they stay visible
        s.setMarker(points <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
}
