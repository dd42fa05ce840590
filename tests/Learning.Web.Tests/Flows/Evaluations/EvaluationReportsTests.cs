using System.Net;
using System.Net.Http.Json;
using System.Text;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;
using static Learning.Web.Tests.Flows.Evaluations.EvaluationDriver;

namespace Learning.Web.Tests.Flows.Evaluations;

/// <summary>Reports of the reaction form against figures worked out by hand, their CSV, and who may read which.</summary>
public sealed class EvaluationReportsTests
{
    // Registering for the class of the course enrolled each participant on it: enrolling finds that enrolment (200, not a second one).
    private static async Task<string> Enrol(HttpClient api) =>
        (await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.OK)).GetProperty("id").GetString()!;

    [Fact]
    public async Task Should_report_response_rate_averages_gain_and_comments_and_let_a_trainer_read_only_their_classes()
    {
        await using var app = new LearningApp(Db.Sqlite);
        // Days ago, so the sign-in cookies the clock dates are still good in real time.
        var start = DateTimeOffset.UtcNow.AddDays(-5);
        app.Clock.Set(start);
        var firstSession = start.AddDays(3);
        // The supervisor teaches the class of spbe-dasar (Agus, Dewi and Rizky take part); the coordinator teaches another.
        var classId = await Class(app, Course, "Diklat SPBE Angkatan I", firstSession, [Supervisor], [Agus, Dewi, Rizky]);
        var other = await Class(app, null, "Diklat Kearsipan", firstSession, [Coordinator], [Agus]);

        // Before anyone has taken a test the report says so, rather than showing empty averages.
        var before = WebUtility.HtmlDecode(await (await app.PagesAs(Coordinator)).GetStringAsync($"/reports/evaluations/classes/{classId}"));
        Assert.Contains("Belum ada peserta yang punya nilai pre-test dan post-test.", before);
        Assert.DoesNotContain("Rata-rata pre-test", before);

        // Day 0, before the class: the pre-tests. Agus 6 of 12 wrong (50), Dewi 5 wrong (58.3); both fail.
        var agusEnrolment = await Enrol(await app.ApiAs(Agus));
        var dewiEnrolment = await Enrol(await app.ApiAs(Dewi));
        Assert.Equal(50m, await Attempt(app, await app.ApiAs(Agus), agusEnrolment, wrong: 6, lessons: true));
        Assert.Equal(58.3m, await Attempt(app, await app.ApiAs(Dewi), dewiEnrolment, wrong: 5, lessons: true));
        // Not completed yet: the course's form is closed.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAs(Agus)).GetAsync($"/api/v1/courses/{Course}/evaluation")).StatusCode);

        // Day 4, after the first session: the post-tests. Agus all right (100), Dewi 1 wrong (91.7); both pass and complete.
        app.Clock.Set(start.AddDays(4));
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        Assert.Equal(100m, await Attempt(app, agus, agusEnrolment, wrong: 0, lessons: false));
        Assert.Equal(91.7m, await Attempt(app, dewi, dewiEnrolment, wrong: 1, lessons: false));

        // Two of three fill in the class's form; Rizky does not.
        Assert.Equal(HttpStatusCode.NoContent, (await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = 5, ["pengajar"] = 4, ["tempat"] = 3, ["manfaat"] = 5, ["komentar"] = "=HYPERLINK(\"http://contoh.invalid\")" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dewi.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = "4", ["pengajar"] = 2, ["tempat"] = 4, ["manfaat"] = 4, ["komentar"] = "Ruangan; agak panas" },
        })).StatusCode);

        // The class report: 2 of 3 (66.7%), materi (5+4)/2 = 4.5, pengajar 3, tempat 3.5, manfaat 4.5;
        // pre (50 + 58.3)/2 = 54.15, post (100 + 91.7)/2 = 95.85, gain 41.7 over 2 people.
        var coordinator = await app.PagesAs(Coordinator);
        var html = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/reports/evaluations/classes/{classId}"));
        Assert.Contains("2 dari 3 peserta mengisi evaluasi (66,7%)", html);
        Assert.Matches(@"Materi pelatihan[^<]*</th>\s*<td>4,5</td>\s*<td>2</td>\s*<td>0</td>\s*<td>0</td>\s*<td>0</td>\s*<td>1</td>\s*<td>1</td>", html);
        Assert.Matches(@"Pengajar menguasai[^<]*</th>\s*<td>3</td>\s*<td>2</td>", html);
        Assert.Matches(@"Tempat atau platform[^<]*</th>\s*<td>3,5</td>", html);
        Assert.Contains("Rata-rata pre-test 54,15, rata-rata post-test 95,85, peningkatan 41,7 poin (2 peserta dengan kedua nilai)", html);
        Assert.Contains("Ruangan; agak panas", html);
        // Anonymous: no respondent's name on the report.
        Assert.DoesNotContain("Agus Prasetyo", html);
        Assert.DoesNotContain(Agus, html);

        // Its CSV: UTF-8 with a byte-order mark, quoted where a ; or , would split a cell, formulas made text.
        var csvResponse = await coordinator.GetAsync($"/reports/evaluations/classes/{classId}?format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("ringkasan,responden,2\n", csv);
        Assert.Contains("ringkasan,tingkat respons (%),66.7\n", csv);
        Assert.Contains("skala,\"Materi pelatihan jelas, runtut, dan sesuai kebutuhan saya\",4.5,2,0,0,0,1,1\n", csv);
        Assert.Contains("pre-test dan post-test,peningkatan,41.7,2\n", csv);
        Assert.Contains("komentar,Saran dan komentar,\"Ruangan; agak panas\"\n", csv);
        Assert.Contains("komentar,Saran dan komentar,\"'=HYPERLINK(\"\"http://contoh.invalid\"\")\"\n", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);

        // The self-paced course's form opens now both completed; Agus fills it in: 1 of 2 who completed (50%), the same gain.
        Assert.Equal(HttpStatusCode.OK, (await agus.GetAsync($"/api/v1/courses/{Course}/evaluation")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agus.PostAsJsonAsync($"/api/v1/courses/{Course}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = 4, ["tempat"] = 5, ["manfaat"] = 3 },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agus.PostAsJsonAsync($"/api/v1/courses/{Course}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = 4, ["pengajar"] = 4, ["tempat"] = 5, ["manfaat"] = 3 },
        })).StatusCode); // a course's form has no trainer question
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAs(Rizky)).GetAsync($"/api/v1/courses/{Course}/evaluation")).StatusCode);
        var course = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/reports/evaluations/courses/{Course}"));
        Assert.Contains("1 dari 2 peserta mengisi evaluasi (50%)", course);
        Assert.Contains("Rata-rata pre-test 54,15, rata-rata post-test 95,85, peningkatan 41,7 poin (2 peserta", course);
        // The learner finds the form from the completed course's page.
        Assert.Contains($"href=\"/courses/{Course}/evaluation\"", await (await app.PagesAs(Agus)).GetStringAsync($"/courses/{Course}"));

        // The trainer: their class and their own report, not another trainer's class or report, nor a course's.
        var trainer = await app.PagesAs(Supervisor);
        Assert.Contains("2 dari 3 peserta", WebUtility.HtmlDecode(await trainer.GetStringAsync($"/reports/evaluations/classes/{classId}")));
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.GetAsync($"/reports/evaluations/classes/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.GetAsync($"/reports/evaluations/trainers/{Coordinator}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await trainer.GetAsync($"/reports/evaluations/courses/{Course}")).StatusCode);
        var mine = WebUtility.HtmlDecode(await trainer.GetStringAsync($"/reports/evaluations/trainers/{Supervisor}"));
        Assert.Contains("Diklat SPBE Angkatan I", mine);
        Assert.DoesNotContain("Diklat Kearsipan", mine);
        Assert.Matches(@"Pengajar menguasai[^<]*</th>\s*<td>3</td>", mine);
        var index = await trainer.GetStringAsync("/reports/evaluations");
        Assert.Contains("Diklat SPBE Angkatan I", index);
        Assert.DoesNotContain("Diklat Kearsipan", index);
        // The coordinator's index has both classes and the course, and the reports page links it.
        var all = await coordinator.GetStringAsync("/reports/evaluations");
        Assert.Contains("Diklat Kearsipan", all);
        Assert.Contains($"/reports/evaluations/courses/{Course}", all);
        Assert.Contains("href=\"/reports/evaluations\"", await coordinator.GetStringAsync("/reports"));
    }
}
