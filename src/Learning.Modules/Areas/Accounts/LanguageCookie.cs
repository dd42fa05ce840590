using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Learning.Accounts;

/// <summary>The interface language travels in the culture cookie; the person's choice is also kept on their login.</summary>
internal static class LanguageCookie
{
    public static void Set(HttpResponse response, string language) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language == "en" ? "en-US" : "id-ID")),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    public static string Normalise(string? language) =>
        language is not null && Texts.Languages.Contains(language) ? language : Texts.DefaultLanguage;
}
