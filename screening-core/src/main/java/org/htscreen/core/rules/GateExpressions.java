package org.htscreen.core.rules;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.htscreen.core.params.Parameters;

/**
 * The part of a DRL constraint a gate can decide on one fact alone (ADR 0022): boolean properties, numeric
 * properties, {@code $p.count("...")} and {@code $p.num("...")}, number literals, comparisons, {@code &&},
 * {@code ||}, {@code !}, and {@code + - *} where one side is a double (so Java and Drools compute the same double).
 * Everything else (other bindings, calls, strings, {@code ==} on objects, division, integer arithmetic, DRL-only
 * syntax) is <em>unknown</em>. Evaluation is three-valued: a gate is shut only when its constraints are false for
 * certain; unknown keeps it open, so a gate is never narrower than the rule.
 */
final class GateExpressions {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    private static final Set<BinaryExpr.Operator> COMPARISONS = Set.of(BinaryExpr.Operator.LESS,
            BinaryExpr.Operator.LESS_EQUALS, BinaryExpr.Operator.GREATER, BinaryExpr.Operator.GREATER_EQUALS,
            BinaryExpr.Operator.EQUALS, BinaryExpr.Operator.NOT_EQUALS);
    private static final Set<BinaryExpr.Operator> ARITHMETIC = Set.of(BinaryExpr.Operator.PLUS,
            BinaryExpr.Operator.MINUS, BinaryExpr.Operator.MULTIPLY);

    private GateExpressions() {
    }

    /** A condition on one evaluation's facts, unbound (fact types, not positions). */
    interface Gate {
        Gate ALWAYS = new Gate() {
            @Override
            public BoundGate bind(List<Class<?>> factTypes) {
                return (facts, p) -> UNKNOWN;
            }

            @Override
            public boolean canBeFalse() {
                return false;
            }

            @Override
            public boolean canBeTrue() {
                return false;
            }

            @Override
            public String toString() {
                return "?";
            }
        };

        BoundGate bind(List<Class<?>> factTypes);

        /** Whether some facts make it FALSE (not only UNKNOWN or TRUE). */
        default boolean canBeFalse() {
            return true;
        }

        /** Whether some facts make it TRUE. */
        default boolean canBeTrue() {
            return true;
        }

        /** The conjunction, without the parts that are never false; ALWAYS when nothing is left. */
        static Gate all(List<Gate> parts) {
            List<Gate> kept = parts.stream().filter(Gate::canBeFalse).toList();
            Gate g = kept.isEmpty() ? ALWAYS : kept.get(0);
            for (int i = 1; i < kept.size(); i++) {
                g = new And(g, kept.get(i));
            }
            return g;
        }
    }

    /** A gate bound to fact positions: FALSE, TRUE or UNKNOWN for one evaluation. */
    @FunctionalInterface
    interface BoundGate {
        int test(Object[] facts, Parameters p);
    }

    /** A number, unbound. */
    private interface Num {
        BoundNum bind(List<Class<?>> factTypes);

        /** Whether the value is an int or a long (integer arithmetic is left unknown). */
        boolean integral();
    }

    /** A number bound to fact positions; NaN when unknown. */
    @FunctionalInterface
    private interface BoundNum {
        double value(Object[] facts, Parameters p);
    }

