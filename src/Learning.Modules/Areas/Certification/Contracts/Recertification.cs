using System.Globalization;
using Learning.Courses.Contracts;

namespace Learning.Certification.Contracts;

/// <summary>
/// Recertification as Totara does it: a window opens N days before expiry; the new expiry counts from the
/// completion date, from the previous expiry, or lands on a fixed calendar date. Pure, so the scheduler and tests share it.
/// </summary>
public static class Recertification
{
    public static DateOnly WindowOpensOn(DateOnly validUntil, RecertificationRule rule) => validUntil.AddDays(-Math.Max(0, rule.WindowDays));

    public static bool IsInWindow(DateOnly today, DateOnly validUntil, RecertificationRule rule) =>
        today >= WindowOpensOn(validUntil, rule) && today <= validUntil;

    /// <summary>The expiry of a certificate earned (or renewed) on <paramref name="completedOn"/>.</summary>
    public static DateOnly NewExpiry(RecertificationRule rule, int validityMonths, DateOnly completedOn, DateOnly? previousExpiry)
    {
        if (validityMonths <= 0) throw new ArgumentOutOfRangeException(nameof(validityMonths), "Validity must be at least one month.");
        switch (rule.RenewFrom)
        {
            case RenewFrom.Completion:
                return completedOn.AddMonths(validityMonths);
            case RenewFrom.PreviousExpiry:
                // Renewing early keeps the cycle; a lapsed one restarts from completion.
                return previousExpiry is { } previous && previous >= completedOn
                    ? previous.AddMonths(validityMonths)
                    : completedOn.AddMonths(validityMonths);
            default:
                var (month, day) = ParseFixedDate(rule.FixedDate);
                var anchor = completedOn.AddMonths(validityMonths);
                // The fixed date nearest the end of the validity (earlier on a tie); completing inside its window moves to the next one.
                var candidate = new[] { anchor.Year - 1, anchor.Year, anchor.Year + 1 }
                    .Select(year => OnFixedDate(year, month, day))
                    .OrderBy(d => Math.Abs(d.DayNumber - anchor.DayNumber)).ThenBy(d => d).First();
                if (candidate <= completedOn.AddDays(Math.Max(0, rule.WindowDays)))
                    candidate = OnFixedDate(candidate.Year + 1, month, day);
                return candidate;
        }
    }

    public static (int Month, int Day) ParseFixedDate(string? fixedDate)
    {
        if (fixedDate is { Length: 5 } && fixedDate[2] == '-'
            && int.TryParse(fixedDate.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(fixedDate.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month))
            return (month, day);
        throw new ArgumentException($"Fixed date '{fixedDate}' is not MM-DD.", nameof(fixedDate));
    }

    /// <summary>29 February falls on the 28th in common years.</summary>
    private static DateOnly OnFixedDate(int year, int month, int day) => new(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
}
