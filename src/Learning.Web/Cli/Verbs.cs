using Learning.Web.Demo;

namespace Learning.Web.Hosting;

/// <summary>The operator commands of DESIGN.md. Each returns the process exit code: 0 done, 2 refused input.</summary>
internal static class Verbs
{
    public static async Task<int> Run(IServiceProvider services, string verb, string[] args)
    {
        var ct = CancellationToken.None;
        switch (verb)
        {
            case "seed-demo":
                await DemoSeeder.Seed(services, Console.Out, ct);
                return 0;
            case "import":
                return await ContentVerbs.Import(services, args, ct);
            case "export" when args is ["course" or "content", ..]:
                return await ContentVerbs.Export(services, args, ct);
            default:
                await Console.Error.WriteLineAsync($"'{verb}' is not available in this build.");
                return 1;
        }
    }
}
