using System.Net;
using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Paths;
using Learning.Paths.Definitions;
using Learning.Paths.Steps;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The step list beside a path's YAML: a coordinator adds, edits, reorders and removes steps without typing YAML; the box shows
/// the text it makes, saving checks it as any text, and a save on a page opened before someone else's is refused.
/// </summary>
public sealed partial class PathStepListTests
{
    private const string Coordinator = "198203152006042001";
    private const string Page = "/authoring/paths/sertifikasi-pelayanan-publik";

    /// <summary>A coordinator's view of the editor: what the form carries now.</summary>
    private sealed class Editor(HttpClient client)
    {
        public string Html { get; private set; } = "";
        public string Yaml => WebUtility.HtmlDecode(Regex.Match(Html, "<textarea id=\"yaml\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value);
        public string Base => Regex.Match(Html, "name=\"Base\" value=\"([^\"]*)\"").Groups[1].Value;
        private string Token => Regex.Match(Html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        public async Task Open() => Html = await client.GetStringAsync(Page);

        /// <summary>Presses a button of the form (handler, and Op for the step list) with the box as it is.</summary>
        public async Task<HttpResponseMessage> Press(string handler, string? op = null, Dictionary<string, string>? fields = null)
        {
            var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = Token, ["Base"] = Base, ["Yaml"] = Yaml };
            if (op is not null) form["Op"] = op;
            var response = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(form));
            if (response.StatusCode != HttpStatusCode.Redirect) Html = await response.Content.ReadAsStringAsync();
            return response;
        }
    }

    private static async Task<PathDefinition> Draft(LearningApp app) => await app.WithScope(async sp =>
    {
        var yaml = await sp.GetRequiredService<LearningDbContext>().Set<StoredPath>().AsNoTracking()
            .Where(p => p.Key == "sertifikasi-pelayanan-publik" && p.Status == DefinitionStatuses.Draft).Select(p => p.Yaml).SingleAsync();
        var (definition, problems) = PathYaml.Read(sp.GetRequiredService<PathSteps>(), "draft.yml", yaml, null, null);
        Assert.Empty(problems);
        return definition!;
    });

    [Fact]
    public async Task Should_add_edit_reorder_and_remove_steps_in_the_list_and_save_the_YAML_it_writes()
    {
        await using var app = new LearningApp();
        var editor = new Editor(await app.PagesAs(Coordinator));
        var other = new Editor(await app.PagesAs(Coordinator));
        await editor.Open();
        await other.Open();
        Assert.Contains("aria-label=\"Naikkan langkah kabari-atasan\"", editor.Html);

        // A notice to the learner, with a message full of what YAML would misread unquoted.
        Assert.Equal(HttpStatusCode.OK, (await editor.Press("Step", "add", new() { ["NewStepId"] = "kabari-peserta", ["NewStepKind"] = "notify" })).StatusCode);
        Assert.Contains("Belum tersimpan: tekan Simpan draf.", editor.Html);
        Assert.Contains("- id: kabari-peserta\n    kind: notify\n", editor.Yaml);
        const string message = "Selamat: sertifikat Anda terbit! Lihat \"Sertifikat saya\" # di Beranda";
        Assert.Equal(HttpStatusCode.OK, (await editor.Press("Step", "edit:6")).StatusCode);
        Assert.Contains("name=\"StepFields[message]\"", editor.Html);
        Assert.Equal(HttpStatusCode.OK, (await editor.Press("Step", "apply:6",
            new() { ["StepFields[id]"] = "kabari-peserta", ["StepFields[to]"] = "learner", ["StepFields[message]"] = message, ["StepFields[title]"] = "" })).StatusCode);

        // Up above the reassessment, the supervisor's notice removed, the course step's course changed.
        Assert.Equal(HttpStatusCode.OK, (await editor.Press("Step", "up:6")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Press("Step", "remove:4")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Press("Step", "apply:1",
            new() { ["StepFields[id]"] = "ikuti-kursus", ["StepFields[course]"] = "", ["StepFields[courses]"] = "standar-dan-maklumat-pelayanan, spbe-dasar" })).StatusCode);
        // A bad id is refused in Indonesian and changes nothing.
        var yamlBefore = editor.Yaml;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await editor.Press("Step", "add", new() { ["NewStepId"] = "Langkah Baru", ["NewStepKind"] = "notify" })).StatusCode);
        Assert.Contains("Id langkah wajib diisi dengan huruf kecil", editor.Html);
        Assert.Equal(yamlBefore, editor.Yaml);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.Press("Save")).StatusCode);
        var draft = await Draft(app);
        Assert.Equal(["persetujuan-atasan", "ikuti-kursus", "lulus-asesmen", "terbitkan-sertifikat", "kabari-peserta", "asesmen-ulang"],
            draft.Steps.Select(s => s.Id));
        var notice = draft.Steps.Single(s => s.Id == "kabari-peserta");
        Assert.Equal((StepKinds.Notify, "learner", message), (notice.Kind, notice.To, notice.Message));
        Assert.Equal(["standar-dan-maklumat-pelayanan", "spbe-dasar"], draft.Steps.Single(s => s.Id == "ikuti-kursus").Courses);

        // The second coordinator opened the page before that save: a step change is still shown, but its save is refused.
        Assert.Equal(HttpStatusCode.OK, (await other.Press("Step", "remove:5")).StatusCode);
        var refused = await other.Press("Save");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Draf jalur ini sudah disimpan oleh", other.Html);
        Assert.Contains("kabari-peserta", (await Draft(app)).Steps.Select(s => s.Id));
    }
}
