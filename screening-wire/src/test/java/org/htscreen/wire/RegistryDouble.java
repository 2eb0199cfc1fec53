package org.htscreen.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test double of a schema registry: an in-process HTTP server (the JDK's) on 127.0.0.1 that answers the part of
 * Apicurio Registry's v2 REST API that Apicurio's Java client calls for the Confluent wire format: schema content by
 * id ({@code GET /apis/registry/v2/ids/contentIds/{id}}) and registration of a subject's schema
 * ({@code POST /apis/registry/v2/groups/{group}/artifacts?ifExists=RETURN_OR_UPDATE}). It doubles the registry only,
 * never Kafka or Flink; the client library, the HTTP calls and the wire format are real. No real registry can be
 * started on these machines: Apicurio Registry is published on Maven Central only as the un-built jar of a Quarkus
 * application (it needs Quarkus's build step), and there is no Docker engine.
 *
 * <p>It can answer every request with an error status, or hold every request (a registry that hangs), and it counts
 * the requests, so tests can show timeouts and caching.
 */
public final class RegistryDouble implements AutoCloseable {

    private static final Pattern CONTENT = Pattern.compile("/apis/registry/v2/ids/contentIds/(\\d+)");
    private static final Pattern ARTIFACTS = Pattern.compile("/apis/registry/v2/groups/([^/]+)/artifacts");

    private final HttpServer server;
    private final Map<Integer, String> contents = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, List<Integer>> subjects = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private RegistryDouble(HttpServer server) {
        this.server = server;
    }

    /** Starts the double on a free port of 127.0.0.1. */
    public static RegistryDouble start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "registry-double");
            t.setDaemon(true);
            return t;
        }));
        RegistryDouble d = new RegistryDouble(server);
        server.createContext("/", d::handle);
        server.start();
        return d;
    }

    /** The address to give {@code --schema-registry-url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/registry/v2";
    }

    /** Stores a schema under a subject as a new content id, as a producer registering it would; returns the id. */
    public int register(String subject, String schemaJson) {
        synchronized (contents) {
            for (Map.Entry<Integer, String> e : contents.entrySet()) {
                if (e.getValue().equals(schemaJson)) {
                    subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(e.getKey());
                    return e.getKey();
                }
            }
            int id = contents.size() + 1;
            contents.put(id, schemaJson);
            subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
            return id;
        }
    }

    /** Content ids registered under a subject, oldest first. */
    public List<Integer> ids(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    /** Requests answered or held so far. */
    public int requests() {
        return requests.get();
    }

    /** From now on every request gets this HTTP status (0: answer normally). */
    public void failWith(int status) {
        failWith = status;
    }

    /** From now on every request is held until {@link #release()} (a registry that does not answer). */
    public void hang() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    private void handle(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        try {
            hold.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (x) {
            if (failWith != 0) {
                reply(x, failWith, error(failWith, "ServerError", "failing on purpose"));
                return;
            }
            String path = x.getRequestURI().getPath();
            Matcher m = CONTENT.matcher(path);
            if ("GET".equals(x.getRequestMethod()) && m.matches()) {
                String json = contents.get(Integer.parseInt(m.group(1)));
                if (json == null) {
                    reply(x, 404, error(404, "ContentNotFoundException", "No content with id '" + m.group(1) + "' was found."));
                } else {
                    reply(x, 200, json);
                }
                return;
            }
            m = ARTIFACTS.matcher(path);
            if ("POST".equals(x.getRequestMethod()) && m.matches()) {
                String subject = x.getRequestHeaders().getFirst("X-Registry-ArtifactId");
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int id = register(subject, body);
                reply(x, 200, "{\"groupId\":\"" + m.group(1) + "\",\"id\":\"" + subject + "\",\"version\":\""
                        + ids(subject).size() + "\",\"type\":\"AVRO\",\"globalId\":" + id + ",\"contentId\":" + id
                        + ",\"createdOn\":\"2026-01-01T00:00:00Z\",\"modifiedOn\":\"2026-01-01T00:00:00Z\",\"state\":\"ENABLED\"}");
                return;
            }
            reply(x, 501, error(501, "NotImplemented", "the registry double does not answer " + x.getRequestMethod() + " " + path));
        }
    }

    private static String error(int status, String name, String message) {
        return "{\"error_code\":" + status + ",\"name\":\"" + name + "\",\"message\":\"" + message + "\"}";
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }

    /** How long a test waits for a timeout to show. */
    public static Duration shortTimeout() {
        return Duration.ofSeconds(2);
    }
}
