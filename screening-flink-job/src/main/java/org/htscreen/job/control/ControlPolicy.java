package org.htscreen.job.control;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.htscreen.avro.ControlKind;
import org.htscreen.avro.ControlMessage;
import org.htscreen.core.bundle.BundleException;
import org.htscreen.core.bundle.RuleBundle;
import org.htscreen.core.bundle.TrustedKeys;

/**
 * Which control updates the job admits (issue 12, ADR 0012). With trusted keys ({@code --trust-key}), rule-set
 * and parameter updates are accepted only as bundles signed by at least {@code --required-signatures} distinct
 * trusted keys; an update that could blind screening (more than {@code --max-disabled-share} of the rules that are
 * on switched off, or every rule of a typology) needs one signature more, and so does an exemption set that exempts
 * more than {@code --max-exempted-accounts} accounts at once (ADR 0017). Without trusted keys every update is
 * refused, unless the job runs with {@code --allow-unsigned-control} (local demo): then updates are taken
 * unverified (logged at WARN each time) and blinding ones are refused.
 */
public final class ControlPolicy implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Default share of the running rules an update may switch off without an extra signature. */
    public static final double DEFAULT_MAX_DISABLED_SHARE = 0.2;
    /** Default number of accounts an exemption-set update may exempt anew without an extra signature. */
    public static final int DEFAULT_MAX_EXEMPTED_ACCOUNTS = org.htscreen.core.exemptions.ExemptionChange.DEFAULT_MAX_ACCOUNTS;

    private final TrustedKeys trusted;
    private final boolean allowUnsigned;
    private final double maxDisabledShare;
    private final int maxExemptedAccounts;

    private ControlPolicy(TrustedKeys trusted, boolean allowUnsigned, double maxDisabledShare, int maxExemptedAccounts) {
        if (allowUnsigned && !trusted.isEmpty()) {
            throw new IllegalArgumentException("--allow-unsigned-control cannot be combined with --trust-key");
        }
        if (!(maxDisabledShare >= 0 && maxDisabledShare <= 1)) {
            throw new IllegalArgumentException("--max-disabled-share must be within [0, 1], not " + maxDisabledShare);
        }
        if (maxExemptedAccounts < 0) {
            throw new IllegalArgumentException("--max-exempted-accounts must be >= 0, not " + maxExemptedAccounts);
        }
        this.trusted = trusted;
        this.allowUnsigned = allowUnsigned;
        this.maxDisabledShare = maxDisabledShare;
        this.maxExemptedAccounts = maxExemptedAccounts;
    }

    /** Signed updates only, from these keys, with the default limit on exempted accounts. */
    public static ControlPolicy signed(TrustedKeys trusted, double maxDisabledShare) {
        return signed(trusted, maxDisabledShare, DEFAULT_MAX_EXEMPTED_ACCOUNTS);
    }

    /** Signed updates only, from these keys. */
    public static ControlPolicy signed(TrustedKeys trusted, double maxDisabledShare, int maxExemptedAccounts) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("signed control needs at least one trusted key");
        }
        return new ControlPolicy(trusted, false, maxDisabledShare, maxExemptedAccounts);
    }

    /** No trusted key and no --allow-unsigned-control: every control update is refused. */
    public static ControlPolicy refuseAll() {
        return new ControlPolicy(TrustedKeys.none(), false, DEFAULT_MAX_DISABLED_SHARE, DEFAULT_MAX_EXEMPTED_ACCOUNTS);
    }

    /** {@code --allow-unsigned-control}: updates are taken unverified (local demo and tests only). */
    public static ControlPolicy unsigned() {
        return new ControlPolicy(TrustedKeys.none(), true, DEFAULT_MAX_DISABLED_SHARE, DEFAULT_MAX_EXEMPTED_ACCOUNTS);
    }

    public boolean allowsUnsigned() {
        return allowUnsigned;
    }

    public double maxDisabledShare() {
        return maxDisabledShare;
    }

    /** Accounts an exemption-set update may exempt anew (added or changed exemptions) without an extra signature. */
    public int maxExemptedAccounts() {
        return maxExemptedAccounts;
    }

    /** Signatures a change needs: the configured number, one more when it could blind screening. */
    public int required(boolean blinding) {
        return trusted.required() + (blinding ? 1 : 0);
    }

    /** Checks where a control message comes from and returns its content, or throws {@link ControlRejected}. */
    public ControlUpdate admit(ControlMessage m) {
        if (m.getKind() == null) {
            throw new ControlRejected("no kind");
        }
        if (m.getBundle() != null) {
            return admitBundle(m);
        }
        if (!allowUnsigned) {
            throw new ControlRejected(trusted.isEmpty()
                    ? "control updates are refused: the job has no trusted keys (--trust-key) and was not started with --allow-unsigned-control"
                    : "unsigned: the job accepts rule-set and parameter updates only as bundles signed by "
                            + trusted.required() + " of its trusted keys " + trusted.keyIds());
        }
        if (m.getKind() == ControlKind.PARAMETERS) {
            if (m.getParameters() == null) {
                throw new ControlRejected("PARAMETERS message without parameters text");
            }
            return new ControlUpdate(Map.of(), m.getParameters(), List.of(), "unsigned");
        }
        return new ControlUpdate(m.getFiles() == null ? Map.of() : Map.copyOf(m.getFiles()), null, List.of(), "unsigned");
    }

    /** The bytes of a message's bundle (empty when it carries none), leaving the message's buffer as it is. */
    public static byte[] bundleBytes(ControlMessage m) {
        if (m.getBundle() == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[m.getBundle().remaining()];
        m.getBundle().duplicate().get(bytes);
        return bytes;
    }

    private ControlUpdate admitBundle(ControlMessage m) {
        RuleBundle bundle;
        List<String> signers;
        try {
            bundle = RuleBundle.parse(bundleBytes(m));
            RuleBundle.Kind kind = bundle.kind();
            if (!kind.name().equals(m.getKind().name())) {
                throw new ControlRejected("the message says " + m.getKind() + " but the bundle holds a "
                        + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
            if (trusted.isEmpty()) {
                if (!allowUnsigned) {
                    throw new ControlRejected("control updates are refused: the job has no trusted keys (--trust-key)"
                            + " and was not started with --allow-unsigned-control");
                }
                signers = List.of();
            } else {
                signers = trusted.verify(bundle);
            }
        } catch (BundleException e) {
            throw new ControlRejected("bad signature: " + e.getMessage());
        }
        Map<String, String> texts = bundle.texts();
        Long issued = bundle.issued().map(java.time.Instant::toEpochMilli).orElse(null);
        if (m.getKind() == ControlKind.PARAMETERS) {
            return new ControlUpdate(Map.of(), texts.get("parameters.yaml"), signers, bundle.contentId(), issued);
        }
        return new ControlUpdate(texts, null, signers, bundle.contentId(), issued);
    }
}
