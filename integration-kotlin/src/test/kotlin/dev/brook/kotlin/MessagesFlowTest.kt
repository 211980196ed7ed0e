package dev.brook.kotlin

import dev.brook.core.client.Brook
import dev.brook.core.error.BadRequestException
import dev.brook.core.error.StreamErrorException
import dev.brook.core.event.Message
import dev.brook.core.event.StreamEvent
import dev.brook.core.request.MessageRequest
import dev.brook.testkit.FakeMessagesServer
import dev.brook.testkit.ScriptedResponse
import dev.brook.transport.jdk.JdkTransport
import java.lang.management.ManagementFactory
import java.net.http.HttpClient
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test

/**
 * The coroutine API against the fake server over the JDK transport. `runTest` drives every test: its
 * virtual time does not apply to real I/O, and a coroutine suspended on the socket is resumed from the
 * transport's threads; the blocking waits on the server run on Dispatchers.IO.
 */
class MessagesFlowTest {
    private val server = FakeMessagesServer().start()
    private val transport = JdkTransport.of(HttpClient.newHttpClient())
    private val brook = Brook.builder()
        .apiKey("sk-ant-kotlin-test")
        .baseUrl(server.baseUri().toString())
        .transport(transport)
        .maxRetries(0)
        .idleTimeout(Duration.ofSeconds(30))
        .build()
    private val request = MessageRequest.builder()
        .model("claude-kotlin")
        .maxTokens(256)
        .addUserMessage("Tell me a story.")
        .build()

    @AfterEach
    fun close() {
        brook.close()
        transport.close()
        server.close()
    }

    @Test
    fun fixtureGivesWhatTheSyncApiGives() = runTest(timeout = 30.seconds) {
        server.respondAlways(ScriptedResponse.sseInChunks(fixture("text-basic.sse"), 7, Duration.ZERO))
        val (syncEvents, syncMessage) = brook.messages().stream(request).use { it.events().toList() to it.finalMessage() }
        val syncText = brook.messages().stream(request).use { it.textStream().toList().joinToString("") }
        val before = server.requestCount()

        val events: Flow<StreamEvent> = brook.messages().streamFlow(request)
        val text = brook.messages().textFlow(request)
        assertThat(server.requestCount()).`as`("cold: nothing sent before collection").isEqualTo(before)

        assertThat(events.toList()).isEqualTo(syncEvents)
        assertThat(events.toList()).`as`("each collection is a call of its own").isEqualTo(syncEvents)
        assertThat(text.toList().joinToString("")).isEqualTo(syncText).isEqualTo(syncMessage.text()).isNotEmpty()
        assertThat(brook.messages().finalMessage(request)).isEqualTo(syncMessage)
        assertThat(server.requestCount()).isEqualTo(before + 4)
    }

    /** The README's example, verbatim (ReadmeExamplesTest checks it is here), against the fixture. */
    @Test
    fun readmeExample() = runTest(timeout = 30.seconds) {
        server.respondAlways(ScriptedResponse.sse(fixture("text-basic.sse")))
        val messages = brook.messages()
        // A cold flow: each collection is one request; demand reaches the socket, cancelling closes it.
        val text = StringBuilder()
        messages.textFlow(request).collect { text.append(it) }

        // Suspends until the reply is complete; throws the stream's typed error.
        val message = messages.finalMessage(request)
        check(message.text() == text.toString())
        assertThat(text.toString()).startsWith("Once upon a time")
        assertThat(server.requestCount()).isEqualTo(2)
    }

    @Test
    fun slowCollectorReadsTwoHundredMegabytesInBoundedHeap() = runTest(timeout = 60.seconds) {
        // 200 events of 1 MiB each, of an unknown kind: nothing accumulates, so only read-ahead between
        // the socket and the collector could grow the heap.
        val mib = 1024 * 1024
        val event = StringBuilder(mib + 100).append("event: bulk\ndata: {\"type\":\"bulk\",\"pad\":\"")
        while (event.length < mib - 8) event.append("abcdefghijklmnopqrstuvwxyz012345")
        val chunk = event.append("\"}\n\n").toString().toByteArray()
        val script = ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
            .chunk(HEAD, Duration.ZERO)
            .repeat(chunk, 200) // the same array each time: the server holds 1 MiB
            .chunk(TAIL, Duration.ZERO)
        server.enqueue(script.build())

        val baseline = usedHeapAfterGc()
        var peak = baseline
        var bulk = 0
        val types = mutableListOf<String>()
        brook.messages().streamFlow(request).collect {
            if (it.type() == "bulk") {
                bulk++
                yield() // a collector that suspends on every event
                if (bulk % 20 == 0) peak = maxOf(peak, usedHeapAfterGc())
            } else {
                types += it.type()
            }
        }
        assertThat(bulk).isEqualTo(200)
        assertThat(types).endsWith("message_stop")
        val grew = peak - baseline
        assertThat(grew).`as`("heap growth while reading 200 MiB slowly: %d bytes", grew).isLessThan(64L * mib)
    }

