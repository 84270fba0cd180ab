package dev.evalstream.evalctl.render;

import java.util.List;

/** The summary figures bench prints: medians of its rounds, two decimals in JSON. */
public final class Figures {
    private Figures() {
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
