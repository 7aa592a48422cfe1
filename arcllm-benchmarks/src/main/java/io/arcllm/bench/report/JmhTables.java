package io.arcllm.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.arcllm.bench.jmh.JmhSuite.Figure;

import static io.arcllm.bench.report.ResultsReport.num;
import static io.arcllm.bench.report.ResultsReport.ratio;

/** The JMH part of the report: call path, codecs, module stack. */
final class JmhTables {

    private static final Map<String, String> CALL_PATH = labels(
            "CallPathBenchmarks.rawWebClient", "raw WebClient",
            "CallPathBenchmarks.arcLlmAdapter", "ArcLLM adapter",
            "CallPathBenchmarks.arcLlmFullStack", "ArcLLM full stack",
            "CallPathBenchmarks.anthropicSdk", "anthropic-java SDK (sync)");
    private static final Map<String, String> CODEC = labels(
            "CodecBenchmarks.jacksonTreeRead", "floor: answer bytes → Jackson tree",
            "CodecBenchmarks.anthropicWriteRequest", "ArcLLM Anthropic: request → bytes",
            "CodecBenchmarks.anthropicReadResponse", "ArcLLM Anthropic: answer → LlmResponse",
            "CodecBenchmarks.anthropicReadResponseFromBytes", "same, parsed from bytes (no String)",
            "CodecBenchmarks.openAiWriteRequest", "ArcLLM OpenAI: request → bytes",
            "CodecBenchmarks.openAiReadResponse", "ArcLLM OpenAI: answer → LlmResponse",
            "CodecBenchmarks.sdkWriteRequest", "SDK: params → bytes",
            "CodecBenchmarks.sdkReadResponse", "SDK: answer → Message");
    private static final Map<String, String> MODULES = labels(
            "ModuleStackBenchmarks.bare", "in-memory provider alone",
            "ModuleStackBenchmarks.retryAndFallback", "retry + fallback (full stack)");

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    JmhTables(List<Figure> figures) {
        figures.forEach(f -> this.figures.put(f.benchmark(), f));
    }

    String render() {
        StringBuilder out = new StringBuilder();
        // Only allocation: on two cores these paths' times swing several-fold between runs (the ArcLLM ones wake a
        // scheduler thread per call for the read timeout), so they are left to jmh.log and the load figures above.
        out.append("E. JMH, bytes allocated by one call with the socket cut out (in-memory exchange; -prof gc)\n\n");
        MarkdownTable path = new MarkdownTable("client", "B/op", "×raw", "added B");
        Optional<Figure> raw = find("CallPathBenchmarks.rawWebClient");
        CALL_PATH.forEach((key, label) -> find(key).ifPresent(f -> path.row(label, num(f.bytesPerOp(), 0),
                raw.map(r -> ratio(f.bytesPerOp(), r.bytesPerOp())).orElse("–"),
                raw.map(r -> String.format(Locale.ROOT, "%+,.0f", f.bytesPerOp() - r.bytesPerOp())).orElse("–"))));
        out.append(path.render()).append('\n');

        out.append("F. JMH, JSON work per call (~1 KB answer)\n\n");
        MarkdownTable codec = new MarkdownTable("operation", "ns/op", "±", "B/op");
        CODEC.forEach((key, label) -> find(key).ifPresent(f -> codec.row(label, num(f.nanosPerOp(), 0),
                num(f.errorNanos(), 0), num(f.bytesPerOp(), 0))));
        out.append(codec.render()).append('\n');

        out.append("G. JMH, module overhead over an in-memory provider (no faults)\n\n");
        MarkdownTable modules = new MarkdownTable("stack", "ns/op", "±", "added ns", "B/op", "added B");
        Optional<Figure> bare = find("ModuleStackBenchmarks.bare");
        MODULES.forEach((key, label) -> find(key).ifPresent(f -> modules.row(label, num(f.nanosPerOp(), 0),
                num(f.errorNanos(), 0), bare.map(b -> String.format(Locale.ROOT, "%+,.0f", f.nanosPerOp() - b.nanosPerOp())).orElse("–"),
                num(f.bytesPerOp(), 0), bare.map(b -> String.format(Locale.ROOT, "%+,.0f", f.bytesPerOp() - b.bytesPerOp())).orElse("–"))));
        out.append(modules.render()).append('\n');
        return out.toString();
    }

    Optional<Figure> find(String benchmark) {
        return Optional.ofNullable(figures.get(benchmark));
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
