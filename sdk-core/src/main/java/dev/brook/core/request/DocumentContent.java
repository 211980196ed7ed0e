package dev.brook.core.request;

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

    /**
     * A document from any source.
     *
     * @param source where the document comes from
     * @return the block
     */
    public static DocumentContent of(MediaSource source) {
        return new DocumentContent(Objects.requireNonNull(source, "source"), null, null, null, null);
    }

    /**
     * An inline PDF; the bytes are Base64-encoded now.
     *
     * @param bytes the PDF file's bytes; later changes to the array are not seen
     * @return the block
     */
    public static DocumentContent pdf(byte[] bytes) {
        return of(MediaSource.base64("application/pdf", bytes));
    }

    /**
     * An inline PDF already in standard Base64.
     *
     * @param base64Data the PDF file's bytes in standard Base64 (not checked)
     * @return the block
     */
    public static DocumentContent pdfBase64(String base64Data) {
        return of(MediaSource.base64("application/pdf", base64Data));
    }

    /**
     * A plain-text document ({@code text/plain}).
     *
     * @param text the document's text
     * @return the block
     */
    public static DocumentContent plainText(String text) {
        return of(MediaSource.plainText(text));
    }

    /**
     * A PDF the API fetches from {@code url}.
     *
     * @param url an absolute {@code https} URL (not checked)
     * @return the block
     */
    public static DocumentContent url(String url) {
        return of(MediaSource.url(url));
    }

    /**
     * A copy with the given {@code title}.
     *
     * @param title the document's title
     * @return the changed copy
     */
    public DocumentContent withTitle(String title) {
        return new DocumentContent(source, Objects.requireNonNull(title, "title"), context, citationsEnabled,
                cacheControl);
    }

    /**
     * A copy with the given {@code context}: text about the document the model sees but does not cite.
     *
     * @param context the context text
     * @return the changed copy
     */
    public DocumentContent withContext(String context) {
        return new DocumentContent(source, title, Objects.requireNonNull(context, "context"), citationsEnabled,
                cacheControl);
    }

    /**
     * A copy sending {@code "citations":{"enabled":enabled}}. Not sent unless called.
     *
     * @param enabled whether the model may cite the document
     * @return the changed copy
     */
    public DocumentContent withCitations(boolean enabled) {
        return new DocumentContent(source, title, context, enabled, cacheControl);
    }

    /**
     * A copy with the given prompt-caching breakpoint.
     *
     * @param cacheControl the breakpoint
     * @return the changed copy
     */
    public DocumentContent withCacheControl(CacheControl cacheControl) {
        return new DocumentContent(source, title, context, citationsEnabled,
                Objects.requireNonNull(cacheControl, "cacheControl"));
    }

    @Override
    public String type() {
        return "document";
    }

    /** {@return where the document comes from} */
    public MediaSource source() {
        return source;
    }

    /** {@return the title, if set} */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** {@return the context, if set} */
    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    /** {@return whether citations are enabled, if {@link #withCitations(boolean)} was called} */
    public Optional<Boolean> citationsEnabled() {
        return Optional.ofNullable(citationsEnabled);
    }

    /** {@return the prompt-caching breakpoint, if set} */
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
