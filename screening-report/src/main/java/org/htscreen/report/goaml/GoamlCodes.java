package org.htscreen.report.goaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.htscreen.avro.Alert;
import org.htscreen.avro.Channel;
import org.htscreen.avro.Signal;

/**
 * The FIU's goAML lookup codes the drafts use: report indicators mapped from the catalogue (typology, rule,
 * family), transmode and funds codes by channel, account type and status, roles. The default table
 * ({@code goaml-codes.yaml} in this package) uses goAML's "unknown" code {@code -} everywhere; an FIU's own codes
 * come from a copy of it.
 */
public final class GoamlCodes {

    /** The default table's resource name, next to this class. */
    public static final String DEFAULT_RESOURCE = "goaml-codes.yaml";

    private static final int MAX_CODE = 50;


    record Table(
            @JsonProperty("indicators") Indicators indicators,
            @JsonProperty("transmode") ByChannel transmode,
            @JsonProperty("funds") ByChannel funds,
            @JsonProperty("account_type") String accountType,
            @JsonProperty("account_status") String accountStatus,
            @JsonProperty("signatory_role") String signatoryRole,
            @JsonProperty("contact_type") String contactType,
            @JsonProperty("communication_type") String communicationType) {
    }

    record Indicators(
            @JsonProperty("default") String fallback,
            @JsonProperty("typologies") Map<String, String> typologies,
            @JsonProperty("families") Map<String, String> families,
            @JsonProperty("rules") Map<String, String> rules) {
    }

    record ByChannel(
            @JsonProperty("default") String fallback,
            @JsonProperty("channels") Map<Channel, String> channels) {
    }

    private final Table table;

    private GoamlCodes(Table table) {
        this.table = table;
    }

    /** The bundled default table. */
    public static GoamlCodes defaults() {
        try (InputStream in = GoamlCodes.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new GoamlCodes(check(Yaml.read(in, Table.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table; an unknown key, an unknown channel or an empty or over-long code is an error naming the file. */
    public static GoamlCodes read(Path file) {
        return Yaml.read(file, Table.class, t -> {
            if (t == null) {
                throw new ReportException("the file is empty");
            }
            return new GoamlCodes(check(t));
        });
    }

    private static Table check(Table t) {
        if (t.indicators() == null) {
            throw new ReportException("indicators: missing");
        }
        code("indicators.default", t.indicators().fallback());
        checkAll("indicators.typologies", t.indicators().typologies());
        checkAll("indicators.families", t.indicators().families());
        checkAll("indicators.rules", t.indicators().rules());
        for (var e : Map.of("transmode", nullSafe(t.transmode()), "funds", nullSafe(t.funds())).entrySet()) {
            code(e.getKey() + ".default", e.getValue().fallback());
            checkAll(e.getKey() + ".channels", e.getValue().channels());
        }
        code("account_type", t.accountType());
        code("account_status", t.accountStatus());
        code("signatory_role", t.signatoryRole());
        code("contact_type", t.contactType());
        code("communication_type", t.communicationType());
        return t;
    }

    private static ByChannel nullSafe(ByChannel b) {
        if (b == null) {
            throw new ReportException("transmode and funds are needed");
        }
        return b;
    }

    private static void checkAll(String where, Map<?, String> codes) {
        if (codes != null) {
            codes.forEach((k, v) -> code(where + "." + k, v));
        }
    }

    private static void code(String where, String code) {
        if (code == null || code.isBlank() || code.length() > MAX_CODE || !code.equals(XmlText.clean(code))) {
            throw new ReportException(where + ": a code of 1 to " + MAX_CODE + " printable characters is needed, was "
                    + (code == null ? "nothing" : "'" + code + "'"));
        }
    }

    /** Indicator codes of an alert: its typology's, then each signal's rule or family code; distinct, in order. */
    public List<String> indicators(Alert alert) {
        Indicators i = table.indicators();
        Set<String> out = new LinkedHashSet<>();
        String typology = get(i.typologies(), alert.getTypology().name());
        if (typology != null) {
            out.add(typology);
        }
        for (Signal s : alert.getSignals()) {
            String c = get(i.rules(), s.getRuleId());
            if (c == null) {
                c = get(i.families(), s.getFamily());
            }
            out.add(c != null ? c : i.fallback());
        }
        if (out.isEmpty()) {
            out.add(i.fallback());
        }
        return new ArrayList<>(out);
    }

    String transmode(Channel c) {
        return byChannel(table.transmode(), c);
    }

    String funds(Channel c) {
        return byChannel(table.funds(), c);
    }

    String accountType() {
        return table.accountType();
    }

    String accountStatus() {
        return table.accountStatus();
    }

    String signatoryRole() {
        return table.signatoryRole();
    }

    String contactType() {
        return table.contactType();
    }

    String communicationType() {
        return table.communicationType();
    }

    private static String byChannel(ByChannel b, Channel c) {
        String v = b.channels() == null ? null : b.channels().get(c);
        return v != null ? v : b.fallback();
    }

    private static <K> String get(Map<K, String> m, K key) {
        return m == null ? null : m.get(key);
    }
}
