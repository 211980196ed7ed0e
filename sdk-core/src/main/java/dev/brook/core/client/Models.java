package dev.brook.core.client;

import dev.brook.core.error.ApiException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.NotFoundException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The Models API ({@code /v1/models}) of one {@link Brook} client: the models the credentials may use.
 * Thread-safe. Retries, timeouts, errors and request ids as for {@link Messages#create}.
 *
 * <pre>{@code
 * brook.models().listAll().map(ModelInfo::id).forEach(System.out::println);
 * }</pre>
 */
public final class Models {
    private final Messages calls;

    Models(Messages calls) {
        this.calls = calls;
    }

    /**
     * The first page of models, most recently released first, in the API's default page size.
     *
     * @return the page
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a page of models
     */
    public Page<ModelInfo> list() {
        return list(PageRequest.first());
    }

    /**
     * One page of models ({@code GET /v1/models?limit=&after_id=&before_id=}).
     *
     * @param page which page
     * @return the page
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a page of models
     */
    public Page<ModelInfo> list(PageRequest page) {
        return list(page, RequestOptions.none());
    }

    /**
     * One page of models ({@code GET /v1/models?limit=&after_id=&before_id=}), with this call's options.
     *
     * @param page which page
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the page
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a page of models
     */
    public Page<ModelInfo> list(PageRequest page, RequestOptions options) {
        Objects.requireNonNull(page, "page");
        return calls.callJson("GET", EndpointJson.withQuery("/v1/models", page), new byte[0], options,
                body -> EndpointJson.page(body, ModelInfo::from));
    }

    /**
     * Every model, from the first page on. See {@link #listAll(PageRequest)}.
     *
     * @return the models, fetched page by page as the stream is consumed
     */
    public Stream<ModelInfo> listAll() {
        return listAll(PageRequest.first());
    }

    /**
     * Every model from {@code first} on: the stream fetches the first page when its first item is asked
     * for, and each next page only when the items before are used up, following {@link Page#next}. A
     * failed fetch throws from the stream operation that needed it, as {@link #list(PageRequest)} does.
     *
     * @param first the first page to fetch; its limit is kept for the next pages
     * @return the models, lazily fetched; sequential; nothing to close
     */
    public Stream<ModelInfo> listAll(PageRequest first) {
        Objects.requireNonNull(first, "first");
        return Pages.all(first, this::list);
    }

    /**
     * One model ({@code GET /v1/models/{id}}), also by an alias the API resolves.
     *
     * @param id the model's id or alias
     * @return the model
     * @throws NotFoundException when there is no such model
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a model
     */
    public ModelInfo retrieve(String id) {
        return retrieve(id, RequestOptions.none());
    }

    /**
     * One model ({@code GET /v1/models/{id}}), with this call's options.
     *
     * @param id the model's id or alias
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the model
     * @throws NotFoundException when there is no such model
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a model
     */
    public ModelInfo retrieve(String id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return calls.callJson("GET", "/v1/models/" + EndpointJson.encode(id), new byte[0], options,
                ModelInfo::fromJson);
    }

    @Override
    public String toString() {
        return "Models{}";
    }
}
