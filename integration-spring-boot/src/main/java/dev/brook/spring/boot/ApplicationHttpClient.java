package dev.brook.spring.boot;

import dev.brook.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * A type of HTTP client bean that Brook can stream over, with the transport it needs.
 *
 * <p>Both classes are looked for by name, and each transport is built in a nested class of its own, so
 * that this type loads and runs on a class path holding any subset of the stacks (a nested class is
 * loaded only when its method first runs).
 */
enum ApplicationHttpClient {
    JDK("jdk", "java.net.http.HttpClient", "dev.brook.transport.jdk.JdkTransport"),
    OKHTTP("okhttp", "okhttp3.OkHttpClient", "dev.brook.transport.okhttp.OkHttpTransport"),
    APACHE_CLASSIC("apache", "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            "dev.brook.transport.apache.ApacheTransport"),
    APACHE_ASYNC("apache", "org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient",
            "dev.brook.transport.apache.ApacheTransport"),
    VERTX("vertx", "io.vertx.core.Vertx", "dev.brook.transport.vertx.VertxTransport");

    private final String transportName;
    private final String clientClass;
    private final String transportClass;

    ApplicationHttpClient(String transportName, String clientClass, String transportClass) {
        this.transportName = transportName;
        this.clientClass = clientClass;
        this.transportClass = transportClass;
    }

    /** A bean of the application's that Brook could stream over. */
    record Candidate(String beanName, ApplicationHttpClient type) {
        @Override
        public String toString() {
            return type.simpleName() + " bean '" + beanName + "'";
        }
    }

    /**
     * The application's beans of every supported type whose Brook transport is on the class path, read
     * from the bean definitions (no bean is created).
     *
     * @param beans the application's bean factory
     * @param classLoader the application's class loader
     * @param transportName the {@code brook.transport} property, or null: then only that transport's types
     *     count
     */
    static List<Candidate> find(ListableBeanFactory beans, ClassLoader classLoader, String transportName) {
        List<Candidate> found = new ArrayList<>();
        for (ApplicationHttpClient type : values()) {
            if (transportName != null && !type.transportName.equals(transportName.trim().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!ClassUtils.isPresent(type.clientClass, classLoader)
                    || !ClassUtils.isPresent(type.transportClass, classLoader)) {
                continue;
            }
            Class<?> client = ClassUtils.resolveClassName(type.clientClass, classLoader);
            for (String name : beans.getBeanNamesForType(client, true, false)) {
                found.add(new Candidate(name, type));
            }
        }
        return found;
    }

    /** The name of the transport this type of client is used by. */
    String transportName() {
        return transportName;
    }

    String simpleName() {
        return clientClass.substring(clientClass.lastIndexOf('.') + 1);
    }

    /**
     * A transport over {@code client}, an instance of this type. It never closes {@code client}, and
     * closing the transport releases only what it created (the Vert.x {@code HttpClient}).
     */
    Transport transportOver(Object client) {
        return switch (this) {
            case JDK -> Jdk.transport(client);
            case OKHTTP -> OkHttp.transport(client);
            case APACHE_CLASSIC -> ApacheClassic.transport(client);
            case APACHE_ASYNC -> ApacheAsync.transport(client);
            case VERTX -> Vertx.transport(client);
        };
    }

    private static final class Jdk {
        static Transport transport(Object client) {
            return dev.brook.transport.jdk.JdkTransport.of((java.net.http.HttpClient) client);
        }
    }

    private static final class OkHttp {
        static Transport transport(Object client) {
            return dev.brook.transport.okhttp.OkHttpTransport.of((okhttp3.OkHttpClient) client);
        }
    }

    private static final class ApacheClassic {
        static Transport transport(Object client) {
            return dev.brook.transport.apache.ApacheTransport.of(
                    (org.apache.hc.client5.http.impl.classic.CloseableHttpClient) client);
        }
    }

    private static final class ApacheAsync {
        static Transport transport(Object client) {
            return dev.brook.transport.apache.ApacheTransport.of(
                    (org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient) client);
        }
    }

    private static final class Vertx {
        /** A client of its own on the application's Vert.x instance, with Vert.x's default options. */
        static Transport transport(Object vertx) {
            return dev.brook.transport.vertx.VertxTransport.of((io.vertx.core.Vertx) vertx,
                    new io.vertx.core.http.HttpClientOptions());
        }
    }
}
