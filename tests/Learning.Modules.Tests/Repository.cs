namespace Learning.Modules.Tests;

internal static class Repository
{
    /// <summary>The checkout's root (where Learning.sln is).</summary>
    public static string Root { get; } = Find();

    /// <summary>The repository's shipped content/ folder.</summary>
    public static string Content => Path.Combine(Root, "content");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Learning.sln"))) return dir.FullName;
        throw new InvalidOperationException("Learning.sln not found above " + AppContext.BaseDirectory);
    }
}
