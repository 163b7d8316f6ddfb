package dev.ledge.abi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the line-based spec format described in abi/README.md. */
final class AbiSpecParser {
    private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern FN = Pattern.compile("fn\\s+([a-z_][a-z0-9_]*)\\s*\\((.*)\\)\\s*->\\s*status\\s*", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("!\\s*([a-z]+)\\s*:\\s*(.+)");
    private static final Pattern ENUM = Pattern.compile("(enum|flags)\\s+([a-z_][a-z0-9_]*)\\s*:\\s*([a-z0-9]+)\\s*\\{(.*)}\\s*");
    private static final Pattern ALIAS = Pattern.compile("alias\\s+([a-z_][a-z0-9_]*)\\s*=\\s*(.+)");
    private static final Pattern RECORD = Pattern.compile("record\\s+([a-z_][a-z0-9_]*)\\s+size\\s+(\\d+)\\s*");

    private AbiSpecParser() {
    }

    static void parseTypes(String file, String text, TypeTable types) {
        String last = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("|")) {
                if (last == null) {
                    throw new AbiSpecException(where + ": documentation before any type");
                }
                types.document(last, line.substring(1).strip());
                continue;
            }
            Matcher m;
            if (line.startsWith("handle ")) {
                String name = ident(line.substring(7).strip(), where);
                types.define(name, new AbiType(name, AbiType.Kind.HANDLE, List.of(CoreType.I32), null, null), where);
                last = name;
            } else if ((m = ALIAS.matcher(line)).matches()) {
                String name = m.group(1);
                AbiType target = types.resolve(m.group(2), where);
                types.define(name, new AbiType(name, target.kind(), target.lowered(), target.values(), m.group(2).strip()), where);
                last = name;
            } else if ((m = ENUM.matcher(line)).matches()) {
                String name = m.group(2);
                AbiType base = types.resolve(m.group(3), where);
                if (base.kind() != AbiType.Kind.PRIMITIVE) {
                    throw new AbiSpecException(where + ": base of " + name + " must be a primitive");
                }
                Map<String, Long> values = new LinkedHashMap<>();
                for (String part : m.group(4).split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    String[] kv = part.split("=");
                    if (kv.length != 2) {
                        throw new AbiSpecException(where + ": expected NAME = NUMBER in " + part.strip());
                    }
                    values.put(ident(kv[0].strip(), where), Long.decode(kv[1].strip()));
                }
                AbiType.Kind kind = m.group(1).equals("enum") ? AbiType.Kind.ENUM : AbiType.Kind.FLAGS;
                types.define(name, new AbiType(name, kind, base.lowered(), values, m.group(3)), where);
                last = name;
            } else if ((m = RECORD.matcher(line)).matches()) {
                String name = m.group(1);
                types.define(name, new AbiType(name, AbiType.Kind.RECORD, List.of(), Map.of("size", Long.parseLong(m.group(2))), null), where);
                last = name;
            } else {
                throw new AbiSpecException(where + ": cannot read '" + line + "'");
            }
        }
    }

    static AbiModule parseModule(String file, String text, TypeTable types) {
        String moduleName = null;
        StringBuilder moduleDoc = new StringBuilder();
        Set<String> moduleTags = new LinkedHashSet<>();
        List<AbiFunction> fns = new ArrayList<>();
        PendingFn cur = null;
        StringBuilder fnText = null;
        int fnLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (fnText != null) {
                fnText.append(' ').append(line);
                if (line.contains("->")) {
                    cur = startFn(moduleName, fnText.toString(), file + ":" + fnLine, types);
                    fnText = null;
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("module ")) {
                if (moduleName != null) {
                    throw new AbiSpecException(where + ": a file holds one module");
                }
                moduleName = ident(line.substring(7).strip(), where);
            } else if (moduleName == null) {
                throw new AbiSpecException(where + ": the file must start with 'module NAME'");
            } else if (line.startsWith("fn ")) {
                if (cur != null) {
                    fns.add(cur.build());
                    cur = null;
                }
                if (line.contains("->")) {
                    cur = startFn(moduleName, line, where, types);
                } else {
                    fnText = new StringBuilder(line);
                    fnLine = i + 1;
                }
            } else if (line.startsWith("|")) {
                String d = line.substring(1).strip();
                if (cur == null) {
                    moduleDoc.append(moduleDoc.length() == 0 ? "" : "\n").append(d);
                } else {
                    cur.doc.append(cur.doc.length() == 0 ? "" : "\n").append(d);
                }
            } else if (line.startsWith("!")) {
                Matcher m = STATUS.matcher(line);
                if (!m.matches() || cur == null) {
                    throw new AbiSpecException(where + ": expected '! STATUS: text' after a fn");
                }
                Status st = Status.bySpelling(m.group(1));
                if (st == null || st == Status.OK) {
                    throw new AbiSpecException(where + ": unknown status " + m.group(1));
                }
                cur.statuses.merge(st, m.group(2).strip(), (a, b) -> a + "; " + b);
            } else if (line.startsWith("@")) {
                String tag = line.substring(1).strip();
                if (!tag.equals("deprecated") && !tag.equals("fastly-only")) {
                    throw new AbiSpecException(where + ": unknown tag @" + tag);
                }
                (cur == null ? moduleTags : cur.tags).add(tag);
            } else {
                throw new AbiSpecException(where + ": cannot read '" + line + "'");
            }
        }
        if (fnText != null) {
            throw new AbiSpecException(file + ":" + fnLine + ": fn without '-> status'");
        }
        if (cur != null) {
            fns.add(cur.build());
        }
        if (moduleName == null) {
            throw new AbiSpecException(file + ": no module statement");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (AbiFunction f : fns) {
            if (!seen.add(f.name())) {
                throw new AbiSpecException(file + ": fn " + f.name() + " is described twice");
            }
        }
        return new AbiModule(moduleName, moduleDoc.toString(), moduleTags, fns);
    }

    private static PendingFn startFn(String module, String text, String where, TypeTable types) {
        Matcher m = FN.matcher(text.strip());
        if (!m.matches()) {
            throw new AbiSpecException(where + ": expected 'fn NAME(PARAMS) -> status' in " + text.strip());
        }
        PendingFn f = new PendingFn(module, m.group(1));
        String params = m.group(2).strip();
        if (!params.isEmpty()) {
            for (String p : splitParams(params)) {
                int colon = p.indexOf(':');
                if (colon < 0) {
                    throw new AbiSpecException(where + ": parameter without type: " + p.strip());
                }
                String pname = ident(p.substring(0, colon).strip(), where);
                f.params.add(new AbiParam(pname, types.resolveValue(p.substring(colon + 1), where)));
            }
        }
        return f;
    }

    /** Splits on commas that are not inside angle brackets. */
    private static List<String> splitParams(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static String ident(String s, String where) {
        if (!IDENT.matcher(s).matches()) {
            throw new AbiSpecException(where + ": not a name: '" + s + "'");
        }
        return s;
    }

    private static final class PendingFn {
        final String module;
        final String name;
        final List<AbiParam> params = new ArrayList<>();
        final StringBuilder doc = new StringBuilder();
        final Map<Status, String> statuses = new LinkedHashMap<>();
        final Set<String> tags = new LinkedHashSet<>();

        PendingFn(String module, String name) {
            this.module = module;
            this.name = name;
        }

        AbiFunction build() {
            return new AbiFunction(module, name, params, doc.toString(), statuses, tags);
        }
    }
}
