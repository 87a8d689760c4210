package dev.argmax.models.frame;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a formula is applied to data, besides the formula itself.
 *
 * @param naAction what to do with rows that have a missing value in a column the model uses
 * @param references reference levels for treatment contrasts, by variable label ({@code "Sex"}
 *     or {@code "factor(g)"}) -> level; a factor not listed uses its first level, as R does
 * @param weights name of a column of prior weights, or null
 * @param offset name of a column added to the linear predictor, or null (besides
 *     {@code offset(...)} terms)
 * @param excluded columns that {@code .} leaves out (the response, weights and offset are always
 *     left out)
 */
public record FrameOptions(NaAction naAction, Map<String, String> references, String weights, String offset,
                           List<String> excluded) {

    /** R's {@code na.action}: drop incomplete rows ({@code na.omit}, the default) or refuse them ({@code na.fail}). */
    public enum NaAction {
        OMIT, FAIL;

        /** "omit" or "fail" (also R's "na.omit" / "na.fail"). */
        public static NaAction of(String name) {
            String s = name.trim().toLowerCase(java.util.Locale.ROOT);
            if (s.startsWith("na.")) {
                s = s.substring(3);
            }
            return switch (s) {
                case "omit" -> OMIT;
                case "fail" -> FAIL;
                default -> throw new IllegalArgumentException("unknown missing-value action '" + name
                        + "': use omit (drop incomplete rows, R's na.omit) or fail (R's na.fail)");
            };
        }
    }

    public FrameOptions {
        Objects.requireNonNull(naAction, "naAction");
        references = Map.copyOf(references);
        excluded = List.copyOf(excluded);
    }

    /** R's defaults: {@code na.omit}, first levels as references, no weights, offset or exclusions. */
    public static FrameOptions defaults() {
        return new FrameOptions(NaAction.OMIT, Map.of(), null, null, List.of());
    }

    public FrameOptions withNaAction(NaAction a) {
        return new FrameOptions(a, references, weights, offset, excluded);
    }

    /** The same options with {@code level} as the reference of {@code variable}. */
    public FrameOptions withReference(String variable, String level) {
        java.util.Map<String, String> m = new java.util.HashMap<>(references);
        m.put(variable, level);
        return new FrameOptions(naAction, m, weights, offset, excluded);
    }

    public FrameOptions withWeights(String column) {
        return new FrameOptions(naAction, references, column, offset, excluded);
    }

    public FrameOptions withOffset(String column) {
        return new FrameOptions(naAction, references, weights, column, excluded);
    }

    public FrameOptions withExcluded(List<String> columns) {
        return new FrameOptions(naAction, references, weights, offset, columns);
    }
}
