package dev.brook.core.request;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code image} block: {@code {"type":"image","source":...}}, with optional {@code cache_control}.
 *
 * <pre>{@code
 * ImageContent chart = ImageContent.base64("image/png", Files.readAllBytes(path));
 * ImageContent photo = ImageContent.url("https://example.com/cat.jpg");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageContent implements RequestContent {
    private final MediaSource source;
    private final CacheControl cacheControl;

    private ImageContent(MediaSource source, CacheControl cacheControl) {
        this.source = source;
        this.cacheControl = cacheControl;
    }

    /**
     * An image from the given source.
     *
     * @param source where the image comes from
     * @return the block
     * @throws IllegalArgumentException if {@code source} is {@link MediaSource.PlainText}, which only
     *     documents accept
     */
    public static ImageContent of(MediaSource source) {
        Objects.requireNonNull(source, "source");
        if (source instanceof MediaSource.PlainText) {
            throw new IllegalArgumentException(
                    "an image cannot have a plain-text source; use DocumentContent.plainText(...) for text");
        }
        return new ImageContent(source, null);
    }

    /**
     * An inline image; the bytes are Base64-encoded now.
     *
     * @param mediaType {@code image/jpeg}, {@code image/png}, {@code image/gif} or {@code image/webp}
     * @param bytes the image file's bytes; later changes to the array are not seen
     * @return the block
     */
    public static ImageContent base64(String mediaType, byte[] bytes) {
        return of(MediaSource.base64(mediaType, bytes));
    }

    /**
     * An inline image already in standard Base64.
     *
     * @param mediaType {@code image/jpeg}, {@code image/png}, {@code image/gif} or {@code image/webp}
     * @param base64Data the image file's bytes in standard Base64 (not checked)
     * @return the block
     */
    public static ImageContent base64(String mediaType, String base64Data) {
        return of(MediaSource.base64(mediaType, base64Data));
    }

    /**
     * An image the API fetches from {@code url}.
     *
     * @param url an absolute {@code https} URL (not checked)
     * @return the block
     */
    public static ImageContent url(String url) {
        return of(MediaSource.url(url));
    }

    /**
     * A copy with the given prompt-caching breakpoint.
     *
     * @param cacheControl the breakpoint
     * @return the changed copy
     */
    public ImageContent withCacheControl(CacheControl cacheControl) {
        return new ImageContent(source, Objects.requireNonNull(cacheControl, "cacheControl"));
    }

    @Override
    public String type() {
        return "image";
    }

    /** {@return where the image comes from} */
    public MediaSource source() {
        return source;
    }

    /** {@return the prompt-caching breakpoint, if set} */
    public Optional<CacheControl> cacheControl() {
        return Optional.ofNullable(cacheControl);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageContent i && source.equals(i.source) && Objects.equals(cacheControl, i.cacheControl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, cacheControl);
    }

    /** The source (never the image data itself) and the cache control. */
    @Override
    public String toString() {
        return "ImageContent{source=" + source + (cacheControl == null ? "" : ", " + cacheControl) + '}';
    }
}
