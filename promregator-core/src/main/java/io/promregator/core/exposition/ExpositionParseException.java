package io.promregator.core.exposition;

/**
 * An exposition that does not follow its format. Checked on purpose: a target's malformed body is
 * expected data, and whoever parses must decide what it means for that target.
 */
public final class ExpositionParseException extends Exception {
    private final int line;
    private final int column;

    /**
     * @param line 1-based line of the error
     * @param column 1-based column (in characters of that line) of the error
     */
    public ExpositionParseException(int line, int column, String message) {
        super("line " + line + ", column " + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
