package org.htscreen.wire;

/** A schema registry call that gave no schema, with the reason in words and whether it may work later. */
public class RegistryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean lasting;

    /**
     * @param lasting true when asking again cannot help (the content under an id never changes), false for an unknown
     *                id (it may be registered later) and an unreachable or failing registry
     */
    public RegistryException(String reason, boolean lasting, Throwable cause) {
        super(reason, cause);
        this.lasting = lasting;
    }

    public boolean lasting() {
        return lasting;
    }
}
