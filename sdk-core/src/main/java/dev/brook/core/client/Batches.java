package dev.brook.core.client;

import dev.brook.core.error.ApiException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.NotFoundException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Message Batches API ({@code /v1/messages/batches}) of one {@link Brook} client: many non-streaming
 * requests processed asynchronously, their results read later as JSONL. Thread-safe. Retries, timeouts,
 * errors and request ids as for {@link Messages#create}.
 *
 * <pre>{@code
 * Batches batches = brook.messages().batches();
 * MessageBatch batch = batches.create(List.of(BatchRequest.of("q1", request)));
 * // ... later, once batches.retrieve(batch.id()).isEnded():
 * try (BatchResults results = batches.results(batch.id())) {
 *     results.forEachRemaining(r -> System.out.println(r.customId() + ": " + r.type()));
 * }
 * }</pre>
 */
public final class Batches {
    private static final String PATH = "/v1/messages/batches";
    private static final byte[] NO_BODY = new byte[0];

    private final Messages calls;

    Batches(Messages calls) {
        this.calls = calls;
    }

    /**
     * Creates a batch ({@code POST /v1/messages/batches}).
     *
     * @param requests the requests, at least one, each with a {@code custom_id} unique in the batch
     * @return the new batch, {@code in_progress}
     * @throws IllegalArgumentException if {@code requests} is empty or two share a {@code custom_id}
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a batch
     */
    public MessageBatch create(List<BatchRequest> requests) {
        return create(requests, RequestOptions.none());
    }

    /**
     * Creates a batch ({@code POST /v1/messages/batches}), with this call's options.
     *
     * @param requests the requests, at least one, each with a {@code custom_id} unique in the batch
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the new batch, {@code in_progress}
     * @throws IllegalArgumentException if {@code requests} is empty or two share a {@code custom_id}
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a batch
     */
    public MessageBatch create(List<BatchRequest> requests, RequestOptions options) {
        List<BatchRequest> copy = List.copyOf(Objects.requireNonNull(requests, "requests"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one request");
        }
        if (copy.stream().map(BatchRequest::customId).distinct().count() != copy.size()) {
            throw new IllegalArgumentException("Two requests of the batch share a customId; each must be unique");
        }
        return calls.callJson("POST", PATH, EndpointJson.batchCreateBody(copy), options,
                MessageBatch::fromJson);
    }

    /**
     * One batch ({@code GET /v1/messages/batches/{id}}); poll it until {@link MessageBatch#isEnded()}.
     *
     * @param batchId the batch's id
     * @return the batch
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a batch
     */
    public MessageBatch retrieve(String batchId) {
        return retrieve(batchId, RequestOptions.none());
    }

    /**
     * One batch ({@code GET /v1/messages/batches/{id}}), with this call's options.
     *
     * @param batchId the batch's id
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the batch
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a batch
     */
    public MessageBatch retrieve(String batchId, RequestOptions options) {
        return calls.callJson("GET", batchUri(batchId, ""), NO_BODY, options, MessageBatch::fromJson);
    }

    /**
     * Polls a batch ({@link #retrieve(String)}) every {@code pollEvery} until its processing has ended or
     * {@code timeout} has passed, and gives the batch as last retrieved: check {@link MessageBatch#isEnded()}
     * to tell the two apart. Blocks the calling thread between polls (batches take minutes to hours: poll
     * every minute or so).
     *
     * @param batchId the batch's id
     * @param pollEvery the wait between two polls, at least zero
     * @param timeout how long to poll in all, at least zero; the first poll happens regardless
     * @return the batch as last retrieved: ended, or still processing when {@code timeout} passed
     * @throws InterruptedException if the thread is interrupted while waiting between polls
     * @throws IllegalArgumentException if {@code pollEvery} or {@code timeout} is negative
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a poll's timeout fires
     * @throws StreamProtocolException when a reply is not a batch
     */
    public MessageBatch awaitEnded(String batchId, Duration pollEvery, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(batchId, "batchId");
        if (pollEvery.isNegative() || timeout.isNegative()) {
            throw new IllegalArgumentException("pollEvery and timeout must not be negative, got " + pollEvery
                    + " and " + timeout);
        }
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 2);
        MessageBatch batch = retrieve(batchId);
        while (!batch.isEnded()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return batch;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, pollEvery.toNanos()));
            batch = retrieve(batchId);
        }
        return batch;
    }

    /**
     * The first page of batches, most recent first, in the API's default page size.
     *
     * @return the page
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a page of batches
     */
    public Page<MessageBatch> list() {
        return list(PageRequest.first());
    }

    /**
     * One page of batches ({@code GET /v1/messages/batches?limit=&after_id=&before_id=}).
     *
     * @param page which page
     * @return the page
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a page of batches
     */
    public Page<MessageBatch> list(PageRequest page) {
        return list(page, RequestOptions.none());
    }

    /**
     * One page of batches, with this call's options.
     *
     * @param page which page
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the page
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a page of batches
     */
    public Page<MessageBatch> list(PageRequest page, RequestOptions options) {
        Objects.requireNonNull(page, "page");
        return calls.callJson("GET", EndpointJson.withQuery(PATH, page), NO_BODY, options,
                body -> EndpointJson.page(body, MessageBatch::from));
    }

    /**
     * Every batch from {@code first} on, each page fetched only when the items before are used up (see
     * {@link Models#listAll(PageRequest)}).
     *
     * @param first the first page to fetch; its limit is kept for the next pages
     * @return the batches, lazily fetched; sequential; nothing to close
     */
    public Stream<MessageBatch> listAll(PageRequest first) {
        Objects.requireNonNull(first, "first");
        return Pages.all(first, this::list);
    }

    /**
     * Asks to cancel a batch ({@code POST /v1/messages/batches/{id}/cancel}); requests not yet processed
     * end as {@link BatchResult.Canceled}.
     *
     * @param batchId the batch's id
     * @return the batch, usually {@code canceling}
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a batch
     */
    public MessageBatch cancel(String batchId) {
        return calls.callJson("POST", batchUri(batchId, "/cancel"), NO_BODY, RequestOptions.none(),
                MessageBatch::fromJson);
    }

    /**
     * Deletes an ended batch and its results ({@code DELETE /v1/messages/batches/{id}}).
     *
     * @param batchId the batch's id
     * @return the id of the deleted batch, as the API confirms it
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status, such as
     *     a batch still processing
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires
     * @throws StreamProtocolException when the reply is not a deletion
     */
    public String delete(String batchId) {
        return calls.callJson("DELETE", batchUri(batchId, ""), NO_BODY, RequestOptions.none(),
                body -> EndpointJson.text(EndpointJson.object(body, 0, -1), "id"));
    }

    /**
     * The results of an ended batch ({@code GET /v1/messages/batches/{id}/results}), read line by line as
     * they are asked for. See {@link BatchResults}.
     *
     * @param batchId the batch's id
     * @return the open results, to read and close
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status, such as
     *     a batch still processing
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires before the headers
     */
    public BatchResults results(String batchId) {
        return results(batchId, RequestOptions.none());
    }

    /**
     * The results of an ended batch, with this call's options (a longer {@code totalTimeout}, or none, for
     * a large file).
     *
     * @param batchId the batch's id
     * @param options this call's headers, betas, timeouts and retries, over the client's
     * @return the open results, to read and close
     * @throws NotFoundException when there is no such batch
     * @throws ApiException (a subclass per status) when the API answers with another error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires before the headers
     */
    public BatchResults results(String batchId, RequestOptions options) {
        return new BatchResults(calls.openBody("GET", batchUri(batchId, "/results"), "application/binary", options));
    }

    /**
     * The results of an ended batch, read from its {@link MessageBatch#resultsUrl()}. The URL must be on
     * the client's base URL (same scheme, host and port): credentials are never sent elsewhere.
     *
     * @param batch the batch, as {@link #retrieve} returned it once ended
     * @return the open results, to read and close
     * @throws IllegalStateException when the batch has no results URL yet (it has not ended)
     * @throws IllegalArgumentException when the results URL is not on the client's base URL
     * @throws ApiException (a subclass per status) when the API answers with an error status
     * @throws ConnectionException when the connection fails, after the retries
     * @throws StreamTimeoutException when a timeout fires before the headers
     */
    public BatchResults results(MessageBatch batch) {
        Objects.requireNonNull(batch, "batch");
        String url = batch.resultsUrl().orElseThrow(() -> new IllegalStateException("Batch " + batch.id()
                + " has no results_url yet (processing_status " + batch.processingStatus()
                + "); poll retrieve(id) until isEnded()."));
        String path = calls.pathOnBaseUrl(url, "results_url of batch " + batch.id());
        return new BatchResults(calls.openBody("GET", path, "application/binary", RequestOptions.none()));
    }

    private String batchUri(String batchId, String suffix) {
        Objects.requireNonNull(batchId, "batchId");
        if (batchId.isEmpty()) {
            throw new IllegalArgumentException("batchId is empty");
        }
        return PATH + "/" + EndpointJson.encode(batchId) + suffix;
    }

    @Override
    public String toString() {
        return "Batches{}";
    }
}
