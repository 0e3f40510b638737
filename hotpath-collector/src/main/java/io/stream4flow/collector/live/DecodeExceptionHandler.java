package io.stream4flow.collector.live;

import com.lmax.disruptor.ExceptionHandler;

/**
 * The Disruptor exception handler of one decode partition, in place of the default one that ends
 * the thread (and with it every exporter of the partition): the exception is counted by the stage
 * the handler was in ({@link DecodeHandler#stage()}), logged at a bounded rate by
 * {@link RingErrors}, and the processor goes on with the next event. The event that threw is not
 * retried; what its datagram had not yet delivered is lost (and the exception counted).
 *
 * <p>Called on the partition's decode thread.
 */
final class DecodeExceptionHandler implements ExceptionHandler<PacketEvent> {
    private final DecodeHandler handler;
    private final RingErrors errors;

    DecodeExceptionHandler(DecodeHandler handler, RingErrors errors) {
        this.handler = handler;
        this.errors = errors;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, PacketEvent event) {
        errors.record(handler.stage(), ex, "decoder " + handler.partition() + ", sequence " + sequence);
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        errors.record(RingErrors.START, ex, "decoder " + handler.partition() + " starting");
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        errors.record(RingErrors.SHUTDOWN, ex, "decoder " + handler.partition() + " stopping");
    }
}
