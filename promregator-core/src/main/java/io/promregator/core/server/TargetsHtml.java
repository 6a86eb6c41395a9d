package io.promregator.core.server;

import io.promregator.core.scrape.TargetStateLog.Failure;
import io.promregator.core.scrape.TargetStateLog.LastScrape;
import io.promregator.core.server.TargetsView.Group;
import io.promregator.core.server.TargetsView.Instance;
import io.promregator.core.server.TargetsView.State;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets page as HTML, rendered on the server: every row is there, those the filter does not accept
 * carry {@code hidden}, so that the page works without JavaScript; its one small script filters as one types
 * and keeps the filter in the address, so that the page's reload keeps it. Every value from Cloud Foundry
 * or from a target is escaped, and the page's Content-Security-Policy allows no script but its own.
 */
final class TargetsHtml {
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1em 2em;color:#222}
            table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
            th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}
            th{background:#f4f4f4}
            .state{font-weight:bold;border-radius:.3em;padding:.1em .4em;white-space:nowrap}
            .up{background:#d4f4d4;color:#135e13}.down{background:#f8d0d0;color:#8a1111}
            .not-running{background:#f8ecc8;color:#6b4e00}.never-scraped{background:#e4e4e4;color:#444}
            .failure{color:#8a1111;word-break:break-word}.muted{color:#777}
            .summary a{margin-right:1em}.error{background:#f8d0d0;padding:.5em}
            code{word-break:break-all}label{margin-right:.8em}
            """;

    private static final String SCRIPT = """
            (function () {
              var form = document.getElementById('filter');
              function apply() {
                var text = form.elements.q.value.trim().toLowerCase();
                var states = [];
                form.querySelectorAll('input[name=state]:checked').forEach(function (box) { states.push(box.value); });
                var shown = 0;
                document.querySelectorAll('tr[data-state]').forEach(function (row) {
                  var ok = (states.length === 0 || states.indexOf(row.getAttribute('data-state')) >= 0)
                    && (text === '' || row.getAttribute('data-text').indexOf(text) >= 0);
                  row.hidden = !ok;
                  if (ok) { shown++; }
                });
                document.getElementById('shown').textContent = String(shown);
                var params = new URLSearchParams();
                states.forEach(function (state) { params.append('state', state); });
                if (text !== '') { params.set('q', form.elements.q.value.trim()); }
                var refresh = form.elements.refresh.value;
                if (refresh !== '%d') { params.set('refresh', refresh); }
                var query = params.toString();
                history.replaceState(null, '', query === '' ? location.pathname : '?' + query);
              }
              form.addEventListener('input', apply);
              form.addEventListener('change', apply);
            })();
            """.formatted(TargetsHandler.DEFAULT_REFRESH_SECONDS);

    /** Only the page's own script and style run; it loads nothing and may not be framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '"
            + sha256(STYLE) + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private TargetsHtml() {}

    static String render(TargetsView view, TargetsHandler.Query query) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Promregator targets</title>\n");
        if (query.refreshSeconds() > 0) {
            html.append("<meta http-equiv=\"refresh\" content=\"")
                    .append(query.refreshSeconds())
                    .append("\">\n");
        }
        html.append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Targets</h1>\n<p><a href=\"./\">Promregator</a> · <a href=\"explainTargets\">why each app was"
                        + " or was not matched</a> · <a href=\"targets?refresh=")
                .append(query.refreshSeconds())
                .append("\">all targets</a> · shown at ")
                .append(view.now().truncatedTo(ChronoUnit.SECONDS))
                .append(query.refreshSeconds() > 0 ? ", reloads every " + query.refreshSeconds() + " s" : "")
                .append(". This page scrapes nothing: it shows what the scrapes by Prometheus recorded.</p>\n");
        summary(html, view, query);
        view.discoveryError()
                .ifPresent(error -> html.append("<p class=\"error\">Cloud Foundry discovery failed: ")
                        .append(escape(error))
                        .append("</p>\n"));
        form(html, view, query);
        for (Group group : view.groups()) {
            group(html, view, group);
        }
        html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, TargetsView view, TargetsHandler.Query query) {
        html.append("<p class=\"summary\" id=\"summary\"><strong>")
                .append(view.total())
                .append(view.total() == 1 ? " instance" : " instances")
                .append("</strong>: ");
        for (State state : State.values()) {
            html.append("<a class=\"state ")
                    .append(state.key())
                    .append("\" id=\"count-")
                    .append(state.key())
                    .append("\" href=\"targets?state=")
                    .append(state.key())
                    .append("&amp;refresh=")
                    .append(query.refreshSeconds())
                    .append("\">")
                    .append(view.counts().get(state))
                    .append(' ')
                    .append(state.text())
                    .append("</a>");
        }
        html.append(" <span class=\"muted\">(<span id=\"shown\">")
                .append(view.shown())
                .append("</span> shown")
                .append(view.discoveredAt()
                        .map(at -> "; discovery at " + at.truncatedTo(ChronoUnit.SECONDS))
                        .orElse(""))
                .append(")</span></p>\n");
    }

    private static void form(StringBuilder html, TargetsView view, TargetsHandler.Query query) {
        html.append("<form id=\"filter\" method=\"get\" action=\"targets\"><fieldset><legend>Filter</legend>\n");
        for (State state : State.values()) {
            html.append("<label><input type=\"checkbox\" name=\"state\" value=\"")
                    .append(state.key())
                    .append('"')
                    .append(view.filter().states().contains(state) ? " checked" : "")
                    .append("> ")
                    .append(state.text())
                    .append("</label>\n");
        }
        html.append("<label>Text <input type=\"search\" name=\"q\" id=\"q\" size=\"40\" value=\"")
                .append(escape(view.filter().text()))
                .append("\" placeholder=\"org, space, app, URL or failure\"></label>\n")
                .append("<input type=\"hidden\" name=\"refresh\" value=\"")
                .append(query.refreshSeconds())
                .append("\">\n<button type=\"submit\">Filter</button></fieldset></form>\n");
    }

    private static void group(StringBuilder html, TargetsView view, Group group) {
        html.append("<h2>")
                .append(escape(group.key()))
                .append("</h2>\n<p>")
                .append(escape(group.description()))
                .append(": ")
                .append(group.instances().size())
                .append(group.instances().size() == 1 ? " instance" : " instances")
                .append(". <a href=\"explainTargets\">Why (not) matched</a></p>\n");
        lines(html, "Matched", group.matched());
        lines(html, "Dropped", group.dropped());
        if (group.instances().isEmpty()) {
            return;
        }
        html.append("<table><thead><tr><th>Org</th><th>Space</th><th>App</th><th>Index</th><th>URL</th>"
                + "<th>State</th><th>Last scrape</th><th>Duration</th><th>Samples</th><th>Bytes</th>"
                + "<th>Last failure</th><th>Metrics</th></tr></thead><tbody>\n");
        for (Instance instance : group.instances()) {
            row(html, view, instance);
        }
        html.append("</tbody></table>\n");
    }

    private static void lines(StringBuilder html, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        html.append("<details><summary>")
                .append(title)
                .append(" (")
                .append(lines.size())
                .append(")</summary><ul>\n");
        for (String line : lines) {
            html.append("<li>").append(escape(line)).append("</li>\n");
        }
        html.append("</ul></details>\n");
    }

    private static void row(StringBuilder html, TargetsView view, Instance instance) {
        html.append("<tr data-state=\"")
                .append(instance.state().key())
                .append("\" data-text=\"")
                .append(escape(instance.searchText()))
                .append("\" data-id=\"")
                .append(escape(instance.id()))
                .append('"')
                .append(view.filter().accepts(instance) ? "" : " hidden")
                .append('>');
        cell(html, instance.org());
        cell(html, instance.space());
        cell(html, instance.app());
        cell(html, instance.index());
        html.append("<td><code>").append(escape(instance.url())).append("</code></td>");
        html.append("<td><span class=\"state ")
                .append(instance.state().key())
                .append("\">")
                .append(instance.state().text())
                .append("</span></td>");
        Optional<LastScrape> last = instance.last();
        if (last.isPresent()) {
            html.append("<td>")
                    .append(ago(view.now(), last.get().at()))
                    .append("<br><span class=\"muted\">")
                    .append(last.get().at().truncatedTo(ChronoUnit.MILLIS))
                    .append("</span></td><td>")
                    .append(seconds(last.get().duration()))
                    .append("</td><td>")
                    .append(last.get().samples())
                    .append("</td><td>")
                    .append(last.get().bytes())
                    .append("</td>");
        } else {
            html.append("<td class=\"muted\">never</td><td></td><td></td><td></td>");
        }
        Optional<Failure> failure = last.flatMap(LastScrape::lastFailure);
        if (failure.isPresent()) {
            html.append("<td class=\"failure\"><strong>")
                    .append(failure.get().outcome().name().toLowerCase(Locale.ROOT))
                    .append("</strong>: ")
                    .append(escape(failure.get().message()))
                    .append("<br><span class=\"muted\">")
                    .append(ago(view.now(), failure.get().at()))
                    .append("</span></td>");
        } else {
            html.append("<td></td>");
        }
        html.append("<td>");
        instance.metricsPath()
                .ifPresent(path -> html.append("<a href=\"")
                        .append(escape(path.substring(1)))
                        .append("\">metrics</a> · "));
        html.append("<a href=\"explainTargets\">explain</a></td></tr>\n");
    }

    private static void cell(StringBuilder html, String value) {
        html.append("<td>").append(escape(value)).append("</td>");
    }

    private static String ago(Instant now, Instant then) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", duration.toNanos() / 1e9);
    }

    /** Text safe in an element and in a quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
