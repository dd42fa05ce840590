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
        .AppendHtml("<span class=\"badge ").AppendHtml(Css(status)).AppendHtml("\">").Append(text["Assignments.Status." + status].Value).AppendHtml("</span>\n");

    private static string Css(string status) => status switch
    {
        AssignmentStatuses.Completed => "ok", AssignmentStatuses.Overdue => "bad", AssignmentStatuses.InProgress => "warn", _ => "",
    };
}
