package sluice.server.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * TLS from PEM files: the server's context ({@code --tls-cert} chain, {@code --tls-key} PKCS#8 private key, JDK
 * provider), and a client context for the server's own loopback requests (Feldera input connectors) that trusts
 * exactly that certificate, whatever name it was issued for.
 */
public final class Tls
{
    private Tls()
    {
    }

    /**
     * @throws IllegalArgumentException unreadable or mismatched files, with the cause.
     */
    public static SslContext serverContext(final Path cert, final Path key)
    {
        try
        {
            return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
        }
        catch (final IOException | IllegalArgumentException e)
        {
            throw new IllegalArgumentException("cannot use TLS certificate " + cert + " with key " + key + " (a PEM " +
                "certificate chain and an unencrypted PKCS#8 key, BEGIN PRIVATE KEY, are needed): " + e.getMessage(),
                e);
        }
    }

    /** A client context that accepts only the leaf certificate of {@code cert}. */
    public static SSLContext trustingOnly(final Path cert) throws IOException, GeneralSecurityException
    {
        final X509Certificate trusted;
        try (InputStream in = Files.newInputStream(cert))
        {
            trusted = (X509Certificate)CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new OneCertificate(trusted)}, null);
        return context;
    }

    /** Trusts a server whose leaf certificate is exactly the configured one; no name check (it is ourselves). */
    private static final class OneCertificate extends X509ExtendedTrustManager
    {
        private final X509Certificate trusted;

        OneCertificate(final X509Certificate trusted)
        {
            this.trusted = trusted;
        }

        private void check(final X509Certificate[] chain) throws CertificateException
        {
            if (chain == null || chain.length == 0 || !Arrays.equals(chain[0].getEncoded(), trusted.getEncoded()))
            {
                throw new CertificateException("not this server's own certificate");
            }
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType)
            throws CertificateException
        {
            check(chain);
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
            throws CertificateException
        {
            check(chain);
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
            throws CertificateException
        {
            check(chain);
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType)
            throws CertificateException
        {
            throw new CertificateException("client certificates are not used");
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
            throws CertificateException
        {
            throw new CertificateException("client certificates are not used");
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
            throws CertificateException
        {
            throw new CertificateException("client certificates are not used");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[] {trusted};
        }
    }
}
