package org.htscreen.core;

import java.util.Locale;
import java.util.Set;

/**
 * Values that stand for "no identifier" rather than identify someone: blank, one character repeated
 * ({@code 0000...}, {@code ffff...}), the digest of the empty string in the usual hash functions (MD5 — also in
 * the name-based UUID form — SHA-1, SHA-256, SHA-512, hex in any case, SHA-256 in Base64) and words such as
 * {@code null}, {@code unknown}, {@code n/a}. The schema leaves the hash function to the bank; customers sharing
 * such a value share nothing, so a profile carrying one is refused (send null) and it never links customers.
 */
public final class IdentifierPlaceholders {

    private static final Set<String> KNOWN = Set.of(
            "d41d8cd98f00b204e9800998ecf8427e",                      // MD5("")
            "d41d8cd98f003204a9800998ecf8427e",                      // UUID.nameUUIDFromBytes("") without dashes
            "d41d8cd9-8f00-3204-a980-0998ecf8427e",                  // the same with dashes
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",              // SHA-1("")
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", // SHA-256("")
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                    + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", // SHA-512("")
            "47deqpj8hbsa+/timw+5jceuqerkm5nmpjwzg3hsufu=",           // SHA-256("") in Base64 (lower-cased)
            "1b2m2y8asgtpgamy7phcfg==",                               // MD5("") in Base64 (lower-cased)
            "null", "nil", "none", "n/a", "na", "unknown", "undefined", "empty", "missing");

    private IdentifierPlaceholders() {
    }

    /** Whether a value is a placeholder rather than an identifier (null is "none", not a placeholder). */
    public static boolean isPlaceholder(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return true;
        }
        boolean repeated = true;
        for (int i = 1; i < v.length() && repeated; i++) {
            repeated = v.charAt(i) == v.charAt(0);
        }
        if (repeated) {
            return true;
        }
        return v.length() <= 140 && KNOWN.contains(v.toLowerCase(Locale.ROOT));
    }
}
