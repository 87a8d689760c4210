package dev.argmax.models.frame;

import dev.argmax.core.data.Dataset;

/**
 * Data passed through a {@link ModelFrame}: the dataset of the complete rows and which rows of
 * the table those are.
 *
 * @param dataset response, design (named columns), weights and offset of the rows used
 * @param rows the table's 0-based rows in the dataset, in order
 * @param droppedRows the table's 0-based rows left out for a missing value
 */
public record FrameData(Dataset dataset, int[] rows, int[] droppedRows) {

    public FrameData {
        rows = rows.clone();
        droppedRows = droppedRows.clone();
    }

    /** How many rows were left out for a missing value (R's {@code na.omit} count). */
    public int dropped() {
        return droppedRows.length;
    }

    @Override
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public int[] droppedRows() {
        return droppedRows.clone();
    }
}
