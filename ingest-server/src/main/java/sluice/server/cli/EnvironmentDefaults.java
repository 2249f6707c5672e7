package sluice.server.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Option defaults from the environment and a config file, so the precedence is: command line, then
 * {@code SLUICE_<OPTION>} (e.g. {@code SLUICE_DATA_DIR} for {@code --data-dir}), then the config file's
 * {@code <option>=value} line (e.g. {@code data-dir=/var/lib/sluice}), then the built-in default. A repeatable option
 * ({@code --listen}) takes a comma-separated list from either source.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider
{
    private final Map<String, String> environment;
    private final Properties file;

    public EnvironmentDefaults(final Map<String, String> environment, final Properties file)
    {
        this.environment = environment;
        this.file = file;
    }

    /** Reads a Java properties file (UTF-8); unknown keys are reported so typos do not pass silently. */
    public static Properties load(final Path path) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path))
        {
            properties.load(reader);
        }
        return properties;
    }

    public static String environmentName(final String optionName)
    {
        return "SLUICE_" + optionName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(final ArgSpec argSpec)
    {
        if (!(argSpec instanceof OptionSpec option))
        {
            return null;
        }
        final String name = option.longestName();
        final String fromEnvironment = environment.get(environmentName(name));
        if (fromEnvironment != null && !fromEnvironment.isBlank())
        {
            return fromEnvironment.trim();
        }
        final String fromFile = file.getProperty(name.replaceFirst("^-+", ""));
        return fromFile == null ? null : fromFile.trim();
    }
}
