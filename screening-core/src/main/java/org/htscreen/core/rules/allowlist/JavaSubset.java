package org.htscreen.core.rules.allowlist;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rule code (a constraint expression, or a consequence's statements) against the allow-list on the syntax
 * tree JavaParser builds, following the static type of every expression through reflection on the allowed types'
 * method signatures (no class is initialised, nothing runs). Anything not explicitly allowed is a violation.
 */
final class JavaSubset {

    /** The type of {@code null}: assignable to anything, has no methods. */
    private static final Class<?> NULL = Void.class;
    /** A width or precision in a format specifier above this would let a rule allocate without bound. */
    private static final int MAX_FORMAT_WIDTH = 99;
    private static final Pattern FORMAT_WIDTH = Pattern.compile("%[-#+ 0,(]*(\\d+)?(?:\\.(\\d+))?[a-zA-Z%]");

    private final String file;
    private final int firstLine;
    private final List<Violation> out;
    private final Map<String, Class<?>> vars;
    /** The pattern's type whose properties a constraint reads without a qualifier; null in consequences. */
    private final Class<?> implicit;

    private JavaSubset(String file, int firstLine, List<Violation> out, Map<String, Class<?>> vars, Class<?> implicit) {
        this.file = file;
        this.firstLine = firstLine;
        this.out = out;
        this.vars = vars;
        this.implicit = implicit;
    }

    private static JavaParser parser() {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    }

    /**
     * Checks one constraint of a pattern on {@code type}; returns its type (for a binding), or null.
     *
     * @param vars the facts bound so far and the globals; a constraint's own binding is added by the caller
     */
    static Class<?> constraint(String file, int line, String text, Class<?> type, Map<String, Class<?>> vars,
            List<Violation> out) {
        ParseResult<Expression> parsed = parser().parseExpression(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            out.add(new Violation(file, line, "constraint '" + abbreviate(text)
                    + "' is not allowed: only Java expressions over the fact's properties, bound facts, $p and the"
                    + " allowed calls (Drools operators such as matches, contains, in, memberOf, from are not)"));
            return null;
        }
        return new JavaSubset(file, line, out, vars, type).type(parsed.getResult().get());
    }

    /** Checks a consequence's statements. */
    static void consequence(String file, int line, String text, Map<String, Class<?>> vars, List<Violation> out) {
        ParseResult<BlockStmt> parsed = parser().parseBlock("{" + text + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String why = parsed.getProblems().isEmpty() ? "" : ": " + parsed.getProblems().get(0).getMessage().lines()
                    .findFirst().orElse("");
            out.add(new Violation(file, line, "consequence is not allowed: it is not plain Java statements" + why));
            return;
        }
        new JavaSubset(file, line, out, new HashMap<>(vars), null).block(parsed.getResult().get());
    }

    // ---- statements ----

    private void block(BlockStmt block) {
        for (Statement s : block.getStatements()) {
            statement(s);
        }
    }

    private void statement(Statement s) {
        if (s instanceof BlockStmt b) {
            block(b);
        } else if (s instanceof EmptyStmt) {
            return;
        } else if (s instanceof IfStmt i) {
            type(i.getCondition());
            statement(i.getThenStmt());
            i.getElseStmt().ifPresent(this::statement);
        } else if (s instanceof ExpressionStmt e) {
            Expression x = e.getExpression();
            if (x instanceof MethodCallExpr || x instanceof AssignExpr || x instanceof VariableDeclarationExpr) {
                type(x);
            } else {
                refuse(x, "the statement '" + abbreviate(x.toString()) + "'");
            }
        } else {
            refuse(s, "a " + kind(s) + " statement (only local variables, if/else, assignments to locals and the"
                    + " allowed calls)");
        }
    }

    // ---- expressions: returns the static type, or null when refused ----

    private Class<?> type(Expression e) {
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return String.class;
        } else if (e instanceof IntegerLiteralExpr) {
            return int.class;
        } else if (e instanceof LongLiteralExpr) {
            return long.class;
        } else if (e instanceof DoubleLiteralExpr) {
            return double.class;
        } else if (e instanceof BooleanLiteralExpr) {
            return boolean.class;
        } else if (e instanceof CharLiteralExpr) {
            return char.class;
        } else if (e instanceof NullLiteralExpr) {
            return NULL;
        } else if (e instanceof EnclosedExpr en) {
            return type(en.getInner());
        } else if (e instanceof NameExpr n) {
            return name(n);
        } else if (e instanceof ThisExpr t && implicit != null && t.getTypeName().isEmpty()) {
            return implicit;
        } else if (e instanceof FieldAccessExpr f) {
            return fieldAccess(f);
        } else if (e instanceof MethodCallExpr m) {
            return call(m);
        } else if (e instanceof ObjectCreationExpr o) {
            return creation(o);
        } else if (e instanceof BinaryExpr b) {
            return binary(b);
        } else if (e instanceof UnaryExpr u) {
            return unary(u);
        } else if (e instanceof ConditionalExpr c) {
            type(c.getCondition());
            Class<?> a = type(c.getThenExpr());
            Class<?> b = type(c.getElseExpr());
            return a == null || a == NULL ? b : a;
        } else if (e instanceof CastExpr c) {
            String to = c.getType().asString();
            Class<?> t = to.equals("Object") ? Object.class : AllowedTypes.localType(to).orElse(null);
            type(c.getExpression());
            if (t == null || !(t.isPrimitive() || t == Object.class)) {
                return refuse(c, "a cast to " + to + " (only to Object, int, long, double, boolean)");
            }
            return t;
        } else if (e instanceof AssignExpr a && implicit == null) {
            return assign(a);
        } else if (e instanceof VariableDeclarationExpr v && implicit == null) {
            return declare(v);
        }
        return refuse(e, kind(e) + " '" + abbreviate(e.toString()) + "'");
    }

    private Class<?> name(NameExpr n) {
        String id = n.getNameAsString();
        Class<?> var = vars.get(id);
        if (var != null) {
            return var;
        }
        if (implicit != null) {
            Optional<Method> p = AllowedTypes.property(implicit, id);
            if (p.isPresent()) {
                return p.get().getReturnType();
            }
            return refuse(n, "'" + id + "': not a property of " + implicit.getSimpleName() + ", a bound fact or a global");
        }
        return refuse(n, "'" + id + "': not a local variable, a bound fact or a global");
    }

    private Class<?> fieldAccess(FieldAccessExpr f) {
        String written = f.getScope().toString();
        Optional<Class<?>> enumType = enumType(written);
        if (enumType.isPresent() && isConstant(enumType.get(), f.getNameAsString())) {
            return enumType.get();
        }
        if (implicit == null) {
            return refuse(f, "field access '" + abbreviate(f.toString()) + "' (call a getter instead)");
        }
        Class<?> scope = type(f.getScope());
        if (scope == null) {
            return null;
        }
        Optional<Method> p = AllowedTypes.property(scope, f.getNameAsString());
        if (p.isEmpty()) {
            return refuse(f, "property '" + f.getNameAsString() + "' of " + scope.getSimpleName());
        }
        return p.get().getReturnType();
    }

    private Class<?> call(MethodCallExpr m) {
        String name = m.getNameAsString();
        int argc = m.getArguments().size();
        if (m.getTypeArguments().isPresent()) {
            return refuse(m, "explicit type arguments on a call");
        }
        if (m.getScope().isEmpty()) {
            if (implicit == null) {
                return refuse(m, "the call " + name + "(...): only methods of facts, $p, $out, String.format and "
                        + "SignalSink.format/percent");
            }
            return instanceCall(m, implicit);
        }
        Expression scope = m.getScope().get();
        String written = typeName(scope);
        if (written != null) {
            Optional<Class<?>> owner = AllowedTypes.staticOwner(written);
            if (owner.isEmpty() || !AllowedTypes.staticCallAllowed(written, name)) {
                return refuse(m, "the call " + written + "." + name + "(...): the only static calls allowed are "
                        + "String.format/valueOf/join, SignalSink.format/percent, List.of and Math.min/max/abs/round/floor/ceil");
            }
            if (name.equals("format") && owner.get() == String.class) {
                checkFormat(m);
            }
            args(m);
            return owner.get().equals(Math.class) ? double.class : staticReturn(owner.get(), name, argc);
        }
        Class<?> receiver = type(scope);
        if (receiver == null) {
            args(m);
            return null;
        }
        return instanceCall(m, receiver);
    }

    private Class<?> instanceCall(MethodCallExpr m, Class<?> receiver) {
        Optional<Method> method = AllowedTypes.instanceMethod(receiver, m.getNameAsString(), m.getArguments().size());
        args(m);
        if (method.isEmpty()) {
            return refuse(m, "the call " + receiver.getSimpleName() + "." + m.getNameAsString()
                    + "(...): not a getter of a fact or an allowed method");
        }
        return method.get().getReturnType();
    }

    private void args(MethodCallExpr m) {
        m.getArguments().forEach(this::type);
    }

    /** The format string must be a literal with small widths, so a rule cannot allocate without bound. */
    private void checkFormat(MethodCallExpr m) {
        if (m.getArguments().isEmpty() || !(m.getArgument(0) instanceof StringLiteralExpr s)) {
            refuse(m, "String.format without a literal format string");
            return;
        }
        Matcher w = FORMAT_WIDTH.matcher(s.getValue());
        while (w.find()) {
            for (int g = 1; g <= 2; g++) {
                if (w.group(g) != null && (w.group(g).length() > 2 || Integer.parseInt(w.group(g)) > MAX_FORMAT_WIDTH)) {
                    refuse(m, "the format width or precision '" + w.group() + "' (at most " + MAX_FORMAT_WIDTH + ")");
                }
            }
        }
    }

    private Class<?> creation(ObjectCreationExpr o) {
        if (o.getAnonymousClassBody().isPresent()) {
            return refuse(o, "an anonymous class");
        }
        if (o.getScope().isPresent()) {
            return refuse(o, "an inner-class creation");
        }
        String written = o.getType().getNameWithScope();
        Optional<Class<?>> c = AllowedTypes.constructible(written);
        o.getArguments().forEach(this::type);
        if (c.isEmpty()) {
            return refuse(o, "new " + written + "(...): only new ArrayList, LinkedHashSet or TreeSet");
        }
        if (o.getArguments().size() > 1) {
            return refuse(o, "new " + written + " with more than one argument");
        }
        if (o.getArguments().size() == 1) {
            Class<?> arg = type(o.getArgument(0));
            if (arg != null && !Collection.class.isAssignableFrom(arg)) {
                return refuse(o, "new " + written + "(...) of anything but a collection (a capacity is not allowed)");
            }
        }
        return c.get();
    }

    private Class<?> binary(BinaryExpr b) {
        Class<?> l = type(b.getLeft());
        Class<?> r = type(b.getRight());
        String mismatch = mismatch(b.getOperator(), kind(l), kind(r));
        if (mismatch != null) {
            return refuse(b, "'" + abbreviate(b.toString()) + "': " + mismatch + " (" + words(l) + " "
                    + b.getOperator().asString() + " " + words(r) + ")");
        }
        return switch (b.getOperator()) {
            case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> boolean.class;
            case PLUS -> l == String.class || r == String.class ? String.class : double.class;
            default -> l == boolean.class ? boolean.class : double.class;
        };
    }

    /** What a static type is for the operators: a number, a boolean, a string, something else, or not known. */
    private enum Kind { NUMBER, BOOLEAN, STRING, OTHER, UNKNOWN }

    private static Kind kind(Class<?> t) {
        if (t == null || t == NULL || t == Object.class) {
            return Kind.UNKNOWN;
        } else if (t == boolean.class || t == Boolean.class) {
            return Kind.BOOLEAN;
        } else if (t == String.class) {
            return Kind.STRING;
        } else if ((t.isPrimitive() && t != void.class) || Number.class.isAssignableFrom(t) || t == Character.class) {
            return Kind.NUMBER;
        }
        return Kind.OTHER;
    }

    /**
     * Why Java would not compile an operator on operands of these kinds, or null. Drools' MVEL build lets some of
     * these through (a number compared with a string) or reports them without a line (ADR 0023), so they are refused
     * here with the line. Operands of other or unknown types are left to Drools.
     */
    private static String mismatch(BinaryExpr.Operator op, Kind l, Kind r) {
        if (l == Kind.UNKNOWN || r == Kind.UNKNOWN) {
            return null;
        }
        return switch (op) {
            case AND, OR -> l != Kind.BOOLEAN && l != Kind.OTHER || r != Kind.BOOLEAN && r != Kind.OTHER
                    ? "'" + op.asString() + "' joins conditions (booleans)" : null;
            case LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> (l == Kind.NUMBER) != (r == Kind.NUMBER)
                    && (l != Kind.OTHER && r != Kind.OTHER) || l == Kind.BOOLEAN || r == Kind.BOOLEAN
                    ? "an order comparison of values of different types" : null;
            case EQUALS, NOT_EQUALS -> l != r && l != Kind.OTHER && r != Kind.OTHER
                    ? "an equality between values of different types" : null;
            case PLUS -> l != Kind.STRING && r != Kind.STRING && (l == Kind.BOOLEAN || r == Kind.BOOLEAN)
                    ? "arithmetic on a boolean" : null;
            case MINUS, MULTIPLY, DIVIDE, REMAINDER -> l == Kind.STRING || r == Kind.STRING || l == Kind.BOOLEAN
                    || r == Kind.BOOLEAN ? "arithmetic on a " + (l == Kind.STRING || r == Kind.STRING ? "string" : "boolean")
                    : null;
            default -> null;
        };
    }

    private static String words(Class<?> t) {
        return t.getSimpleName();
    }

    private Class<?> unary(UnaryExpr u) {
        Class<?> t = type(u.getExpression());
        if (u.getOperator().isPrefix() && u.getOperator() != UnaryExpr.Operator.PREFIX_INCREMENT
                && u.getOperator() != UnaryExpr.Operator.PREFIX_DECREMENT) {
            Kind k = kind(t);
            boolean not = u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT;
            if (not ? k == Kind.NUMBER || k == Kind.STRING : k == Kind.BOOLEAN || k == Kind.STRING) {
                return refuse(u, "'" + abbreviate(u.toString()) + "': " + (not ? "'!' of a " : "a sign on a ")
                        + words(t) + " (" + (not ? "'!' negates a boolean" : "signs apply to numbers") + ")");
            }
            return t;
        }
        return refuse(u, "increment or decrement");
    }

    private Class<?> assign(AssignExpr a) {
        if (!(a.getTarget() instanceof NameExpr n) || !isLocal(n.getNameAsString())) {
            return refuse(a, "an assignment to anything but a local variable");
        }
        type(a.getValue());
        return vars.get(n.getNameAsString());
    }

    private Class<?> declare(VariableDeclarationExpr v) {
        for (VariableDeclarator d : v.getVariables()) {
            String written = d.getType().asString();
            Class<?> t;
            if (written.equals("var")) {
                t = d.getInitializer().map(this::type).orElse(null);
            } else {
                t = AllowedTypes.localType(written).orElse(null);
                d.getInitializer().ifPresent(this::type);
            }
            if (t == null || t == NULL) {
                refuse(d, "a local variable of type " + written
                        + " (allowed: boolean, int, long, double, String, List, Set, Collection, ArrayList, LinkedHashSet, TreeSet)");
                continue;
            }
            if (vars.containsKey(d.getNameAsString())) {
                refuse(d, "a local variable named like a bound fact or global: " + d.getNameAsString());
                continue;
            }
            vars.put(d.getNameAsString(), t);
            locals.add(d.getNameAsString());
        }
        return null;
    }

    private final java.util.Set<String> locals = new java.util.HashSet<>();

    private boolean isLocal(String name) {
        return locals.contains(name);
    }

    /** The qualified name an expression spells when it names a type rather than a value, else null. */
    private String typeName(Expression scope) {
        if (scope instanceof NameExpr n) {
            String id = n.getNameAsString();
            if (vars.containsKey(id) || (implicit != null && AllowedTypes.property(implicit, id).isPresent())) {
                return null;
            }
            return id;
        }
        if (scope instanceof FieldAccessExpr f) {
            String root = typeName(f.getScope());
            return root == null ? null : root + "." + f.getNameAsString();
        }
        return null;
    }

    private Optional<Class<?>> enumType(String written) {
        Class<?> imported = vars.get("#type:" + written);
        if (imported != null && imported.isEnum()) {
            return Optional.of(imported);
        }
        return AllowedTypes.importable(written).filter(Class::isEnum);
    }

    private static boolean isConstant(Class<?> enumType, String name) {
        for (Object c : enumType.getEnumConstants() == null ? new Object[0] : enumType.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> staticReturn(Class<?> owner, String name, int argc) {
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name) && (m.getParameterCount() == argc || m.isVarArgs())) {
                return m.getReturnType();
            }
        }
        return Object.class;
    }

    private Class<?> refuse(Node node, String what) {
        int line = firstLine + node.getBegin().map(p -> p.line).orElse(1) - 1;
        out.add(new Violation(file, line, what + " is not allowed"));
        return null;
    }

    private static String kind(Node n) {
        String s = n.getClass().getSimpleName().replace("Stmt", "").replace("Expr", "");
        return s.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
