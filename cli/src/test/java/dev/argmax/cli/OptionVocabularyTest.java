package dev.argmax.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One vocabulary across the subcommands: every option name that appears in more than one
 * subcommand has the same help text, default value, arity, parameter label and type in all of
 * them (read from each subcommand's picocli model, the source of its {@code --help}); and every
 * subcommand's {@code --help} is printed without error and lists those options.
 */
class OptionVocabularyTest {

    record Definition(String description, String defaultValue, String arity, String paramLabel, String type) {
    }

    static Definition definition(OptionSpec o) {
        return new Definition(String.join(" ", o.description()), o.defaultValue(), o.arity().toString(),
                o.paramLabel(), o.type().getName());
    }

    @Test
    void everySharedOptionMeansTheSameInEverySubcommand() {
        CommandLine main = new CommandLine(new Main());
        Map<String, Map<String, Definition>> byName = new TreeMap<>();
        for (Map.Entry<String, CommandLine> sub : main.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
                byName.computeIfAbsent(o.longestName(), k -> new TreeMap<>()).put(sub.getKey(), definition(o));
            }
        }
        List<String> shared = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Map<String, Definition>> e : byName.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            shared.add(e.getKey());
            Map.Entry<String, Definition> first = e.getValue().entrySet().iterator().next();
            for (Map.Entry<String, Definition> other : e.getValue().entrySet()) {
                if (!other.getValue().equals(first.getValue())) {
                    mismatches.add(e.getKey() + ": " + first.getKey() + " " + first.getValue() + " vs "
                            + other.getKey() + " " + other.getValue());
                }
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
        // the options issue 12 names are shared by fit, path, cv and compare
        for (String name : List.of("--penalty", "--lambda", "--alpha", "--gamma", "--standardize", "--penalty-factors",
                "--tolerance", "--data", "--family", "--response", "--weights")) {
            assertTrue(byName.containsKey(name), name);
            for (String command : List.of("fit", "path", "cv", "compare")) {
                assertTrue(byName.get(name).containsKey(command), command + " lacks " + name);
            }
        }
        assertTrue(shared.size() >= 20, "shared options: " + shared);
    }

    @Test
    void everySubcommandsHelpIsPrintedWithTheSharedText() {
        CommandLine main = new CommandLine(new Main());
        String tolerance = null;
        for (String name : main.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            StringWriter out = new StringWriter();
            int status = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), name, "--help");
            assertEquals(0, status, name);
            String help = out.toString().replaceAll("\\s+", " ");
            assertTrue(help.contains("Usage: argmax " + name), help);
            if (help.contains("--tolerance=T Stop")) {
                String text = help.substring(help.indexOf("--tolerance=T Stop"));
                text = text.substring(0, text.indexOf("qr: direct)"));
                if (tolerance != null) {
                    assertEquals(tolerance, text, name);
                }
                tolerance = text;
            }
        }
        assertTrue(tolerance != null && tolerance.contains("KKT violation"), String.valueOf(tolerance));
    }
}
