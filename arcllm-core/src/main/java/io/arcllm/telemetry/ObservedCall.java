package io.arcllm.telemetry;

import java.util.Objects;

import io.arcllm.LlmRequest;
import io.arcllm.LlmResponse;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@link TelemetryModule#invoke} as one operator: what {@code Mono.deferContextual}, {@code Mono.defer},
 * {@code doOnSuccess}, {@code doOnError}, {@code doOnCancel} and {@code contextWrite} did as six, with the same
 * signals in the same order. Per subscription it starts the observation with the subscriber's context, calls the
 * wrapped stack (a throw becomes the error signal, as {@code Mono.defer} makes it), shows the wrapped stack the
 * subscriber's context plus the observation's entries, and ends the call on the answer (before passing it on), the
 * error (before passing it on) or a cancellation (before cancelling upstream). One subscriber object per call
 * instead of six operators, six subscribers and four method references.
 */
final class ObservedCall extends Mono<LlmResponse> {

    private final TelemetryModule module;
    private final LlmRequest request;

    ObservedCall(TelemetryModule module, LlmRequest request) {
        this.module = module;
        this.request = request;
    }

    @Override
    public void subscribe(CoreSubscriber<? super LlmResponse> actual) {
        Context downstream = actual.currentContext();
        TelemetryModule.Call call = module.start(request, downstream);
        Mono<LlmResponse> source;
        try {
            source = Objects.requireNonNull(module.innerInvoke(request), "The Mono returned by the supplier is null");
        } catch (Throwable e) {
            source = Mono.error(Operators.onOperatorError(e, downstream));
        }
        source.subscribe(new CallSubscriber(actual, call, call.into(downstream)));
    }

    /** Ends the call on the first terminal signal or cancellation, then passes the signal on. */
    private static final class CallSubscriber implements CoreSubscriber<LlmResponse>, Subscription {

        private final CoreSubscriber<? super LlmResponse> actual;
        private final TelemetryModule.Call call;
        private final Context context;
        private Subscription upstream;
        private boolean valued;
        private boolean done;

        CallSubscriber(CoreSubscriber<? super LlmResponse> actual, TelemetryModule.Call call, Context context) {
            this.actual = actual;
            this.call = call;
            this.context = context;
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(LlmResponse response) {
            if (done) {
                Operators.onNextDropped(response, context);
                return;
            }
            valued = true;
            try {
                call.succeeded(response);
            } catch (Throwable e) {
                onError(Operators.onOperatorError(upstream, e, response, context));
                return;
            }
            actual.onNext(response);
        }

        @Override
        public void onError(Throwable error) {
            if (done) {
                Operators.onErrorDropped(error, context);
                return;
            }
            done = true;
            try {
                call.failed(error);
            } catch (Throwable e) {
                error = Operators.onOperatorError(null, e, error, context);
            }
            actual.onError(error);
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            if (!valued) {
                try {
                    call.succeeded(null);
                } catch (Throwable e) {
                    actual.onError(Operators.onOperatorError(upstream, e, context));
                    return;
                }
            }
            actual.onComplete();
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            try {
                call.cancelled();
            } catch (Throwable e) {
                Operators.onErrorDropped(e, context);
            }
            upstream.cancel();
        }
    }
}
