using System.Net;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

public sealed class HealthTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_answer_healthy_when_database_and_blob_store_answer(Db db)
    {
        await using var app = new LearningApp(db, demo: false);
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":\"Healthy\"", body);
        Assert.Contains("\"blobs\":\"Healthy\"", body);
    }
}
