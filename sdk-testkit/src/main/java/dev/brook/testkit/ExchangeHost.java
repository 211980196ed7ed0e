package dev.brook.testkit;

/** What a connection of either protocol needs from {@link FakeMessagesServer} to answer a request. */
interface ExchangeHost {
    /**
     * Picks the response for {@code request} (always, else the queue, else the default, else a 500) and
     * records the request, unless the response refuses it ({@link ScriptedResponse#isGoAwayBeforeHeaders()}).
     */
    ScriptedResponse accept(RecordedRequest request);

    /**
     * A response started being served.
     *
     * @param onItsConnection how many responses its connection is serving now, this one included
     */
    void exchangeStarted(int onItsConnection);

    /** A response ended: written in full, cut by a fault, or abandoned by the client. */
    void exchangeEnded();
}
