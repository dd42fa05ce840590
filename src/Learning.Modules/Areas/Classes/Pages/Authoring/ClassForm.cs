using System.Globalization;
using Learning.Classes.Contracts;

namespace Learning.Classes.Pages.Authoring;

/// <summary>The fields of the schedule form (new class, and the details of an existing one), as the browser sends them.</summary>
public sealed class ClassForm
{
    public string? Course { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Jp { get; set; }
    /// <summary>Competency code → level ("" for none): stand-alone classes award these.</summary>
    public Dictionary<string, string> Levels { get; set; } = [];
    public string? Capacity { get; set; }
    public string Approval { get; set; } = ClassApprovals.Supervisor;
    public string? Opens { get; set; }
    public string? Closes { get; set; }
    public List<SessionForm> Sessions { get; set; } = [];
    public string? Trainers { get; set; }
    /// <summary>The share of sessions to attend, in percent.</summary>
    public string Attendance { get; set; } = "100";
    public bool PostTest { get; set; }
    public bool Evaluation { get; set; } = true;
    public List<string> Units { get; set; } = [];
    public List<string> Positions { get; set; } = [];

    public sealed class SessionForm
    {
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Venue { get; set; }
        public string? OnlineUrl { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End) && string.IsNullOrWhiteSpace(Venue)
                               && string.IsNullOrWhiteSpace(OnlineUrl);
    }

    /// <summary>What the rules read; a number that is not one is passed on as out of range so the message names it.</summary>
    public ClassInput ToInput(List<FieldProblem> problems, Microsoft.Extensions.Localization.IStringLocalizer text)
    {
        decimal? Decimal(string? raw, string field)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            if (decimal.TryParse(raw.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
            problems.Add(new(field, text["Classes.Errors.NotNumber", raw].Value));
            return null;
        }
        int? Int(string? raw, string field)
        {
            if (string.IsNullOrWhiteSpace(raw)) return null;
            if (int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
            problems.Add(new(field, text["Classes.Errors.NotNumber", raw].Value));
            return null;
        }
        var percent = Decimal(Attendance, "completion.attendance");
        return new ClassInput
        {
            Course = Course, Title = Title, Description = Description, Jp = Decimal(Jp, "jp"), Capacity = Int(Capacity, "capacity"), Approval = Approval,
            RegistrationOpens = Opens, RegistrationCloses = Closes,
            Sessions = Sessions.Where(s => !s.IsEmpty).Select(s => new SessionInput(s.Start, s.End, s.Venue, s.OnlineUrl)).ToList(),
            Trainers = (Trainers ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Attendance = percent is { } p ? p / 100m : null, PostTest = PostTest, Evaluation = Evaluation, Units = Units, Positions = Positions,
            Competencies = Levels.Where(l => !string.IsNullOrWhiteSpace(l.Value))
                .Select(l => new CompetencyInput(l.Key, int.TryParse(l.Value, CultureInfo.InvariantCulture, out var v) ? v : 0)).ToList(),
        };
    }
}
