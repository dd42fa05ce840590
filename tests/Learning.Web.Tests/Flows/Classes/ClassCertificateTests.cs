using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Certification;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.Classes.RegistrationDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>A class's certificate names the class and its days; its career-record line is classical training. Self-paced ones stay as they were.</summary>
public sealed class ClassCertificateTests
{
    [Fact]
    public async Task Should_show_the_class_days_on_the_pdf_and_verification_and_export_the_training_as_classical()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        var classId = await AddClass(app, capacity: 5, course: "spbe-dasar", sessions: 3, jp: 16m);
        // The third session is cancelled: the class runs from the first to the second day.
        var sessions = await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var all = await db.Set<ClassSession>().Where(s => s.ClassId == classId).OrderBy(s => s.Number).ToListAsync();
            all[2].Cancel();
            await db.SaveChangesAsync();
            return all;
        });
        var agus = await app.ApiAs(Agus);
        var agusId = await EmployeeId(app, Agus);
        await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        await Attend(app, classId, agusId, 1);
        await Attend(app, classId, agusId, 2);
        Assert.Equal(RegistrationStatuses.Completed, (await Registrations(app, classId)).Single().Status);

        var certificate = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Certificate>().AsNoTracking()
            .SingleAsync(c => c.ClassId == classId));
        var zone = app.Clock.LocalTimeZone;
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(sessions[0].StartsAt, zone));
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(sessions[1].EndsAt, zone));
        Assert.Equal((first, last, "Pelatihan Standar Pelayanan Publik"), (certificate.ClassFirstDay, certificate.ClassLastDay, certificate.ClassTitle));
        var days = CertificatePdf.IndonesianDays(first, last);
        Assert.Equal(first.Month == last.Month ? $"{first.Day}\u2013{last.Day} {CertificatePdf.IndonesianDate(last)[(last.Day.ToString().Length + 1)..]}" : days, days);

        // The PDF as the holder downloads it.
        var pdf = await agus.GetByteArrayAsync($"/certificates/{certificate.Code}/pdf");
        var text = string.Join(' ', PdfText.Extract(pdf).Split('\n'));
        Assert.Contains($"\u201CPelatihan Standar Pelayanan Publik\u201D, {days}", text);
        Assert.Contains("Pelatihan klasikal", text);

        // The public verification page, in Indonesian and in English.
        var page = System.Net.WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/certificates/verify/{certificate.Code}"));
        Assert.Contains($"Pelatihan klasikal, {ClassDays.Range(first, last, new System.Globalization.CultureInfo("id-ID"))}", page);
        // English as a reader asks for it: the language choice at the foot of the page (kept in the language cookie).
        var english = app.ClientFor(null, pages: true);
        var verify = $"/certificates/verify/{certificate.Code}";
        Assert.Equal(HttpStatusCode.Redirect, (await english.PostAsync("/language",
            await LearningApp.FormWithToken(english, verify, new() { ["language"] = "en", ["returnUrl"] = verify }))).StatusCode);
        var inEnglish = System.Net.WebUtility.HtmlDecode(await english.GetStringAsync($"/certificates/verify/{certificate.Code}"));
        Assert.Contains("Classroom training, ", inEnglish);
        Assert.Contains(new System.Globalization.CultureInfo("en-GB").DateTimeFormat.GetMonthName(last.Month), inEnglish);

        // The SIASN export: classical, dated by the class's days.
        var coordinator = await app.ApiAs(Coordinator);
        var export = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/export?format=json&unit=PEMKOT-SMG");
        var row = export.EnumerateArray().Single(r => r.GetProperty("nomorSertipikat").GetString() == certificate.Number);
        Assert.Equal(("Diklat Teknis", "Klasikal", 16m, first.ToString("yyyy-MM-dd"), last.ToString("yyyy-MM-dd")),
            (row.GetProperty("jenisDiklat").GetString(), row.GetProperty("jenisKursus").GetString(), row.GetProperty("jumlahJam").GetDecimal(),
             row.GetProperty("tanggalKursus").GetString(), row.GetProperty("tanggalSelesaiKursus").GetString()));
    }

    [Fact]
    public async Task Should_leave_a_self_paced_certificate_as_it_was()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        var certificate = await CertificationDriver.Complete(app, Agus, "spbe-dasar", app.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        Assert.Null(certificate.ClassId);
        var agus = await app.ApiAs(Agus);
        var text = PdfText.Extract(await agus.GetByteArrayAsync($"/certificates/{certificate.Code}/pdf"));
        Assert.Contains("telah menyelesaikan pelatihan", text);
        Assert.DoesNotContain("klasikal", text);
        Assert.DoesNotContain("klasikal", await app.CreateClient().GetStringAsync($"/certificates/verify/{certificate.Code}"));
        var coordinator = await app.ApiAs(Coordinator);
        var export = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/export?format=json&unit=PEMKOT-SMG");
        var row = export.EnumerateArray().Single(r => r.GetProperty("nomorSertipikat").GetString() == certificate.Number);
        Assert.Equal(("Diklat Teknis", "E-Learning"), (row.GetProperty("jenisDiklat").GetString(), row.GetProperty("jenisKursus").GetString()));
    }

    private static Task Attend(LearningApp app, Guid classId, Guid employeeId, int number) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var session = await db.Set<ClassSession>().FirstAsync(s => s.ClassId == classId && s.Number == number);
        db.Add(new Attendance(classId, session.Id, employeeId, session.StartsAt.AddMinutes(5), AttendanceMethods.Code, null));
        var recorded = new AttendanceRecorded(classId, session.Id, employeeId, session.StartsAt.AddMinutes(5), AttendanceMethods.Code);
        foreach (var handler in sp.GetServices<IDomainEventHandler<AttendanceRecorded>>()) await handler.Handle(recorded, CancellationToken.None);
        await db.SaveChangesAsync();
    });
}
