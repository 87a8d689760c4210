package dev.argmax.cli;

/** {@code --format}: the same two output formats in every command. */
enum OutputFormat {
    /** Human-readable tables (R's layout where R has one). */
    text,
    /** One JSON object. */
    json
}
