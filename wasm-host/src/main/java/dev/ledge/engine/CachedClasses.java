package dev.ledge.engine;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * The classes Chicory compiled for one module, as its compile cache entry holds them (a jar with
 * {@code wasm-module.properties} naming the main class), defined only when first needed: the
 * main class when the machine factory is made, the others when code first reaches them or when
 * a background thread gets to them, whichever comes first. Chicory's own loading defines and
 * verifies every class before returning; this does the same work off the startup path.
 */
final class CachedClasses {
    private static final String PROPERTIES = "wasm-module.properties";

    /** Class bytes by name: whole arrays (from a jar) or slices of one boot entry, never copied. */
    private final Map<String, ByteBuffer> classes;
    private final String mainClass;
    /** Done once every class is defined, linked (so verified, unless the JVM verifies nothing) and initialised. */
    private final java.util.concurrent.CompletableFuture<Void> linked = new java.util.concurrent.CompletableFuture<>();

    private CachedClasses(Map<String, ByteBuffer> classes, String mainClass) {
        this.classes = classes;
        this.mainClass = mainClass;
    }

    /** The classes {@code classes} (bytes by name), {@code mainClass} among them. */
    static CachedClasses of(Map<String, ByteBuffer> classes, String mainClass) {
        return new CachedClasses(classes, mainClass);
    }

    /** The class bytes by name (readers take a {@link ByteBuffer#duplicate} of a buffer, never move it). */
    Map<String, ByteBuffer> classes() {
        return java.util.Collections.unmodifiableMap(classes);
    }

    String mainClass() {
        return mainClass;
    }

    /** Completes when the background thread {@link #machineFactory} starts has linked every class; fails if one did not link. */
    java.util.concurrent.CompletableFuture<Void> linked() {
        return linked;
    }

    /** Reads a compile cache payload; throws {@link IOException} if it is not one Chicory wrote. */
    static CachedClasses read(byte[] payload) throws IOException {
        Map<String, ByteBuffer> classes = new LinkedHashMap<>();
        String main = null;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(payload))) {
            JarEntry e;
            while ((e = jar.getNextJarEntry()) != null) {
                if (e.getName().equals(PROPERTIES)) {
                    Properties p = new Properties();
                    p.load(jar);
                    main = p.getProperty("mainClass");
                } else if (e.getName().endsWith(".class")) {
                    String name = e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.');
                    classes.put(name, ByteBuffer.wrap(jar.readAllBytes()));
                }
            }
        }
        if (main == null || !classes.containsKey(main)) {
            throw new IOException("the entry names no main class, or does not hold it");
        }
        return new CachedClasses(classes, main);
    }

    /** The bytes of {@code b}: its array itself when it is the whole of one (as a jar's are), else a copy. */
    private static byte[] bytes(ByteBuffer b) {
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
            return b.array();
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /**
     * The functions the compiled code hands to Chicory's interpreter, read from the main class;
     * null when they cannot be told for certain.
     */
    Set<Integer> interpretedFunctions() {
        List<byte[]> others = new ArrayList<>();
        classes.forEach((n, b) -> {
            if (!n.equals(mainClass)) {
                others.add(bytes(b));
            }
        });
        return InterpretedFunctions.of(bytes(classes.get(mainClass)), others);
    }

    /**
     * A machine factory over these classes in a class loader of their own. Every class is also
     * defined and initialised in the background, largest first, so that a first request seldom
     * waits for one; if one of them cannot be, {@code broken} is told (once) what went wrong.
     */
    Function<Instance, Machine> machineFactory(String moduleName, java.util.function.Consumer<Throwable> broken)
            throws ReflectiveOperationException {
        Loader loader = new Loader(classes);
        Class<? extends Machine> main = Class.forName(mainClass, true, loader).asSubclass(Machine.class);
        MethodHandle ctor = MethodHandles.publicLookup().findConstructor(main,
                java.lang.invoke.MethodType.methodType(void.class, Instance.class));
        @SuppressWarnings("unchecked")
        Function<Instance, Machine> factory = MethodHandleProxies.asInterfaceInstance(Function.class, ctor);
        List<String> rest = new ArrayList<>(classes.keySet());
        rest.remove(mainClass);
        rest.sort(Comparator.comparingInt((String n) -> classes.get(n).remaining()).reversed());
        Thread t = new Thread(() -> {
            for (String n : rest) {
                try {
                    Class.forName(n, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // Code that reaches this class gets the same error; the entry must not be used again.
                    linked.completeExceptionally(e);
                    broken.accept(e);
                    return;
                }
            }
            linked.complete(null);
        }, "ledge-class-loader-" + moduleName);
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
        return factory;
    }

    /** Defines the module's classes on request; everything else comes from Chicory's loader. */
    private static final class Loader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        /** Bytes of the classes not defined yet; each is dropped once defined. */
        private final Map<String, ByteBuffer> classes;

        Loader(Map<String, ByteBuffer> classes) {
            super(MachineFactoryCompiler.class.getClassLoader());
            this.classes = new java.util.concurrent.ConcurrentHashMap<>(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            // Called once per name (under the name's class-loading lock), so the bytes can go.
            ByteBuffer b = classes.remove(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b.duplicate(), (java.security.ProtectionDomain) null);
        }
    }
}
