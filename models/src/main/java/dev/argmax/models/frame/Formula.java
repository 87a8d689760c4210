package dev.argmax.models.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An R model formula (Wilkinson-Rogers notation), parsed: {@code response ~ right-hand side}.
 * Operators and their precedence are R's, from loosest to tightest: {@code ~}, {@code + -},
 * {@code * /}, {@code %in%}, {@code :}, unary {@code + -}, {@code ^} (right associative).
 * Names may be back-quoted ({@code `my col`}). What the right-hand side means (terms, the
 * intercept, {@code .}, offsets) is worked out by {@link Terms}.
 *
 * <pre>{@code
 * Formula f = Formula.parse("Days ~ Eth * Sex + log(Age + 1) - 1");
 * }</pre>
 *
 * @param text the formula as written
 * @param response the left-hand side (null for a one-sided formula {@code ~ x})
 * @param rhs the right-hand side
 */
public record Formula(String text, Expression response, Expression rhs) {

    public Formula {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rhs, "rhs");
    }

    /**
     * Parses a formula.
     *
     * @throws FormulaException naming the position of a syntax error
     */
    public static Formula parse(String text) {
        Objects.requireNonNull(text, "formula");
        Parser p = new Parser(text);
        Expression e = p.expression(0);
        p.expectEnd();
        if (e instanceof Expression.Binary b && b.operator().equals("~")) {
            return new Formula(text.trim(), b.left(), b.right());
        }
        if (e instanceof Expression.Unary u && u.operator().equals("~")) {
            return new Formula(text.trim(), null, u.operand());
        }
        throw new FormulaException("'" + text + "' is not a model formula: it has no '~' (write response ~ terms)");
    }

    /** R's {@code deparse} of the formula: {@code Days ~ Eth + Sex + Eth:Sex}. */
    public String deparse() {
        return (response == null ? "" : response.deparse() + " ") + "~ " + rhs.deparse();
    }

    @Override
    public String toString() {
        return deparse();
    }

    /** A Pratt parser over the formula's characters. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private FormulaException error(String what) {
            return new FormulaException("formula '" + s + "': " + what + " at position " + (pos + 1));
        }

        void expectEnd() {
            skip();
            if (pos < s.length()) {
                throw error("unexpected '" + s.charAt(pos) + "'");
            }
        }

        /** The binary operator at the cursor, or null. */
        private String peekOperator() {
            skip();
            if (pos >= s.length()) {
                return null;
            }
            char c = s.charAt(pos);
            if ("~+-*/^:".indexOf(c) >= 0) {
                return String.valueOf(c);
            }
            if (c == '%') {
                int end = s.indexOf('%', pos + 1);
                if (end < 0) {
                    throw error("unterminated %operator%");
                }
                String op = s.substring(pos, end + 1);
                if (!op.equals("%in%")) {
                    throw error("operator " + op + " is not a formula operator");
                }
                return op;
            }
            return null;
        }

        private static int leftPower(String op) {
            return switch (op) {
                case "~" -> 1;
                case "+", "-" -> 2;
                case "*", "/" -> 3;
                case "%in%" -> 4;
                case ":" -> 5;
                case "^" -> 7;
                default -> -1;
            };
        }

        Expression expression(int minPower) {
            Expression left = prefix();
            while (true) {
                String op = peekOperator();
                if (op == null) {
                    return left;
                }
                int lp = leftPower(op);
                if (lp <= minPower) {
                    return left;
                }
                pos += op.length();
                // ^ is right associative: its right operand may hold another ^
                Expression right = expression(op.equals("^") ? lp - 1 : lp);
                left = new Expression.Binary(op, left, right);
            }
        }

        private Expression prefix() {
            skip();
            if (pos >= s.length()) {
                throw error("the formula ends where a term was expected");
            }
            char c = s.charAt(pos);
            if (c == '~') {
                pos++;
                return new Expression.Unary("~", expression(1));
            }
            if (c == '-' || c == '+') {
                pos++;
                return new Expression.Unary(String.valueOf(c), expression(6));
            }
            if (c == '(') {
                pos++;
                Expression inner = expression(0);
                skip();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw error("missing ')'");
                }
                pos++;
                return new Expression.Paren(inner);
            }
            if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
                return number();
            }
            if (c == '`') {
                int end = s.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error("unterminated back quote");
                }
                String name = s.substring(pos + 1, end);
                pos = end + 1;
                return callOrName(name);
            }
            if (Character.isLetter(c) || c == '.' || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                        || s.charAt(pos) == '_')) {
                    pos++;
                }
                return callOrName(s.substring(start, pos));
            }
            throw error("unexpected '" + c + "'");
        }

        private Expression number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
            String t = s.substring(start, pos);
            if (pos < s.length() && s.charAt(pos) == 'L') {
                pos++;
            }
            try {
                return new Expression.Number(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw error("'" + t + "' is not a number");
            }
        }

        private Expression callOrName(String name) {
            skip();
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                List<Expression.Argument> args = new ArrayList<>();
                skip();
                if (pos < s.length() && s.charAt(pos) == ')') {
                    pos++;
                    return new Expression.Call(name, args);
                }
                while (true) {
                    skip();
                    String argName = null;
                    int save = pos;
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                            || s.charAt(pos) == '_')) {
                        pos++;
                    }
                    if (pos > start) {
                        String candidate = s.substring(start, pos);
                        skip();
                        if (pos < s.length() && s.charAt(pos) == '=' && !(pos + 1 < s.length() && s.charAt(pos + 1) == '=')) {
                            pos++;
                            argName = candidate;
                        } else {
                            pos = save;
                        }
                    } else {
                        pos = save;
                    }
                    args.add(new Expression.Argument(argName, expression(0)));
                    skip();
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    if (pos < s.length() && s.charAt(pos) == ')') {
                        pos++;
                        return new Expression.Call(name, args);
                    }
                    throw error("expected ',' or ')' in the call to " + name + "()");
                }
            }
            return new Expression.Name(name);
        }
    }
}
