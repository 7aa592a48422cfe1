/**
 * Helpers shared by ArcLLM's packages: argument checks, immutable copies, duration formatting, the handle a
 * registry hands out over a long-lived adapter, the call's deadline and the commit point of a stream.
 *
 * <p>Internal: public only so that ArcLLM's own packages and modules can share it. Not supported API; it may
 * change in any release.
 */
package io.arcllm.internal;
