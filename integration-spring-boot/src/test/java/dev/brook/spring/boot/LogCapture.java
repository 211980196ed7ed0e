package dev.brook.spring.boot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the auto-configuration logged. Its {@code System.Logger} goes to {@code java.util.logging} (Spring
 * Boot bridges that to its logging system in an application; a context runner starts none), so a handler
 * on the logger's name sees each message, formatted.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger = Logger.getLogger(BrookAutoConfiguration.class.getName());
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    String all() {
        return String.join("\n", messages);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
