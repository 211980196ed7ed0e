package dev.brook.spring.boot;

import dev.brook.core.client.Brook;

/**
 * Adjusts the builder of the auto-configured {@link Brook} after the {@code brook.*} properties, the
 * transport and the call listeners have been applied: for settings that have no property, such as
 * {@link Brook.Builder#callbackExecutor} or {@link Brook.Builder#scheduler}. Every customizer bean is
 * applied, in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * BrookCustomizer listenersOffTheIoThreads(Executor applicationTaskExecutor) {
 *     return builder -> builder.callbackExecutor(applicationTaskExecutor);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface BrookCustomizer {
    /**
     * Adjusts the builder.
     *
     * @param builder the builder of the auto-configured client
     */
    void customize(Brook.Builder builder);
}
