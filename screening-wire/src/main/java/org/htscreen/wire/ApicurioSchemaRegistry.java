package org.htscreen.wire;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.NotFoundException;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.types.ArtifactType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A schema registry reached through Apicurio Registry's Java client (its v2 REST API). The id on the wire is the
 * registry's content id, which is what Apicurio's Confluent-compatible API calls the schema id; subjects are
 * artifacts of the {@value #GROUP} group. The client itself has no timeouts, so every call runs on a small pool of
 * daemon threads and is given up after the timeout; at most {@value #MAX_CALLS} calls wait at once, further ones
 * fail at once rather than pile up behind a hanging registry.
 */
public final class ApicurioSchemaRegistry implements SchemaRegistry {

    /** The artifact group of subjects (Apicurio's Confluent-compatible API uses this group). */
    public static final String GROUP = "default";
    /** Calls to the registry waiting at the same time, at most. */
    public static final int MAX_CALLS = 4;

    private final String url;
    private final Duration timeout;
    private final RegistryClient client;
    private final ThreadPoolExecutor calls;

    public ApicurioSchemaRegistry(String url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.client = RegistryClientFactory.create(url);
        this.calls = new ThreadPoolExecutor(0, MAX_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "schema-registry-call");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Schema schema(int id) throws RegistryException {
        String json = call("schema id " + id, () -> {
            try (InputStream in = client.getContentById(id)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        try {
            return new Schema.Parser().parse(json);
        } catch (SchemaParseException e) {
            throw new RegistryException("schema id " + id + " is not an Avro schema: " + e.getMessage(), true, e);
        }
    }

    @Override
    public int register(String subject, Schema schema) throws RegistryException {
        ArtifactMetaData meta = call("registering subject " + subject, () -> client.createArtifact(GROUP, subject, null,
                ArtifactType.AVRO, IfExists.RETURN_OR_UPDATE, true,
                new ByteArrayInputStream(schema.toString().getBytes(StandardCharsets.UTF_8))));
        if (meta == null || meta.getContentId() == null) {
            throw new RegistryException("the registry at " + url + " gave no id for subject " + subject, false, null);
        }
        return Math.toIntExact(meta.getContentId());
    }

    private <V> V call(String what, Callable<V> call) throws RegistryException {
        Future<V> f;
        try {
            f = calls.submit(call);
        } catch (RejectedExecutionException e) {
            throw new RegistryException("the registry at " + url + " is not answering (" + MAX_CALLS
                    + " calls still waiting); " + what + " not looked up", false, e);
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RegistryException("the registry at " + url + " did not answer within " + timeout.toMillis()
                    + " ms (" + what + ")", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while " + what, false, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof NotFoundException) {
                throw new RegistryException(what + " is not in the registry at " + url, false, c);
            }
            throw new RegistryException("the registry at " + url + " failed (" + what + "): "
                    + c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage()), false, c);
        }
    }
}
