using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Kernel;

/// <summary>
/// Which theme renders the pages: module pages know only the layout path it names. The platform's theme is Theme:Name;
/// a tenant may name another installed theme (a Razor class library named <c>….Theme.{Name}</c>), and its logo and colour.
/// </summary>
public sealed partial class ThemeOptions
{
    private const string Library = ".Theme.";
    private IReadOnlySet<string>? _installed;

    public string Name { get; set; } = "Default";
    public string LayoutPath => LayoutOf(Name);

    public static string LayoutOf(string theme) => $"/Themes/{theme}/_Layout.cshtml";

    /// <summary>The layout of the tenant's theme when it is installed; else the platform's (a typo never breaks every page).</summary>
    public string LayoutFor(TenantInfo tenant, IServiceProvider services)
    {
        if (tenant.Theme is not { Length: > 0 } theme || theme == Name) return LayoutPath;
        _installed ??= services.GetService<ApplicationPartManager>()?.ApplicationParts
            .Where(p => p.Name.Contains(Library, StringComparison.Ordinal))
            .Select(p => p.Name[(p.Name.LastIndexOf(Library, StringComparison.Ordinal) + Library.Length)..])
            .ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>();
        return _installed.Contains(theme) ? LayoutOf(theme) : LayoutPath;
    }

    /// <summary>The colour if it is #RGB or #RRGGBB, else null: it goes into a style sheet, so nothing else may.</summary>
    public static string? SafeColour(string? colour) => colour is not null && Colour().IsMatch(colour) ? colour : null;

    /// <summary>A logo on this site ("/media/public/…") or on an https address, else null (no other scheme, no "//host").</summary>
    public static string? SafeLogo(string? logo) =>
        logo is not { Length: > 0 and <= 500 } ? null
        : logo.StartsWith('/') && !logo.StartsWith("//", StringComparison.Ordinal) && !logo.Contains('\\') ? logo
        : Uri.TryCreate(logo, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? logo
        : null;

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex Colour();
}
