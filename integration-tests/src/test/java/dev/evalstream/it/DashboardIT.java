package dev.evalstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The scorer's dashboard in headless Chromium while a run fills: the page is open before the
 * run is submitted, follows it over SSE without reloading, shows samples scored rising to the
 * total, and ends on the pass@k the REST query answers. Leaves a screenshot in target/it.
 */
@ExtendWith(ItStack.class)
class DashboardIT {
    private static final int TASKS = 40;
    private static final int SAMPLES_PER_TASK = 5;
    private static final long FILL_TIMEOUT_MS = 50_000;
    private static final int FAMILY_TASKS = 12;
    private static final int FAMILY_CHECKPOINTS = 3;

    /** Five completions per task; task i has i % 6 right ones, and one slow sample keeps the run filling for seconds. */
    private static List<String> completions(JsonNode problem) {
        int i = Integer.parseInt(problem.get("task_id").asText().replaceAll("\\D", ""));
        String right = problem.get("canonical_solution").asText();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < SAMPLES_PER_TASK; j++) {
            String body = j < i % 6 ? right : "    return None\n";
            out.add(j == SAMPLES_PER_TASK - 1 ? "    import time\n    time.sleep(0.3)\n" + body : body);
        }
        return out;
    }

    /** What the page shows about the selected run, read in one script call so the values belong together. */
    private static final String READ_PANEL = """
            const panel = document.getElementById('run-panel');
            const samples = document.getElementById('run-samples');
            const state = document.querySelector('#run-state .badge');
            if (!panel || !samples || !state) return null;
            return {run: panel.dataset.runId, done: Number(samples.dataset.done), total: Number(samples.dataset.total),
                    complete: state.dataset.complete === 'true'};
            """;

    @Test
    void aRunFillsLiveAndEndsOnTheRestFigures() throws Exception {
        long started = System.nanoTime();
        Path problems = ItStack.itDir().resolve("dashboard-problems.jsonl");
        StringBuilder sb = new StringBuilder();
        HumanEvalFiles.problemNodes().stream().limit(TASKS).forEach(p -> sb.append(p).append('\n'));
        Files.writeString(problems, sb.toString());
        Path samples = HumanEvalFiles.samples("dashboard-samples.jsonl", DashboardIT::completions);
        Files.write(samples, Files.readAllLines(samples).stream()
                .filter(l -> Integer.parseInt(Json.parse(l).get("task_id").asText().replaceAll("\\D", "")) < TASKS).toList());

        String url = "http://localhost:" + ItStack.stack().config().ports().scorer() + "/";
        try (HeadlessChromium chromium = new HeadlessChromium(1360, 900)) {
            ChromeDriver page = chromium.driver;
            page.get(url);
            waitFor(page, "return document.getElementById('connection').dataset.state === 'live'", 15_000,
                    "the page never reached the live SSE stream");

            page.executeScript("window.evalstreamNotReloaded = true"); // gone if the page reloads
            long submittedAt = System.nanoTime();
            CompletableFuture<String> submitted = CompletableFuture.supplyAsync(() -> Evalctl.ok("submit",
                    "--problems", problems.toString(), "--samples", samples.toString(), "--model", "dashboard-demo",
                    "--k", "1,2,5").lastLine());

            // Poll what the page shows, without reloading, until the submitted run is complete there.
            List<Map<String, Object>> seen = new ArrayList<>();
            String run = null;
            boolean filling = false;
            long deadline = System.currentTimeMillis() + FILL_TIMEOUT_MS;
            while (true) {
                @SuppressWarnings("unchecked")
                Map<String, Object> shown = (Map<String, Object>) page.executeScript(READ_PANEL);
                if (shown != null) {
                    seen.add(shown);
                    long done = ((Number) shown.get("done")).longValue();
                    if (!filling && done > 0 && done < ((Number) shown.get("total")).longValue()) {
                        filling = true; // one picture of the run part-way, for people reading the report
                        Files.write(ItStack.itDir().resolve("dashboard-filling.png"), page.getScreenshotAs(OutputType.BYTES));
                    }
                }
                if (run == null && submitted.isDone()) {
                    run = submitted.get();
                }
                if (run != null && shown != null && run.equals(shown.get("run")) && Boolean.TRUE.equals(shown.get("complete"))) {
                    break;
                }
                assertTrue(System.currentTimeMillis() < deadline, "run " + run + " not complete on the page in "
                        + FILL_TIMEOUT_MS + " ms; last seen " + (seen.isEmpty() ? "nothing" : seen.get(seen.size() - 1)));
                Thread.sleep(100);
            }

            long filledAt = System.nanoTime();
            long total = TASKS * SAMPLES_PER_TASK;
            String ours = run;
            List<Long> progress = seen.stream().filter(s -> ours.equals(s.get("run")))
                    .map(s -> ((Number) s.get("done")).longValue()).toList();
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i) >= progress.get(i - 1), "samples scored went down on the page: " + progress);
            }
            assertTrue(progress.stream().anyMatch(v -> v > 0 && v < total),
                    "the page must show the run part-way (0 < scored < " + total + "), saw " + new HashSet<>(progress));
            assertEquals(total, progress.get(progress.size() - 1));
            System.out.println("[dashboard] samples scored as the page showed them: " + progress.stream().distinct().toList());
            assertEquals(Boolean.TRUE, page.executeScript("return window.evalstreamNotReloaded === true"),
                    "the page must update in place, never reload");

            // the final figures equal the REST query's, with tasks and samples beside them
            JsonNode view = Scorer.get("/runs/" + run);
            assertEquals(total, view.get("samples_scored").asLong());
            List<String> expectedKs = new ArrayList<>();
            view.get("pass_at_k").fieldNames().forEachRemaining(expectedKs::add);
            assertEquals(List.of("1", "2", "5"), expectedKs);
            for (String k : expectedKs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> figure = (Map<String, Object>) page.executeScript("""
                        const f = document.querySelector('.passk-figure[data-k="' + arguments[0] + '"]');
                        return f && {value: f.dataset.value, text: f.querySelector('.figure-value').textContent,
                                     support: f.querySelector('.figure-support').textContent};
                        """, k);
                assertTrue(figure != null, "no pass@" + k + " figure on the page");
                double rest = view.get("pass_at_k").get(k).asDouble();
                assertEquals(rest, Double.parseDouble((String) figure.get("value")), 1e-12, "pass@" + k);
                String percent = String.format(java.util.Locale.ROOT, "%.2f%%", 100 * rest);
                assertTrue(((String) figure.get("text")).startsWith(percent), "pass@" + k + " shows " + figure.get("text")
                        + ", REST says " + percent);
                assertTrue(((String) figure.get("text")).contains("±"), "standard error beside pass@" + k);
                assertEquals(TASKS + " tasks · " + total + " samples", figure.get("support"));
            }

            // the task grid: one cell per task, shaded from the same c / n the REST tasks query answers
            waitFor(page, "return document.querySelectorAll('#task-grid .task-cell[data-n=\"" + SAMPLES_PER_TASK + "\"]').length === "
                    + TASKS, 10_000, "the task grid never showed all " + TASKS + " tasks scored");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) page.executeScript(
                    "return [...document.querySelectorAll('#task-grid .task-cell')].map(c => ({task: c.dataset.task, c: c.dataset.c}));");
            JsonNode tasks = Scorer.get("/runs/" + run + "/tasks");
            assertEquals(tasks.size(), cells.size());
            for (int i = 0; i < tasks.size(); i++) {
                assertEquals(tasks.get(i).get("task_id").asText(), cells.get(i).get("task"));
                assertEquals(tasks.get(i).get("c").asText(), cells.get(i).get("c"));
            }
            // the model's table lists this run's temperature with its figures
            waitFor(page, "const m = document.querySelector('.model-card[data-model=\"dashboard-demo\"]');"
                    + " const rows = m ? m.querySelectorAll('.model-table tbody tr') : [];"
                    + " return rows.length === 1 && rows[0].dataset.samples === '" + total + "'"
                    + " && rows[0].dataset.complete === 'true' && !!m.querySelector('svg.chart polyline');",
                    10_000, "the model card of dashboard-demo never showed its complete row and curve");

            saveScreenshot(page, ItStack.itDir().resolve("dashboard.png"));
            System.out.printf("[dashboard] submit to complete on the page %.1f s; test %.1f s (stack start excluded)%n",
                    (filledAt - submittedAt) / 1e9, (System.nanoTime() - started) / 1e9);
        }
    }

    /** What the family page draws: one entry per point (a run and a k), with its error bar's length in chart units. */
    private static final String READ_POINTS = """
            return [...document.querySelectorAll('#family-chart g.point')].map(g => {
              const err = g.querySelector('line.err');
              return {run: g.dataset.runId, k: g.dataset.k, value: Number(g.dataset.value), se: Number(g.dataset.se),
                      complete: g.dataset.complete === 'true', bar: err ? Math.abs(err.y1.baseVal.value - err.y2.baseVal.value) : 0};
            });
            """;
    /** The chart's plot height in SVG units (chart.js: 250 high, 12 above, 36 below). */
    private static final double PLOT_HEIGHT = 250 - 12 - 36;

    /**
     * A family page opened before its checkpoints exist fills in live as three checkpoints are
     * scored under two plans: one point per run and k, at the figure and standard error the
     * history query answers, with an error bar of that size; links to each run's page; the
     * family's alerts (or the note that this scorer serves none). Leaves a screenshot in target/it.
     */
    @Test
    void aFamilyPageDrawsEachRunWithItsErrorBarLive() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String family = "dash-family-" + suffix;
        Path problems = ItStack.itDir().resolve("family-problems.jsonl");
        StringBuilder sb = new StringBuilder();
        HumanEvalFiles.problemNodes().stream().limit(FAMILY_TASKS).forEach(p -> sb.append(p).append('\n'));
        Files.writeString(problems, sb.toString());
        Evalctl.ok("datasets", "add", problems.toString(), "--name", "dash-" + suffix);
        Evalctl.ok("plan", "add", "dash-n4-" + suffix, "--family", family, "--dataset", "dash-" + suffix, "--n", "4", "--k", "1,2");
        Evalctl.ok("plan", "add", "dash-n2-" + suffix, "--family", family, "--dataset", "dash-" + suffix, "--n", "2", "--k", "1");

        String base = "http://localhost:" + ItStack.stack().config().ports().scorer() + "/";
        try (HeadlessChromium chromium = new HeadlessChromium(1360, 900)) {
            ChromeDriver page = chromium.driver;
            page.get(base + "family.html?family=" + java.net.URLEncoder.encode(family, java.nio.charset.StandardCharsets.UTF_8));
            waitFor(page, "return document.getElementById('connection').dataset.state === 'live'"
                    + " && !!document.querySelector('#checkpoints .empty-note')", 15_000,
                    "the family page never went live with its empty history");
            page.executeScript("window.evalstreamNotReloaded = true");

            for (int c = 0; c < FAMILY_CHECKPOINTS; c++) {
                int checkpoint = c;
                Path samples = HumanEvalFiles.samples("family-" + suffix + "-" + c + ".jsonl",
                        p -> familyCompletions(p, checkpoint));
                Evalctl.ok("checkpoint", family, "step-" + (c + 1) * 500, "--step", Integer.toString((c + 1) * 500),
                        "--backend", "replay", "--samples", samples.toString(), "--wait");
            }
            int expectedPoints = FAMILY_CHECKPOINTS * 3; // plan n4: pass@1 and pass@2; plan n2: pass@1
            waitFor(page, "const p = document.querySelectorAll('#family-chart g.point');"
                    + " return p.length === " + expectedPoints + " && [...p].every(g => g.dataset.complete === 'true');",
                    20_000, "the family page never showed " + expectedPoints + " complete points");
            assertEquals(Boolean.TRUE, page.executeScript("return window.evalstreamNotReloaded === true"),
                    "the family page must update in place, never reload");

            JsonNode history = Scorer.get("/families/" + family + "/history");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> points = (List<Map<String, Object>>) page.executeScript(READ_POINTS);
            assertEquals(expectedPoints, points.size());
            int withBars = 0;
            for (JsonNode checkpoint : history.get("checkpoints")) {
                for (JsonNode run : checkpoint.get("runs")) {
                    String id = run.get("run_id").asText();
                    for (var k = run.get("pass_at_k").fieldNames(); k.hasNext();) {
                        String key = k.next();
                        Map<String, Object> point = points.stream().filter(p -> id.equals(p.get("run")) && key.equals(p.get("k")))
                                .findFirst().orElseThrow(() -> new AssertionError("no point for " + id + " pass@" + key));
                        double value = run.get("pass_at_k").get(key).asDouble();
                        double se = run.get("standard_error").get(key).asDouble();
                        assertEquals(value, ((Number) point.get("value")).doubleValue(), 1e-12, id + " pass@" + key);
                        assertEquals(se, ((Number) point.get("se")).doubleValue(), 1e-12, id + " standard error of pass@" + key);
                        if (se > 0 && value - se >= 0 && value + se <= 1) {
                            assertEquals(2 * se * PLOT_HEIGHT, ((Number) point.get("bar")).doubleValue(), 0.01,
                                    "the error bar of " + id + " pass@" + key + " spans one standard error each way");
                            withBars++;
                        }
                    }
                    assertEquals(Boolean.TRUE, page.executeScript("const a = document.querySelector('a.run-link[data-run-id=\"'"
                            + " + arguments[0] + '\"]'); return !!a && a.getAttribute('href') === './#run=' + encodeURIComponent(arguments[0]);",
                            id), "a link to run " + id + "'s page");
                }
            }
            assertTrue(withBars >= FAMILY_CHECKPOINTS, "error bars drawn for " + withBars + " points");
            assertEquals(3L, page.executeScript("return document.querySelectorAll('#family-chart polyline').length"),
                    "one line per plan and k");
            int alertsStatus = Scorer.status("/alerts?family=" + family);
            if (alertsStatus == 404) {
                waitFor(page, "return !!document.getElementById('alerts-missing')", 5_000, "a 404 from /alerts is shown as such");
            } else {
                int alerts = Scorer.get("/alerts?family=" + family).size();
                waitFor(page, "return document.querySelectorAll('#alerts .alert-row').length === " + alerts
                        + (alerts == 0 ? " && !!document.getElementById('alerts-none')" : ""), 10_000,
                        "the page never listed the family's " + alerts + " alerts");
            }
            System.out.println("[dashboard] family page: " + points.size() + " points, " + withBars
                    + " with error bars checked; /alerts answered " + alertsStatus);
            saveScreenshot(page, ItStack.itDir().resolve("dashboard-family.png"));

            // the main page links to the family's page
            page.get(base);
            waitFor(page, "const a = document.querySelector('#families a[data-family=\"" + family + "\"]');"
                    + " return !!a && a.getAttribute('href') === 'family.html?family=" + family + "';", 15_000,
                    "the main page never linked to the family's page");
        }
    }

    /** Four completions per task; checkpoint c passes (task + c) % 5 of them: pass@1 moves from checkpoint to checkpoint. */
    private static List<String> familyCompletions(JsonNode problem, int c) {
        int task = Integer.parseInt(problem.get("task_id").asText().replaceAll("\\D", ""));
        List<String> out = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            out.add(j < (task + c) % 5 ? problem.get("canonical_solution").asText() : "    return None\n");
        }
        return out;
    }

    private static void saveScreenshot(ChromeDriver page, Path file) throws IOException {
        // the whole page, not just the window: let the viewport be as tall as the document
        long height = ((Number) page.executeScript("return document.documentElement.scrollHeight")).longValue();
        page.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1360,
                "height", (int) Math.min(4000, Math.max(900, height)), "deviceScaleFactor", 1, "mobile", false));
        byte[] png = page.getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        assertTrue(png.length > 30_000, "screenshot " + file + " is only " + png.length + " bytes");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 800, "screenshot is " + image.getWidth() + "x" + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 100, "screenshot has only " + colours.size() + " colours: blank or broken page");
        System.out.println("[dashboard] screenshot " + file + " (" + png.length + " bytes, " + colours.size() + " colours)");
    }

    private static void waitFor(ChromeDriver page, String script, long timeoutMs, String failure) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!Boolean.TRUE.equals(page.executeScript(script))) {
            assertTrue(System.currentTimeMillis() < deadline, failure);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
