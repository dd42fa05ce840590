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
        services.AddOutboxHandler<EmailMessage, SendEmail>();
        services.AddSingleton<IEmailDelivery>(new SmtpDelivery(SmtpDelivery.IsConfigured(configuration)));
        services.AddOutboxHandler<Learning.Accounts.Contracts.AccountEmail, SendAccountEmail>();
        services.AddScoped<Emails>();
        services.AddScoped<EmailPreferencesStore>();
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
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapNotificationsApi();
        endpoints.MapPreferencesApi();
    }
}
