namespace Learning.Web.Hosting;

/// <summary>
/// The folder of courses, question banks, paths and competencies the demo and the import verb read. A key of its own:
/// ASP.NET Core's content root (appsettings.json, wwwroot) is another thing. <c>--ContentRoot=</c> still sets it (CommandLine).
/// </summary>
public static class ContentFolder
{
    public const string Key = "Content:Root";
}
