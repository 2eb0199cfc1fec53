package org.htscreen.core.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.htscreen.core.catalogue.Catalogue;
import org.htscreen.core.catalogue.Family;
import org.htscreen.core.params.ParameterOverrides;
import org.htscreen.core.reference.ReferenceData;

/**
 * A rule set as text: the DRL files, the catalogue, the reference data and (optionally) parameter overrides,
 * with a version that names its content. Nothing is compiled here: see {@link CompiledRules}.
 *
 * <p>Layout, on the classpath under {@code htscreen/rules/} or in a directory:
 * <pre>
 * catalogue.yaml        rules, sources, typology weights, parameters with defaults and ranges
 * drl/cash.drl ...      one DRL file per indicator family
 * reference/*.yaml|csv  MCC groups, country lists, keywords, merchants, payees, FX rates
 * parameters.yaml       optional overrides (directory only)
 * </pre>
 */
public final class RuleSet {

    /** Classpath folder of the bundled rule set (the {@code rules} module). */
    public static final String BUNDLED_ROOT = "htscreen/rules/";
    /** Catalogue file name. */
    public static final String CATALOGUE = "catalogue.yaml";
    /** Optional parameter overrides file in a rule-set directory. */
    public static final String PARAMETERS = "parameters.yaml";

    private final String origin;
    private final Catalogue catalogue;
    private final Map<String, String> drl;
    private final ReferenceData reference;
    private final ParameterOverrides overrides;
    private final String version;

    private RuleSet(String origin, Catalogue catalogue, Map<String, String> drl, ReferenceData reference,
            ParameterOverrides overrides, String version) {
        this.origin = origin;
        this.catalogue = catalogue;
        this.drl = drl;
        this.reference = reference;
        this.overrides = overrides;
        this.version = version;
    }

    /** The rule set bundled with the product (the {@code rules} module on the classpath). */
    public static RuleSet bundled() {
        ClassLoader cl = RuleSet.class.getClassLoader();
        Function<String, String> reader = path -> {
            try (InputStream in = cl.getResourceAsStream(BUNDLED_ROOT + path)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        List<String> drlFiles = new ArrayList<>();
        for (Family f : Family.values()) {
            if (cl.getResource(BUNDLED_ROOT + f.drlFile()) != null) {
                drlFiles.add(f.drlFile());
            }
        }
        return load("bundled", reader, drlFiles, null);
    }

    /**
     * A rule set in a directory laid out like {@code rules/}: {@code catalogue.yaml}, {@code drl/*.drl},
     * {@code reference/}, and optionally {@code parameters.yaml}.
     *
     * @throws RuleSetException naming the file and line of the first problem
     */
    public static RuleSet fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleSetException(dir + ": not a directory");
        }
        Function<String, String> reader = path -> {
            Path p = dir.resolve(path);
            try {
                return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw new RuleSetException(p + ": cannot read: " + e.getMessage());
            }
        };
        List<String> drlFiles = new ArrayList<>();
        Path drlDir = dir.resolve("drl");
        if (Files.isDirectory(drlDir)) {
            try (Stream<Path> s = Files.list(drlDir)) {
                s.filter(p -> p.toString().endsWith(".drl")).sorted()
                        .forEach(p -> drlFiles.add("drl/" + p.getFileName()));
            } catch (IOException e) {
                throw new RuleSetException(drlDir + ": cannot list: " + e.getMessage());
            }
        }
        Path params = dir.resolve(PARAMETERS);
        ParameterOverrides overrides = Files.isRegularFile(params) ? ParameterOverrides.read(params) : null;
        return load(dir.toString(), reader, drlFiles, overrides);
    }

    /**
     * A rule set given as file texts by path in the rule-set layout ({@code catalogue.yaml}, {@code drl/x.drl},
     * {@code reference/...}, optionally {@code parameters.yaml}), e.g. from a control message.
     */
    public static RuleSet fromFiles(String origin, Map<String, String> files) {
        List<String> drlFiles = files.keySet().stream().filter(f -> f.startsWith("drl/") && f.endsWith(".drl"))
                .sorted().toList();
        String params = files.get(PARAMETERS);
        return load(origin, files::get, drlFiles, params == null ? null : ParameterOverrides.parse(params, PARAMETERS));
    }

    private static RuleSet load(String origin, Function<String, String> reader, List<String> drlFiles,
            ParameterOverrides overrides) {
        String catalogueText = reader.apply(CATALOGUE);
        if (catalogueText == null) {
            throw new RuleSetException(origin + ": " + CATALOGUE + " is missing");
        }
        Catalogue catalogue = Catalogue.parse(catalogueText, CATALOGUE);
        if (drlFiles.isEmpty()) {
            throw new RuleSetException(origin + ": no DRL files under drl/");
        }
        MessageDigest sha = sha256();
        sha.update(catalogueText.getBytes(StandardCharsets.UTF_8));
        Map<String, String> drl = new LinkedHashMap<>();
        for (String f : drlFiles.stream().sorted().toList()) {
            String text = reader.apply(f);
            drl.put(f, text);
            sha.update(f.getBytes(StandardCharsets.UTF_8));
            sha.update(text.getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> refTexts = new LinkedHashMap<>();
        ReferenceData reference = ReferenceData.load(name -> {
            String text = reader.apply("reference/" + name);
            if (text != null) {
                refTexts.put(name, text);
            }
            return text;
        });
        refTexts.forEach((k, v) -> sha.update(v.getBytes(StandardCharsets.UTF_8)));
        String version = catalogue.version() + "+" + HexFormat.of().formatHex(sha.digest()).substring(0, 10);
        return new RuleSet(origin, catalogue, drl, reference, overrides, version);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the rule set came from: {@code bundled} or a directory path. */
    public String origin() {
        return origin;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** DRL text by file name ({@code drl/cash.drl}), in load order. */
    public Map<String, String> drl() {
        return java.util.Collections.unmodifiableMap(drl);
    }

    public ReferenceData reference() {
        return reference;
    }

    /** Parameter overrides shipped inside a rule-set directory, if any. */
    public Optional<ParameterOverrides> overrides() {
        return Optional.ofNullable(overrides);
    }

    /** Catalogue version plus a hash of every file: two rule sets with the same version have the same content. */
    public String version() {
        return version;
    }
}
