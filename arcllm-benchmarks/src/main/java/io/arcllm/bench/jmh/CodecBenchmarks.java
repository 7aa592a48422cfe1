package io.arcllm.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import io.arcllm.adapter.internal.AnthropicRequestBytes;
import io.arcllm.adapter.internal.AnthropicRequestWriter;
import io.arcllm.adapter.internal.AnthropicResponseReader;
import io.arcllm.adapter.internal.Json;
import io.arcllm.adapter.internal.OpenAiRequestWriter;
import io.arcllm.adapter.internal.OpenAiResponseReader;
import io.arcllm.bench.load.BenchClients;
import io.arcllm.bench.stub.CannedAnswers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON work of one call, without HTTP: each adapter's request serialization (request → body bytes,
 * as {@code BaseAdapter.invoke} does it) and response parsing (answer bytes → text → tree → {@link LlmResponse},
 * as {@code BaseAdapter} does it after WebClient decoded the body to a String), beside the official SDK's
 * own (params → bytes, bytes → {@link Message}) and a bare Jackson tree read, the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class CodecBenchmarks {

    private final LlmRequest request = BenchClients.request();
    private final MessageCreateParams sdkParams = MessageCreateParams.builder().model(CannedAnswers.MODEL)
            .maxTokens(CannedAnswers.MAX_TOKENS).addUserMessage(CannedAnswers.PROMPT).build();
    private final byte[] anthropicAnswer = CannedAnswers.anthropicMessage();
    private final byte[] openAiAnswer = CannedAnswers.openAiChatCompletion();

    /** ArcLLM Anthropic adapter: request to body bytes. */
    @Benchmark
    public byte[] anthropicWriteRequest() {
        ObjectNode body = AnthropicRequestWriter.write(request, CannedAnswers.MODEL, CannedAnswers.MAX_TOKENS);
        Json.mergeExtras(body, request.extras(), key -> { });
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /**
     * ArcLLM Anthropic adapter: request straight to body bytes, without the tree ({@code AnthropicRequestBytes}),
     * what {@code invoke} does for a request without extras.
     */
    @Benchmark
    public byte[] anthropicWriteRequestBytes() {
        return AnthropicRequestBytes.write(request, CannedAnswers.MODEL, CannedAnswers.MAX_TOKENS);
    }

    /** ArcLLM Anthropic adapter: answer bytes to {@link LlmResponse}. */
    @Benchmark
    public LlmResponse anthropicReadResponse() {
        JsonNode tree = Json.MAPPER.readTree(new String(anthropicAnswer, StandardCharsets.UTF_8));
        return AnthropicResponseReader.read(tree, CannedAnswers.MODEL);
    }

    /**
     * The same parse from the bytes, without the intermediate String: what reading the body as bytes
     * instead of text would save.
     */
    @Benchmark
    public LlmResponse anthropicReadResponseFromBytes() {
        return AnthropicResponseReader.read(Json.MAPPER.readTree(anthropicAnswer), CannedAnswers.MODEL);
    }

    /** ArcLLM OpenAI adapter: request to body bytes. */
    @Benchmark
    public byte[] openAiWriteRequest() {
        ObjectNode body = OpenAiRequestWriter.write(request, "gpt-4o", CannedAnswers.MAX_TOKENS);
        Json.mergeExtras(body, request.extras(), key -> { });
        return Json.MAPPER.writeValueAsBytes(body);
    }

    /** ArcLLM OpenAI adapter: answer bytes to {@link LlmResponse}. */
    @Benchmark
    public LlmResponse openAiReadResponse() {
        JsonNode tree = Json.MAPPER.readTree(new String(openAiAnswer, StandardCharsets.UTF_8));
        return OpenAiResponseReader.read(tree, "openai", "gpt-4o");
    }

    /** The floor: the Anthropic answer bytes into a Jackson tree, nothing else. */
    @Benchmark
    public JsonNode jacksonTreeRead() {
        return Json.MAPPER.readTree(anthropicAnswer);
    }

    /** Official SDK: params to body bytes with its own mapper. */
    @Benchmark
    public byte[] sdkWriteRequest() throws Exception {
        return ObjectMappers.jsonMapper().writeValueAsBytes(sdkParams._body());
    }

    /** Official SDK: answer bytes to its {@link Message}, reading the text as a caller would. */
    @Benchmark
    public String sdkReadResponse() throws Exception {
        Message message = ObjectMappers.jsonMapper().readValue(anthropicAnswer, Message.class);
        return message.content().get(0).asText().text();
    }
}
