package dev.ledge.conformance.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime's run mode as a command template, e.g. {@code viceroy run -C {config}}: whitespace
 * separates words (single or double quotes keep one word together), {@code {config}} becomes the
 * suite's fastly.toml and {@code {module}} the guest; without {@code {module}} the guest is
 * appended. The guest's arguments follow after {@code --}.
 */
record CommandTemplate(List<String> words) {
    /** The system property that names another runtime's run command. */
    static final String PROPERTY = "conformance.runner";

    static CommandTemplate parse(String template) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char ch : template.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(ch)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(ch);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in the runner template: " + template);
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the runner template is empty");
        }
        return new CommandTemplate(List.copyOf(words));
    }

    /** The command that runs {@code module} with {@code config} and {@code args}. */
    List<String> command(Path config, Path module, List<String> args) {
        List<String> cmd = new ArrayList<>();
        boolean placedModule = false;
        for (String w : words) {
            if (w.contains("{module}")) {
                placedModule = true;
            }
            cmd.add(w.replace("{config}", config.toString()).replace("{module}", module.toString()));
        }
        if (!placedModule) {
            cmd.add(module.toString());
        }
        if (!args.isEmpty()) {
            cmd.add("--");
            cmd.addAll(args);
        }
        return cmd;
    }
}
