using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace Learning.Assignments;

/// <summary>
/// An item's status as a badge, written as the pages' <c>_Status</c> partial wrote it (its trailing line break included): the team
/// page shows one per assignment of ~50 people, and a partial per badge cost a view context and buffer each (bench/README.md).
/// </summary>
public static class StatusBadge
{
    public static IHtmlContent Html(IStringLocalizer text, string status) => new HtmlContentBuilder(5)
        .AppendHtml("<span class=\"badge ").AppendHtml(Css(status)).AppendHtml("\">").Append(text[Key(status)].Value).AppendHtml("</span>\n");

    private static string Css(string status) => status switch
    {
        AssignmentStatuses.Completed => "ok", AssignmentStatuses.Overdue => "bad", AssignmentStatuses.InProgress => "warn", _ => "",
    };

    private static string Key(string status) => status switch
    {
        AssignmentStatuses.Assigned => "Assignments.Status.assigned", AssignmentStatuses.InProgress => "Assignments.Status.in-progress",
        AssignmentStatuses.Completed => "Assignments.Status.completed", AssignmentStatuses.Overdue => "Assignments.Status.overdue",
        _ => "Assignments.Status." + status,
    };
}
