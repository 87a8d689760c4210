package dev.argmax.models.glm;

import java.util.ArrayList;
import java.util.List;

/**
 * A model term as {@link AnalysisOfDeviance#drop1} drops it: a name and the set of predictor
 * columns it spans (0-based indices into the data's predictors). A numeric predictor is a term
 * of one column; a factor coded by dummies, or an interaction, is one term of several columns.
 *
 * @param name the term's label
 * @param columns its predictor columns
 */
public record Term(String name, int[] columns) {

    public Term {
        if (columns.length == 0) {
            throw new IllegalArgumentException("term '" + name + "' has no columns");
        }
        columns = columns.clone();
    }

    @Override
    public int[] columns() {
        return columns.clone();
    }

    /** One term per predictor column, named after it. */
    public static List<Term> perColumn(List<String> predictorNames) {
        List<Term> out = new ArrayList<>();
        for (int j = 0; j < predictorNames.size(); j++) {
            out.add(new Term(predictorNames.get(j), new int[] {j}));
        }
        return out;
    }
}
