package org.htscreen.core.rules.allowlist;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.htscreen.core.features.CustomerProfile;
import org.htscreen.core.features.ScreenedTransaction;
import org.htscreen.core.params.Parameters;
import org.htscreen.core.rules.SignalSink;

/**
 * What rule code may name and call (the analysts' contract, docs/rules-allow-list.md): the project's fact types
 * and their getters, the globals {@code $p} and {@code $out}, {@code String.format} and the formatting helpers,
 * and a few methods of strings, numbers and lists. Everything else is refused.
 */
final class AllowedTypes {

    /** Package of the fact types rules match: ScreenedTransaction, CustomerProfile and every {@code *Features}. */
    static final String FEATURES_PACKAGE = "org.htscreen.core.features.";
    /** Package of the generated Avro records (getters only) and enums a fact may return. */
    static final String AVRO_PACKAGE = "org.htscreen.avro.";

    /** The globals every DRL file declares, by name and type. */
    static final Map<String, Class<?>> GLOBALS = Map.of("$p", Parameters.class, "$out", SignalSink.class);

    /** Static calls allowed, by the class as written (simple or qualified name) and method names. */
    private static final Map<String, Set<String>> STATIC_CALLS = Map.of(
            "String", Set.of("format", "valueOf", "join"),
            "SignalSink", Set.of("format", "percent"),
            "List", Set.of("of"),
            "Math", Set.of("min", "max", "abs", "round", "floor", "ceil"));
    private static final Map<String, Class<?>> STATIC_CLASSES = Map.of(
            "String", String.class, "SignalSink", SignalSink.class, "List", List.class, "Math", Math.class);
    private static final Map<String, String> QUALIFIED = Map.of(
            "java.lang.String", "String", "org.htscreen.core.rules.SignalSink", "SignalSink",
            "java.util.List", "List", "java.lang.Math", "Math");

    /** Classes rule code may create with {@code new}: empty, or a copy of a collection. */
    private static final Map<String, Class<?>> CONSTRUCTIBLE = Map.of(
            "ArrayList", java.util.ArrayList.class, "java.util.ArrayList", java.util.ArrayList.class,
            "LinkedHashSet", java.util.LinkedHashSet.class, "java.util.LinkedHashSet", java.util.LinkedHashSet.class,
            "TreeSet", java.util.TreeSet.class, "java.util.TreeSet", java.util.TreeSet.class);

