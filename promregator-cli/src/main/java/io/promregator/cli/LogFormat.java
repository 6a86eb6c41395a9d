package io.promregator.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format: json}: the console appender of {@code logback.xml} writes logback's own JSON
 * encoding instead of the text pattern, one object per line with the fields of the text line
 * ({@code timestamp} in epoch milliseconds, {@code level}, {@code threadName}, {@code loggerName},
 * {@code formattedMessage}, {@code throwable}) plus {@code mdc} (such as {@code target}, the id of the
 * target a line is about) and {@code kvpList}. Lines written before the configuration is read stay text.
 */
final class LogFormat {
    static final String APPENDER = "STDERR";

    private LogFormat() {}

    /** Switches the console to JSON lines; does nothing under another slf4j binding or when already JSON. */
    static void useJson() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> text = root.getAppender(APPENDER);
        if (text instanceof ConsoleAppender<ILoggingEvent> console && console.getEncoder() instanceof JsonEncoder) {
            return;
        }
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false); // the pattern before its arguments are put in
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName(APPENDER);
        json.setTarget("System.err");
        json.setEncoder(encoder);
        json.start();
        // The new one first: a line logged meanwhile may be written twice, but never lost.
        root.addAppender(json);
        if (text != null) {
            root.detachAppender(text);
            text.stop();
        }
    }
}
