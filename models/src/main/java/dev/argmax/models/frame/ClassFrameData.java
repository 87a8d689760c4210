package dev.argmax.models.frame;

import java.util.List;

/**
 * Training data with a categorical response passed through a {@link ModelFrame}
 * ({@link ModelFrame#trainingClasses}): the complete rows and the response's levels.
 *
 * @param data the dataset of the complete rows (its response: each row's 0-based index into
 *     {@code levels}) and which rows of the table those are
 * @param levels the response's levels that occur in the complete rows, in the frame's factor order
 *     (a numeric response: numeric order; text: {@link dev.argmax.core.data.CsvTable#levels}' order)
 * @param text whether the response is a text column (its labels are then sorted by the model in R's
 *     order, {@link dev.argmax.core.data.LevelOrder}, as the table's levels are)
 */
public record ClassFrameData(FrameData data, List<String> levels, boolean text) {

    public ClassFrameData {
        levels = List.copyOf(levels);
    }

    /** The class label of each complete row, in the dataset's row order. */
    public List<String> labels() {
        double[] codes = data.dataset().response();
        List<String> out = new java.util.ArrayList<>(codes.length);
        for (double c : codes) {
            out.add(levels.get((int) c));
        }
        return out;
    }
}