    @Test
    fun cancellingTheCollectorClosesTheConnection() = runTest(timeout = 30.seconds) {
        server.enqueue(headThenStall())
        val first = CompletableDeferred<StreamEvent>()
        val job = launch(Dispatchers.Default) {
            brook.messages().streamFlow(request).collect { first.complete(it) }
        }
        assertThat(first.await().type()).isEqualTo("message_start")
        assertThat(server.openConnections()).isEqualTo(1)
        job.cancelAndJoin()
        assertThat(withContext(Dispatchers.IO) { server.awaitOpenConnections(0, Duration.ofSeconds(10)) })
            .`as`("connection closed").isTrue()
    }

    @Test
    fun cancellingFinalMessageClosesTheConnection() = runTest(timeout = 30.seconds) {
        server.enqueue(headThenStall())
        val job = launch(Dispatchers.Default) { brook.messages().finalMessage(request) }
        assertThat(withContext(Dispatchers.IO) { server.awaitOpenConnections(1, Duration.ofSeconds(10)) }).isTrue()
        job.cancelAndJoin()
        assertThat(job.isCancelled).isTrue()
        assertThat(withContext(Dispatchers.IO) { server.awaitOpenConnections(0, Duration.ofSeconds(10)) })
            .`as`("connection closed").isTrue()
    }

    @Test
    fun errorEventThrowsStreamErrorWithTheSnapshot() = runTest(timeout = 30.seconds) {
        server.respondAlways(ScriptedResponse.sse(fixture("error-overloaded.sse")))
        val snapshotText = Message.fromJson(fixture("error-overloaded.snapshot.json")).text()
        val seen = mutableListOf<String>()
        val fromFlow = runCatching { brook.messages().textFlow(request).collect { seen += it } }.exceptionOrNull()
        val fromFinal = runCatching { brook.messages().finalMessage(request) }.exceptionOrNull()
        for (error in listOf(fromFlow, fromFinal)) {
            assertThat(error).isInstanceOf(StreamErrorException::class.java)
            val e = error as StreamErrorException
            assertThat(e.errorType()).isEqualTo("overloaded_error")
            assertThat(e.snapshot().orElseThrow().text()).isEqualTo(snapshotText)
        }
        assertThat(seen.joinToString("")).isEqualTo(snapshotText)
    }

    @Test
    fun badRequestThrowsBadRequestException() = runTest(timeout = 30.seconds) {
        server.respondAlways(ScriptedResponse.json(400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too big\"}}"))
        val fromFlow = runCatching { brook.messages().streamFlow(request).toList() }.exceptionOrNull()
        val fromFinal = runCatching { brook.messages().finalMessage(request) }.exceptionOrNull()
        for (error in listOf(fromFlow, fromFinal)) {
            assertThat(error).isInstanceOf(BadRequestException::class.java).hasMessageContaining("max_tokens: too big")
        }
    }

    private fun headThenStall(): ScriptedResponse = ScriptedResponse.builder().status(200)
        .header("content-type", "text/event-stream").chunk(HEAD, Duration.ZERO).stall(Duration.ofSeconds(30)).build()

    private companion object {
        const val HEAD = "event: message_start\n" +
            "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_k\",\"type\":\"message\",\"role\":\"assistant\"," +
            "\"model\":\"claude-kotlin\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null," +
            "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n" +
            "event: content_block_start\n" +
            "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n" +
            "event: content_block_delta\n" +
            "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n"
        const val TAIL = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"," +
            "\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"

        fun fixture(name: String): ByteArray =
            Files.readAllBytes(Path.of(System.getProperty("brook.conformance.dir"), "fixtures", name))

        fun usedHeapAfterGc(): Long {
            System.gc()
            return ManagementFactory.getMemoryMXBean().heapMemoryUsage.used
        }
    }
}
