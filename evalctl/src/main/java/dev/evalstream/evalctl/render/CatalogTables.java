package dev.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.events.DatasetEntry;
import dev.evalstream.events.Plan;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the dataset catalog and the plans are shown: tables and JSON arrays (times in epoch millis, as the scorer's). */
public final class CatalogTables {
    private CatalogTables() {
    }

    /** datasets --json: [{name, dataset, content_hash, problem_count, format, added_at}], by name. */
    public static ArrayNode datasetsJson(Collection<DatasetEntry> entries) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (DatasetEntry e : byName(entries)) {
            ObjectNode o = a.addObject();
            o.put("name", e.getName());
            o.put("dataset", e.getDataset());
            o.put("content_hash", e.getContentHash());
            o.put("problem_count", e.getProblemCount());
            o.put("format", e.getFormat());
            o.put("added_at", e.getAddedAt().toEpochMilli());
        }
        return a;
    }

    public static String datasetsTable(Collection<DatasetEntry> entries) {
        Columns t = new Columns().row(List.of("name", "dataset", "problems", "added_at"));
        for (DatasetEntry e : byName(entries)) {
            t.row(List.of(e.getName(), RunTables.shortDataset(e.getDataset()), String.valueOf(e.getProblemCount()), time(e.getAddedAt())));
        }
        return t.toString();
    }

    /** plan list --json: [{name, family, dataset, n, temperature, top_p, max_tokens, ks, created_at}], by name. */
    public static ArrayNode plansJson(Collection<Plan> plans) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Plan p : sorted(plans)) {
            ObjectNode o = a.addObject();
            o.put("name", p.getName());
            o.put("family", p.getFamily());
            o.put("dataset", p.getDataset());
            o.put("n", p.getN());
            o.put("temperature", p.getSampling().getTemperature());
            o.put("top_p", p.getSampling().getTopP());
            o.put("max_tokens", p.getSampling().getMaxTokens());
            ArrayNode ks = o.putArray("ks");
            p.getKs().forEach(ks::add);
            o.put("created_at", p.getCreatedAt().toEpochMilli());
        }
        return a;
    }

    public static String plansTable(Collection<Plan> plans) {
        Columns t = new Columns().row(List.of("plan", "family", "dataset", "n", "temperature", "top_p", "max_tokens", "ks", "created_at"));
        for (Plan p : sorted(plans)) {
            t.row(List.of(p.getName(), p.getFamily(), p.getDataset(), String.valueOf(p.getN()),
                    String.format(Locale.ROOT, "%s", p.getSampling().getTemperature()),
                    String.format(Locale.ROOT, "%s", p.getSampling().getTopP()),
                    String.valueOf(p.getSampling().getMaxTokens()),
                    p.getKs().stream().map(String::valueOf).collect(Collectors.joining(",")), time(p.getCreatedAt())));
        }
        return t.toString();
    }

    private static List<DatasetEntry> byName(Collection<DatasetEntry> entries) {
        return entries.stream().sorted(java.util.Comparator.comparing(DatasetEntry::getName)).toList();
    }

    private static List<Plan> sorted(Collection<Plan> plans) {
        return plans.stream().sorted(java.util.Comparator.comparing(Plan::getFamily).thenComparing(Plan::getName)).toList();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
