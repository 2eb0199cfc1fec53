package org.htscreen.core.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An account's distinct strings, each once in order of first use; a string is referred to by its position. */
final class StringDictionary {

    private final Map<String, Integer> refs = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    /** The reference of a (non-null) string, adding it when it is new. */
    int ref(String s) {
        Integer ref = refs.get(s);
        if (ref == null) {
            ref = strings.size();
            strings.add(s);
            refs.put(s, ref);
        }
        return ref;
    }

    /** The strings in reference order. */
    List<String> strings() {
        return strings;
    }

    /** The string a reference stands for in a decoded dictionary. */
    static String resolve(String[] strings, int ref, String column) {
        if (ref < 0 || ref >= strings.length) {
            throw StoredStates.corrupt(column + " refers to string " + ref + " of " + strings.length);
        }
        return strings[ref];
    }
}
