package org.htscreen.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.htscreen.avro.AccountState;
import org.htscreen.avro.Alert;
import org.htscreen.avro.DeadLetter;
import org.htscreen.avro.ControlMessage;
import org.htscreen.avro.ControlResult;
import org.htscreen.avro.PartyProfile;
import org.htscreen.avro.StoredAccountState;
import org.htscreen.avro.StoredAccountStateV2;
import org.htscreen.avro.StoredAccountStateV3;
import org.htscreen.avro.Transaction;
import org.junit.jupiter.api.Test;

/** Schemas evolve compatibly, and every field says what it means. */
class SchemaCompatibilityTest {

    private static final List<Schema> CURRENT = List.of(Transaction.getClassSchema(), PartyProfile.getClassSchema(),
            Alert.getClassSchema(), AccountState.getClassSchema(), StoredAccountState.getClassSchema(),
            StoredAccountStateV2.getClassSchema(), StoredAccountStateV3.getClassSchema(), DeadLetter.getClassSchema(), ControlMessage.getClassSchema(), ControlResult.getClassSchema());

    @Test
    void every_current_schema_is_fully_compatible_with_every_released_version() throws IOException {
        Path released = Path.of("released");
        List<Path> versions = new ArrayList<>();
        if (Files.isDirectory(released)) {
            try (Stream<Path> s = Files.list(released)) {
                s.filter(Files::isDirectory).forEach(versions::add);
            }
        }
        for (Path version : versions) {
            assertFullyCompatible(version);
        }
    }

    /**
     * The schemas as they were before the alert carried its evidence (and identifier links named their parties):
     * alerts and account state written then are read now, and old readers read what is written now.
     */
    @Test
    void alerts_and_state_stay_compatible_with_the_schemas_before_the_evidence_records() throws IOException {
        Path before = Path.of("src/test/resources/before-evidence");
        assertTrue(Files.exists(before.resolve("Alert.avsc")), "baseline schemas missing in " + before);
        assertFalse(Files.readString(before.resolve("Alert.avsc")).contains("SignalEvidence"),
                "the baseline must be the schema before the change");
        assertFullyCompatible(before);
    }

    private static void assertFullyCompatible(Path version) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (Schema now : CURRENT) {
            String name = now.getName();
            Path file = version.resolve(name + ".avsc");
            if (!Files.exists(file)) {
                continue;
            }
            Schema old = parser.parse(file.toFile());
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(now, old).getType(),
                    name + " cannot read data written with " + version);
            assertEquals(SchemaCompatibilityType.COMPATIBLE,
                    SchemaCompatibility.checkReaderWriterCompatibility(old, now).getType(),
                    name + " of " + version + " cannot read current data");
        }
    }

    @Test
    void control_messages_with_a_bundle_and_those_before_read_each_other() throws IOException {
        Schema before;
        try (var in = getClass().getResourceAsStream("/ControlMessage-before-bundles.avsc")) {
            before = new Schema.Parser().parse(in);
        }
        Schema now = ControlMessage.getClassSchema();
        assertTrue(now.getField("bundle") != null && before.getField("bundle") == null);
        assertEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(now, before).getType());
        // the kind EXEMPTIONS (ADR 0017) is the one thing a job of before cannot read: it dead-letters such a message
        var old = SchemaCompatibility.checkReaderWriterCompatibility(before, now);
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE, old.getType());
        assertEquals(List.of("/fields/1/type/symbols"), old.getResult().getIncompatibilities().stream()
                .map(SchemaCompatibility.Incompatibility::getLocation).toList());
        assertTrue(old.getResult().getIncompatibilities().get(0).getMessage().contains("EXEMPTIONS"),
                old.getResult().getIncompatibilities().get(0).getMessage());
        // ... and every other message written now it reads as before
        ControlMessage m = ControlMessage.newBuilder().setVersion("p-1").setKind(org.htscreen.avro.ControlKind.PARAMETERS)
                .setParameters("version: p-1\n").setIssuedAt(java.time.Instant.EPOCH)
                .setBundle(java.nio.ByteBuffer.wrap(new byte[] {1, 2})).build();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        var enc = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.specific.SpecificDatumWriter<ControlMessage>(now).write(m, enc);
        enc.flush();
        org.apache.avro.generic.GenericRecord read = new org.apache.avro.generic.GenericDatumReader<org.apache.avro.generic.GenericRecord>(now, before)
                .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals("PARAMETERS", read.get("kind").toString());
        assertEquals("version: p-1\n", read.get("parameters").toString());
    }

    @Test
    void the_checker_catches_an_incompatible_change() {
        Schema now = Transaction.getClassSchema();
        String json = now.toString().replaceFirst("(\"name\":\"currency\",\"type\":)(\\{[^}]*\\}|\"string\")", "$1\"int\"");
        assertFalse(json.equals(now.toString()), "the test must really change the schema");
        Schema broken = new Schema.Parser().parse(json);
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(broken, now).getType());
    }

    @Test
    void every_record_and_field_has_a_doc() {
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Schema s : CURRENT) {
            collect(s, missing, seen);
        }
        assertTrue(missing.isEmpty(), "no doc on: " + missing);
        assertFalse(seen.isEmpty());
    }

    private static void collect(Schema s, List<String> missing, Set<String> seen) {
        switch (s.getType()) {
            case RECORD -> {
                if (!seen.add(s.getFullName())) {
                    return;
                }
                if (s.getDoc() == null || s.getDoc().isBlank()) {
                    missing.add(s.getFullName());
                }
                for (Schema.Field f : s.getFields()) {
                    if (f.doc() == null || f.doc().isBlank()) {
                        missing.add(s.getName() + "." + f.name());
                    }
                    collect(f.schema(), missing, seen);
                }
            }
            case UNION -> s.getTypes().forEach(t -> collect(t, missing, seen));
            case ARRAY -> collect(s.getElementType(), missing, seen);
            case MAP -> collect(s.getValueType(), missing, seen);
            case ENUM -> {
                if (seen.add(s.getFullName()) && (s.getDoc() == null || s.getDoc().isBlank())) {
                    missing.add(s.getFullName());
                }
            }
            default -> { }
        }
    }
}
