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
 * @param frequencyWeights name of a column of frequency weights (row i stands for that many
 *     identical observations; whole numbers {@code >= 0}), or null
 * @param offset name of a column added to the linear predictor, or null (besides
 *     {@code offset(...)} terms)
 * @param excluded columns that {@code .} leaves out (the response, weights and offset are always
 *     left out)
 */
public record FrameOptions(NaAction naAction, Map<String, String> references, String weights,
                           String frequencyWeights, String offset, List<String> excluded) {

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
        return new FrameOptions(NaAction.OMIT, Map.of(), null, null, null, List.of());
    }

    public FrameOptions withNaAction(NaAction a) {
        return new FrameOptions(a, references, weights, frequencyWeights, offset, excluded);
    }

    /** The same options with {@code level} as the reference of {@code variable}. */
    public FrameOptions withReference(String variable, String level) {
        java.util.Map<String, String> m = new java.util.HashMap<>(references);
        m.put(variable, level);
        return new FrameOptions(naAction, m, weights, frequencyWeights, offset, excluded);
    }

    public FrameOptions withWeights(String column) {
        return new FrameOptions(naAction, references, column, frequencyWeights, offset, excluded);
    }

    /** The same options with frequency weights from {@code column} (null for none). */
    public FrameOptions withFrequencyWeights(String column) {
        return new FrameOptions(naAction, references, weights, column, offset, excluded);
    }

    public FrameOptions withOffset(String column) {
        return new FrameOptions(naAction, references, weights, frequencyWeights, column, excluded);
    }

    public FrameOptions withExcluded(List<String> columns) {
        return new FrameOptions(naAction, references, weights, frequencyWeights, offset, columns);
    }

    /** The columns that are not variables of the model: prior weights, frequency weights and offset (if given). */
    public List<String> specialColumns() {
        List<String> out = new java.util.ArrayList<>();
        for (String c : new String[] {weights, frequencyWeights, offset}) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }
}
