package org.htscreen.core.catalogue;

/** Which side of the exploitation a rule usually fires on. */
public enum RoleSide {
    /** Fires mostly on accounts of controllers, recruiters or facilitators. */
    CONTROLLER,
    /** Fires mostly on accounts of people who are being exploited. */
    VICTIM,
    /** Fires on either side. */
    EITHER
}
