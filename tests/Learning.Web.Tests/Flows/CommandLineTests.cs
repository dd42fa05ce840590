using System.Diagnostics;

namespace Learning.Web.Tests.Flows;

/// <summary>What an operator sees when typing the host's command line wrong or asking for help (the real process).</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Should_refuse_an_unknown_verb_with_exit_2_and_the_list_of_verbs_instead_of_starting_the_server()
    {
        var (exit, output, error) = await Run("acounts", "activation-codes");
        Assert.Equal(2, exit);
        Assert.Contains("Perintah 'acounts' tidak dikenal.", error);
        Assert.Contains("import-organisation", error);
        Assert.Contains("generate-data", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Should_list_every_verb_on_help(string help)
    {
        var (exit, output, _) = await Run(help);
        Assert.Equal(0, exit);
        foreach (var verb in Learning.Web.Hosting.CommandLine.Verbs)
            Assert.Contains(verb, output);
        Assert.Contains("--tenant KUNCI", output);
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Learning.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
