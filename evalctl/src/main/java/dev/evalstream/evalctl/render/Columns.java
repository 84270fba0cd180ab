package dev.evalstream.evalctl.render;

import java.util.ArrayList;
import java.util.List;

/** A table of text cells printed with each column as wide as its widest cell, two spaces apart. */
final class Columns {
    private final List<List<String>> rows = new ArrayList<>();

    Columns row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    @Override
    public String toString() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(r.get(i)).append(" ".repeat(width[i] - r.get(i).length()));
            }
            s.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return s.toString();
    }
}
