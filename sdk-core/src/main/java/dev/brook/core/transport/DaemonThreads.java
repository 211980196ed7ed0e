package dev.brook.core.transport;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads a transport creates for a client of its own ({@code brook-okhttp-1}, …) and makes
 * them daemons, so an application that forgets {@link Transport#close()} can still exit. Thread-safe.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    /** @param prefix the start of every thread's name, such as {@code brook-okhttp} */
    public DaemonThreads(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task, prefix + '-' + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    @Override
    public String toString() {
        return "DaemonThreads{" + prefix + '}';
    }
}
