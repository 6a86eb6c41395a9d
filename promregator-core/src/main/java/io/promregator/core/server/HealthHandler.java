package io.promregator.core.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /-/healthy} and {@code /-/ready}: 200 while nothing is wrong, 503 with what is wrong otherwise. */
final class HealthHandler implements HttpHandler {
    private final Supplier<Optional<String>> problem;
    private final String okMessage;

    /** @param problem what is wrong now, empty when all is well */
    HealthHandler(Supplier<Optional<String>> problem, String okMessage) {
        this.problem = problem;
        this.okMessage = okMessage;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<String> wrong = problem.get();
        Responses.sendText(exchange, wrong.isEmpty() ? 200 : 503, wrong.orElse(okMessage));
    }
}
