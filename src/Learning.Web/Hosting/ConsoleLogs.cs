using Microsoft.Extensions.Logging.Console;

namespace Learning.Web.Hosting;

/// <summary>
/// Console logs as their reader needs them: one plain line each for a person watching a terminal (or when asked with
/// <c>--Logs:Console=simple</c>, as run.sh does), JSON lines for a log collector (<c>--Logs:Console=json</c> forces it).
/// </summary>
public static class ConsoleLogs
{
    public const string Key = "Logs:Console", Simple = "simple", Json = "json";

    /// <summary>The configured format wins; without one, a terminal gets simple lines and anything else JSON.</summary>
    public static string Format(string? configured, bool outputIsTerminal) => configured?.Trim().ToLowerInvariant() switch
    {
        Simple => Simple,
        Json => Json,
        _ => outputIsTerminal ? Simple : Json,
    };

    public static ILoggingBuilder AddConsoleLogs(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        if (Format(configuration[Key], !Console.IsOutputRedirected) == Json) return logging.AddJsonConsole();
        return logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true; // the server's own zone may be anything; UTC says so with the Z
            o.TimestampFormat = "HH:mm:ss'Z' ";
            o.ColorBehavior = LoggerColorBehavior.Default;
        });
    }
}
