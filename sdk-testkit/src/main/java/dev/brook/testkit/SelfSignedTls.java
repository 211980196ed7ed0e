package dev.brook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made once per JVM with the JDK's
 * own {@code keytool}: a server context for {@link FakeMessagesServer#useTls(SSLContext)}, and a client
 * context (and trust manager) that trusts exactly that certificate, to configure an HTTP client the way
 * a user trusts a private CA. Immutable and thread-safe.
 */
public final class SelfSignedTls {
    private static final char[] PASSWORD = "brook-testkit".toCharArray();
    private static volatile SelfSignedTls instance;

    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final X509TrustManager trustManager;

    private SelfSignedTls(SSLContext serverContext, SSLContext clientContext, X509TrustManager trustManager) {
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.trustManager = trustManager;
    }

    /**
     * The certificate of this JVM, generated on first use (about a second).
     *
     * @return the one instance of this JVM, the same on every call
     * @throws IllegalStateException if {@code keytool} is missing or fails
     */
    public static SelfSignedTls get() {
        SelfSignedTls tls = instance;
        if (tls == null) {
            synchronized (SelfSignedTls.class) {
                tls = instance;
                if (tls == null) {
                    tls = generate();
                    instance = tls;
                }
            }
        }
        return tls;
    }

    /** {@return for the server: a context that presents the self-signed certificate} */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** {@return for a client: a context that trusts the self-signed certificate (and nothing else)} */
    public SSLContext clientContext() {
        return clientContext;
    }

    /** {@return the trust manager behind {@link #clientContext()}, for stacks that take one (OkHttp)} */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    private static SelfSignedTls generate() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("brook-testkit-tls");
            Path store = dir.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "brook", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream out = p.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed to make a self-signed certificate: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            Certificate certificate = keys.getCertificate("brook");
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("brook", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            X509TrustManager trustManager = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    trustManager = x;
                }
            }
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {trustManager}, null);
            return new SelfSignedTls(server, client, trustManager);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a self-signed certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the self-signed certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making a self-signed certificate", e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // A leftover file in the temp directory is harmless.
                }
            }
        }
    }
}
