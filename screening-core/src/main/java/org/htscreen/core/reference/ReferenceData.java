package org.htscreen.core.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.htscreen.core.rules.RuleSetException;

/**
 * Slow-changing reference data beside the rules ({@code rules/reference/}): MCC groups, country lists, the
 * payment-reference keyword dictionary, adult-advert merchants, special payees and FX rates. Users replace these
 * files with their own; every file carries a version. Immutable in what it answers (a bounded memo of keyword answers aside) and thread-safe.
 */
public final class ReferenceData {

    /** Files read from the rule set's {@code reference/} folder. */
    public static final List<String> FILES = List.of("mcc-groups.yaml", "countries.yaml", "keywords.yaml",
            "adult-advert-merchants.csv", "payees.yaml", "fx-rates.yaml");

    /**
     * Characters of a free text (payment reference, counterparty or merchant name) that keyword and alias matching
     * examine; the rest is not read, so one hostile text costs bounded time. Far above real remittance text (SEPA:
     * 140 characters).
     */
    public static final int MAX_TEXT_EXAMINED = 2_048;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Set<String>> groupsByMcc = new HashMap<>();
    /** Bit of each MCC group in {@link #maskByCode} (at most 64 groups get one; the rest are looked up by name). */
    private final Map<String, Long> groupBits = new HashMap<>();
    /** The groups of each four-digit MCC as bits of {@link #groupBits}, indexed by the MCC's number. */
    private final long[] maskByCode = new long[10_000];
    private final Map<String, Set<String>> countryLists = new HashMap<>();
    private final KeywordMatcher keywords = new KeywordMatcher();
    private final List<String> adultMerchantNames = new ArrayList<>();
    private final Set<String> adultMerchantIds = new HashSet<>();
    private final Map<String, Set<String>> payeeLists = new HashMap<>();
    private final Map<String, Set<String>> payeeNames = new HashMap<>();
    private final Map<String, Double> eurRates = new HashMap<>();
    private final List<String> versions = new ArrayList<>();

    /**
     * Loads the reference files through a reader (classpath or directory).
     *
     * @param reader gives the text of a file relative to {@code reference/}, or null when it is missing
     */
    public static ReferenceData load(Function<String, String> reader) {
        ReferenceData r = new ReferenceData();
        for (String f : FILES) {
            String text = reader.apply(f);
            if (text == null) {
                throw new RuleSetException("reference/" + f + ": missing");
            }
            try {
                r.read(f, text);
            } catch (IOException | RuntimeException e) {
                if (e instanceof RuleSetException rse) {
                    throw rse;
                }
                throw new RuleSetException("reference/" + f + ": " + e.getMessage());
            }
        }
        return r;
    }

