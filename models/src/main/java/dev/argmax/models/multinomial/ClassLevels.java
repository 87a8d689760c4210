package dev.argmax.models.multinomial;

import dev.argmax.core.data.InvalidDataException;
import dev.argmax.core.data.LevelOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a categorical response, in order: the first level is the reference of a
 * maximum-likelihood fit ({@code nnet::multinom}). Levels come from the data as R's
 * {@code factor()} makes them (numbers sorted numerically and printed as R prints them, text
 * sorted by a locale collation: letters before case, {@code "a" < "B"}, as R's default locales do),
 * or are given explicitly, in which case every label must be one of them.
 *
 * @param levels the class labels, distinct, at least two
 */
public record ClassLevels(List<String> levels) {

    public ClassLevels {
        levels = List.copyOf(levels);
        if (levels.size() < 2) {
            throw new InvalidDataException("a multinomial response needs at least 2 classes, got " + levels.size()
                    + (levels.isEmpty() ? "" : " (" + levels.get(0) + ")"));
        }
        if (new LinkedHashSet<>(levels).size() != levels.size()) {
            throw new InvalidDataException("class levels must be distinct, got " + levels);
        }
    }

    /**
     * The levels of a response read through a model frame: a text column's labels sorted as
     * {@link #fromLabels} sorts them (R's collation), otherwise the frame's order (numbers in numeric
     * order, {@code factor(...)} as the frame made it).
     */
    public static ClassLevels of(dev.argmax.models.frame.ClassFrameData data) {
        return data.text() ? fromLabels(data.labels()) : new ClassLevels(data.levels());
    }

    /** Levels given explicitly, in this order. */
    public static ClassLevels of(String... levels) {
        return new ClassLevels(Arrays.asList(levels));
    }

    /** The distinct labels sorted as R sorts a character factor's levels ({@link LevelOrder}). */
    public static ClassLevels fromLabels(List<String> labels) {
        TreeSet<String> sorted = new TreeSet<>(LevelOrder.R);
        for (int i = 0; i < labels.size(); i++) {
            String s = labels.get(i);
            if (s == null || s.isEmpty()) {
                throw new InvalidDataException("missing class label at row " + (i + 1));
            }
            sorted.add(s);
        }
        return new ClassLevels(new ArrayList<>(sorted));
    }

    /** The distinct numeric codes sorted numerically (R's {@code factor} of a numeric vector). */
    public static ClassLevels fromNumbers(double[] codes) {
        TreeSet<Double> sorted = new TreeSet<>();
        for (int i = 0; i < codes.length; i++) {
            if (!Double.isFinite(codes[i])) {
                throw new InvalidDataException("class code at row " + (i + 1) + " is not a finite number: " + codes[i]);
            }
            sorted.add(codes[i] == 0 ? 0.0 : codes[i]);
        }
        List<String> out = new ArrayList<>();
        for (double v : sorted) {
            out.add(label(v));
        }
        return new ClassLevels(out);
    }

    /** The label R gives a number as a factor level ("1", "2.5", "-3"). */
    public static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.contains("E") ? String.format(Locale.ROOT, "%.15g", v) : s;
    }

    /** Number of classes K. */
    public int size() {
        return levels.size();
    }

    /** The reference (first) level. */
    public String reference() {
        return levels.get(0);
    }

    /** The class index (0-based) of each label; a label that is no level is an error naming the row. */
    public int[] encode(List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < levels.size(); k++) {
            index.put(levels.get(k), k);
        }
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(labels.get(i));
            if (k == null) {
                throw new InvalidDataException("class label '" + labels.get(i) + "' at row " + (i + 1)
                        + " is not one of the levels " + levels);
            }
            out[i] = k;
        }
        return out;
    }

    /** The class index of each numeric code (labelled as by {@link #label(double)}). */
    public int[] encode(double[] codes) {
        List<String> labels = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            if (!Double.isFinite(codes[i])) {
                throw new InvalidDataException("class code at row " + (i + 1) + " is not a finite number: " + codes[i]);
            }
            labels.add(label(codes[i] == 0 ? 0.0 : codes[i]));
        }
        return encode(labels);
    }
}
