package io.promregator.core.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A cheap stand-in for the gorouter and the app instances behind it, so that a benchmark measures the
 * aggregator and not the backend: Debian's nginx, one worker process, serving for each instance a fixed
 * {@link RealisticBody} chosen by {@code X-CF-APP-INSTANCE} (404 without it), precompressed for clients
 * that accept gzip. It takes the aggregator's proxy requests ({@code GET http://<route>/metrics}) as they
 * come: nginx accepts the absolute form. Stopped on close.
 */
final class NginxBackend implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private NginxBackend(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Writes a body for each {@code <appGuid>:<index>} and starts nginx on a free port of 127.0.0.1. */
    static NginxBackend start(List<SimulatedInstance> instances, Path dir) throws IOException, InterruptedException {
        Path bodies = Files.createDirectories(dir.resolve("bodies"));
        for (SimulatedInstance instance : instances) {
            String key = instance.instanceHeader();
            byte[] body = RealisticBody.of(key).getBytes(StandardCharsets.UTF_8);
            Files.write(bodies.resolve(key), body);
            Files.write(bodies.resolve(key + ".gz"), gzip(body));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  types { }
                  default_type "text/plain; version=0.0.4; charset=utf-8";
                  keepalive_requests 1000000;
                  keepalive_timeout 120s;
                  gzip_static on;
                  client_body_temp_path %1$s/tmp;
                  proxy_temp_path %1$s/tmp;
                  fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp;
                  scgi_temp_path %1$s/tmp;
                  server {
                    listen 127.0.0.1:%2$d;
                    root %3$s;
                    location / {
                      try_files /$http_x_cf_app_instance =404;
                    }
                  }
                }
                """.formatted(dir, port, bodies));
        Files.createDirectories(dir.resolve("tmp"));
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.log").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        NginxBackend backend = new NginxBackend(process, port, dir);
        backend.awaitListening();
        return backend;
    }

    /** Where the aggregator's {@code promregator.scraping.proxy} points. */
    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** CPU time of nginx's worker processes, the master's children, which do the serving. */
    long workerCpuNanos() {
        return process.descendants()
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L))
                .sum();
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int tries = 0; tries < 100; tries++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(dir.resolve("nginx.log"))
                        + " (is it installed? " + "apt-get install -y nginx-light)");
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
