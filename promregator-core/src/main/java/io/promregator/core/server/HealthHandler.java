package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** {@code /-/healthy} and {@code /-/ready}: 200 while the condition holds, 503 otherwise. */
final class HealthHandler implements HttpHandler {
    private final BooleanSupplier condition;
    private final String okMessage;
    private final String failMessage;

    HealthHandler(BooleanSupplier condition, String okMessage, String failMessage) {
        this.condition = condition;
        this.okMessage = okMessage;
        this.failMessage = failMessage;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean ok = condition.getAsBoolean();
        Responses.sendText(exchange, ok ? 200 : 503, ok ? okMessage : failMessage);
    }
}
