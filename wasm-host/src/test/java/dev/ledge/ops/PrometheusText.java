package dev.ledge.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A small parser of the Prometheus text exposition format, for assertions on /metrics. */
final class PrometheusText {
    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.substring(7).split(" ");
                p.types.put(f[0], f[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                p.samples.add(sample(line));
            }
        }
        return p;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new TreeMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        v.append(n == 'n' ? '\n' : n);
                    } else {
                        v.append(c);
                    }
                }
                labels.put(key, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            space = i + 1;
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String[] rest = line.substring(space).trim().split(" ");
        return new Sample(name, labels, Double.parseDouble(rest[0].replace("+Inf", "Infinity")));
    }

    /** Samples of {@code name} whose labels include all of {@code labels} (pairs of key, value). */
    List<Sample> find(String name, String... labels) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (all) {
                out.add(s);
            }
        }
        return out;
    }

    /** The one value of {@code name} with those labels, or NaN when there is none. */
    double value(String name, String... labels) {
        List<Sample> f = find(name, labels);
        if (f.size() > 1) {
            throw new AssertionError(f.size() + " samples of " + name + " " + List.of(labels));
        }
        return f.isEmpty() ? Double.NaN : f.get(0).value();
    }
}
