using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Learning.Kernel;

/// <summary>
/// Every string a person reads lives in <c>Strings.id.json</c> / <c>Strings.en.json</c> beside the
/// module or theme that shows it (embedded resources). Keys are symbolic ("Accounts.Login.Title");
/// Bahasa Indonesia is the default and the fallback.
/// </summary>
public sealed class Texts
{
    public const string DefaultLanguage = "id";
    public static readonly IReadOnlyList<string> Languages = ["id", "en"];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public Texts(IEnumerable<Assembly> assemblies)
    {
        var merged = Languages.ToDictionary(l => l, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (var assembly in assemblies.Distinct())
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var language = Languages.FirstOrDefault(l => name.EndsWith($"Strings.{l}.json", StringComparison.Ordinal));
            if (language is null) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"{name} is empty.");
            foreach (var (key, value) in entries)
                if (!merged[language].TryAdd(key, value))
                    throw new InvalidOperationException($"Text key '{key}' is defined twice ({name}).");
        }
        _byLanguage = merged.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public IReadOnlyDictionary<string, string> For(string language) =>
        _byLanguage.TryGetValue(language, out var texts) ? texts : _byLanguage[DefaultLanguage];

    public string? Find(string key, CultureInfo culture)
    {
        var language = culture.TwoLetterISOLanguageName;
        if (_byLanguage.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text)) return text;
        return _byLanguage[DefaultLanguage].GetValueOrDefault(key);
    }

    public static string LanguageOf(CultureInfo culture) =>
        Languages.Contains(culture.TwoLetterISOLanguageName) ? culture.TwoLetterISOLanguageName : DefaultLanguage;
}

public sealed class TextsLocalizerFactory(Texts texts) : IStringLocalizerFactory
{
    private readonly TextsLocalizer _localizer = new(texts);
    public IStringLocalizer Create(Type resourceSource) => _localizer;
    public IStringLocalizer Create(string baseName, string location) => _localizer;
}

public sealed class TextsLocalizer(Texts texts) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var found = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, found.Value, arguments), found.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        texts.For(Texts.LanguageOf(CultureInfo.CurrentUICulture)).Select(p => new LocalizedString(p.Key, p.Value));
}

public static class LocalizerExtensions
{
    /// <summary>Plural-aware text: looks up "key.one" when count is 1 and the language has a singular, else "key.other".</summary>
    public static string Plural(this IStringLocalizer localizer, string key, long count)
    {
        var form = count == 1 && localizer[$"{key}.one"] is { ResourceNotFound: false } ? "one" : "other";
        return localizer[$"{key}.{form}", count.ToString("N0", CultureInfo.CurrentCulture)];
    }
}
