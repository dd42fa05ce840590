using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Infrastructure;

/// <summary>
/// Test only: the in-memory test server has no client address, so a request may name the one it comes from in
/// <see cref="Header"/> (the app itself trusts no such header; it reads the connection's address).
/// </summary>
public sealed class ClientAddresses : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public static void Add(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddresses>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A client whose every request comes from <paramref name="address"/>.</summary>
    public static HttpClient From(LearningApp app, string address, bool handleCookies = true)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            { AllowAutoRedirect = false, HandleCookies = handleCookies });
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
