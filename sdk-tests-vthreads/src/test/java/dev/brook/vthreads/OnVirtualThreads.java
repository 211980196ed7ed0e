package dev.brook.vthreads;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs every test body of the class on a new virtual thread, as an application that serves each request
 * on a virtual thread would call Brook: test methods, test templates, test factories and each dynamic
 * test a factory returns. The JUnit thread waits for the virtual thread and then rethrows whatever it
 * threw, unchanged, so an assertion error fails the test as usual and an assumption's
 * {@code TestAbortedException} still skips it.
 *
 * <p>Set-up and tear-down methods ({@code @BeforeEach}, {@code @AfterAll}, ...) stay on the JUnit
 * thread: the kit's suites have none, and the pinning check's recorder is started and stopped there.
 */
public final class OnVirtualThreads implements InvocationInterceptor {
    /** What the name of each test's virtual thread starts with; the test's display name follows. */
    static final String THREAD_NAME_PREFIX = "brook-vthread-test ";

    /** Registered by {@code @ExtendWith}. */
    public OnVirtualThreads() {
    }

    /**
     * Runs a {@code @Test} method on a virtual thread.
     *
     * @param invocation the test method's invocation
     * @param invocationContext the method and its arguments
     * @param extensionContext the test's context, whose display name names the virtual thread
     * @throws Throwable whatever the test threw, unchanged
     */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        runOnVirtualThread(invocation, extensionContext.getDisplayName());
    }

    /**
     * Runs each invocation of a test template ({@code @ParameterizedTest}, {@code @RepeatedTest}) on a
     * virtual thread.
     *
     * @param invocation the invocation
     * @param invocationContext the method and its arguments
     * @param extensionContext the invocation's context
     * @throws Throwable whatever the invocation threw, unchanged
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        runOnVirtualThread(invocation, extensionContext.getDisplayName());
    }

    /**
     * Runs a {@code @TestFactory} method on a virtual thread: the kit's factories start their server and
     * create their transport there, before returning the dynamic tests.
     *
     * @param <T> what the factory returns
     * @param invocation the factory's invocation
     * @param invocationContext the method and its arguments
     * @param extensionContext the factory's context
     * @return the dynamic tests the factory returned
     * @throws Throwable whatever the factory threw, unchanged
     */
    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        return runOnVirtualThread(invocation, extensionContext.getDisplayName());
    }

    /**
     * Runs one dynamic test of a factory (one fixture, one SSE case, one status) on a virtual thread.
     *
     * @param invocation the dynamic test's executable
     * @param invocationContext the dynamic test
     * @param extensionContext the dynamic test's context
     * @throws Throwable whatever the dynamic test threw, unchanged
     */
    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        runOnVirtualThread(invocation, extensionContext.getDisplayName());
    }

    /**
     * Proceeds with {@code invocation} on a new virtual thread named after the test (so a pinned event's
     * thread or a failure's stack says which test it was) and waits for it. If the JUnit thread is
     * interrupted while waiting, the virtual thread is interrupted too and still waited for, so no test
     * body outlives its test.
     *
     * @param <T> the invocation's result type
     * @param invocation what to run
     * @param testName the test's display name, for the thread's name
     * @return what the invocation returned
     * @throws Throwable whatever the invocation threw, the same instance
     */
    static <T> T runOnVirtualThread(Invocation<T> invocation, String testName) throws Throwable {
        Outcome<T> outcome = new Outcome<>();
        Thread thread = Thread.ofVirtual()
                .name(THREAD_NAME_PREFIX + testName)
                .start(() -> outcome.runAndKeep(invocation));
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            thread.join();
            Thread.currentThread().interrupt();
        }
        return outcome.resultOrThrow();
    }

    /**
     * What the virtual thread's invocation returned or threw; read by the JUnit thread after
     * {@link Thread#join()}, which makes the virtual thread's writes visible.
     *
     * @param <T> the invocation's result type
     */
    private static final class Outcome<T> {
        private T result;
        private Throwable failure;

        /** Proceeds with the invocation and keeps its result or, whatever it is, its throwable. */
        void runAndKeep(Invocation<T> invocation) {
            try {
                result = invocation.proceed();
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** The result, or the invocation's throwable rethrown as it was thrown. */
        T resultOrThrow() throws Throwable {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
