package org.htscreen.core.bundle;

import java.io.Serializable;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The public keys whose signatures make a bundle trusted, and how many distinct ones must have signed
 * (maker-checker). The job, the workbench and embedders verify with this one class. Serializable (keys as their
 * X.509 encodings) so a job graph can carry it.
 */
public final class TrustedKeys implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, byte[]> encoded = new LinkedHashMap<>();
    private final int required;
    private transient Map<String, PublicKey> keys;

    private TrustedKeys(List<PublicKey> keys, int required) {
        if (required < 1) {
            throw new BundleException("required signatures must be at least 1, not " + required);
        }
        for (PublicKey k : keys) {
            encoded.put(Ed25519Keys.keyId(k), k.getEncoded());
        }
        if (!keys.isEmpty() && required > encoded.size()) {
            throw new BundleException(required + " signatures required but only " + encoded.size() + " trusted keys");
        }
        this.required = required;
    }

    /** Trusted public keys with the number of distinct signatures required. */
    public static TrustedKeys of(List<PublicKey> keys, int required) {
        return new TrustedKeys(keys, required);
    }

    /** Trusted keys read from PEM files. */
    public static TrustedKeys read(List<Path> pems, int required) {
        List<PublicKey> keys = new ArrayList<>();
        for (Path p : pems) {
            keys.add(Ed25519Keys.readPublic(p));
        }
        return new TrustedKeys(keys, required);
    }

    /** No trusted key: every bundle is refused. */
    public static TrustedKeys none() {
        return new TrustedKeys(List.of(), 1);
    }

    public boolean isEmpty() {
        return encoded.isEmpty();
    }

    public int required() {
        return required;
    }

    /** Ids of the trusted keys. */
    public List<String> keyIds() {
        return List.copyOf(encoded.keySet());
    }

    /**
     * Verifies that at least {@code required} distinct trusted keys signed exactly this content.
     *
     * @return the ids of the trusted keys whose signatures verify
     * @throws BundleException saying in one line why not: no signature, an untrusted key, content changed after
     *                         signing, too few signatures
     */
    public List<String> verify(RuleBundle bundle, int requiredSignatures) {
        if (encoded.isEmpty()) {
            throw new BundleException("no trusted keys: nothing can be verified");
        }
        if (bundle.signatures().isEmpty()) {
            throw new BundleException("the bundle is not signed (missing signature)");
        }
        TreeSet<String> valid = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (BundleSignature s : bundle.signatures()) {
            PublicKey k = keys().get(s.keyId());
            if (k == null) {
                problems.add("signed by key " + s.keyId() + ", which is not trusted (wrong key)");
            } else if (!s.verifies(bundle, k)) {
                problems.add("the signature of key " + s.keyId()
                        + " does not match the content (changed after signing, or a forged signature)");
            } else {
                valid.add(s.keyId());
            }
        }
        if (valid.size() >= requiredSignatures) {
            return List.copyOf(valid);
        }
        String why = valid.size() + " of " + requiredSignatures + " required signatures by distinct trusted keys"
                + (valid.isEmpty() ? "" : " (" + String.join(", ", valid) + ")");
        throw new BundleException(problems.isEmpty() ? why : why + "; " + String.join("; ", problems));
    }

    /** {@link #verify(RuleBundle, int)} with the configured number of signatures. */
    public List<String> verify(RuleBundle bundle) {
        return verify(bundle, required);
    }

    private Map<String, PublicKey> keys() {
        if (keys == null) {
            Map<String, PublicKey> m = new LinkedHashMap<>();
            try {
                KeyFactory f = KeyFactory.getInstance(Ed25519Keys.ALGORITHM);
                for (Map.Entry<String, byte[]> e : encoded.entrySet()) {
                    m.put(e.getKey(), f.generatePublic(new X509EncodedKeySpec(e.getValue())));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            keys = m;
        }
        return keys;
    }
}
