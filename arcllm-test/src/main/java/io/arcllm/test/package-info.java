/**
 * The ArcLLM test kit: scripted stand-ins for the providers an application calls, for its tests.
 * <ul>
 *   <li>{@link io.arcllm.test.AutoConfigureArcLlmStubs} on a {@code @SpringBootTest} points the application's
 *       providers at stubs; {@link io.arcllm.test.ArcLlmStubsExtension} does the same for plain JUnit 5 tests.</li>
 *   <li>{@link io.arcllm.test.ProviderStub} scripts one provider in the application's terms (answers, tool calls,
 *       error statuses with {@code Retry-After}, overload, gateway timeouts, connection resets, hangs, slow answers,
 *       streamed answers and streams that break off, sequences) and reads
 *       back what it received as ArcLLM's {@code Message}s and {@code Tool}s ({@link io.arcllm.test.ReceivedRequest}).</li>
 *   <li>{@link io.arcllm.test.wire.ProviderWire} writes the providers' JSON without WireMock.</li>
 * </ul>
 * Add {@code arcllm-test} with test scope. The stubs run on WireMock (standalone); {@code internal} packages are
 * not API.
 */
package io.arcllm.test;
