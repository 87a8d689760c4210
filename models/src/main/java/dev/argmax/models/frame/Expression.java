package dev.argmax.models.frame;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed piece of an R model formula: a name, a number, a call, or an operator applied to
 * operands. {@link #deparse()} writes it back exactly as R's {@code deparse} does (spaces around
 * {@code + - * ~ =} and after commas, none around {@code ^ : /}), which is how R labels the
 * variables of a model and hence how coefficients are named ({@code log(x)},
 * {@code poly(x, 2, raw = TRUE)2}, {@code I(x^2)}).
 */
public sealed interface Expression {

    /** R's text for this expression. */
    String deparse();

    /** A column name (or a constant such as TRUE). */
    record Name(String name) implements Expression {
        @Override
        public String deparse() {
            return isSyntactic(name) ? name : "`" + name + "`";
        }

        private static boolean isSyntactic(String s) {
            if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '.')) {
                return false;
            }
            if (s.charAt(0) == '.' && s.length() > 1 && Character.isDigit(s.charAt(1))) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_')) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A numeric constant. */
    record Number(double value) implements Expression {
        @Override
        public String deparse() {
            return RNumbers.format(value);
        }
    }

    /** An argument of a call, named ({@code raw = TRUE}) or not (name null). */
    record Argument(String name, Expression value) {
        String deparse() {
            return name == null ? value.deparse() : name + " = " + value.deparse();
        }
    }

    /** A function call {@code f(a, b, name = c)}. */
    record Call(String function, List<Argument> arguments) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public String deparse() {
            return function + "(" + arguments.stream().map(Argument::deparse).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** A binary operator: one of {@code ~ + - * / ^ : %in%}. */
    record Binary(String operator, Expression left, Expression right) implements Expression {
        @Override
        public String deparse() {
            boolean tight = operator.equals("^") || operator.equals(":") || operator.equals("/");
            return left.deparse() + (tight ? operator : " " + operator + " ") + right.deparse();
        }
    }

    /** A unary {@code -} or {@code +}. */
    record Unary(String operator, Expression operand) implements Expression {
        @Override
        public String deparse() {
            return operator + operand.deparse();
        }
    }

    /** Parentheses, kept because R keeps them in labels. */
    record Paren(Expression inner) implements Expression {
        @Override
        public String deparse() {
            return "(" + inner.deparse() + ")";
        }
    }
}
