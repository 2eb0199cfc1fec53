package org.htscreen.core.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificDatumReader;
import org.htscreen.avro.AccountState;

/**
 * The registry of {@link AccountState} schemas that stored states were written with (ADR 0026): resources
 * {@value #FOLDER}AccountState-N.avsc, numbered from 1 without gaps. A v3 stored state names its number, and the v2
 * form was written with number {@value #V2_SCHEMA}; the rest of the state is read with that schema as the writer's
 * (Avro's schema resolution: fields added since take their defaults). A number is never reused and its file never
 * changed; when {@code AccountState.avsc} (or a type it uses) changes, its new schema is added under the next number
 * ({@code AccountStateSchemasTest} fails until it is).
 */
public final class AccountStateSchemas {

    /** Where the registry's files are, on the class path. */
    public static final String FOLDER = "/org/htscreen/core/state/schemas/";
    /** The schema the v2 form (ADR 0021) wrote the rest of the state with. */
    public static final int V2_SCHEMA = 1;

    private static final AccountStateSchemas REGISTERED = new AccountStateSchemas(load());

    private final List<Schema> schemas;
    private final long[] fingerprints;
    /** The number of the current {@code AccountState} schema, or 0 when it is not registered. */
    private final int current;
    private final AtomicReferenceArray<SpecificDatumReader<AccountState>> readers;

    /** A registry of these schemas, numbered from 1 in order (the class path's, or a test's). */
    AccountStateSchemas(List<Schema> schemas) {
        this.schemas = List.copyOf(schemas);
        this.fingerprints = new long[schemas.size()];
        for (int k = 0; k < schemas.size(); k++) {
            fingerprints[k] = SchemaNormalization.parsingFingerprint64(schemas.get(k));
        }
        this.current = numberOf(AccountState.getClassSchema());
        this.readers = new AtomicReferenceArray<>(schemas.size());
    }

    /** The registry on the class path. */
    public static AccountStateSchemas registered() {
        return REGISTERED;
    }

    /** How many schemas are registered (numbers 1 to this). */
    public int count() {
        return schemas.size();
    }

    /**
     * The registered schema of a number.
     *
     * @throws IllegalArgumentException naming the number when none is registered under it
     */
    public Schema schema(int number) {
        if (number < 1 || number > schemas.size()) {
            throw StoredStates.corrupt("no AccountState schema number " + number + " (registered: 1 to "
                    + schemas.size() + ")");
        }
        return schemas.get(number - 1);
    }

    /** The number of a schema that reads like a registered one (same parsing fingerprint), or 0. */
    public int numberOf(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        for (int k = 0; k < fingerprints.length; k++) {
            if (fingerprints[k] == fingerprint) {
                return k + 1;
            }
        }
        return 0;
    }

    /**
     * The number of the current {@code AccountState} schema, which stored states are written with.
     *
     * @throws IllegalStateException when it is not registered (a change of AccountState without its registry entry)
     */
    public int current() {
        if (current == 0) {
            throw new IllegalStateException("the current AccountState schema (parsing fingerprint "
                    + Long.toHexString(SchemaNormalization.parsingFingerprint64(AccountState.getClassSchema()))
                    + ") is not in the registry of stored schemas: add it as " + FOLDER + "AccountState-"
                    + (schemas.size() + 1) + ".avsc (ADR 0026)");
        }
        return current;
    }

    /**
     * The reader of the rest of a state written with schema {@code number}, into the current record; made on first
     * use, since making it checks that the record classes are trusted (org.apache.avro.SERIALIZABLE_PACKAGES), which
     * encoding does not need. The current schema's reads without resolution.
     */
    SpecificDatumReader<AccountState> reader(int number) {
        Schema writer = schema(number);
        SpecificDatumReader<AccountState> reader = readers.get(number - 1);
        if (reader == null) {
            // made twice at worst, by two threads at once: either serves
            reader = number == current ? new SpecificDatumReader<>(AccountState.class)
                    : new SpecificDatumReader<>(writer, AccountState.getClassSchema());
            readers.set(number - 1, reader);
        }
        return reader;
    }

    private static List<Schema> load() {
        List<Schema> schemas = new ArrayList<>();
        for (int k = 1; ; k++) {
            try (InputStream in = AccountStateSchemas.class.getResourceAsStream(FOLDER + "AccountState-" + k + ".avsc")) {
                if (in == null) {
                    return schemas;
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
