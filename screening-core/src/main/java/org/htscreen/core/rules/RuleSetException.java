package org.htscreen.core.rules;

/**
 * A rule set, catalogue or reference file that cannot be used. The message names the file and line and, for
 * DRL, carries Drools' own messages. The running rule set (if any) stays in force.
 */
public class RuleSetException extends RuntimeException {
    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
