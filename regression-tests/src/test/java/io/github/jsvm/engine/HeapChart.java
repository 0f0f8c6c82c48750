package io.github.jsvm.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes an SVG line chart of live heap after collection against samples created, one line per run. */
final class HeapChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int MARGIN = 56;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private HeapChart() {}

    record Line(String label, List<long[]> points) {}

    static Path write(Path file, String title, long capBytes, List<Line> lines) throws IOException {
        long maxSamples = 1;
        for (Line line : lines) {
            for (long[] point : line.points()) {
                maxSamples = Math.max(maxSamples, point[0]);
            }
        }
        double yMax = capBytes / 1048576.0;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", MARGIN, escape(title)));
        int plotWidth = WIDTH - 2 * MARGIN;
        int plotHeight = HEIGHT - 2 * MARGIN;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN));
        for (int tick = 0; tick <= 4; tick++) {
            double value = yMax * tick / 4;
            int y = HEIGHT - MARGIN - plotHeight * tick / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f MB</text>%n", MARGIN - 4, y + 4, value));
            long samples = maxSamples * tick / 4;
            int x = MARGIN + plotWidth * tick / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, HEIGHT - MARGIN + 16, samples));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">samples created</text>%n",
                WIDTH / 2, HEIGHT - 12));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"grey\" stroke-dasharray=\"4\"/>%n",
                MARGIN, MARGIN, WIDTH - MARGIN, MARGIN));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"grey\" text-anchor=\"end\">heap cap</text>%n",
                WIDTH - MARGIN, MARGIN - 4));
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (long[] point : line.points()) {
                double x = MARGIN + plotWidth * (double) point[0] / maxSamples;
                double y = HEIGHT - MARGIN - plotHeight * Math.min(1, point[1] / (double) capBytes);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                    MARGIN + 10, MARGIN + 16 + 16 * i, colour, escape(line.label())));
        }
        svg.append("</svg>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, svg);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
