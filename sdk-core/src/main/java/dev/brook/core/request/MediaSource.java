package dev.brook.core.request;

import dev.brook.core.client.Brook;
import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the bytes of an {@link ImageContent} or a {@link DocumentContent} come from: the
 * {@code source} object of the block.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface MediaSource
        permits MediaSource.Base64Data, MediaSource.Url, MediaSource.PlainText, MediaSource.Raw {

    /**
     * Inline bytes: {@code {"type":"base64","media_type":...,"data":...}}.
     *
     * @param mediaType e.g. {@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp},
     *     {@code application/pdf}
     * @param bytes the raw bytes; they are encoded now, so later changes to the array are not seen
     * @return the source
     */
    static MediaSource base64(String mediaType, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Base64Data(mediaType, Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * Inline bytes already encoded as standard Base64.
     *
     * @param mediaType e.g. {@code image/png} or {@code application/pdf}
     * @param base64Data the bytes in standard Base64 (not checked)
     * @return the source
     */
    static MediaSource base64(String mediaType, String base64Data) {
        return new Base64Data(mediaType, base64Data);
    }

    /**
     * Bytes the API fetches itself: {@code {"type":"url","url":...}}.
     *
     * @param url an absolute {@code https} URL (not checked)
     * @return the source
     */
    static MediaSource url(String url) {
        return new Url(url);
    }

    /**
     * Plain text, for documents only: {@code {"type":"text","media_type":"text/plain","data":...}}.
     *
     * @param text the document's text
     * @return the source
     */
    static MediaSource plainText(String text) {
        return new PlainText(text);
    }

    /**
     * A source given as its JSON object, sent as is, for source kinds Brook does not model (for example
     * {@code {"type":"file","file_id":...}}).
     *
     * @param json the {@code source} object
     * @return the source
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    static MediaSource raw(JsonValue json) {
        return new Raw(json);
    }

    /** {@return the {@code type} of the source object, e.g. {@code "base64"}} */
    String type();

    /**
     * Base64-encoded bytes with their media type.
     *
     * @param mediaType the media type, e.g. {@code image/png}
     * @param data the bytes in standard Base64
     */
    record Base64Data(String mediaType, String data) implements MediaSource {
        /**
         * @param mediaType the media type, e.g. {@code image/png}
         * @param data the bytes in standard Base64
         * @throws IllegalArgumentException if {@code mediaType} is blank
         */
        public Base64Data {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(data, "data");
            if (mediaType.isBlank()) {
                throw new IllegalArgumentException("mediaType is blank; use e.g. \"image/png\" or \"application/pdf\"");
            }
        }

        @Override
        public String type() {
            return "base64";
        }

        /** Media type and data length only: the data may be megabytes. */
        @Override
        public String toString() {
            return "Base64Data[mediaType=" + mediaType + ", data=" + data.length() + " chars]";
        }
    }

    /**
     * An address the API fetches.
     *
     * @param url an absolute {@code https} URL (not checked)
     */
    record Url(String url) implements MediaSource {
        /**
         * @param url an absolute {@code https} URL (not checked)
         * @throws IllegalArgumentException if {@code url} is blank
         */
        public Url {
            Objects.requireNonNull(url, "url");
            if (url.isBlank()) {
                throw new IllegalArgumentException("url is blank");
            }
        }

        @Override
        public String type() {
            return "url";
        }
    }

    /**
     * Plain text with media type {@code text/plain}; documents only.
     *
     * @param data the text
     */
    record PlainText(String data) implements MediaSource {
        /**
         * Checks the text is not null.
         *
         * @param data the text
         */
        public PlainText {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String type() {
            return "text";
        }

        /** Length only: the text may be long. */
        @Override
        public String toString() {
            return "PlainText[data=" + data.length() + " chars]";
        }
    }

    /**
     * A source object sent as is.
     *
     * @param json the JSON object
     */
    record Raw(JsonValue json) implements MediaSource {
        /**
         * @param json the JSON object
         * @throws IllegalArgumentException if {@code json} is not a JSON object
         */
        public Raw {
            json = ClientJson.requireObject(json, "source");
        }


        /** The object's {@code type} field, or {@code ""} when it has none. */
        @Override
        public String type() {
            return json.get("type").flatMap(JsonValue::asString).orElse("");
        }

    }
}
