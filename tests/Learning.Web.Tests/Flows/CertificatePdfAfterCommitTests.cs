using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Learning.Certification;
using Learning.Certification.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.CertificationDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Certificate PDFs leave the database only after commit (through the outbox), on real Azure blob storage (Azurite):
/// a rolled-back issue or renewal leaves no PDF behind, and a learner can download the PDF before the outbox has run.
/// </summary>
public sealed class CertificatePdfAfterCommitTests : IAsyncLifetime
{
    private const string Course = "literasi-keamanan-digital"; // 12 months
    private readonly string _container = "t" + Guid.NewGuid().ToString("N")[..20];
    private LearningApp _app = null!;

    public Task InitializeAsync()
    {
        var settings = Settings();
        settings["Storage:Provider"] = "AzureBlob";
        settings["ConnectionStrings:Blobs"] = MediaAppFixture.Azurite;
        settings["Storage:Container"] = _container;
        settings["Jobs:outbox-dispatch:Schedule"] = "0 0 3 1 1 ? 2099"; // the test runs the outbox itself
        _app = new LearningApp(Db.Sqlite, settings: settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await new BlobContainerClient(MediaAppFixture.Azurite, _container).DeleteIfExistsAsync();
    }

    private Task<int> RunOutbox() => _app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

    private async Task<List<string>> CertificateBlobs()
    {
        var container = new BlobContainerClient(MediaAppFixture.Azurite, _container);
        var names = new List<string>();
        if (!await container.ExistsAsync()) return names;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "certificates/", CancellationToken.None)) names.Add(blob.Name);
        return names;
    }

    private async Task<string> PdfText(string name)
    {
        var blob = await _app.Services.GetRequiredService<IBlobStore>().Get(name);
        Assert.NotNull(blob);
        await using var content = blob.Value.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return Infrastructure.PdfText.Extract(copy.ToArray());
    }

    [Fact]
    public async Task Should_leave_no_pdf_when_the_issuing_transaction_rolls_back()
    {
        var enrolmentId = Guid.CreateVersion7();
        await _app.WithScope(async sp =>
        {
            var employee = (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Learner))!;
            var db = sp.GetRequiredService<LearningDbContext>();
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var handler in sp.GetServices<IDomainEventHandler<EnrolmentCompleted>>())
                await handler.Handle(new EnrolmentCompleted(enrolmentId, employee.Id, Course, 1, 2, 90, 90m, now.AddDays(-3), now), CancellationToken.None);
            await db.SaveChangesAsync();
            Assert.True(await db.Set<Certificate>().AnyAsync(c => c.EnrolmentId == enrolmentId)); // issued, then undone
            await transaction.RollbackAsync();
        });
        await RunOutbox();

        Assert.False(await _app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Certificate>().AnyAsync(c => c.EnrolmentId == enrolmentId)));
        Assert.Empty(await CertificateBlobs());
    }

    [Fact]
    public async Task Should_keep_the_pdf_and_expiry_when_the_renewing_transaction_rolls_back()
    {
        var certificate = await Complete(_app, Learner, Course, _app.Clock.GetUtcNow().UtcDateTime);
        var validUntil = certificate.ValidUntil!.Value;
        await RunOutbox();
        Assert.Contains($"Berlaku sampai: {CertificatePdf.IndonesianDate(validUntil)}", await PdfText(certificate.PdfBlobName));

        await _app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.True(await sp.GetRequiredService<ICertificateRenewals>().Renew(certificate.EmployeeId, Course, validUntil.AddDays(-5), CancellationToken.None));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        await RunOutbox();

        var after = await _app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Certificate>().AsNoTracking().SingleAsync(c => c.Id == certificate.Id));
        Assert.Equal(validUntil, after.ValidUntil);
        var text = await PdfText(certificate.PdfBlobName);
        Assert.Contains($"Berlaku sampai: {CertificatePdf.IndonesianDate(validUntil)}", text);
        Assert.Equal([certificate.PdfBlobName], await CertificateBlobs());
    }

    [Fact]
    public async Task Should_serve_the_pdf_right_after_passing_before_the_outbox_has_written_it()
    {
        var certificate = await Complete(_app, Learner, Course, _app.Clock.GetUtcNow().UtcDateTime);
        Assert.Empty(await CertificateBlobs());

        var learner = await _app.ApiAs(Learner);
        var download = await learner.GetAsync($"/certificates/{certificate.Code}/pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Agus Prasetyo", Infrastructure.PdfText.Extract(await download.Content.ReadAsByteArrayAsync()).Split('\n'));

        Assert.Equal(1, await RunOutbox());
        Assert.Equal([certificate.PdfBlobName], await CertificateBlobs());
        Assert.Contains(certificate.Number, await PdfText(certificate.PdfBlobName));
    }
}
