namespace Learning.Kernel;

/// <summary>Which theme renders the pages: module pages know only the layout path it names.</summary>
public sealed class ThemeOptions
{
    public string Name { get; set; } = "Default";
    public string LayoutPath => $"/Themes/{Name}/_Layout.cshtml";
}