    private void read(String file, String text) throws IOException {
        if (file.endsWith(".csv")) {
            readAdultMerchants(text);
            return;
        }
        JsonNode root = YAML.readTree(text);
        if (root == null || !root.hasNonNull("version")) {
            throw new RuleSetException("reference/" + file + ": missing 'version:'");
        }
        versions.add(file.substring(0, file.indexOf('.')) + "@" + root.get("version").asText());
        switch (file) {
            case "mcc-groups.yaml" -> root.required("groups").fields().forEachRemaining(e -> {
                for (JsonNode code : e.getValue()) {
                    addMccs(e.getKey(), code.asText());
                }
            });
            case "countries.yaml" -> root.required("lists").fields().forEachRemaining(e ->
                    countryLists.put(e.getKey(), upperSet(e.getValue())));
            case "keywords.yaml" -> root.required("classes").fields().forEachRemaining(e -> {
                List<String> terms = new ArrayList<>();
                e.getValue().fields().forEachRemaining(lang -> lang.getValue().forEach(t -> terms.add(fold(t.asText()))));
                keywords.add(e.getKey(), terms);
            });
            case "payees.yaml" -> {
                root.required("lists").fields().forEachRemaining(e -> payeeLists.put(e.getKey(), upperSet(e.getValue())));
                if (root.has("names")) {
                    root.get("names").fields().forEachRemaining(e -> {
                        Set<String> names = new HashSet<>();
                        e.getValue().forEach(n -> names.add(normalName(n.asText())));
                        payeeNames.put(e.getKey(), names);
                    });
                }
            }
            case "fx-rates.yaml" -> root.required("eur_per_unit").fields().forEachRemaining(e ->
                    eurRates.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue().asDouble()));
            default -> throw new IllegalStateException(file);
        }
    }

    private void addMccs(String group, String spec) {
        String[] range = spec.split("-");
        int from = Integer.parseInt(range[0].trim());
        int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
        String name = group.intern();   // rules name groups by literals: found by identity
        if (!groupBits.containsKey(name) && groupBits.size() < Long.SIZE) {
            groupBits.put(name, 1L << groupBits.size());
        }
        Long bit = groupBits.get(name);
        for (int mcc = from; mcc <= to; mcc++) {
            String code = String.format("%04d", mcc);
            groupsByMcc.computeIfAbsent(code, k -> new HashSet<>()).add(name);
            if (bit != null && mcc >= 0 && mcc < maskByCode.length && code.length() == 4) {
                maskByCode[mcc] |= bit;
            }
        }
    }

    /** The number of a four-digit MCC ("0000" to "9999"), or -1 for anything else. */
    private static int mccCode(String mcc) {
        if (mcc.length() != 4) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int d = mcc.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            code = code * 10 + d;
        }
        return code;
    }

    private void readAdultMerchants(String text) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                if (line.startsWith("# version:")) {
                    versions.add("adult-advert-merchants@" + line.substring("# version:".length()).trim());
                }
                continue;
            }
            if (i == firstDataLine(lines) && line.startsWith("merchant_name")) {
                continue;
            }
            String[] cols = line.split(",", -1);
            if (cols.length < 2) {
                throw new RuleSetException("reference/adult-advert-merchants.csv line " + (i + 1)
                        + ": expected merchant_name,merchant_id,...");
            }
            if (!cols[0].isBlank()) {
                adultMerchantNames.add(fold(cols[0]));
            }
            if (!cols[1].isBlank()) {
                adultMerchantIds.add(cols[1].trim());
            }
        }
    }

    private static int firstDataLine(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> upperSet(JsonNode array) {
        Set<String> s = new HashSet<>();
        array.forEach(n -> s.add(n.asText().trim().toUpperCase(Locale.ROOT)));
        return s;
    }

    /** Lower case without accents, so that keyword matching ignores case and diacritics (Greek tonos too). */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 0x80) {
                return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
            }
        }
        return lower;   // plain ASCII: nothing to fold (the common case, kept off the regex engine)
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** MCC groups an MCC belongs to (empty when none or unknown). */
    public Set<String> mccGroups(String mcc) {
        return mcc == null ? Set.of() : groupsByMcc.getOrDefault(mcc, Set.of());
    }

    /** Whether an MCC is in a named group, e.g. {@code inMccGroup("7011", "lodging")}. */
    public boolean inMccGroup(String mcc, String group) {
        if (mcc == null) {
            return false;
        }
        int code = mccCode(mcc);
        Long bit = code < 0 ? null : groupBits.get(group);
        return bit != null ? (maskByCode[code] & bit) != 0 : mccGroups(mcc).contains(group);
    }

    /** Whether a country (ISO alpha-2) is on a named list, e.g. {@code victim_source}. */
    public boolean inCountryList(String list, String country) {
        if (country == null) {
            return false;
        }
        Set<String> countries = countryLists.getOrDefault(list, Set.of());   // stored upper-case
        return countries.contains(country) || countries.contains(country.toUpperCase(Locale.ROOT));
    }

    /** Longest text whose keyword classes are remembered ({@link #keywordClasses}). */
    static final int KEYWORD_MEMO_MAX_CHARS = 64;
    /** Most texts whose keyword classes are remembered; beyond, texts are matched every time. */
    static final int KEYWORD_MEMO_ENTRIES = 4_096;
    /**
     * Keyword classes of short texts already matched: the same texts come back on every transaction (a customer's
     * occupation, sector and adverse-media note, counterparty names, common payment references). Bounded in
     * entries and text length, so hostile input costs at most {@value #KEYWORD_MEMO_ENTRIES} x
     * {@value #KEYWORD_MEMO_MAX_CHARS} characters; once full it takes no more texts.
     */
    private final Map<String, Set<String>> keywordMemo = new ConcurrentHashMap<>();

    /** Keyword classes (escort, vague_purpose, rent, ...) whose terms occur in a text; an unmodifiable set. */
    public Set<String> keywordClasses(String text) {
        if (text == null) {
            return Set.of();
        }
        if (text.length() > KEYWORD_MEMO_MAX_CHARS) {
            return matchKeywords(text);
        }
        Set<String> classes = keywordMemo.get(text);
        if (classes == null) {
            classes = matchKeywords(text);
            if (keywordMemo.size() < KEYWORD_MEMO_ENTRIES) {
                keywordMemo.put(text, classes);
            }
        }
        return classes;
    }

    private Set<String> matchKeywords(String text) {
        if (text.isBlank()) {
            return Set.of();
        }
        Set<String> found = keywords.classes(fold(examined(text)));
        return found.isEmpty() ? Set.of() : Collections.unmodifiableSet(found);
    }

    /** Texts whose keyword classes are remembered (for tests of the bound). */
    int keywordMemoSize() {
        return keywordMemo.size();
    }

    /** The part of a free text that matching examines: its first {@link #MAX_TEXT_EXAMINED} characters. */
    public static String examined(String text) {
        return text == null || text.length() <= MAX_TEXT_EXAMINED ? text : text.substring(0, MAX_TEXT_EXAMINED);
    }

    /** Whether a merchant is on the adult/escort advert list, by id or by name fragment. */
    public boolean adultAdvertMerchant(String merchantId, String merchantName) {
        if (merchantId != null && adultMerchantIds.contains(merchantId)) {
            return true;
        }
        if (merchantName == null) {
            return false;
        }
        String folded = fold(examined(merchantName));
        for (String n : adultMerchantNames) {
            if (folded.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a payee is on a named payee list by its account id, or by its name as the list's {@code names} give it
     * (case, accents and spacing ignored): the fund keeps accounts at several banks, so a contribution paid to an
     * account not on the list is still recognised by the payee's name.
     */
    public boolean payee(String list, String accountId, String name) {
        return payeeByNormalName(list, accountId, name == null ? null : normalName(name));
    }

    /**
     * {@link #payee} for a name already in the form payee lists compare ({@link #payeeName}): a caller that checks one
     * name against several lists normalises it once.
     */
    public boolean payeeByNormalName(String list, String accountId, String normalName) {
        return onPayeeList(list, accountId)
                || (normalName != null && payeeNames.getOrDefault(list, Set.of()).contains(normalName));
    }

    /** A name in the form payee lists compare it (case, accents and runs of white space ignored); null for null. */
    public static String payeeName(String name) {
        return name == null ? null : normalName(name);
    }

    private static String normalName(String name) {
        return collapseSpaces(fold(name).trim());
    }

    /** Runs of white space (as {@code \\s}: space, tab, line breaks, form feed, vertical tab) as one space. */
    private static String collapseSpaces(String s) {
        int i = 0;
        while (i < s.length() && !(space(s.charAt(i)) && (s.charAt(i) != ' ' || i + 1 < s.length() && space(s.charAt(i + 1))))) {
            i++;
        }
        if (i == s.length()) {
            return s;   // nothing to collapse (the common case)
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        boolean inSpace = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (space(c)) {
                if (!inSpace) {
                    b.append(' ');
                }
                inSpace = true;
            } else {
                b.append(c);
                inSpace = false;
            }
        }
        return b.toString();
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Upper case (root locale), without a copy when there is no lower-case ASCII letter nor any non-ASCII one. */
    private static String upper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || c >= 0x80) {
                return s.toUpperCase(Locale.ROOT);
            }
        }
        return s;
    }

    /** Whether an account id is on a named payee list (social_insurance, tax, municipality, ...). */
    public boolean onPayeeList(String list, String accountId) {
        return accountId != null && payeeLists.getOrDefault(list, Set.of()).contains(upper(accountId));
    }

    /** EUR value of one unit of a currency, or NaN when the currency is unknown. */
    public double eurPerUnit(String currency) {
        if (currency == null) {
            return Double.NaN;
        }
        Double r = eurRates.get(currency.toUpperCase(Locale.ROOT));
        return r == null ? Double.NaN : r;
    }

    /** Whether a currency has an FX rate. */
    public boolean knowsCurrency(String currency) {
        return !Double.isNaN(eurPerUnit(currency));
    }

    /** The versions of the reference files, e.g. {@code [mcc-groups@2026.11.0, ...]}. */
    public List<String> versions() {
        return List.copyOf(versions);
    }
}
