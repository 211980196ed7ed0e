package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One citation of a text block, typed by its {@code type}: a span of a document given as text
 * ({@code char_location}), pages of a PDF ({@code page_location}), blocks of a custom-content document
 * ({@code content_block_location}), a web search result ({@code web_search_result_location}) or a search
 * result block the request carried ({@code search_result_location}). A kind this version does not know,
 * or a known kind missing a required field, is {@link Other}. Every kind keeps the object as sent in
 * {@link #raw()}, which is what a message writes back.
 */
public sealed interface Citation {
    /** {@return the citation's {@code type}} */
    String type();

    /** {@return the citation object as sent} */
    JsonValue raw();

    /**
     * Types one citation object.
     *
     * @param raw a citation object, as in a text block's {@code citations} or a {@code citations_delta}
     * @return the typed citation; {@link Other} for an unknown kind or a known kind missing a field
     * @throws NullPointerException if {@code raw} is null
     */
    static Citation of(JsonValue raw) {
        Objects.requireNonNull(raw, "raw");
        String type = JsonFields.string(raw, "type").orElse("");
        Optional<String> cited = JsonFields.string(raw, "cited_text");
        OptionalInt doc = JsonFields.smallInteger(raw, "document_index");
        Optional<String> docTitle = JsonFields.string(raw, "document_title");
        Optional<String> fileId = JsonFields.string(raw, "file_id");
        switch (type) {
            case "char_location": {
                OptionalInt start = JsonFields.smallInteger(raw, "start_char_index");
                OptionalInt end = JsonFields.smallInteger(raw, "end_char_index");
                if (cited.isPresent() && doc.isPresent() && start.isPresent() && end.isPresent()) {
                    return new CharLocation(cited.get(), doc.getAsInt(), docTitle, start.getAsInt(), end.getAsInt(),
                            fileId, raw);
                }
                break;
            }
            case "page_location": {
                OptionalInt start = JsonFields.smallInteger(raw, "start_page_number");
                OptionalInt end = JsonFields.smallInteger(raw, "end_page_number");
                if (cited.isPresent() && doc.isPresent() && start.isPresent() && end.isPresent()) {
                    return new PageLocation(cited.get(), doc.getAsInt(), docTitle, start.getAsInt(), end.getAsInt(),
                            fileId, raw);
                }
                break;
            }
            case "content_block_location": {
                OptionalInt start = JsonFields.smallInteger(raw, "start_block_index");
                OptionalInt end = JsonFields.smallInteger(raw, "end_block_index");
                if (cited.isPresent() && doc.isPresent() && start.isPresent() && end.isPresent()) {
                    return new ContentBlockLocation(cited.get(), doc.getAsInt(), docTitle, start.getAsInt(),
                            end.getAsInt(), fileId, raw);
                }
                break;
            }
            case "web_search_result_location": {
                Optional<String> url = JsonFields.string(raw, "url");
                Optional<String> index = JsonFields.string(raw, "encrypted_index");
                if (cited.isPresent() && url.isPresent() && index.isPresent()) {
                    return new WebSearchResultLocation(cited.get(), url.get(), JsonFields.string(raw, "title"),
                            index.get(), raw);
                }
                break;
            }
            case "search_result_location": {
                Optional<String> source = JsonFields.string(raw, "source");
                OptionalInt result = JsonFields.smallInteger(raw, "search_result_index");
                OptionalInt start = JsonFields.smallInteger(raw, "start_block_index");
                OptionalInt end = JsonFields.smallInteger(raw, "end_block_index");
                if (cited.isPresent() && source.isPresent() && result.isPresent() && start.isPresent()
                        && end.isPresent()) {
                    return new SearchResultLocation(cited.get(), source.get(), JsonFields.string(raw, "title"),
                            result.getAsInt(), start.getAsInt(), end.getAsInt(), raw);
                }
                break;
            }
            default:
                break;
        }
        return new Other(type, raw);
    }

    /**
     * A span of a plain-text document, by character.
     *
     * @param citedText the cited text
     * @param documentIndex the document's index among the request's documents, from 0
     * @param documentTitle the document's title, when it has one
     * @param startCharIndex the first cited character, from 0
     * @param endCharIndex the character after the last cited one
     * @param fileId the Files API id of the document, when it came from there
     * @param raw the citation object as sent
     */
    record CharLocation(String citedText, int documentIndex, Optional<String> documentTitle, int startCharIndex,
                        int endCharIndex, Optional<String> fileId, JsonValue raw) implements Citation {
        /** Always {@code char_location}. */
        @Override
        public String type() {
            return "char_location";
        }
    }

    /**
     * Pages of a PDF document.
     *
     * @param citedText the cited text
     * @param documentIndex the document's index among the request's documents, from 0
     * @param documentTitle the document's title, when it has one
     * @param startPageNumber the first cited page, from 1
     * @param endPageNumber the page after the last cited one
     * @param fileId the Files API id of the document, when it came from there
     * @param raw the citation object as sent
     */
    record PageLocation(String citedText, int documentIndex, Optional<String> documentTitle, int startPageNumber,
                        int endPageNumber, Optional<String> fileId, JsonValue raw) implements Citation {
        /** Always {@code page_location}. */
        @Override
        public String type() {
            return "page_location";
        }
    }

    /**
     * Blocks of a custom-content document.
     *
     * @param citedText the cited blocks' text, concatenated
     * @param documentIndex the document's index among the request's documents, from 0
     * @param documentTitle the document's title, when it has one
     * @param startBlockIndex the first cited block, from 0
     * @param endBlockIndex the block after the last cited one
     * @param fileId the Files API id of the document, when it came from there
     * @param raw the citation object as sent
     */
    record ContentBlockLocation(String citedText, int documentIndex, Optional<String> documentTitle,
                                int startBlockIndex, int endBlockIndex, Optional<String> fileId, JsonValue raw)
            implements Citation {
        /** Always {@code content_block_location}. */
        @Override
        public String type() {
            return "content_block_location";
        }
    }

    /**
     * A result of the API's web search.
     *
     * @param citedText the cited text
     * @param url the page's URL
     * @param title the page's title, when it has one
     * @param encryptedIndex the reference to send back for the citation to stay valid
     * @param raw the citation object as sent
     */
    record WebSearchResultLocation(String citedText, String url, Optional<String> title, String encryptedIndex,
                                   JsonValue raw) implements Citation {
        /** Always {@code web_search_result_location}. */
        @Override
        public String type() {
            return "web_search_result_location";
        }
    }

    /**
     * Blocks of a {@code search_result} block the request carried.
     *
     * @param citedText the cited blocks' text, concatenated
     * @param source the search result's source, such as a URL
     * @param title the search result's title, when it has one
     * @param searchResultIndex the search result's index among those in the request, from 0
     * @param startBlockIndex the first cited block, from 0
     * @param endBlockIndex the block after the last cited one
     * @param raw the citation object as sent
     */
    record SearchResultLocation(String citedText, String source, Optional<String> title, int searchResultIndex,
                                int startBlockIndex, int endBlockIndex, JsonValue raw) implements Citation {
        /** Always {@code search_result_location}. */
        @Override
        public String type() {
            return "search_result_location";
        }
    }

    /**
     * A citation of a kind this version does not type, or a known kind missing a required field.
     *
     * @param type the citation's {@code type} ({@code ""} when absent)
     * @param raw the citation object as sent
     */
    record Other(String type, JsonValue raw) implements Citation {
    }
}
