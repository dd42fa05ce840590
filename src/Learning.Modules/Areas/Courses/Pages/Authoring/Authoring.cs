using System.Globalization;
using System.Text;
using Learning.Accounts.Contracts;
using Learning.Courses.Content;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Authoring;

/// <summary>What the authoring pages share: loading a course whole, kebab-case keys and the importer's field rules.</summary>
internal static class Authoring
{
    public static Task<Course?> Load(LearningDbContext db, string slug, CancellationToken ct) =>
        CourseQueries.Whole(db).FirstOrDefaultAsync(c => c.Slug == slug, ct);

    /// <summary>"Pengantar Layanan Publik" → "pengantar-layanan-publik": letters without accents, digits and single dashes.</summary>
    public static string Kebab(string? title)
    {
        var result = new StringBuilder();
        foreach (var c in (title ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) result.Append(c);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else if (result.Length > 0 && result[^1] != '-') result.Append('-');
        }
        var kebab = result.ToString().Trim('-');
        return kebab.Length > 80 ? kebab[..80].TrimEnd('-') : kebab;
    }

    /// <summary>The first of key, key-2, key-3 … not taken.</summary>
    public static string Unique(string key, ICollection<string> taken)
    {
        var candidate = key;
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{key}-{n}";
        return candidate;
    }

    public static bool IsSlug(string value) => ContentFormat.Slug().IsMatch(value);

    public static bool IsQuestionId(string value) => ContentFormat.QuestionId().IsMatch(value);

    public static bool IsLanguage(string value) => ContentFormat.Language().IsMatch(value);

    public static bool IsMonthDay(string value) => ContentReader.IsMonthDay(value);

    /// <summary>JP as the importer takes it (greater than 0, below 10 000); a comma is read as the decimal point.</summary>
    public static decimal? Jp(string? input, string field, ModelStateDictionary state, IStringLocalizer text)
    {
        var raw = (input ?? "").Trim().Replace(',', '.');
        if (raw.Length == 0)
        {
            state.AddModelError(field, text["Courses.Authoring.Required"]);
            return null;
        }
        if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            state.AddModelError(field, text["Courses.Authoring.NotNumber", input!]);
            return null;
        }
        if (value is > 0 and < 10_000) return value;
        state.AddModelError(field, text["Courses.Authoring.NotPositive", input!]);
        return null;
    }

    /// <summary>A whole number in [min, max]; empty is null (and an error when required).</summary>
    public static int? Int(string? input, string field, bool required, int min, int max, ModelStateDictionary state, IStringLocalizer text)
    {
        var raw = (input ?? "").Trim();
        if (raw.Length == 0)
        {
            if (required) state.AddModelError(field, text["Courses.Authoring.Required"]);
            return null;
        }
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            state.AddModelError(field, text["Courses.Authoring.NotWholeNumber", input!]);
            return null;
        }
        if (value >= min && value <= max) return value;
        state.AddModelError(field, text["Courses.Authoring.OutOfRange", min, max, value]);
        return null;
    }

    public static string? Text(string? input, string field, bool required, int maxLength, ModelStateDictionary state, IStringLocalizer text)
    {
        var value = (input ?? "").Trim();
        if (value.Length == 0)
        {
            if (required) state.AddModelError(field, text["Courses.Authoring.Required"]);
            return required ? null : "";
        }
        if (value.Length <= maxLength) return value;
        state.AddModelError(field, text["Courses.Authoring.TooLong", maxLength]);
        return null;
    }

    /// <summary>
    /// Null when the form was made on the course's current revision (or carries none, as a script may post); else why the save
    /// is refused: who changed which part and when, since the form was opened. A save never overwrites a change unseen.
    /// </summary>
    public static async Task<string?> Stale(IAccountNames names, Course course, int? revision, IStringLocalizer text,
        TimeProvider clock, CancellationToken ct)
    {
        if (revision is not { } seen || seen == course.Revision) return null;
        var who = course.RevisedBy is { } by ? await names.Of(by, ct) : null;
        var part = course.RevisedPart ?? "";
        var colon = part.IndexOf(':');
        var what = colon < 0 ? text[$"Courses.Authoring.Part.{part}"].Value
            : text[$"Courses.Authoring.Part.{part[..colon]}", part[(colon + 1)..]].Value;
        var when = course.RevisedAt is { } at ? new CityFormat(clock).DateAndTime(at) : "";
        return text["Courses.Authoring.Stale", who ?? text["Courses.Authoring.SomeoneElse"].Value, when, what].Value;
    }

    /// <summary>Marks an authoring save on the course (its next revision), before it is written.</summary>
    public static void Revise(Course course, string part, System.Security.Claims.ClaimsPrincipal user, TimeProvider clock) =>
        course.Revise(part, user.GetUserId(), clock.GetUtcNow().UtcDateTime);

    public static string StatusKey(CourseStatus status) => $"Courses.Authoring.Status.{status}";

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
