package org.htscreen.core.catalogue;

/** Value type of a rule or engine parameter. */
public enum ParameterType {
    INTEGER, NUMBER, BOOLEAN
}
