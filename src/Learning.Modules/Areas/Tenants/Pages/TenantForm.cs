using System.Globalization;
using Learning.Kernel;
using Learning.Tenants.Contracts;

namespace Learning.Tenants.Pages;

/// <summary>What the add and edit forms carry: the settings as typed (kept as typed when they are refused).</summary>
public sealed class TenantForm
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Hosts { get; set; }
    public string? TimeZone { get; set; } = CityTime.DefaultZone;
    public string? Institution { get; set; }
    public string? OfficialName { get; set; }
    public string? OfficialTitle { get; set; }
    public string? OfficialNip { get; set; }
    public string? PublicUrl { get; set; }
    public string? MailFrom { get; set; }
    public string? MailFromName { get; set; }
    public string? Theme { get; set; } = "Default";
    public string? Logo { get; set; }
    public string? Colour { get; set; }
    public string? JpPerYear { get; set; }
    public bool SubscribesToCatalogue { get; set; }

    public static TenantForm Of(Tenant tenant) => new()
    {
        Key = tenant.Key, Name = tenant.Name, Hosts = tenant.Hosts, TimeZone = tenant.TimeZone, Institution = tenant.Institution,
        OfficialName = tenant.OfficialName, OfficialTitle = tenant.OfficialTitle, OfficialNip = tenant.OfficialNip, PublicUrl = tenant.PublicUrl, MailFrom = tenant.MailFrom,
        MailFromName = tenant.MailFromName, Theme = tenant.Theme, Logo = tenant.Logo, Colour = tenant.Colour,
        JpPerYear = tenant.JpPerYear is > 0 and var jp ? jp.ToString("0.##", CultureInfo.InvariantCulture) : null, SubscribesToCatalogue = tenant.SubscribesToCatalogue,
    };

    /// <summary>
    /// Every setting, an empty box clearing it (the form shows them all; an empty JP target is 0, the platform's rule);
    /// null when the JP target is not a number.
    /// </summary>
    public TenantSettings? ToSettings()
    {
        var jp = 0m;
        var jpText = (JpPerYear ?? "").Trim().Replace(',', '.');
        if (jpText.Length > 0 && !decimal.TryParse(jpText, NumberStyles.Number, CultureInfo.InvariantCulture, out jp)) return null;
        return new TenantSettings
        {
            Name = Name ?? "", Hosts = Hosts ?? "", TimeZone = (TimeZone ?? "").Trim(), Institution = Institution ?? "",
            OfficialName = OfficialName ?? "", OfficialTitle = OfficialTitle ?? "", OfficialNip = OfficialNip ?? "", PublicUrl = PublicUrl ?? "", MailFrom = MailFrom ?? "",
            MailFromName = MailFromName ?? "", Theme = string.IsNullOrWhiteSpace(Theme) ? "Default" : Theme, Logo = Logo ?? "",
            Colour = Colour ?? "", JpPerYear = jp, SubscribesToCatalogue = SubscribesToCatalogue,
        };
    }
}
