package dev.argmax.models.frame;

import java.util.Objects;

/**
 * The formula part of a model builder, shared by every model fitted to a {@code CsvTable} through a
 * {@link ModelFrame}: an R model formula and the {@link FrameOptions} of its frame (missing values,
 * reference levels, weights and offset columns; R's defaults unless set). A builder extends it with
 * itself as {@code B}, so that these setters chain with its own.
 *
 * @param <B> the builder type
 */
public abstract class FormulaBuilder<B extends FormulaBuilder<B>> {

    private String formula;
    private FrameOptions frameOptions = FrameOptions.defaults();

    /** For subclasses. */
    protected FormulaBuilder() {
    }

    /** This builder, as its own type. */
    protected abstract B self();

    /**
     * An R model formula ({@code "y ~ x1 + factor(g)"}, checked for syntax here); the model is
     * then fitted to a table through the frame it defines.
     */
    public B formula(String text) {
        Formula.parse(text);
        this.formula = text;
        return self();
    }

    /** Missing values, reference levels, weights and offset columns for the formula (default R's). */
    public B frameOptions(FrameOptions options) {
        this.frameOptions = Objects.requireNonNull(options, "options");
        return self();
    }

    /** Drop incomplete rows (OMIT, R's {@code na.omit}, the default) or refuse them (FAIL). */
    public B naAction(FrameOptions.NaAction action) {
        this.frameOptions = frameOptions.withNaAction(action);
        return self();
    }

    /** Treatment contrasts of factor {@code variable} with {@code level} as the reference. */
    public B reference(String variable, String level) {
        this.frameOptions = frameOptions.withReference(variable, level);
        return self();
    }

    /** The formula given, or null. */
    public String formulaText() {
        return formula;
    }

    /** The frame options given (R's defaults unless set). */
    public FrameOptions frameOptionsValue() {
        return frameOptions;
    }

    /** Takes the formula and frame options of {@code other} (for copies of a builder). */
    protected B formulaFrom(FormulaBuilder<?> other) {
        this.formula = other.formula;
        this.frameOptions = other.frameOptions;
        return self();
    }

    /** Sets both directly (for a builder made from a built model). */
    protected B formulaFrom(String formula, FrameOptions options) {
        this.formula = formula;
        this.frameOptions = Objects.requireNonNull(options, "options");
        return self();
    }
}