    /** Methods of JDK value types rule code may call. */
    private static final Set<String> STRING_METHODS = Set.of("length", "isEmpty", "isBlank", "equals",
            "equalsIgnoreCase", "startsWith", "endsWith", "contains", "toLowerCase", "toUpperCase", "trim", "strip",
            "substring", "indexOf", "lastIndexOf", "compareTo", "charAt", "concat", "toString");
    private static final Set<String> COLLECTION_METHODS = Set.of("size", "isEmpty", "contains", "containsAll",
            "get", "add", "addAll", "indexOf", "equals", "toString", "getOrDefault", "containsKey");
    private static final Set<String> NUMBER_METHODS = Set.of("intValue", "longValue", "doubleValue",
            "booleanValue", "compareTo", "equals", "signum", "toString", "toPlainString");
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "toString");
    private static final Set<String> ENUM_METHODS = Set.of("name", "equals", "toString", "compareTo", "ordinal");

    /** Names never callable, whatever the type (reflection, class loaders, serialisation hooks, Avro internals). */
    private static final Set<String> DENIED = Set.of("getClass", "getClassLoader", "getDeclaringClass", "getSchema",
            "getSpecificData", "getConversion", "put", "customEncode", "customDecode", "writeExternal",
            "readExternal", "notify", "notifyAll", "wait", "hashCode", "finalize", "clone");

    private AllowedTypes() {
    }

    /** A type the DRL may import: the fact types, the globals' types and the Avro enums. */
    static Optional<Class<?>> importable(String qualifiedName) {
        if (qualifiedName.equals(Parameters.class.getName()) || qualifiedName.equals(SignalSink.class.getName())) {
            return Optional.of(load(qualifiedName));
        }
        if (qualifiedName.startsWith(FEATURES_PACKAGE) && isFactName(qualifiedName.substring(FEATURES_PACKAGE.length()))) {
            return Optional.ofNullable(tryLoad(qualifiedName));
        }
        if (qualifiedName.startsWith(AVRO_PACKAGE)) {
            Class<?> c = tryLoad(qualifiedName);
            return c != null && c.isEnum() ? Optional.of(c) : Optional.empty();
        }
        return Optional.empty();
    }

    /** A type rules may match as a pattern: ScreenedTransaction, CustomerProfile, the families' features. */
    static boolean isFact(Class<?> c) {
        return c.getName().startsWith(FEATURES_PACKAGE) && isFactName(c.getSimpleName());
    }

    private static boolean isFactName(String simple) {
        return simple.equals(ScreenedTransaction.class.getSimpleName())
                || simple.equals(CustomerProfile.class.getSimpleName())
                || (simple.endsWith("Features") && !simple.equals("FamilyFeatures") && !simple.contains("."));
    }

    /** The class of an allowed static call's owner as written ({@code String}, {@code java.util.List}), if any. */
    static Optional<Class<?>> staticOwner(String written) {
        String simple = QUALIFIED.getOrDefault(written, written);
        return Optional.ofNullable(STATIC_CLASSES.get(simple));
    }

    /** Whether {@code owner.name(...)} is an allowed static call. */
    static boolean staticCallAllowed(String written, String name) {
        String simple = QUALIFIED.getOrDefault(written, written);
        return STATIC_CALLS.getOrDefault(simple, Set.of()).contains(name);
    }

    /** A class rule code may create, as written. */
    static Optional<Class<?>> constructible(String written) {
        return Optional.ofNullable(CONSTRUCTIBLE.get(written));
    }

    /** Types a consequence may declare a local variable of. */
    static Optional<Class<?>> localType(String written) {
        String raw = written.replaceAll("<.*>", "").strip();
        return switch (raw) {
            case "boolean" -> Optional.of(boolean.class);
            case "int" -> Optional.of(int.class);
            case "long" -> Optional.of(long.class);
            case "double" -> Optional.of(double.class);
            case "String", "java.lang.String" -> Optional.of(String.class);
            case "List", "java.util.List" -> Optional.of(List.class);
            case "Set", "java.util.Set" -> Optional.of(Set.class);
            case "Collection", "java.util.Collection" -> Optional.of(Collection.class);
            default -> constructible(raw);
        };
    }

    /**
     * The allowed public instance method {@code name} of {@code receiver} taking {@code args} arguments, if any:
     * a public method of a fact or global type, a getter of an Avro record, or a method from the short lists of
     * strings, numbers, collections and enums.
     */
    static Optional<Method> instanceMethod(Class<?> receiver, String name, int args) {
        if (DENIED.contains(name) || receiver.isPrimitive() || receiver.isArray()) {
            return Optional.empty();
        }
        Optional<Method> m = Arrays.stream(receiver.getMethods())
                .filter(x -> x.getName().equals(name) && !Modifier.isStatic(x.getModifiers()))
                .filter(x -> x.getParameterCount() == args || (x.isVarArgs() && args >= x.getParameterCount() - 1))
                .findFirst();
        if (m.isEmpty()) {
            return m;
        }
        Class<?> declaring = m.get().getDeclaringClass();
        boolean allowed;
        if (receiver.isEnum() && receiver.getName().startsWith(AVRO_PACKAGE)) {
            allowed = ENUM_METHODS.contains(name);
        } else if (receiver.getName().startsWith(AVRO_PACKAGE)) {
            allowed = declaring == receiver && args == 0 && isGetterName(name);
        } else if (isFact(receiver) || receiver == Parameters.class || receiver == SignalSink.class
                || receiver == SignalSink.Draft.class) {
            allowed = declaring == receiver || OBJECT_METHODS.contains(name);
        } else if (CharSequence.class.isAssignableFrom(receiver)) {
            allowed = STRING_METHODS.contains(name);
        } else if (Collection.class.isAssignableFrom(receiver) || Map.class.isAssignableFrom(receiver)) {
            allowed = COLLECTION_METHODS.contains(name);
        } else if (Number.class.isAssignableFrom(receiver) || receiver == Boolean.class || receiver == BigDecimal.class) {
            allowed = NUMBER_METHODS.contains(name);
        } else if (receiver == Object.class) {
            allowed = OBJECT_METHODS.contains(name);
        } else {
            allowed = false;
        }
        return allowed ? m : Optional.empty();
    }

    /** Property {@code name} of {@code type} as a constraint reads it: {@code getName()}, {@code isName()} or {@code name()}. */
    static Optional<Method> property(Class<?> type, String name) {
        if (name.isEmpty() || name.equals("class")) {
            return Optional.empty();
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of("get" + cap, "is" + cap, name)) {
            Optional<Method> m = instanceMethod(type, candidate, 0);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static boolean isGetterName(String name) {
        return (name.startsWith("get") && name.length() > 3 && Character.isUpperCase(name.charAt(3)))
                || (name.startsWith("is") && name.length() > 2 && Character.isUpperCase(name.charAt(2)))
                || (name.startsWith("has") && name.length() > 3 && Character.isUpperCase(name.charAt(3)));
    }

    private static Class<?> load(String name) {
        Class<?> c = tryLoad(name);
        if (c == null) {
            throw new IllegalStateException("class " + name + " not found");
        }
        return c;
    }

    /** Loads a class without initialising it: no static initialiser runs. */
    private static Class<?> tryLoad(String name) {
        try {
            return Class.forName(name, false, AllowedTypes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
