package sluice.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sluice.server.cli.EnvironmentDefaults;
import sluice.server.config.Durability;
import sluice.server.config.ServerConfig;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options from the command line, the environment and a config file, in that order of precedence. */
class MainTest
{
    @TempDir
    Path dir;

    private static ServerConfig parse(final CommandLine commandLine, final String... args)
    {
        commandLine.parseArgs(args);
        return ((Main)commandLine.getCommand()).toConfig();
    }

    @Test
    void defaults()
    {
        final ServerConfig c = parse(Main.commandLine(new String[0]));
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 8080)), c.listen());
        assertEquals(Path.of("data"), c.dataDir());
        assertEquals(Durability.DEFAULT, c.durability());
        assertEquals(256 << 20, c.ringBytes());
        assertEquals(1L << 30, c.http().maxBodyBytes());
        // The --help defaults are written out in Main's annotations; they must be the ones ServerConfig,
        // HttpConfig and IngestConfig use when a server is built without Main (as the tests do).
        final ServerConfig built = new ServerConfig();
        assertEquals(built.listen(), c.listen());
        assertEquals(built.dataDir(), c.dataDir());
        assertEquals(built.ioThreads(), c.ioThreads());
        assertEquals(built.ringBytes(), c.ringBytes());
        assertEquals(built.maxRecordBytes(), c.maxRecordBytes());
        assertEquals(built.durability(), c.durability());
        assertEquals(built.duckdbMemoryLimit(), c.duckdbMemoryLimit());
        assertEquals(built.duckdbThreads(), c.duckdbThreads());
        assertEquals(built.duckdbCheckpointThreshold(), c.duckdbCheckpointThreshold());
        assertEquals(built.groupCommitNanos(), c.groupCommitNanos());
        assertEquals(built.groupCommitRows(), c.groupCommitRows());
        assertEquals(built.queryThreads(), c.queryThreads());
        assertEquals(built.ingest(), c.ingest());
        assertEquals(built.http().maxBodyBytes(), c.http().maxBodyBytes());
        assertEquals(built.http().maxConcurrentIngests(), c.http().maxConcurrentIngests());
        assertEquals(built.http().idleTimeoutNanos(), c.http().idleTimeoutNanos());
        assertEquals(built.http().readTimeoutNanos(), c.http().readTimeoutNanos());
        assertEquals(built.http().backpressureTimeoutNanos(), c.http().backpressureTimeoutNanos());
        assertEquals(built.http().shutdownGraceNanos(), c.http().shutdownGraceNanos());
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFile() throws Exception
    {
        final Path file = dir.resolve("sluice.properties");
        Files.writeString(file, "data-dir=/from/file\nmax-body=2MiB\nlisten=:1111,:2222\ndurability=fsync\n");
        final Properties properties = EnvironmentDefaults.load(file);
        final CommandLine commandLine = Main.commandLine(new String[0]).setDefaultValueProvider(
            new EnvironmentDefaults(Map.of("SLUICE_DATA_DIR", "/from/env", "SLUICE_IO_THREADS", "3"), properties));
        final ServerConfig fromSources = parse(commandLine);
        assertEquals(Path.of("/from/env"), fromSources.dataDir());
        assertEquals(3, fromSources.ioThreads());
        assertEquals(2L << 20, fromSources.http().maxBodyBytes());
        assertEquals(Durability.FSYNC, fromSources.durability());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1111), new InetSocketAddress("127.0.0.1", 2222)),
            fromSources.listen());

        final CommandLine again = Main.commandLine(new String[0]).setDefaultValueProvider(
            new EnvironmentDefaults(Map.of("SLUICE_DATA_DIR", "/from/env"), properties));
        final ServerConfig fromArgs = parse(again, "--data-dir", "/from/args", "--listen", ":5654",
            "--listen", "[::1]:3218");
        assertEquals(Path.of("/from/args"), fromArgs.dataDir());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5654), new InetSocketAddress("::1", 3218)),
            fromArgs.listen());
    }

    @Test
    void nonLoopbackAddressesAreRefusedWithoutApiKeys()
    {
        final CommandLine commandLine = Main.commandLine(new String[0]);
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertNotEquals(0, commandLine.execute("--listen", "0.0.0.0:5654"));
        assertTrue(err.toString().contains("refusing to listen on 0.0.0.0:5654"), err.toString());
    }

    @Test
    void nonLoopbackAddressesAreServedWithKeysOrWhenExplicitlyAllowed()
    {
        final ServerConfig withKey = parse(Main.commandLine(new String[0]), "--listen", "0.0.0.0:5654",
            "--api-key", "loader:ingest:a-secret-of-enough-length");
        assertEquals(List.of("loader:ingest:a-secret-of-enough-length"), withKey.security().apiKeys());
        final ServerConfig allowed = parse(Main.commandLine(new String[0]), "--listen", "0.0.0.0:5654",
            "--allow-unauthenticated");
        assertTrue(allowed.security().allowUnauthenticated());
        // Secrets come best from the environment or the config file, not the command line (visible to ps).
        final Properties file = new Properties();
        file.setProperty("jwt-public-key", "/etc/sluice/jwt.pem");
        final CommandLine fromEnvironment = Main.commandLine(new String[0]).setDefaultValueProvider(
            new EnvironmentDefaults(Map.of("SLUICE_API_KEY", "a:ingest:first-secret-0123456,b:query:second-secret-01234",
                "SLUICE_JWT_SECRET", "0123456789abcdef0123456789abcdef"), file));
        final ServerConfig secured = parse(fromEnvironment, "--listen", "0.0.0.0:5654");
        assertEquals(List.of("a:ingest:first-secret-0123456", "b:query:second-secret-01234"),
            secured.security().apiKeys());
        assertEquals("0123456789abcdef0123456789abcdef", secured.security().jwtSecret());
        assertEquals(Path.of("/etc/sluice/jwt.pem"), secured.security().jwtPublicKey());
        final CommandLine tls = Main.commandLine(new String[0]);
        final StringWriter err = new StringWriter();
        tls.setErr(new PrintWriter(err));
        assertNotEquals(0, tls.execute("--tls-cert", "cert.pem"));
        assertTrue(err.toString().contains("TLS needs both --tls-cert and --tls-key"), err.toString());
    }

    @Test
    void configFileWithAnUnknownKeyIsRefused() throws Exception
    {
        final Path file = dir.resolve("bad.properties");
        Files.writeString(file, "data-dri=/typo\n");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Main.commandLine(new String[] {"--config", file.toString()}));
        assertTrue(e.getMessage().contains("data-dri"), e.getMessage());
    }

    @Test
    void badValuesAreUsageErrors()
    {
        final CommandLine commandLine = Main.commandLine(new String[0]);
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertNotEquals(0, commandLine.execute("--durability", "sometimes"));
        assertTrue(err.toString().contains("--durability must be default or fsync"), err.toString());
        assertNotEquals(0, Main.commandLine(new String[0]).setErr(new PrintWriter(new StringWriter()))
            .execute("--ring-size", "3MiB"));
    }

    @Test
    void helpListsEveryOptionWithItsDefault()
    {
        final CommandLine commandLine = Main.commandLine(new String[0]);
        final String help = commandLine.getUsageMessage();
        for (final CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options())
        {
            assertTrue(help.contains(option.longestName()), option.longestName());
        }
        assertTrue(help.contains("Default: 127.0.0.1:8080"), help);
        assertTrue(help.contains("Default: 1GiB"), help);
    }
}
