using Learning.Kernel.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Learning.Kernel;

/// <summary>RFC 7807 answers with a clear message for the API.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, extensions: extensions);

    public static ProblemHttpResult BadRequest(string title, string? detail = null) => Of(StatusCodes.Status400BadRequest, title, detail);
    public static ProblemHttpResult NotFound(string title) => Of(StatusCodes.Status404NotFound, title);
    public static ProblemHttpResult Forbidden(string title) => Of(StatusCodes.Status403Forbidden, title);
    public static ProblemHttpResult Conflict(string title, string? detail = null) => Of(StatusCodes.Status409Conflict, title, detail);

    public static ProblemHttpResult Validation(string title, IReadOnlyList<string> errors) =>
        Of(StatusCodes.Status400BadRequest, title, string.Join("; ", errors), new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>
    /// An import refused for problems in its files: 400 with <c>errors</c> (one <c>file:line: reason</c> text each, as the CLI
    /// prints them) and <c>problems</c> (the same as <c>{file, line, reason}</c> for clients that point at the line).
    /// </summary>
    public static ProblemHttpResult Refused(string title, IReadOnlyList<SourceProblem> problems)
    {
        var errors = problems.Select(p => p.ToString()).ToList();
        return Of(StatusCodes.Status400BadRequest, title, string.Join("; ", errors), new Dictionary<string, object?>
        {
            ["errors"] = errors,
            ["problems"] = problems,
        });
    }
}
