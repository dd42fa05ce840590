using Learning.Kernel;
using Learning.Notifications.Api;
using Learning.Notifications.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Learning.Notifications;

/// <summary>In-app inbox with unread count, and e-mail through SMTP (via the outbox) when configured.</summary>
public sealed class NotificationsModule : LearningModule
{
    public override string Id => "Notifications";

    public override IReadOnlyList<string> DependsOn => ["Accounts"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<IUnreadNotifications, UnreadNotifications>();
        services.AddSingleton<UnreadCounts>();
        services.AddOutboxHandler<EmailMessage, SendEmail>();
        services.AddSingleton<IEmailDelivery>(new SmtpDelivery(SmtpDelivery.IsConfigured(configuration)));
        services.AddOutboxHandler<Learning.Accounts.Contracts.AccountEmail, SendAccountEmail>();
        services.AddScoped<Emails>();
        services.AddScoped<EmailPreferencesStore>();
        // Web Push: the tenant's VAPID keys (made on start), the person's browsers, and the sender the outbox calls.
        services.AddSingleton<VapidKeyCache>();
        services.AddScoped<VapidKeyStore>();
        services.AddScoped<PushSubscriptions>();
        services.AddHostedService<CreateVapidKeysOnStart>();
        services.AddHttpClient(SendPush.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddOutboxHandler<WebPushMessage, SendPush>();
    }

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) =>
        quartz.AddScheduledJob<EmailDigestJob>(configuration, EmailDigestJob.Name, "0 0 7 * * ?", "Notifications.Jobs.Digest");

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Notification>(b =>
    {
        b.ToTable(Table("Notifications"));
        b.Property(n => n.DedupeKey).HasMaxLength(200);
        b.Property(n => n.TextKey).HasMaxLength(200);
        b.Property(n => n.Link).HasMaxLength(500);
        b.HasIndex(n => new { n.RecipientUserId, n.DedupeKey }).IsUnique();
        b.HasIndex(n => new { n.RecipientUserId, n.ReadAt, n.CreatedAt });
        b.Ignore(n => n.Args);
        b.HasIndex(n => new { n.DigestPending, n.RecipientUserId });
    });
        model.Entity<EmailPreferences>(b =>
        {
            b.ToTable(Table("EmailPreferences"));
            b.HasIndex(p => p.UserId).IsUnique();
        });
        model.Entity<WebPushSubscription>(b =>
        {
            b.ToTable(Table("PushSubscriptions"));
            b.Property(s => s.Endpoint).HasMaxLength(WebPushSubscription.EndpointLength);
            b.Property(s => s.P256dh).HasMaxLength(100);
            b.Property(s => s.Auth).HasMaxLength(40);
            b.HasIndex(s => s.Endpoint).IsUnique(); // one row per browser: a second subscribe finds it
            b.HasIndex(s => s.UserId);
        });
        model.Entity<VapidKeys>(b =>
        {
            b.ToTable(Table("VapidKeys"));
            b.HasKey(k => k.Name); // with the tenant in front (Tenancy): one pair per tenant, whoever starts first
            b.Property(k => k.Name).HasMaxLength(20);
            b.Property(k => k.PublicKey).HasMaxLength(100);
            b.Property(k => k.PrivateKey).HasMaxLength(100);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNotificationsApi();
        endpoints.MapPreferencesApi();
        endpoints.MapPushApi();
    }
}
