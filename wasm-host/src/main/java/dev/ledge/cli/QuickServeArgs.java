package dev.ledge.cli;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads a plain {@code ledge serve} command line without building picocli's model of every
 * command, which in a JVM just started takes a few hundred milliseconds (picocli's classes are of
 * a class-file version the JVM's class-data archives cannot hold). It reads the same
 * {@code @Option}, {@code @Mixin} and {@code @Parameters} annotations of {@link ServeCommand} and
 * handles only options given as {@code --name VALUE}, {@code --name=VALUE} or a flag, and at most
 * one module file; for anything else (help, version, an unknown option, an odd value, an option
 * declared in a way not handled here) it gives null and picocli reads the command line as before.
 */
final class QuickServeArgs {
    /** Picocli's marker for an option without a default value. */
    private static final String NO_DEFAULT = "__no_default_value__";

    /**
     * One option: the field it sets and the object holding that field (the command or a mixin). A
     * plain class, not a record: a record's hashCode is bootstrapped through method handles, which
     * costs more in a cold JVM than this whole reader.
     */
    private static final class Target {
        private final Field field;
        private final Object holder;
        private final Option option;

        Target(Field field, Object holder, Option option) {
            this.field = field;
            this.holder = holder;
            this.option = option;
        }

        Field field() {
            return field;
        }

        Object holder() {
            return holder;
        }

        Option option() {
            return option;
        }
    }

    private QuickServeArgs() {
    }

    /** The serve command read from {@code args} ({@code serve} first), or null to leave it to picocli. */
    static ServeCommand parse(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return null;
        }
        try {
            return read(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ServeCommand read(String[] args) throws ReflectiveOperationException {
        ServeCommand cmd = new ServeCommand();
        Map<String, Target> byName = new HashMap<>();
        Field positional = null;
        for (Field f : ServeCommand.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                if (!add(byName, f, cmd)) {
                    return null;
                }
            } else if (f.isAnnotationPresent(Mixin.class)) {
                f.setAccessible(true);
                Object mixin = f.get(cmd);
                for (Field m : f.getType().getDeclaredFields()) {
                    if (m.isAnnotationPresent(Option.class) && !add(byName, m, mixin)) {
                        return null;
                    }
                }
            } else if (f.isAnnotationPresent(Parameters.class)) {
                Parameters p = f.getAnnotation(Parameters.class);
                if (positional != null || !p.index().equals("0") || f.getType() != Path.class) {
                    return null;
                }
                positional = f;
            }
        }
        java.util.Set<Target> given = new java.util.HashSet<>();
        boolean positionalGiven = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@")) {
                return null; // picocli's argument files
            }
            if (!a.startsWith("-")) {
                if (positional == null || positionalGiven) {
                    return null;
                }
                positional.setAccessible(true);
                positional.set(cmd, Path.of(a));
                positionalGiven = true;
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            Target t = byName.get(eq > 0 ? a.substring(0, eq) : a);
            if (t == null) {
                return null;
            }
            Class<?> type = t.field().getType();
            if (type == boolean.class) {
                if (eq > 0 || given.contains(t)) {
                    return null;
                }
                t.field().setBoolean(t.holder(), true);
            } else {
                String value;
                if (eq > 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.length && !args[i + 1].startsWith("-") && !args[i + 1].startsWith("@")) {
                    value = args[++i];
                } else {
                    return null;
                }
                if (!set(t, value, given.contains(t))) {
                    return null;
                }
            }
            given.add(t);
        }
        for (Target t : new java.util.HashSet<>(byName.values())) {
            String def = t.option().defaultValue();
            if (!given.contains(t) && !def.equals(NO_DEFAULT) && !set(t, def, false)) {
                return null;
            }
        }
        return cmd;
    }

    /** Registers the option {@code f} of {@code holder}; false when it is declared in a way not handled here. */
    private static boolean add(Map<String, Target> byName, Field f, Object holder) {
        Option o = f.getAnnotation(Option.class);
        if (!o.arity().isEmpty() || !o.split().isEmpty() || o.converter().length > 0 || o.negatable() || o.help()
                || o.usageHelp() || o.versionHelp() || o.interactive() || o.required() || o.defaultValue().contains("${")
                || !o.fallbackValue().isEmpty() || kind(f) == null) {
            return false;
        }
        f.setAccessible(true);
        Target t = new Target(f, holder, o);
        for (String n : o.names()) {
            if (byName.putIfAbsent(n, t) != null) {
                return false;
            }
        }
        return true;
    }

    /** The type of value an option field takes ({@code Path}, {@code String}, a number, a flag, or a list of paths or strings), or null. */
    private static Class<?> kind(Field f) {
        Class<?> t = f.getType();
        if (t == List.class && f.getGenericType() instanceof ParameterizedType p
                && (p.getActualTypeArguments()[0] == Path.class || p.getActualTypeArguments()[0] == String.class)) {
            return (Class<?>) p.getActualTypeArguments()[0];
        }
        if (t == Path.class || t == String.class || t == int.class || t == long.class || t == Long.class
                || t == Integer.class || t == boolean.class) {
            return t;
        }
        return null;
    }

    /** Sets {@code t}'s field from {@code value} (a list gains it); false when the value does not convert or repeats a single-valued option. */
    @SuppressWarnings("unchecked")
    private static boolean set(Target t, String value, boolean again) throws IllegalAccessException {
        Field f = t.field();
        Class<?> type = f.getType();
        try {
            if (type == List.class) {
                ((List<Object>) f.get(t.holder())).add(kind(f) == Path.class ? Path.of(value) : value);
                return true;
            }
            if (again) {
                return false;
            }
            if (type == boolean.class) {
                f.setBoolean(t.holder(), Boolean.parseBoolean(value));
            } else if (type == Path.class) {
                f.set(t.holder(), Path.of(value));
            } else if (type == String.class) {
                f.set(t.holder(), value);
            } else if (type == int.class || type == Integer.class) {
                f.set(t.holder(), Integer.valueOf(value));
            } else {
                f.set(t.holder(), Long.valueOf(value));
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
