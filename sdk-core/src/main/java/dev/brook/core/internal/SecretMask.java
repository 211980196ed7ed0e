package dev.brook.core.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Hides credentials in text a server sent back (an error body that quotes the key it rejected), before
 * the text reaches an exception's message, its raw body or a log.
 */
public final class SecretMask {
    /** What a hidden credential becomes. */
    static final String MARKER = "[redacted]";

    /** Anthropic API keys, and the admin and OAuth tokens of the same family, whole or cut short. */
    private static final Pattern ANTHROPIC_KEY = Pattern.compile("sk-ant-[A-Za-z0-9_\\-]{4,}");

    /** Shorter values are too likely to appear by chance to be masked safely. */
    private static final int MIN_SECRET_LENGTH = 8;

    private SecretMask() {
    }

    /** {@code text} with every occurrence of each secret, and anything shaped like an Anthropic key, masked. */
    static String mask(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH && out.contains(secret)) {
                out = out.replace(secret, MARKER);
            }
        }
        return out.contains("sk-ant-") ? ANTHROPIC_KEY.matcher(out).replaceAll(MARKER) : out;
    }
}
