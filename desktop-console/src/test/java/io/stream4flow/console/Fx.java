package io.stream4flow.console;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** The console tests' way onto the FX thread and of waiting for what it shows. */
final class Fx {
    private Fx() { }

    /** {@code c} run on the FX thread, its answer. */
    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    /** Waits until {@code onFx}, asked on the FX thread, is true; fails naming {@code what} after the timeout. */
    static void await(Duration timeout, String what, Supplier<Boolean> onFx) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!fx(onFx::get)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }
}
