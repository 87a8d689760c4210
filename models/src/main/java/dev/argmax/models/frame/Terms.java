package dev.argmax.models.frame;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terms of a formula's right-hand side, expanded as R's {@code terms.formula} does: the
 * variables (distinct expressions, by their R label, in order of first appearance), the terms
 * (each a set of variables: a main effect or an interaction), whether there is an intercept, and
 * the offsets.
 *
 * <p>Operators: {@code a + b} joins, {@code a - b} removes ({@code - 1} removes the intercept),
 * {@code a:b} forms every product of a term of a with a term of b, {@code a * b} is
 * {@code a + b + a:b}, {@code (a + b + c)^k} every product of at most k of the terms,
 * {@code a / b} is {@code a + a:b} (with all of a's variables), {@code a %in% b} is {@code a:b},
 * {@code 0} / {@code 1} remove / keep the intercept, {@code .} stands for every column of the data
 * that is not on the left-hand side (nor otherwise claimed), and {@code offset(e)} adds {@code e}
 * to the linear predictor. Terms are ordered as R orders them: by their order (main effects, then
 * two-way interactions, ...), within an order by first appearance; the variables of an
 * interaction are ordered by first appearance of each variable, which fixes its label
 * ({@code Eth:Sex}).
 *
 * @param variables the variables, index = bit in {@code terms}
 * @param terms each term's variable indices, ascending
 * @param intercept whether the model has an intercept
 * @param offsets expressions added to the linear predictor
 */
public record Terms(List<Expression> variables, List<int[]> terms, boolean intercept, List<Expression> offsets) {

    public Terms {
        variables = List.copyOf(variables);
        terms = List.copyOf(terms);
        offsets = List.copyOf(offsets);
    }

    /**
     * Expands a formula's right-hand side.
     *
     * @param columns the data's column names (what {@code .} expands to, in this order)
     * @param notInDot columns that {@code .} leaves out besides those of the response
     */
    public static Terms of(Formula formula, List<String> columns, Collection<String> notInDot) {
        Expander ex = new Expander(formula, columns, notInDot);
        Expanded e = ex.expand(formula.rhs());
        List<BitSet> sorted = new ArrayList<>(e.terms);
        sorted.removeIf(BitSet::isEmpty);
        // stable sort by order: main effects first, then two-way interactions, ...
        sorted.sort((a, b) -> Integer.compare(a.cardinality(), b.cardinality()));
        List<int[]> terms = new ArrayList<>();
        for (BitSet t : sorted) {
            terms.add(t.stream().toArray());
        }
        // keep only the variables that some term uses, renumbered in order of first appearance
        return new Terms(ex.variables, terms, e.intercept == null || e.intercept, ex.offsets);
    }

    /** R's label of term k: its variables' labels joined by ':'. */
    public String label(int k) {
        StringBuilder sb = new StringBuilder();
        for (int v : terms.get(k)) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(variables.get(v).deparse());
        }
        return sb.toString();
    }

    /**
     * R's {@code drop.scope}: the terms that can be dropped while respecting marginality, those
     * whose variables are not all contained in another term (a main effect under an interaction
     * stays), in term order.
     */
    public List<Integer> dropScope() {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            boolean contained = false;
            for (int j = 0; j < terms.size() && !contained; j++) {
                contained = j != k && containsAll(terms.get(j), terms.get(k));
            }
            if (!contained) {
                out.add(k);
            }
        }
        return out;
    }

    /** The terms as sets of variable labels ({@code [Eth, Sex]} for {@code Eth:Sex}), in term order. */
    public List<Set<String>> termVariables() {
        List<Set<String>> out = new ArrayList<>();
        for (int[] t : terms) {
            Set<String> s = new java.util.TreeSet<>();
            for (int v : t) {
                s.add(variables.get(v).deparse());
            }
            out.add(s);
        }
        return out;
    }

    private static boolean containsAll(int[] outer, int[] inner) {
        for (int v : inner) {
            boolean found = false;
            for (int w : outer) {
                found |= w == v;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Names of data columns referenced anywhere in an expression. */
    static void columnsOf(Expression e, Set<String> out) {
        if (e instanceof Expression.Name n) {
            if (!n.name().equals("TRUE") && !n.name().equals("FALSE") && !n.name().equals("T")
                    && !n.name().equals("F")) {
                out.add(n.name());
            }
        } else if (e instanceof Expression.Call c) {
            for (Expression.Argument a : c.arguments()) {
                if (a.name() == null || !(c.function().equals("poly") && a.name().equals("raw"))) {
                    columnsOf(a.value(), out);
                }
            }
        } else if (e instanceof Expression.Binary b) {
            columnsOf(b.left(), out);
            columnsOf(b.right(), out);
        } else if (e instanceof Expression.Unary u) {
            columnsOf(u.operand(), out);
        } else if (e instanceof Expression.Paren p) {
            columnsOf(p.inner(), out);
        }
    }

    /** A term list with an intercept instruction (null: none given). */
    private record Expanded(List<BitSet> terms, Boolean intercept) {
    }

    private static final class Expander {
        private final Formula formula;
        private final List<String> columns;
        private final Collection<String> notInDot;
        private final Set<String> responseColumns = new java.util.HashSet<>();
        private final List<Expression> variables = new ArrayList<>();
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final List<Expression> offsets = new ArrayList<>();

        Expander(Formula formula, List<String> columns, Collection<String> notInDot) {
            this.formula = formula;
            this.columns = columns;
            this.notInDot = notInDot;
            if (formula.response() != null) {
                columnsOf(formula.response(), responseColumns);
            }
        }

        private FormulaException error(String what) {
            return new FormulaException("formula '" + formula.text() + "': " + what);
        }

        private BitSet variable(Expression e) {
            String label = e.deparse();
            Integer k = index.get(label);
            if (k == null) {
                k = variables.size();
                index.put(label, k);
                variables.add(e);
            }
            BitSet b = new BitSet();
            b.set(k);
            return b;
        }

        private static Expanded of(BitSet... ts) {
            return new Expanded(new ArrayList<>(List.of(ts)), null);
        }

        Expanded expand(Expression e) {
            if (e instanceof Expression.Paren p) {
                return expand(p.inner());
            }
            if (e instanceof Expression.Number num) {
                if (num.value() == 1) {
                    return new Expanded(new ArrayList<>(), true);
                }
                if (num.value() == 0) {
                    return new Expanded(new ArrayList<>(), false);
                }
                throw error("the number " + num.deparse() + " cannot be a term (only 0 and 1, for the intercept)");
            }
            if (e instanceof Expression.Name n && n.name().equals(".")) {
                List<BitSet> ts = new ArrayList<>();
                for (String c : columns) {
                    if (!responseColumns.contains(c) && !notInDot.contains(c)) {
                        ts.add(variable(new Expression.Name(c)));
                    }
                }
                return new Expanded(ts, null);
            }
            if (e instanceof Expression.Call c && c.function().equals("offset")) {
                if (c.arguments().size() != 1) {
                    throw error("offset() takes one argument");
                }
                offsets.add(c);
                return new Expanded(new ArrayList<>(), null);
            }
            if (e instanceof Expression.Unary u) {
                if (u.operator().equals("-")) {
                    Expanded r = expand(u.operand());
                    return new Expanded(new ArrayList<>(), r.intercept == null ? null : !r.intercept);
                }
                if (u.operator().equals("+")) {
                    return expand(u.operand());
                }
                throw error("'~' inside the right-hand side");
            }
            if (e instanceof Expression.Binary b) {
                switch (b.operator()) {
                    case "+": {
                        Expanded l = expand(b.left());
                        Expanded r = expand(b.right());
                        List<BitSet> ts = new ArrayList<>(l.terms);
                        addAll(ts, r.terms);
                        return new Expanded(ts, r.intercept != null ? r.intercept : l.intercept);
                    }
                    case "-": {
                        Expanded l = expand(b.left());
                        Expanded r = expand(b.right());
                        List<BitSet> ts = new ArrayList<>(l.terms);
                        ts.removeAll(r.terms);
                        Boolean icpt = l.intercept;
                        if (r.intercept != null) {
                            icpt = !r.intercept;
                        }
                        return new Expanded(ts, icpt);
                    }
                    case ":":
                        return new Expanded(product(expand(b.left()).terms, expand(b.right()).terms), null);
                    case "%in%":
                        return new Expanded(product(expand(b.left()).terms, List.of(union(expand(b.right()).terms))),
                                null);
                    case "*": {
                        List<BitSet> l = expand(b.left()).terms;
                        List<BitSet> r = expand(b.right()).terms;
                        List<BitSet> ts = new ArrayList<>(l);
                        addAll(ts, r);
                        addAll(ts, product(l, r));
                        return new Expanded(ts, null);
                    }
                    case "/": {
                        List<BitSet> l = expand(b.left()).terms;
                        List<BitSet> r = expand(b.right()).terms;
                        List<BitSet> ts = new ArrayList<>(l);
                        addAll(ts, product(List.of(union(l)), r));
                        return new Expanded(ts, null);
                    }
                    case "^": {
                        if (!(b.right() instanceof Expression.Number k) || k.value() < 1 || k.value() != Math.rint(k.value())) {
                            throw error("the power in (...)^k must be a positive whole number, got " + b.right().deparse());
                        }
                        List<BitSet> base = expand(b.left()).terms;
                        List<BitSet> ts = new ArrayList<>(base);
                        for (int i = 1; i < (int) k.value(); i++) {
                            List<BitSet> next = new ArrayList<>(ts);
                            addAll(next, product(ts, base));
                            ts = next;
                        }
                        return new Expanded(ts, null);
                    }
                    case "~":
                        throw error("'~' inside the right-hand side");
                    default:
                        throw error("operator " + b.operator() + " is not a formula operator");
                }
            }
            return of(variable(e));
        }

        private static BitSet union(List<BitSet> ts) {
            BitSet u = new BitSet();
            for (BitSet t : ts) {
                u.or(t);
            }
            return u;
        }

        private static List<BitSet> product(List<BitSet> a, List<BitSet> b) {
            List<BitSet> out = new ArrayList<>();
            for (BitSet x : a) {
                for (BitSet y : b) {
                    BitSet u = (BitSet) x.clone();
                    u.or(y);
                    if (!out.contains(u)) {
                        out.add(u);
                    }
                }
            }
            return out;
        }

        private static void addAll(List<BitSet> to, List<BitSet> from) {
            for (BitSet t : from) {
                if (!to.contains(t)) {
                    to.add(t);
                }
            }
        }
    }
}
