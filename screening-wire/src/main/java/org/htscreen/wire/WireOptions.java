package org.htscreen.wire;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import picocli.CommandLine.Option;

/** The wire-format options, shared by the job and {@code bin/screening kafka}; names are constants. */
public class WireOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String WIRE_FORMAT = "--wire-format";
    public static final String SCHEMA_REGISTRY_URL = "--schema-registry-url";
    public static final String WRITER_SCHEMA = "--writer-schema";

    @Option(names = WIRE_FORMAT, description = "How record values are framed on every topic: ${COMPLETION-CANDIDATES}. "
            + "RAW: Avro binary alone; SINGLE_OBJECT: Avro single-object encoding (schema fingerprint); CONFLUENT: "
            + "magic byte and schema id of a schema registry (default: ${DEFAULT-VALUE}).", defaultValue = "RAW")
    public WireFormat format = WireFormat.RAW;

    @Option(names = SCHEMA_REGISTRY_URL, paramLabel = "URL", description = "Schema registry for " + WIRE_FORMAT
            + " CONFLUENT (Apicurio Registry, e.g. http://registry:8080/apis/registry/v2).")
    public String registryUrl;

    @Option(names = WRITER_SCHEMA, paramLabel = "FILE", description = "A producer's Avro schema (.avsc) that "
            + WIRE_FORMAT + " SINGLE_OBJECT accepts besides the job's own, e.g. a newer Transaction with an added "
            + "optional field; repeatable. A schema the job cannot resolve is refused at start.")
    public List<Path> writerSchemas = new ArrayList<>();

    /**
     * The settings these options give; schema files are read now.
     *
     * @throws IllegalArgumentException naming the option or file that cannot be used
     */
    public WireSettings settings() {
        List<WireSettings.NamedSchema> schemas = new ArrayList<>();
        for (Path p : writerSchemas) {
            String json;
            try {
                json = Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(WRITER_SCHEMA + " " + p + ": cannot be read (" + e.getMessage() + ")", e);
            }
            try {
                new Schema.Parser().parse(json);
            } catch (SchemaParseException e) {
                throw new IllegalArgumentException(WRITER_SCHEMA + " " + p + ": not an Avro schema: " + e.getMessage(), e);
            }
            schemas.add(new WireSettings.NamedSchema(p.toString(), json));
        }
        if (!schemas.isEmpty() && format != WireFormat.SINGLE_OBJECT) {
            throw new IllegalArgumentException(WRITER_SCHEMA + " is used only with " + WIRE_FORMAT + " SINGLE_OBJECT");
        }
        if (registryUrl != null && format != WireFormat.CONFLUENT) {
            throw new IllegalArgumentException(SCHEMA_REGISTRY_URL + " is used only with " + WIRE_FORMAT + " CONFLUENT");
        }
        return new WireSettings(format, registryUrl, schemas, WireSettings.DEFAULT_TIMEOUT, WireSettings.DEFAULT_RETRY_AFTER);
    }
}
