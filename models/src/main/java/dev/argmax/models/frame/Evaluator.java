package dev.argmax.models.frame;

import dev.argmax.core.data.CsvTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Evaluates a variable of a formula on a table, row by row, on primitive arrays: a column, a
 * factor ({@code factor(x)}, or any text column), arithmetic ({@code + - * / ^} and unary minus,
 * inside {@code I()} or a function's argument), {@code log log2 log10 log1p exp expm1 sqrt abs}, and
 * {@code poly(x, k, raw = TRUE)} (the columns x, x^2, ..., x^k). A missing input gives a missing
 * result (NaN; code -1 for a factor).
 */
final class Evaluator {

    /** The value of a variable on every row. */
    sealed interface Values permits Numeric, Factor, Columns {
    }

    /** A numeric vector, NaN where missing. */
    record Numeric(double[] values) implements Values {
    }

    /** A factor: level codes (-1 where missing) into {@code levels}. */
    record Factor(int[] codes, List<String> levels) implements Values {
    }

    /** Several numeric columns (poly), with R's column names. */
    record Columns(double[][] columns, List<String> names) implements Values {
    }

    private final CsvTable table;
    private final String formula;

    Evaluator(CsvTable table, String formula) {
        this.table = table;
        this.formula = formula;
    }

    private FormulaException error(String what) {
        return new FormulaException("formula '" + formula + "': " + what);
    }

    Values evaluate(Expression e) {
        if (e instanceof Expression.Name n) {
            if (table.isText(n.name())) {
                return new Factor(table.codes(n.name()), table.levels(n.name()));
            }
            return new Numeric(table.values(n.name()));
        }
        if (e instanceof Expression.Call c) {
            switch (c.function()) {
                case "factor", "as.factor":
                    return factor(c);
                case "poly":
                    return poly(c);
                case "I":
                    requireArguments(c, 1);
                    return new Numeric(numeric(c.arguments().get(0).value()));
                default:
                    return new Numeric(numeric(e));
            }
        }
        if (e instanceof Expression.Paren p) {
            return evaluate(p.inner());
        }
        return new Numeric(numeric(e));
    }

    private void requireArguments(Expression.Call c, int k) {
        if (c.arguments().size() != k) {
            throw error(c.function() + "() takes " + k + " argument" + (k == 1 ? "" : "s") + ", got "
                    + c.arguments().size() + " in " + c.deparse());
        }
    }

    private Factor factor(Expression.Call c) {
        requireArguments(c, 1);
        Values v = evaluate(c.arguments().get(0).value());
        if (v instanceof Factor f) {
            return f;
        }
        if (v instanceof Numeric num) {
            return numericFactor(num.values(), null);
        }
        throw error(c.deparse() + ": a matrix cannot be a factor");
    }

    /** A factor of numbers: levels are the distinct values in numeric order, labelled as R's as.character. */
    static Factor numericFactor(double[] x, List<String> knownLevels) {
        List<String> levels = knownLevels;
        if (levels == null) {
            TreeSet<Double> distinct = new TreeSet<>();
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    distinct.add(v);
                }
            }
            levels = new ArrayList<>();
            for (double v : distinct) {
                levels.add(RNumbers.format(v));
            }
        }
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < levels.size(); k++) {
            index.put(levels.get(k), k);
        }
        int[] codes = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                codes[i] = -1;
            } else {
                Integer k = index.get(RNumbers.format(x[i]));
                codes[i] = k == null ? -2 - i : k; // unseen: resolved by the caller, which names the level
            }
        }
        return new Factor(codes, List.copyOf(levels));
    }

    private Columns poly(Expression.Call c) {
        List<Expression.Argument> args = c.arguments();
        if (args.isEmpty()) {
            throw error("poly() needs a variable: " + c.deparse());
        }
        int degree = 1;
        boolean raw = false;
        for (int a = 1; a < args.size(); a++) {
            Expression.Argument arg = args.get(a);
            String name = arg.name() == null ? (a == 1 ? "degree" : a == 2 ? "coefs" : "?") : arg.name();
            if (name.equals("degree")) {
                if (!(arg.value() instanceof Expression.Number d) || d.value() < 1 || d.value() != Math.rint(d.value())) {
                    throw error("the degree of " + c.deparse() + " must be a positive whole number");
                }
                degree = (int) ((Expression.Number) arg.value()).value();
            } else if (name.equals("raw")) {
                raw = arg.value() instanceof Expression.Name n && (n.name().equals("TRUE") || n.name().equals("T"));
            } else {
                throw error("poly(): argument " + (arg.name() == null ? "#" + (a + 1) : arg.name())
                        + " is not supported (use poly(x, k, raw = TRUE))");
            }
        }
        if (!raw) {
            throw error(c.deparse() + ": only raw polynomials are supported; write poly(x, " + degree
                    + ", raw = TRUE) (R's default orthogonal polynomials span the same space and give the same fit, "
                    + "with other coefficients)");
        }
        double[] x = numeric(args.get(0).value());
        double[][] cols = new double[degree][x.length];
        List<String> names = new ArrayList<>();
        for (int d = 0; d < degree; d++) {
            for (int i = 0; i < x.length; i++) {
                cols[d][i] = d == 0 ? x[i] : cols[d - 1][i] * x[i];
            }
            names.add(Integer.toString(d + 1));
        }
        return new Columns(cols, names);
    }

    /** The numeric value of an arithmetic expression. */
    double[] numeric(Expression e) {
        if (e instanceof Expression.Name n) {
            return table.values(n.name());
        }
        if (e instanceof Expression.Number num) {
            double[] out = new double[table.rows()];
            java.util.Arrays.fill(out, num.value());
            return out;
        }
        if (e instanceof Expression.Paren p) {
            return numeric(p.inner());
        }
        if (e instanceof Expression.Unary u) {
            double[] x = numeric(u.operand());
            if (u.operator().equals("-")) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = -x[i];
                }
            }
            return x;
        }
        if (e instanceof Expression.Binary b) {
            double[] l = numeric(b.left());
            double[] r = numeric(b.right());
            for (int i = 0; i < l.length; i++) {
                l[i] = switch (b.operator()) {
                    case "+" -> l[i] + r[i];
                    case "-" -> l[i] - r[i];
                    case "*" -> l[i] * r[i];
                    case "/" -> l[i] / r[i];
                    case "^" -> Math.pow(l[i], r[i]);
                    default -> throw error("operator " + b.operator() + " in " + b.deparse()
                            + " is a formula operator; wrap arithmetic in I(...)");
                };
            }
            return l;
        }
        if (e instanceof Expression.Call c) {
            if (c.function().equals("I")) {
                requireArguments(c, 1);
                return numeric(c.arguments().get(0).value());
            }
            requireArguments(c, 1);
            double[] x = numeric(c.arguments().get(0).value());
            java.util.function.DoubleUnaryOperator f = switch (c.function()) {
                case "log" -> Math::log;
                case "log2" -> v -> Math.log(v) / Math.log(2);
                case "log10" -> Math::log10;
                case "log1p" -> Math::log1p;
                case "exp" -> Math::exp;
                case "expm1" -> Math::expm1;
                case "sqrt" -> Math::sqrt;
                case "abs" -> Math::abs;
                default -> throw error("function " + c.function() + "() is not supported (supported: factor, poly,"
                        + " I, offset, log, log2, log10, log1p, exp, expm1, sqrt, abs)");
            };
            for (int i = 0; i < x.length; i++) {
                x[i] = f.applyAsDouble(x[i]);
            }
            return x;
        }
        throw error("cannot evaluate " + e.deparse());
    }

    static String describe(double v) {
        return String.format(Locale.ROOT, "%s", RNumbers.format(v));
    }
}
