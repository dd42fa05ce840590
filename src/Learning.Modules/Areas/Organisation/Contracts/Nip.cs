using System.Globalization;

namespace Learning.Organisation.Contracts;

public enum AsnKind { Pns, Pppk }

/// <summary>Why a NIP is not valid; the text for each lives in Strings.*.json as "Organisation.Nip.{Fault}".</summary>
public enum NipFault { Empty, Length, NonDigits, BirthDate, AppointmentMonth, AppointmentDate, Gender, Sequence }

public sealed record NipError(NipFault Fault, string Detail);

/// <summary>
/// The 18-digit NIP. PNS: birth date (YYYYMMDD), CPNS appointment (YYYYMM), gender (1/2), sequence (3).
/// PPPK: birth date, appointment year (YYYY), the digit 2, a frequency digit, gender, sequence (3).
/// A PNS appointment month starts with 0 or 1, so a 2 in that place marks the PPPK form.
/// </summary>
public readonly record struct Nip
{
    public string Value { get; }
    public AsnKind Kind { get; }
    public DateOnly BirthDate { get; }
    public int AppointmentYear { get; }
    public bool IsFemale { get; }

    private Nip(string value, AsnKind kind, DateOnly birthDate, int appointmentYear, bool isFemale)
    {
        Value = value; Kind = kind; BirthDate = birthDate; AppointmentYear = appointmentYear; IsFemale = isFemale;
    }

    public override string ToString() => Value;

    /// <summary>Spaces and dots people type between groups are ignored.</summary>
    public static string Normalise(string? input) =>
        new((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());

    public static bool TryParse(string? input, out Nip nip, out NipError? error)
    {
        nip = default;
        var s = Normalise(input);
        error = Check(s, out var kind, out var birth, out var appointmentYear, out var female);
        if (error is not null) return false;
        nip = new Nip(s, kind, birth, appointmentYear, female);
        return true;
    }

    public static Nip Parse(string input) =>
        TryParse(input, out var nip, out var error) ? nip : throw new FormatException($"Invalid NIP '{input}': {error!.Fault} {error.Detail}");

    private static NipError? Check(string s, out AsnKind kind, out DateOnly birth, out int appointmentYear, out bool female)
    {
        kind = AsnKind.Pns; birth = default; appointmentYear = 0; female = false;
        if (s.Length == 0) return new(NipFault.Empty, "");
        if (!s.All(char.IsAsciiDigit))
            return new(NipFault.NonDigits, new string(s.Where(c => !char.IsAsciiDigit(c)).Distinct().ToArray()));
        if (s.Length != 18) return new(NipFault.Length, s.Length.ToString(CultureInfo.InvariantCulture));

        if (!DateOnly.TryParseExact(s[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birth)
            || birth.Year < 1940)
            return new(NipFault.BirthDate, s[..8]);

        appointmentYear = int.Parse(s[8..12], CultureInfo.InvariantCulture);
        if (s[12] == '2')
        {
            kind = AsnKind.Pppk; // s[13] is the frequency digit: any digit
        }
        else
        {
            var month = int.Parse(s[12..14], CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return new(NipFault.AppointmentMonth, s[12..14]);
        }
        // Nobody is appointed before 15 or after 60.
        if (appointmentYear < birth.Year + 15 || appointmentYear > birth.Year + 60)
            return new(NipFault.AppointmentDate, s[8..12]);

        if (s[14] is not ('1' or '2')) return new(NipFault.Gender, s[14..15]);
        female = s[14] == '2';
        if (s[15..] == "000") return new(NipFault.Sequence, s[15..]);
        return null;
    }
}
