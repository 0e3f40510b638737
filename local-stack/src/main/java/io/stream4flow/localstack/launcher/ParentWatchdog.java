package io.stream4flow.localstack.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs inside a server's child JVM, in front of its real main class: {@code ParentWatchdog <mainClass> <args>}.
 *
 * <p>The parent keeps the write end of the child's stdin open and never writes to it; when the parent dies,
 * however it dies (including {@code kill -9}, which skips its shutdown hooks), the operating system closes that
 * pipe, this class reads end-of-file and calls {@link System#exit}, and the server's own shutdown hooks stop it
 * cleanly. So no broker outlives the test run or the {@code s4fctl} process that started it.
 *
 * <p>Uses nothing but the JDK: its class file alone is copied onto the child's classpath.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog <main class> [arguments...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(ParentWatchdog::exitWhenStdinCloses, "stream4flow-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Method main = Class.forName(args[0]).getMethod("main", String[].class);
            // the class itself may be package-private (Elasticsearch's CliToolLauncher is); its main is public
            main.setAccessible(true);
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenStdinCloses() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // treated like end-of-file: the parent is gone
        }
        System.err.println("[stream4flow] the process that started this server is gone: stopping");
        System.exit(0);
    }
}
