package dev.argmax.cli.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writing XChart charts as one PNG, head-less (no display needed). */
final class Charts {

    private Charts() {
    }

    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Writes the charts side by side in one PNG at {@code file} (".png" is added by XChart when missing). */
    static void writePng(List<? extends Chart<?, ?>> charts, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String name = file.toString();
            String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4)
                    : name;
            if (charts.size() == 1) {
                BitmapEncoder.saveBitmap(charts.get(0), base, BitmapEncoder.BitmapFormat.PNG);
            } else {
                BitmapEncoder.saveBitmap(charts, 1, charts.size(), base, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }
}
