using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

/// <summary>
/// A body over a limit (Kestrel's MaxRequestBodySize, the form reader's limits) surfaces as an exception from wherever the
/// body is read first: it answers 413 (or 400 for a body that cannot be read at all), never 500. The API gets problem+json;
/// a page gets the status page in the person's language (/error/413), as any other status.
/// </summary>
internal static class TooLargeBodies
{
    public static IApplicationBuilder UseTooLargeBodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (StatusOf(e) is { } status && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = status;
            if (!context.Request.Path.StartsWithSegments("/api")) return; // the status page says it
            var text = context.RequestServices.GetRequiredService<IStringLocalizer>();
            await Problems.Of(status, text[status == StatusCodes.Status413PayloadTooLarge ? "Host.Body.TooLarge" : "Host.Body.Unreadable"])
                .ExecuteAsync(context);
        }
    });

    /// <summary>A 413 the framework answered itself (a JSON body over the limit) says it in the person's language too.</summary>
    public static void Word(ProblemDetailsContext context)
    {
        // A module's own 413 (the media upload's "at most 1 MB") already says it: only the framework's bare one is worded here.
        if (context.ProblemDetails.Status != StatusCodes.Status413PayloadTooLarge || context.ProblemDetails.Detail is not null
            || context.ProblemDetails.Title is { Length: > 0 } title && title is not ("Payload Too Large" or "Content Too Large" or "Request Entity Too Large")) return;
        context.ProblemDetails.Title = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer>()["Host.Body.TooLarge"];
    }

    /// <summary>413 for a body over a limit, 400 for one that is malformed; null for anything else (a real error).</summary>
    internal static int? StatusOf(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            switch (e)
            {
                case BadHttpRequestException bad: return bad.StatusCode;
                // The form reader says "... limit ... exceeded" for every limit; other InvalidDataExceptions are malformed forms.
                case InvalidDataException data: return data.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                    ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            }
        return null;
    }
}

/// <summary>
/// Reads a page's form before antiforgery does: antiforgery calls a form it cannot read a bad request (400), while a form over
/// the size limit is 413, and the person should be told that.
/// </summary>
internal sealed class TooLargeForms : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        // The status page shown for the refusal runs as the same request again: it needs no form.
        if (!request.HasFormContentType || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null) return;
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (TooLargeBodies.StatusOf(e) is { } status)
        {
            context.Result = new StatusCodeResult(status);
        }
    }
}
