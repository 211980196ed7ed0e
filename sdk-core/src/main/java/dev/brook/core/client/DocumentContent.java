package dev.brook.core.client;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code document} block: {@code {"type":"document","source":...}}, with optional {@code title},
 * {@code context}, {@code citations} ({@code {"enabled":true}}) and {@code cache_control}.
 *
 * <pre>{@code
 * DocumentContent report = DocumentContent.pdf(Files.readAllBytes(path))
 *         .withTitle("Q3 report")
 *         .withCitations(true);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return changed copies.
 */
public final class DocumentContent implements RequestContent {
    private final MediaSource source;
    private final String title;
    private final String context;
    private final Boolean citationsEnabled;
    private final CacheControl cacheControl;

    private DocumentContent(MediaSource source, String title, String context, Boolean citationsEnabled,
                            CacheControl cacheControl) {
        this.source = source;
        this.title = title;
        this.context = context;
        this.citationsEnabled = citationsEnabled;
        this.cacheControl = cacheControl;
    }

    /** A document from any source. */
    public static DocumentContent of(MediaSource source) {
        return new DocumentContent(Objects.requireNonNull(source, "source"), null, null, null, null);
    }

    /** An inline PDF; the bytes are Base64-encoded now. */
    public static DocumentContent pdf(byte[] bytes) {
        return of(MediaSource.base64("application/pdf", bytes));
    }

    /** An inline PDF already in standard Base64. */
    public static DocumentContent pdfBase64(String base64Data) {
        return of(MediaSource.base64("application/pdf", base64Data));
    }

    /** A plain-text document ({@code text/plain}). */
    public static DocumentContent plainText(String text) {
        return of(MediaSource.plainText(text));
    }

    /** A PDF the API fetches from {@code url}. */
    public static DocumentContent url(String url) {
        return of(MediaSource.url(url));
    }

    /** A copy with the given {@code title}. */
    public DocumentContent withTitle(String title) {
        return new DocumentContent(source, Objects.requireNonNull(title, "title"), context, citationsEnabled,
                cacheControl);
    }

    /** A copy with the given {@code context}: text about the document the model sees but does not cite. */
    public DocumentContent withContext(String context) {
        return new DocumentContent(source, title, Objects.requireNonNull(context, "context"), citationsEnabled,
                cacheControl);
    }

    /** A copy sending {@code "citations":{"enabled":enabled}}. Not sent unless called. */
    public DocumentContent withCitations(boolean enabled) {
        return new DocumentContent(source, title, context, enabled, cacheControl);
    }

    /** A copy with the given prompt-caching breakpoint. */
    public DocumentContent withCacheControl(CacheControl cacheControl) {
        return new DocumentContent(source, title, context, citationsEnabled,
                Objects.requireNonNull(cacheControl, "cacheControl"));
    }

    @Override
    public String type() {
        return "document";
    }

    /** Where the document comes from. */
    public MediaSource source() {
        return source;
    }

    /** The title, if set. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The context, if set. */
    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    /** Whether citations are enabled, if {@link #withCitations(boolean)} was called. */
    public Optional<Boolean> citationsEnabled() {
        return Optional.ofNullable(citationsEnabled);
    }

    /** The prompt-caching breakpoint, if set. */
    public Optional<CacheControl> cacheControl() {
        return Optional.ofNullable(cacheControl);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentContent d && source.equals(d.source) && Objects.equals(title, d.title)
                && Objects.equals(context, d.context) && Objects.equals(citationsEnabled, d.citationsEnabled)
                && Objects.equals(cacheControl, d.cacheControl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, title, context, citationsEnabled, cacheControl);
    }

    /** The source (never the document data itself), title and which options are set. */
    @Override
    public String toString() {
        return "DocumentContent{source=" + source + (title == null ? "" : ", title=" + title)
                + (context == null ? "" : ", context") + (citationsEnabled == null ? "" : ", citations=" + citationsEnabled)
                + (cacheControl == null ? "" : ", " + cacheControl) + '}';
    }
}
