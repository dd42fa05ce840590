using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>Coordinator reports against figures worked out by hand on data generated for the test.</summary>
public sealed class ReportsTests
{
    private const string ItemCourse = "literasi-keamanan-digital";

    /// <summary>Passes with exactly <paramref name="wrong"/> answers wrong (12 questions: 1 wrong = 91.7).</summary>
    private static async Task Finish(LearningApp app, HttpClient api, string enrolmentId, int wrong)
    {
        var outline = await Json(await api.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK);
        foreach (var lesson in outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
            await Json(await api.PostAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson.GetProperty("key").GetString()}/complete", new { seconds = 600 }), HttpStatusCode.OK);
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        var attempt = await Json(await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/attempts", null), HttpStatusCode.Created);
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var answers = new JsonObject();
        var n = 0;
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            var flip = n++ < wrong;
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(flip ? !a.TrueFalse!.Value : a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create((flip ? (a.Options[0] + 1) % q.GetProperty("options").GetArrayLength() : a.Options[0]).ToString()),
                _ => new JsonArray((flip ? a.Options.Skip(1) : a.Options).Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        }
        var result = await Json(await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", new JsonObject { ["answers"] = answers }), HttpStatusCode.OK);
        Assert.True(result.GetProperty("passed").GetBoolean());
    }

    private static async Task<string> Enrol(HttpClient api, string course) =>
        (await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static JsonElement Row(JsonElement rows, string property, string value) =>
        rows.EnumerateArray().Single(r => r.GetProperty(property).GetString() == value);

    private static (int, int, decimal, decimal?, decimal?, int) Figures(JsonElement row)
    {
        var f = row.GetProperty("learning");
        decimal? D(string p) => f.GetProperty(p).ValueKind == JsonValueKind.Null ? null : f.GetProperty(p).GetDecimal();
        return (f.GetProperty("enrolments").GetInt32(), f.GetProperty("completed").GetInt32(), f.GetProperty("completionRate").GetDecimal(),
            D("averageScore"), D("averageDaysToComplete"), f.GetProperty("overdueMandatory").GetInt32());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_match_hand_computed_figures_per_unit_and_per_course(Db db)
    {
        // 2 JP a year is the requirement here, so one finished course (2 JP) makes a person compliant.
        await using var app = new LearningApp(db, settings: new Dictionary<string, string?> { ["CareerRecords:RequiredJpPerYear"] = "2" });
        // Five days ago, so the login cookies the clock dates are still good in real time, and within this year for the JP.
        var yearStart = new DateTimeOffset(DateTime.UtcNow.Year, 1, 1, 1, 0, 0, TimeSpan.Zero);
        var start = DateTimeOffset.UtcNow.AddDays(-5) < yearStart ? yearStart : DateTimeOffset.UtcNow.AddDays(-5);
        app.Clock.Set(start);

        // Day 0: Agus and Rizky enrol on spbe-dasar, Rizky also on pelindungan-data-pribadi; Dewi is assigned spbe-dasar due day 2.
        var agusId = await Enrol(await app.ApiAs(Agus), Course);
        var rizkyId = await Enrol(await app.ApiAs(Rizky), Course);
        await Enrol(await app.ApiAs(Rizky), "pelindungan-data-pribadi");
        await Json(await (await app.ApiAs(Supervisor)).PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(2)) }), HttpStatusCode.Created);

        // Rizky finishes on day 2 with one answer wrong (91.7), Agus on day 4 with two wrong (83.3).
        app.Clock.Set(start.AddDays(2));
        await Finish(app, await app.ApiAs(Rizky), rizkyId, wrong: 1);
        app.Clock.Set(start.AddDays(4));
        await Finish(app, await app.ApiAs(Agus), agusId, wrong: 2);
        // Day 5: Dewi's assignment is past due and not finished.
        app.Clock.Set(start.AddDays(5));

        var coordinator = await app.ApiAs(Coordinator);
        var units = await Json(await coordinator.GetAsync("/api/v1/reports/units"), HttpStatusCode.OK);
        var disdukcapil = Row(units.GetProperty("units"), "unit", "DISDUKCAPIL");
        Assert.Equal(3, disdukcapil.GetProperty("people").GetInt32());
        Assert.Equal((2, 1, 50.0m, 83.3m, 4.0m, 1), Figures(disdukcapil));
        Assert.Equal((1, 33.3m), (disdukcapil.GetProperty("jpCompliant").GetInt32(), disdukcapil.GetProperty("jpCompliance").GetDecimal()));
        var diskominfo = Row(units.GetProperty("units"), "unit", "DISKOMINFO");
        Assert.Equal((2, 1, 50.0m, 91.7m, 2.0m, 0), Figures(diskominfo));
        Assert.Equal((1, 100m), (diskominfo.GetProperty("jpCompliant").GetInt32(), diskominfo.GetProperty("jpCompliance").GetDecimal()));
        Assert.Equal((0, 0, 0m, null, null, 0), Figures(Row(units.GetProperty("units"), "unit", "BKPSDM")));
        var city = units.GetProperty("city");
        Assert.Equal(5, city.GetProperty("people").GetInt32());
        Assert.Equal((4, 2, 50.0m, 87.5m, 3.0m, 1), Figures(city));
        Assert.Equal((2, 40.0m), (city.GetProperty("jpCompliant").GetInt32(), city.GetProperty("jpCompliance").GetDecimal()));

        var courses = await Json(await coordinator.GetAsync("/api/v1/reports/courses"), HttpStatusCode.OK);
        Assert.Equal((3, 2, 66.7m, 87.5m, 3.0m, 1), Figures(Row(courses, "course", Course)));
        Assert.Equal((1, 0, 0m, null, null, 0), Figures(Row(courses, "course", "pelindungan-data-pribadi")));

        // The CSV carries the same figures, and the page draws them.
        var csv = await coordinator.GetStringAsync("/api/v1/reports/units?format=csv");
        Assert.StartsWith("unit,name,people,enrolments,completed,completionRate,averageScore,averageDaysToComplete,overdueMandatory,jpCompliant,jpCompliance", csv);
        Assert.Contains("DISDUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil,3,2,1,50,83.3,4,1,1,33.3", csv);
        Assert.Contains("*,*,5,4,2,50,87.5,3,1,2,40", csv);
        var pages = await app.PagesAs(Coordinator);
        var page = await pages.GetStringAsync("/reports");
        Assert.Contains("<figure class=\"chart\" id=\"chart-jp-unit\">", page);
        Assert.Contains("<span class=\"bar-fill\" style=\"width:33.3%\"></span>", page);
        Assert.Contains("<span class=\"bar-value\">33,3%</span>", page);
        var pageCsv = await pages.GetAsync("/reports?view=courses&format=csv");
        Assert.Equal("text/csv", pageCsv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("spbe-dasar,Dasar-Dasar SPBE untuk ASN Kota,3,2,66.7,87.5,3,1", await pageCsv.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_compute_difficulty_and_upper_lower_27_percent_discrimination(Db db)
    {
        await using var app = new LearningApp(db);
        // Ten graded attempts scoring 100, 90, …, 10: groups of round(2.7) = 3 at each end.
        //   q1 wrong for scores <= 40: 6/10 right, upper 3/3, lower 0/3 -> difficulty 0.6, discrimination 1.0
        //   q2 wrong for 100 and 90:   8/10 right, upper 1/3, lower 3/3 -> 0.8, -0.667
        //   q3 drawn for 100, 80, 60, 40, 20 and wrong for 60: 4/5 right, upper 2/2, lower 1/1 -> 0.8, 0.0
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var employee = Guid.CreateVersion7();
            for (var score = 100; score >= 10; score -= 10)
            {
                var drawn = new List<DrawnQuestion> { new("q1", [0, 1]), new("q2", [0, 1]) };
                if (score % 20 == 0) drawn.Add(new DrawnQuestion("q3", [0, 1]));
                var wrong = new List<string>();
                if (score <= 40) wrong.Add("q1");
                if (score >= 90) wrong.Add("q2");
                if (score == 60) wrong.Add("q3");
                var attempt = Attempt.Start(Guid.CreateVersion7(), employee, ItemCourse, 1, 1, 70, null, null, drawn, DateTime.UtcNow);
                attempt.Submit(new Grade(score, false, wrong), DateTime.UtcNow);
                db.Add(attempt);
            }
            // An attempt whose time ran out was never answered: it is left out.
            var expired = Attempt.Start(Guid.CreateVersion7(), employee, ItemCourse, 1, 1, 70, null, 1, [new("q1", [0, 1])], DateTime.UtcNow);
            expired.Expire(DateTime.UtcNow);
            db.Add(expired);
            await db.SaveChangesAsync();
        });

        var coordinator = await app.ApiAs(Coordinator);
        var report = await Json(await coordinator.GetAsync($"/api/v1/reports/items/{ItemCourse}"), HttpStatusCode.OK);
        Assert.Equal((10, 3), (report.GetProperty("attempts").GetInt32(), report.GetProperty("groupSize").GetInt32()));
        var items = report.GetProperty("items").EnumerateArray().Select(i => (
            i.GetProperty("questionId").GetString(), i.GetProperty("answered").GetInt32(), i.GetProperty("correct").GetInt32(),
            i.GetProperty("difficulty").GetDecimal(), i.GetProperty("discrimination").GetDecimal())).ToList();
        Assert.Equal([("q1", 10, 6, 0.6m, 1.0m), ("q2", 10, 8, 0.8m, -0.667m), ("q3", 5, 4, 0.8m, 0m)], items);

        var csv = await coordinator.GetStringAsync($"/api/v1/reports/items/{ItemCourse}?format=csv");
        Assert.Contains("q2,,10,8,0.8,-0.667", csv);
        var page = await (await app.PagesAs(Coordinator)).GetStringAsync($"/reports?view=items&course={ItemCourse}");
        Assert.Contains("Daya beda", page);
        Assert.Contains("-0,67", page);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/api/v1/reports/items/tidak-ada")).StatusCode);
    }

    [Fact]
    public async Task Should_open_item_analysis_on_the_course_with_the_latest_graded_attempt()
    {
        await using var app = new LearningApp();
        // Two days ago one attempt at pelindungan-data-pribadi, today one at literasi-keamanan-digital; an attempt at
        // adminduk-daring started later is still open (never graded). The first course by title (spbe-dasar) has none.
        var now = DateTime.UtcNow;
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            Attempt Graded(string course, DateTime at)
            {
                var attempt = Attempt.Start(Guid.CreateVersion7(), Guid.CreateVersion7(), course, 1, 1, 70, null, null, [new("q1", [0, 1])], at);
                attempt.Submit(new Grade(100, true, []), at.AddMinutes(10));
                return attempt;
            }
            db.Add(Graded("pelindungan-data-pribadi", now.AddDays(-2)));
            db.Add(Graded(ItemCourse, now.AddHours(-1)));
            db.Add(Attempt.Start(Guid.CreateVersion7(), Guid.CreateVersion7(), "adminduk-daring", 1, 1, 70, null, null, [new("q1", [0, 1])], now));
            await db.SaveChangesAsync();
        });

        var page = await (await app.PagesAs(Coordinator)).GetStringAsync("/reports?view=items");
        Assert.Contains($"<option value=\"{ItemCourse}\" selected=\"selected\">Literasi Keamanan Digital untuk ASN</option>", page);
        Assert.Contains("1 percobaan dinilai", page);
        Assert.Contains("id=\"items-table\"", page);
    }

    [Fact]
    public async Task Should_keep_reports_to_coordinators()
    {
        await using var app = new LearningApp();
        foreach (var who in new[] { Supervisor, Agus })
        {
            var api = await app.ApiAs(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/reports/units")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/reports/items/{Course}")).StatusCode);
            Assert.StartsWith("/forbidden", (await (await app.PagesAs(who)).GetAsync("/reports")).Headers.Location!.OriginalString);
        }
    }
}
