package dev.ledge.abi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole ABI as Ledge describes it: types plus every import module and function.
 * Loaded from the spec files packaged under {@code ledge/abi/} in this jar.
 */
public final class AbiSpec {
    private static final String ROOT = "ledge/abi/";
    private static volatile AbiSpec bundled;

    private final TypeTable types;
    private final Map<String, AbiModule> modules;

    private AbiSpec(TypeTable types, Map<String, AbiModule> modules) {
        this.types = types;
        this.modules = Collections.unmodifiableMap(modules);
    }

    /** The spec shipped with Ledge (parsed once, then shared). */
    public static AbiSpec bundled() {
        AbiSpec s = bundled;
        if (s == null) {
            synchronized (AbiSpec.class) {
                if (bundled == null) {
                    bundled = load();
                }
                s = bundled;
            }
        }
        return s;
    }

    private static AbiSpec load() {
        TypeTable types = new TypeTable();
        AbiSpecParser.parseTypes("types.abi", resource("types.abi"), types);
        Map<String, AbiModule> modules = new LinkedHashMap<>();
        for (String line : resource("modules.list").split("\n")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            AbiModule m = AbiSpecParser.parseModule(file, resource(file), types);
            if (!file.equals(m.name() + ".abi")) {
                throw new AbiSpecException(file + ": holds module " + m.name() + "; name the file after its module");
            }
            if (modules.put(m.name(), m) != null) {
                throw new AbiSpecException(file + ": module " + m.name() + " listed twice");
            }
        }
        return new AbiSpec(types, modules);
    }

    /** Parses spec text directly; for tests of the format itself. */
    static AbiSpec parse(String typesText, Map<String, String> moduleTexts) {
        TypeTable types = new TypeTable();
        AbiSpecParser.parseTypes("types.abi", typesText, types);
        Map<String, AbiModule> modules = new LinkedHashMap<>();
        moduleTexts.forEach((file, text) -> {
            AbiModule m = AbiSpecParser.parseModule(file, text, types);
            modules.put(m.name(), m);
        });
        return new AbiSpec(types, modules);
    }

    private static String resource(String name) {
        try (InputStream in = AbiSpec.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new AbiSpecException("spec file " + ROOT + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AbiSpecException("cannot read spec file " + name + ": " + e.getMessage());
        }
    }

    /** Modules in the order of modules.list. */
    public Map<String, AbiModule> modules() {
        return modules;
    }

    /** The function {@code module.name}, or {@code null} when the spec does not describe it. */
    public AbiFunction function(String module, String name) {
        AbiModule m = modules.get(module);
        return m == null ? null : m.function(name);
    }

    /** Every function of every module, in spec order. */
    public List<AbiFunction> functions() {
        List<AbiFunction> all = new ArrayList<>();
        for (AbiModule m : modules.values()) {
            all.addAll(m.functions());
        }
        return all;
    }

    public TypeTable types() {
        return types;
    }
}
