using Learning.Kernel;
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

    /// <summary>413 for a body over a limit, 400 for one that is malformed; null for anything else (a real error).</summary>
    private static int? StatusOf(Exception? e)
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
