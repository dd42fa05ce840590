using Learning.Kernel;

namespace Learning.Tenants;

/// <summary>A government on the platform: its key (in URLs and on every row it owns), its name, host names and settings.</summary>
public sealed class Tenant
{
    public const int KeyLength = 40;

    private Tenant() { }

    public Tenant(string key, string name, DateTime createdAt)
    {
        Key = key;
        Name = name;
        CreatedAt = createdAt;
    }

    public string Key { get; private set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Host names, separated by spaces (a tenant may answer on several).</summary>
    public string Hosts { get; set; } = "";
    public string TimeZone { get; set; } = CityTime.DefaultZone;
    public string Institution { get; set; } = "";
    public string OfficialName { get; set; } = "";
    public string OfficialTitle { get; set; } = "";
    public string OfficialNip { get; set; } = "";
    public string? PublicUrl { get; set; }
    public string? MailFrom { get; set; }
    public string? MailFromName { get; set; }
    public string Theme { get; set; } = "Default";
    public string? Logo { get; set; }
    public string? Colour { get; set; }
    public decimal? JpPerYear { get; set; }
    public bool SubscribesToCatalogue { get; set; }
    public DateTime CreatedAt { get; private set; }
    public int Revision { get; set; }

    public IReadOnlyList<string> HostList => Hosts.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public TenantInfo ToInfo() => new(Key, Name)
    {
        Hosts = HostList,
        TimeZone = CityTime.ZoneNamed(TimeZone),
        Institution = Institution,
        OfficialName = OfficialName,
        OfficialTitle = OfficialTitle,
        OfficialNip = OfficialNip,
        PublicUrl = PublicUrl,
        MailFrom = MailFrom,
        MailFromName = MailFromName,
        Theme = Theme,
        Logo = Logo,
        Colour = Colour,
        JpPerYear = JpPerYear,
        SubscribesToCatalogue = SubscribesToCatalogue,
        Revision = Revision,
    };

    /// <summary>Keys are lower-case letters, digits and hyphens (they appear in URLs, blob paths and job names).</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= KeyLength && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && key[0] != '-';
}