    /** The gate of one constraint of a pattern on {@code type}. */
    static Gate constraint(String text, Class<?> type) {
        ParseResult<Expression> parsed;
        try {
            parsed = new JavaParser().parseExpression(text);
        } catch (RuntimeException e) {
            return Gate.ALWAYS;
        }
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return Gate.ALWAYS;   // DRL-only syntax (bindings, 'in', abbreviated ranges)
        }
        return bool(parsed.getResult().get(), type);
    }

    private static Gate bool(Expression e, Class<?> type) {
        if (e instanceof EnclosedExpr en) {
            return bool(en.getInner(), type);
        }
        if (e instanceof BooleanLiteralExpr b) {
            return new Constant(b.getValue());
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            return known(new Not(bool(u.getExpression(), type)));
        }
        if (e instanceof NameExpr n) {
            Method m = getter(type, n.getNameAsString());
            return m != null && m.getReturnType() == boolean.class
                    ? new Flag(type, n.getNameAsString(), predicate(type, m)) : Gate.ALWAYS;
        }
        if (e instanceof BinaryExpr b) {
            if (b.getOperator() == BinaryExpr.Operator.AND || b.getOperator() == BinaryExpr.Operator.OR) {
                // no simplification: in three-valued logic "a && ?" is not "a" once negated
                Gate l = bool(b.getLeft(), type);
                Gate r = bool(b.getRight(), type);
                return known(b.getOperator() == BinaryExpr.Operator.AND ? new And(l, r) : new Or(l, r));
            }
            if (COMPARISONS.contains(b.getOperator())) {
                Num l = num(b.getLeft(), type);
                Num r = num(b.getRight(), type);
                return l == null || r == null ? Gate.ALWAYS : new Compare(l, b.getOperator(), r);
            }
        }
        return Gate.ALWAYS;
    }

    /** ALWAYS for a condition that is UNKNOWN whatever the facts. */
    private static Gate known(Gate g) {
        return g.canBeFalse() || g.canBeTrue() ? g : Gate.ALWAYS;
    }

    private static Num num(Expression e, Class<?> type) {
        if (e instanceof EnclosedExpr en) {
            return num(en.getInner(), type);
        }
        if (e instanceof IntegerLiteralExpr i) {
            Number v = i.asNumber();
            return new Literal(v.doubleValue(), true, i.getValue());
        }
        if (e instanceof DoubleLiteralExpr d) {
            return new Literal(d.asDouble(), false, d.getValue());
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            Num inner = num(u.getExpression(), type);
            return inner == null ? null : new Negated(inner);
        }
        if (e instanceof NameExpr n) {
            Method m = getter(type, n.getNameAsString());
            if (m == null) {
                return null;
            }
            Class<?> r = m.getReturnType();
            boolean integral = r == int.class || r == long.class || r == short.class;
            return integral || r == double.class || r == float.class
                    ? new NumProperty(type, n.getNameAsString(), toDouble(type, m), integral) : null;
        }
        if (e instanceof MethodCallExpr c && c.getScope().isPresent() && c.getScope().get() instanceof NameExpr scope
                && scope.getNameAsString().equals(RuleSession.PARAMETERS_GLOBAL) && c.getArguments().size() == 1
                && c.getArguments().get(0) instanceof StringLiteralExpr key
                && (c.getNameAsString().equals("count") || c.getNameAsString().equals("num"))) {
            return new Param(c.getNameAsString().equals("count"), key.asString());
        }
        if (e instanceof BinaryExpr b && ARITHMETIC.contains(b.getOperator())) {
            Num l = num(b.getLeft(), type);
            Num r = num(b.getRight(), type);
            if (l == null || r == null || (l.integral() && r.integral())) {
                return null;
            }
            return new Arithmetic(l, b.getOperator(), r);
        }
        return null;
    }

    /** The public instance getter of a property ({@code isX} or {@code getX}) without arguments, or null. */
    private static Method getter(Class<?> type, String property) {
        if (property.startsWith("$")) {
            return null;
        }
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String name : List.of("is" + cap, "get" + cap)) {
            try {
                Method m = type.getMethod(name);
                if (!Modifier.isStatic(m.getModifiers()) && (name.startsWith("get") || m.getReturnType() == boolean.class)) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the other spelling
            }
        }
        return null;
    }

    /** A boolean getter as a generated {@code Predicate} (a direct call, no reflection per use). */
    @SuppressWarnings("unchecked")
    private static Predicate<Object> predicate(Class<?> type, Method m) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle getter = lookup.unreflect(m);
            return (Predicate<Object>) LambdaMetafactory.metafactory(lookup, "test",
                    MethodType.methodType(Predicate.class), MethodType.methodType(boolean.class, Object.class),
                    getter, MethodType.methodType(boolean.class, type)).getTarget().invokeExact();
        } catch (Throwable e) {
            return fact -> {
                try {
                    return (boolean) m.invoke(fact);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            };
        }
    }

    /** A numeric getter as a generated {@code ToDoubleFunction} (int and long widened as Java does). */
    @SuppressWarnings("unchecked")
    private static ToDoubleFunction<Object> toDouble(Class<?> type, Method m) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle getter = lookup.unreflect(m);
            return (ToDoubleFunction<Object>) LambdaMetafactory.metafactory(lookup, "applyAsDouble",
                    MethodType.methodType(ToDoubleFunction.class), MethodType.methodType(double.class, Object.class),
                    getter, MethodType.methodType(double.class, type)).getTarget().invokeExact();
        } catch (Throwable e) {
            return fact -> {
                try {
                    return ((Number) m.invoke(fact)).doubleValue();
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            };
        }
    }

    private static int position(List<Class<?>> factTypes, Class<?> type) {
        return factTypes.indexOf(type);
    }

    // ---- conditions ----

    private record Constant(boolean value) implements Gate {
        @Override
        public boolean canBeFalse() {
            return !value;
        }

        @Override
        public boolean canBeTrue() {
            return value;
        }

        @Override
        public BoundGate bind(List<Class<?>> factTypes) {
            int v = value ? TRUE : FALSE;
            return (facts, p) -> v;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    private record Flag(Class<?> type, String name, Predicate<Object> getter) implements Gate {
        @Override
        public BoundGate bind(List<Class<?>> factTypes) {
            int i = position(factTypes, type);
            if (i < 0) {
                return (facts, p) -> UNKNOWN;   // not a fact of this session
            }
            return (facts, p) -> getter.test(facts[i]) ? TRUE : FALSE;
        }

        @Override
        public String toString() {
            return type.getSimpleName() + "." + name;
        }
    }

    private record Not(Gate inner) implements Gate {
        @Override
        public boolean canBeFalse() {
            return inner.canBeTrue();
        }

        @Override
        public boolean canBeTrue() {
            return inner.canBeFalse();
        }

        @Override
        public BoundGate bind(List<Class<?>> factTypes) {
            BoundGate g = inner.bind(factTypes);
            return (facts, p) -> {
                int v = g.test(facts, p);
                return v == UNKNOWN ? UNKNOWN : v == TRUE ? FALSE : TRUE;
            };
        }

        @Override
        public String toString() {
            return "!" + (inner instanceof And || inner instanceof Or || inner instanceof Compare ? "(" + inner + ")" : inner);
        }
    }

    private record And(Gate left, Gate right) implements Gate {
        @Override
        public boolean canBeFalse() {
            return left.canBeFalse() || right.canBeFalse();
        }

        @Override
        public boolean canBeTrue() {
            return left.canBeTrue() && right.canBeTrue();
        }

        @Override
        public BoundGate bind(List<Class<?>> factTypes) {
            BoundGate l = left.bind(factTypes);
            BoundGate r = right.bind(factTypes);
            return (facts, p) -> {
                int a = l.test(facts, p);
                if (a == FALSE) {
                    return FALSE;
                }
                int b = r.test(facts, p);
                return b == FALSE ? FALSE : a == TRUE && b == TRUE ? TRUE : UNKNOWN;
            };
        }

        @Override
        public String toString() {
            return wrap(left, this) + " && " + wrap(right, this);
        }
    }

    private record Or(Gate left, Gate right) implements Gate {
        @Override
        public boolean canBeFalse() {
            return left.canBeFalse() && right.canBeFalse();
        }

        @Override
        public boolean canBeTrue() {
            return left.canBeTrue() || right.canBeTrue();
        }

        @Override
        public BoundGate bind(List<Class<?>> factTypes) {
            BoundGate l = left.bind(factTypes);
            BoundGate r = right.bind(factTypes);
            return (facts, p) -> {
                int a = l.test(facts, p);
                if (a == TRUE) {
                    return TRUE;
                }
                int b = r.test(facts, p);
                return b == TRUE ? TRUE : a == FALSE && b == FALSE ? FALSE : UNKNOWN;
            };
        }

        @Override
        public String toString() {
            return wrap(left, this) + " || " + wrap(right, this);
        }
    }

    private static String wrap(Gate g, Gate parent) {
        return (g instanceof And || g instanceof Or) && g.getClass() != parent.getClass() ? "(" + g + ")" : g.toString();
    }

    private record Compare(Num left, BinaryExpr.Operator op, Num right) implements Gate {
        @Override
        public BoundGate bind(List<Class<?>> factTypes) {
            BoundNum l = left.bind(factTypes);
            BoundNum r = right.bind(factTypes);
            BinaryExpr.Operator o = op;
            return (facts, p) -> {
                double a = l.value(facts, p);
                double b = r.value(facts, p);
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return UNKNOWN;
                }
                boolean v = switch (o) {
                    case LESS -> a < b;
                    case LESS_EQUALS -> a <= b;
                    case GREATER -> a > b;
                    case GREATER_EQUALS -> a >= b;
                    case EQUALS -> a == b;
                    default -> a != b;
                };
                return v ? TRUE : FALSE;
            };
        }

        @Override
        public String toString() {
            return left + " " + op.asString() + " " + right;
        }
    }

    // ---- numbers ----

    private record Literal(double value, boolean integral, String text) implements Num {
        @Override
        public BoundNum bind(List<Class<?>> factTypes) {
            return (facts, p) -> value;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private record Negated(Num inner) implements Num {
        @Override
        public BoundNum bind(List<Class<?>> factTypes) {
            BoundNum n = inner.bind(factTypes);
            return (facts, p) -> -n.value(facts, p);
        }

        @Override
        public boolean integral() {
            return inner.integral();
        }

        @Override
        public String toString() {
            return "-" + inner;
        }
    }

    private record NumProperty(Class<?> type, String name, ToDoubleFunction<Object> getter, boolean integral)
            implements Num {
        @Override
        public BoundNum bind(List<Class<?>> factTypes) {
            int i = position(factTypes, type);
            if (i < 0) {
                return (facts, p) -> Double.NaN;
            }
            return (facts, p) -> getter.applyAsDouble(facts[i]);
        }

        @Override
        public String toString() {
            return type.getSimpleName() + "." + name;
        }
    }

    private record Param(boolean count, String key) implements Num {
        @Override
        public BoundNum bind(List<Class<?>> factTypes) {
            // bound per session (one thread): the value is looked up once per parameter set
            return new BoundNum() {
                private Parameters seen;
                private double value;

                @Override
                public double value(Object[] facts, Parameters p) {
                    if (p != seen) {
                        value = resolve(p);
                        seen = p;
                    }
                    return value;
                }
            };
        }

        private double resolve(Parameters p) {
            try {
                return count ? p.count(key) : p.num(key);
            } catch (RuntimeException e) {
                return Double.NaN;   // Drools reports the unknown parameter
            }
        }

        @Override
        public boolean integral() {
            return count;
        }

        @Override
        public String toString() {
            return "$p." + (count ? "count" : "num") + "(\"" + key + "\")";
        }
    }

    private record Arithmetic(Num left, BinaryExpr.Operator op, Num right) implements Num {
        @Override
        public BoundNum bind(List<Class<?>> factTypes) {
            BoundNum l = left.bind(factTypes);
            BoundNum r = right.bind(factTypes);
            return switch (op) {
                case PLUS -> (facts, p) -> l.value(facts, p) + r.value(facts, p);
                case MINUS -> (facts, p) -> l.value(facts, p) - r.value(facts, p);
                default -> (facts, p) -> l.value(facts, p) * r.value(facts, p);
            };
        }

        @Override
        public boolean integral() {
            return false;
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.asString() + " " + right + ")";
        }
    }
}
