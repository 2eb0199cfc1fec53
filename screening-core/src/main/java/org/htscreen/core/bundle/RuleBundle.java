package org.htscreen.core.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A signed rule bundle (ADR 0012): the files of a rule-set directory ({@code catalogue.yaml}, {@code drl/*.drl},
 * {@code reference/*}, optionally {@code parameters.yaml}), of a parameter set ({@code parameters.yaml} alone) or of
 * an exemption set ({@code exemptions.yaml} alone, ADR 0017),
 * with Ed25519 signatures over a canonical form of those files.
 *
 * <p>On disk a bundle is one zip file: every file under {@code files/} by its relative path, and a text file
 * {@code SIGNATURES} with one line per signature, {@code ed25519 KEYID BASE64}. Adding a signature (maker-checker)
 * adds a line and changes nothing else. The canonical form that is signed is independent of the zip: the bytes
 * {@code htscreen-rule-bundle-v1\n}, the number of files (4 bytes), then for every file in path order its path
 * length (4 bytes), its path (UTF-8), its length (8 bytes) and its bytes; so the same content always signs the
 * same and no two contents share a form. Paths are relative, {@code /}-separated, of letters, digits,
 * {@code . _ -}, without {@code .} or {@code ..} segments. Reading checks sizes and entry names before anything
 * is used.
 *
 * <p>A bundle may carry an issue time (a text file {@code ISSUED} beside {@code SIGNATURES}: an ISO-8601 instant,
 * whole milliseconds). It is signed with the files: the canonical form of a stamped bundle starts with
 * {@code htscreen-rule-bundle-v2\n} and the issue time in epoch milliseconds (8 bytes) before the file count, so a
 * stamp cannot be added, removed or changed without breaking every signature. The job refuses a stamped bundle that
 * was not issued after the one of its kind it last accepted: an older signed bundle sent again cannot take a
 * deployment back (ADR 0012, replay).
 */
public final class RuleBundle {

    /** Name of the signatures file inside the zip. */
    public static final String SIGNATURES = "SIGNATURES";
    /** Name of the issue-time file inside the zip (stamped bundles). */
    public static final String ISSUED = "ISSUED";
    /** Folder of the signed files inside the zip. */
    public static final String FILES = "files/";
    /** Limits that keep a hostile bundle from exhausting memory while it is read. */
    public static final int MAX_FILES = 1_000;
    public static final long MAX_TOTAL_BYTES = 32L << 20;
    private static final byte[] MAGIC = "htscreen-rule-bundle-v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_STAMPED = "htscreen-rule-bundle-v2\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final String PARAMETERS = "parameters.yaml";
    private static final String CATALOGUE = "catalogue.yaml";
    /** The one file of an exemption set (ADR 0017). */
    public static final String EXEMPTIONS = "exemptions.yaml";

    /** What a bundle carries. */
    public enum Kind { RULE_SET, PARAMETERS, EXEMPTIONS }

    private final TreeMap<String, byte[]> files;
    private final List<BundleSignature> signatures;
    /** Issue time, epoch milliseconds, or null for an unstamped bundle. */
    private final Long issuedAt;

    private RuleBundle(TreeMap<String, byte[]> files, List<BundleSignature> signatures, Long issuedAt) {
        this.files = files;
        this.signatures = List.copyOf(signatures);
        this.issuedAt = issuedAt;
    }

    /** An unsigned bundle of file contents by relative path. */
    public static RuleBundle of(Map<String, byte[]> files) {
        TreeMap<String, byte[]> sorted = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            checkPath(e.getKey());
            total += e.getValue().length;
            sorted.put(e.getKey(), e.getValue().clone());
        }
        if (sorted.isEmpty()) {
            throw new BundleException("a bundle needs at least one file");
        }
        if (sorted.size() > MAX_FILES || total > MAX_TOTAL_BYTES) {
            throw new BundleException("a bundle holds at most " + MAX_FILES + " files and " + (MAX_TOTAL_BYTES >> 20) + " MiB");
        }
        return new RuleBundle(sorted, List.of(), null);
    }

    /**
     * The same files stamped with an issue time (whole milliseconds are kept) and no signature: a stamp changes what
     * is signed, so it is set before signing.
     */
    public RuleBundle issuedAt(java.time.Instant issued) {
        return new RuleBundle(files, List.of(), issued.toEpochMilli());
    }

    /** The issue time, when the bundle is stamped. */
    public java.util.Optional<java.time.Instant> issued() {
        return issuedAt == null ? java.util.Optional.empty() : java.util.Optional.of(java.time.Instant.ofEpochMilli(issuedAt));
    }

    /** An unsigned bundle of text files (UTF-8). */
    public static RuleBundle ofTexts(Map<String, String> texts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        texts.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return of(files);
    }

    /**
     * The rule-set (or parameter-set) files of a directory: {@code catalogue.yaml}, {@code parameters.yaml},
     * {@code drl/*.drl} and {@code reference/*}; a single YAML file is taken as an exemption set when it has a
     * top-level {@code exemptions:} list, else as a parameter set. Other files
     * (a {@code pom.xml}, editor backups) are not part of a rule set and are left out; symbolic links are refused.
     */
    public static RuleBundle fromDirectory(Path dir) {
        if (Files.isRegularFile(dir)) {
            byte[] bytes = bytesOf(dir);
            boolean exemptions = new String(bytes, StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("exemptions:"));
            return of(Map.of(exemptions ? EXEMPTIONS : PARAMETERS, bytes));
        }
        if (!Files.isDirectory(dir)) {
            throw new BundleException(dir + ": not a directory or parameters file");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new BundleException(p + ": symbolic links are not signed");
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && inLayout(rel) && !rel.matches("(^|.*/)\\..*")) {
                    files.put(rel, bytesOf(p));
                }
            }
        } catch (IOException e) {
            throw new BundleException(dir + ": cannot list: " + e.getMessage());
        }
        return of(files);
    }

    /** Whether a relative path belongs to the rule-set layout. */
    static boolean inLayout(String rel) {
        return rel.equals(CATALOGUE) || rel.equals(PARAMETERS) || (rel.startsWith("drl/") && rel.endsWith(".drl")
                && rel.indexOf('/', 4) < 0) || (rel.startsWith("reference/") && rel.indexOf('/', 10) < 0);
    }

    /** Reads a bundle file. */
    public static RuleBundle read(Path zip) {
        try (InputStream in = Files.newInputStream(zip)) {
            return parse(in);
        } catch (IOException e) {
            throw new BundleException(zip + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads a bundle from its bytes (as a control message carries it). */
    public static RuleBundle parse(byte[] zip) {
        try {
            return parse(new ByteArrayInputStream(zip));
        } catch (IOException e) {
            throw new BundleException("not a rule bundle: " + e.getMessage());
        }
    }

    private static RuleBundle parse(InputStream raw) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        List<BundleSignature> sigs = new ArrayList<>();
        boolean sawSignatures = false;
        Long issued = null;
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(raw, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_FILES + 1) {
                    throw new BundleException("not a rule bundle: more than " + MAX_FILES + " files");
                }
                if (e.isDirectory()) {
                    continue;
                }
                byte[] bytes = readBounded(zip, MAX_TOTAL_BYTES - total);
                total += bytes.length;
                String name = e.getName();
                if (name.equals(SIGNATURES)) {
                    if (sawSignatures) {
                        throw new BundleException("not a rule bundle: two " + SIGNATURES + " entries");
                    }
                    sawSignatures = true;
                    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
                    for (int i = 0; i < lines.length; i++) {
                        if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                            sigs.add(BundleSignature.parse(lines[i], i + 1));
                        }
                    }
                } else if (name.equals(ISSUED)) {
                    if (issued != null) {
                        throw new BundleException("not a rule bundle: two " + ISSUED + " entries");
                    }
                    issued = parseIssued(bytes);
                } else if (name.startsWith(FILES)) {
                    String rel = name.substring(FILES.length());
                    checkPath(rel);
                    if (files.put(rel, bytes) != null) {
                        throw new BundleException("not a rule bundle: " + rel + " twice");
                    }
                } else {
                    throw new BundleException("not a rule bundle: unexpected entry " + abbreviate(name)
                            + " (only " + FILES + "..., " + SIGNATURES + " and " + ISSUED + ")");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException("not a rule bundle (zip): " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new BundleException("not a rule bundle: no files under " + FILES);
        }
        return new RuleBundle(files, sigs, issued);
    }

    private static long parseIssued(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        try {
            if (text.length() > 40) {
                throw new java.time.format.DateTimeParseException("too long", text, 40);
            }
            return java.time.Instant.parse(text).toEpochMilli();
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw new BundleException("not a rule bundle: " + ISSUED + " is not an ISO-8601 instant such as "
                    + "2026-12-03T17:00:00Z: '" + abbreviate(text) + "'");
        }
    }

    private static byte[] readBounded(InputStream in, long left) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > left) {
                throw new BundleException("not a rule bundle: more than " + (MAX_TOTAL_BYTES >> 20) + " MiB of files");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void checkPath(String rel) {
        if (rel.length() > 200 || !PATH.matcher(rel).matches() || rel.contains("/../") || rel.endsWith("/..")) {
            throw new BundleException("not a rule bundle: bad file path '" + abbreviate(rel)
                    + "' (relative, /-separated, letters, digits, '.', '_', '-')");
        }
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("[^\\x20-\\x7e]", "?");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    private static byte[] bytesOf(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new BundleException(p + ": cannot read: " + e.getMessage());
        }
    }

    /** The form that is signed: see the class comment. */
    public byte[] canonical() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            if (issuedAt == null) {
                out.write(MAGIC);
            } else {
                out.write(MAGIC_STAMPED);
                out.writeLong(issuedAt);
            }
            out.writeInt(files.size());
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                byte[] path = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(path.length);
                out.write(path);
                out.writeLong(e.getValue().length);
                out.write(e.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of the canonical form, hex: names exactly this content (logged with every accepted change). */
    public String contentId() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same files with one more signature (a signature by the same key replaces the older one). */
    public RuleBundle withSignature(BundleSignature signature) {
        List<BundleSignature> next = new ArrayList<>();
        for (BundleSignature s : signatures) {
            if (!s.keyId().equals(signature.keyId())) {
                next.add(s);
            }
        }
        next.add(signature);
        return new RuleBundle(files, next, issuedAt);
    }

    /** Signs the content with a private key: {@code withSignature(BundleSignature.sign(this, key))}. */
    public RuleBundle signedWith(java.security.PrivateKey key) {
        return withSignature(BundleSignature.sign(this, key));
    }

    /** The zip file's bytes. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    ZipEntry entry = new ZipEntry(FILES + e.getKey());
                    entry.setTime(0L);   // the same bundle gives the same bytes
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
                if (issuedAt != null) {
                    ZipEntry stamp = new ZipEntry(ISSUED);
                    stamp.setTime(0L);
                    zip.putNextEntry(stamp);
                    zip.write((java.time.Instant.ofEpochMilli(issuedAt) + "\n").getBytes(StandardCharsets.US_ASCII));
                    zip.closeEntry();
                }
                ZipEntry entry = new ZipEntry(SIGNATURES);
                entry.setTime(0L);
                zip.putNextEntry(entry);
                StringBuilder text = new StringBuilder();
                for (BundleSignature s : signatures) {
                    text.append(s.line()).append('\n');
                }
                zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bundle file. */
    public void write(Path zip) {
        try {
            Files.write(zip, toBytes());
        } catch (IOException e) {
            throw new BundleException(zip + ": cannot write: " + e.getMessage());
        }
    }

    /** File contents by relative path, in path order. */
    public Map<String, byte[]> files() {
        return Collections.unmodifiableMap(files);
    }

    /** File texts (UTF-8) by relative path, as {@code RuleSet.fromFiles} takes them. */
    public Map<String, String> texts() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    public List<BundleSignature> signatures() {
        return signatures;
    }

    /** A rule set (it has a catalogue) or a parameter set ({@code parameters.yaml} alone). */
    public Kind kind() {
        if (files.containsKey(CATALOGUE)) {
            return Kind.RULE_SET;
        }
        if (files.size() == 1 && files.containsKey(PARAMETERS)) {
            return Kind.PARAMETERS;
        }
        if (files.size() == 1 && files.containsKey(EXEMPTIONS)) {
            return Kind.EXEMPTIONS;
        }
        throw new BundleException("neither a rule set (no " + CATALOGUE + "), a parameter set (" + PARAMETERS
                + " alone) nor an exemption set (" + EXEMPTIONS + " alone)");
    }
}
