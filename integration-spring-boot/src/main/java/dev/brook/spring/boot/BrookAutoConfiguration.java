package dev.brook.spring.boot;

import dev.brook.core.client.Brook;
import dev.brook.core.client.CallListener;
import dev.brook.core.transport.Transport;
import dev.brook.micrometer.MicrometerCallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link Brook} bean from the {@link BrookProperties brook.*} properties, unless the
 * application defines its own.
 *
 * <p><b>Transport.</b> In this order: the application's {@link Transport} bean; else a transport over the
 * application's HTTP client, when it defines exactly one bean of a type Brook can use
 * ({@code java.net.http.HttpClient}, {@code OkHttpClient}, Apache {@code CloseableHttpClient} or
 * {@code CloseableHttpAsyncClient}, {@code Vertx}) and that transport's module is on the class path; else
 * the transport discovery finds (the one {@code brook.transport} names, if set). With
 * {@code brook.transport} set, only clients of that transport count. The startup log says which was chosen
 * and why.
 *
 * <p><b>Listeners and customizers.</b> Every {@link CallListener.Factory} bean is added to the client,
 * and every {@link BrookCustomizer} bean applied, in order. With {@code brook-micrometer} on the class path
 * and a {@code MeterRegistry} or {@code ObservationRegistry} bean, calls are recorded with them (unless
 * {@code brook.micrometer.enabled=false}, or the application defines its own
 * {@link MicrometerCallListener} bean).
 *
 * <p>The client is closed with the application context; a transport over the application's client leaves
 * that client to the application.
 */
@AutoConfiguration
@ConditionalOnClass(Brook.class)
@EnableConfigurationProperties(BrookProperties.class)
public class BrookAutoConfiguration {
    private static final System.Logger LOG = System.getLogger(BrookAutoConfiguration.class.getName());
    /** The name of the transport bean built over the application's HTTP client. */
    static final String TRANSPORT_BEAN = "brookTransport";

    /** Created by Spring. */
    public BrookAutoConfiguration() {
    }

    /** {@code brook.transport} with relaxed binding ({@code BROOK_TRANSPORT} too), or null. */
    static String transportProperty(Environment environment) {
        String name = Binder.get(environment).bind("brook.transport", String.class).orElse(null);
        return name == null || name.isBlank() ? null : name.trim();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Brook.class)
    static class ClientConfiguration {
        @Bean(TRANSPORT_BEAN)
        @ConditionalOnMissingBean(Transport.class)
        @Conditional(OnSingleApplicationHttpClient.class)
        Transport brookTransport(ConfigurableListableBeanFactory beans, Environment environment) {
            List<ApplicationHttpClient.Candidate> found = ApplicationHttpClient.find(beans,
                    beans.getBeanClassLoader(), transportProperty(environment));
            // The condition saw exactly one; a bean defined later (by a post-processor) is not counted.
            ApplicationHttpClient.Candidate chosen = found.get(0);
            Transport transport;
            try {
                transport = chosen.type().transportOver(beans.getBean(chosen.beanName()));
            } catch (IllegalStateException e) {
                throw new IllegalStateException("Brook cannot use the application's " + chosen + ": "
                        + e.getMessage() + (chosen.type() == ApplicationHttpClient.APACHE_ASYNC
                                ? " Declare it with @Bean(initMethod = \"start\"), or" : " Either fix it, or")
                        + " define a Transport bean, or set brook.transport to another transport.", e);
            }
            LOG.log(System.Logger.Level.INFO, "Brook uses the application''s {0} (transport {1})", chosen,
                    transport.name());
            return transport;
        }

        @Bean
        Brook brook(BrookProperties properties, Environment environment, ConfigurableListableBeanFactory beans,
                ObjectProvider<Transport> transports, ObjectProvider<CallListener.Factory> callListeners,
                ObjectProvider<BrookCustomizer> customizers) {
            Brook.Builder builder = Brook.builder();
            BrookSettings.apply(properties, environment, builder);
            String[] transportBeans = beans.getBeanNamesForType(Transport.class);
            Transport transport = transportBeans.length == 0 ? null : transports.getIfUnique();
            if (transportBeans.length > 1 && transport == null) {
                throw new IllegalStateException("Brook found several Transport beans " + List.of(transportBeans)
                        + " and cannot tell which to use: mark one @Primary, or define your own Brook bean.");
            }
            if (transport != null) {
                builder.transport(transport);
            }
            callListeners.orderedStream().forEach(builder::addCallListener);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            Brook brook = builder.build();
            if (transport == null) {
                String name = transportProperty(environment);
                List<ApplicationHttpClient.Candidate> found = ApplicationHttpClient.find(beans,
                        beans.getBeanClassLoader(), name);
                LOG.log(System.Logger.Level.INFO, "Brook discovered transport {0} ({1})", brook.transportName(),
                        found.isEmpty()
                                ? "no HTTP client bean it can use" + (name == null ? "" : " for brook.transport=" + name)
                                : "several HTTP client beans it could use, " + found
                                        + ": set brook.transport or define a Transport bean to choose");
            } else if (!List.of(transportBeans).contains(TRANSPORT_BEAN)) {
                LOG.log(System.Logger.Level.INFO, "Brook uses the application''s Transport bean (transport {0})",
                        brook.transportName());
            }
            return brook;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MicrometerCallListener.class)
    @ConditionalOnProperty(name = "brook.micrometer.enabled", havingValue = "true", matchIfMissing = true)
    static class MicrometerConfiguration {
        @Bean
        @ConditionalOnMissingBean(MicrometerCallListener.class)
        BrookCustomizer brookMicrometerCustomizer(ObjectProvider<MeterRegistry> meterRegistry,
                ObjectProvider<ObservationRegistry> observationRegistry) {
            return builder -> {
                MeterRegistry meters = meterRegistry.getIfUnique();
                ObservationRegistry observations = observationRegistry.getIfUnique();
                if (meters == null && observations == null) {
                    return;
                }
                // Observations without meters: the meters go to a registry with no children, which drops them.
                MicrometerCallListener.Builder listener = MicrometerCallListener.builder(
                        meters != null ? meters : new CompositeMeterRegistry());
                if (observations != null) {
                    listener.observationRegistry(observations);
                }
                builder.addCallListener(listener.build());
                LOG.log(System.Logger.Level.INFO, "Brook records its calls with Micrometer ({0}{1})",
                        meters == null ? "no MeterRegistry" : "MeterRegistry " + meters.getClass().getSimpleName(),
                        observations == null ? ", no ObservationRegistry" : ", ObservationRegistry");
            };
        }
    }
}
