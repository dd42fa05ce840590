using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>Files a city would bring: Kota Salatiga, a department with a head, two teachers (one PPPK) and a coordinator.</summary>
internal static class Salatiga
{
    public const string Head = "197504122000031001", Teacher = "198806062010012002", PppkTeacher = "199112122022212003", Coordinator = "198001012005011004";

    public const string Units =
        "code,name,parent_code\n" +
        "PEMKOT-SLG,Pemerintah Kota Salatiga,\n" +
        "DISDIK,Dinas Pendidikan dan Kebudayaan,PEMKOT-SLG\n" +
        "BKPSDM-SLG,Badan Kepegawaian dan Pengembangan SDM,PEMKOT-SLG\n";

    public const string Positions =
        "code,name\n" +
        "KADIS,Kepala Dinas\n" +
        "GURU,Guru Ahli Pertama\n" +
        "ANALIS-SDM,Analis SDM Aparatur\n";

    public const string Employees =
        "nip,name,email,unit_code,position_code,supervisor_nip,roles\n" +
        $"{Head},Hadi Santoso,hadi.santoso@example.salatiga.go.id,DISDIK,KADIS,,\n" +
        $"{Teacher},Ratna Sari,ratna.sari@example.salatiga.go.id,DISDIK,GURU,{Head},\n" +
        $"{PppkTeacher},Yusuf Maulana,,DISDIK,GURU,{Head},\n" +
        $"{Coordinator},Endang Wulandari,endang@example.salatiga.go.id,BKPSDM-SLG,ANALIS-SDM,,Koordinator|admin\n";

    public static OnboardingFiles Files(string? units = Units, string? positions = Positions, string? employees = Employees) =>
        new(units is null ? null : new CsvFile("units.csv", units),
            positions is null ? null : new CsvFile("positions.csv", positions),
            employees is null ? null : new CsvFile("employees.csv", employees));

    public static Task<OnboardingResult> Import(LearningApp app, OnboardingFiles files)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        return app.WithScope(sp => sp.GetRequiredService<IOrganisationOnboarding>().Import(files));
    }

    public sealed record Rows(int Units, int Positions, int Employees, int Users);

    public static Task<Rows> Count(LearningApp app) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        return new Rows(await db.Set<Unit>().CountAsync(), await db.Set<Position>().CountAsync(),
            await db.Set<Employee>().CountAsync(), await db.Set<LearningUser>().CountAsync());
    });

    public static Task<List<string>> RolesOf(LearningApp app, string userName) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        return await (from u in db.Set<LearningUser>()
                      join ur in db.Set<Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>>() on u.Id equals ur.UserId
                      join r in db.Set<LearningRole>() on ur.RoleId equals r.Id
                      where u.UserName == userName
                      orderby r.Name
                      select r.Name!).ToListAsync();
    });

    public static Task<Employee> Employee(LearningApp app, string nip) => app.WithScope(sp =>
        sp.GetRequiredService<LearningDbContext>().Set<Employee>().AsNoTracking().SingleAsync(e => e.Nip == nip));
}

/// <summary>One clean database that no test here ever changes: every import in it must be refused.</summary>
public sealed class RefusedImportsApp : IAsyncLifetime
{
    public LearningApp App { get; } = new(demo: false);
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class OrganisationOnboardingErrorTests(RefusedImportsApp fixture) : IClassFixture<RefusedImportsApp>
{
    private const string Header = "nip,name,email,unit_code,position_code,supervisor_nip,roles\n";
    private const string HeadLine = $"{Salatiga.Head},Hadi Santoso,hadi@example.go.id,DISDIK,KADIS,,\n";

    public static TheoryData<string, string?, string?, string?, string, int, string> Cases => new()
    {
        { "missing column", "code,nama,parent_code\nPEMKOT-SLG,Pemerintah Kota Salatiga,\n", null, null,
            "units.csv", 1, "Kolom wajib \"name\" tidak ada di baris judul" },
        { "empty file", "", null, null, "units.csv", 1, "Baris judul (header) tidak ditemukan" },
        { "empty required value", null, "code,name\nKADIS,Kepala Dinas\nGURU,\nANALIS-SDM,Analis SDM Aparatur\n", null,
            "positions.csv", 3, "Kolom \"name\" wajib diisi" },
        { "duplicate unit code", Salatiga.Units + "DISDIK,Dinas Pendidikan,PEMKOT-SLG\n", null, null,
            "units.csv", 5, "Kode \"DISDIK\" sudah dipakai di baris 3" },
        { "duplicate position code", null, Salatiga.Positions + "guru,Guru\n", null,
            "positions.csv", 5, "Kode \"guru\" sudah dipakai di baris 3" },
        { "duplicate NIP", null, null, Salatiga.Employees + $"{Salatiga.Teacher},Ratna S.,,DISDIK,GURU,,\n",
            "employees.csv", 6, $"NIP {Salatiga.Teacher} sudah tercantum di baris 3" },
        { "NIP too short", null, null, Header + "19750412200003100,Hadi Santoso,,DISDIK,KADIS,,\n",
            "employees.csv", 2, "NIP \"19750412200003100\" tidak sah: NIP harus 18 digit, bukan 17 digit." },
        { "NIP gender digit", null, null, Header + "197504122000033001,Hadi Santoso,,DISDIK,KADIS,,\n",
            "employees.csv", 2, "Digit jenis kelamin pada NIP harus 1 (laki-laki) atau 2 (perempuan), bukan 3." },
        { "NIP birth date", null, null, Header + "197502302000031001,Hadi Santoso,,DISDIK,KADIS,,\n",
            "employees.csv", 2, "Tanggal lahir pada NIP (19750230) bukan tanggal yang mungkin." },
        { "supervisor NIP malformed", null, null, Header + HeadLine + $"{Salatiga.Teacher},Ratna Sari,,DISDIK,GURU,1975 0412 2000 0310,\n",
            "employees.csv", 3, "NIP atasan \"1975 0412 2000 0310\" tidak sah: NIP harus 18 digit, bukan 16 digit." },
        { "invalid e-mail", null, null, Header + $"{Salatiga.Head},Hadi Santoso,hadi@,DISDIK,KADIS,,\n",
            "employees.csv", 2, "Alamat e-mail \"hadi@\" tidak sah." },
        { "parent unit unknown", "code,name,parent_code\nDISDIK,Dinas Pendidikan,PEMKOT-XYZ\n", null, null,
            "units.csv", 2, "Unit induk \"PEMKOT-XYZ\" tidak ditemukan" },
        { "unit hierarchy cycle", "code,name,parent_code\nPEMKOT-SLG,Pemerintah Kota,DISDIK\nDISDIK,Dinas Pendidikan,PEMKOT-SLG\n", null, null,
            "units.csv", 2, "Hierarki unit berputar (unit menjadi induk bagi dirinya sendiri): PEMKOT-SLG → DISDIK → PEMKOT-SLG." },
        { "unit its own parent", "code,name,parent_code\nDISDIK,Dinas Pendidikan,DISDIK\n", null, null,
            "units.csv", 2, "DISDIK → DISDIK" },
        { "unknown unit", null, null, Header + $"{Salatiga.Head},Hadi Santoso,,DINKES,KADIS,,\n",
            "employees.csv", 2, "Kode unit \"DINKES\" tidak ditemukan" },
        { "unknown position", null, null, Header + $"{Salatiga.Head},Hadi Santoso,,DISDIK,DOKTER,,\n",
            "employees.csv", 2, "Kode jabatan \"DOKTER\" tidak ditemukan" },
        { "supervisor unknown", null, null, Header + $"{Salatiga.Head},Hadi Santoso,,DISDIK,KADIS,196512121990031001,\n",
            "employees.csv", 2, "Atasan dengan NIP 196512121990031001 tidak ditemukan" },
        { "own supervisor", null, null, Header + $"{Salatiga.Head},Hadi Santoso,,DISDIK,KADIS,{Salatiga.Head},\n",
            "employees.csv", 2, "Pegawai tidak dapat menjadi atasan langsung bagi dirinya sendiri." },
        { "supervisor cycle", null, null,
            Header + $"{Salatiga.Head},Hadi Santoso,,DISDIK,KADIS,{Salatiga.Teacher},\n{Salatiga.Teacher},Ratna Sari,,DISDIK,GURU,{Salatiga.Head},\n",
            "employees.csv", 2, $"Rantai atasan berputar (pegawai menjadi atasan bagi atasannya sendiri): {Salatiga.Head} → {Salatiga.Teacher} → {Salatiga.Head}." },
        { "unknown role", null, null, Header + $"{Salatiga.Head},Hadi Santoso,,DISDIK,KADIS,,Koordinator|Supervisor\n",
            "employees.csv", 2, "Peran \"Supervisor\" tidak dikenal" },
        { "too few fields", null, null, Header + HeadLine + $"{Salatiga.Teacher},Ratna Sari,DISDIK,GURU,{Salatiga.Head}\n",
            "employees.csv", 3, "Baris ini berisi 5 kolom, padahal baris judul berisi 7 kolom." },
        { "too many fields", null, "code,name\nGURU,Guru,Ahli Pertama\n", null,
            "positions.csv", 2, "Baris ini berisi 3 kolom, padahal baris judul berisi 2 kolom." },
        { "unclosed quote", null, "code,name\nKADIS,\"Kepala Dinas\nGURU,Guru\n", null,
            "positions.csv", 2, "Tanda kutip (\") dibuka tetapi tidak ditutup." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Should_refuse_a_bad_file_with_a_line_numbered_reason_and_change_nothing(
        string problem, string? units, string? positions, string? employees, string file, int line, string message)
    {
        var before = await Salatiga.Count(fixture.App);

        var result = await Salatiga.Import(fixture.App, Salatiga.Files(units ?? Salatiga.Units, positions ?? Salatiga.Positions, employees ?? Salatiga.Employees));

        Assert.False(result.Succeeded, problem);
        var error = Assert.Single(result.Errors, e => e.File == file && e.Line == line && e.Reason.Contains(message));
        Assert.StartsWith($"{file}:{line}: ", error.ToString());
        Assert.Equal(before, await Salatiga.Count(fixture.App));
    }

    [Fact]
    public async Task Should_report_every_problem_of_every_file_in_order()
    {
        var units = Salatiga.Units + "DINKES,,PEMKOT-SLG\n";
        var positions = Salatiga.Positions + ",Kepala Dinas\n";
        var employees = Header +
            $"{Salatiga.Head},Hadi Santoso,hadi@@example.go.id,DISDIK,KADIS,,\n" +
            $"12345,Ratna Sari,,DISDIK,GURU,{Salatiga.Head},\n" +
            $"{Salatiga.PppkTeacher},Yusuf Maulana,,DISDIK,GURU,{Salatiga.Head},superuser\n";

        var result = await Salatiga.Import(fixture.App, Salatiga.Files(units, positions, employees));

        Assert.Equal(
            ["units.csv:5", "positions.csv:5", "employees.csv:2", "employees.csv:3", "employees.csv:4"],
            result.Errors.Select(e => $"{e.File}:{e.Line}"));
        Assert.Equal(new Salatiga.Rows(0, 0, 0, 0), await Salatiga.Count(fixture.App));
    }

    [Fact]
    public async Task Should_give_reasons_in_english_to_an_english_reader()
    {
        var result = await fixture.App.WithScope(sp =>
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            return sp.GetRequiredService<IOrganisationOnboarding>().Import(
                Salatiga.Files(employees: Header + "19750412200003100,Hadi Santoso,,DISDIK,KADIS,,\n"));
        });
        var error = Assert.Single(result.Errors);
        Assert.Equal("employees.csv:2: The NIP \"19750412200003100\" is not valid: A NIP has 18 digits, not 17.", error.ToString());
    }
}

public sealed partial class OrganisationOnboardingTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_import_a_city_with_logins_and_change_nothing_when_run_again(Db db)
    {
        await using var app = new LearningApp(db, demo: false);

        var first = await Salatiga.Import(app, Salatiga.Files());

        Assert.Empty(first.Errors);
        Assert.Equal(new OnboardingCounts(3, 0, 0), first.Units);
        Assert.Equal(new OnboardingCounts(3, 0, 0), first.Positions);
        Assert.Equal(new OnboardingCounts(4, 0, 0), first.Employees);

        var directory = await app.WithScope(async sp =>
        {
            var org = sp.GetRequiredService<IOrganisationDirectory>();
            return (Units: await org.Units(), Head: await org.FindEmployeeByNip(Salatiga.Head),
                Pppk: await org.FindEmployeeByNip(Salatiga.PppkTeacher), Team: await org.Subordinates((await org.FindEmployeeByNip(Salatiga.Head))!.Id, false));
        });
        var city = Assert.Single(directory.Units, u => u.Code == "PEMKOT-SLG");
        Assert.Null(city.ParentId);
        Assert.Equal(city.Id, Assert.Single(directory.Units, u => u.Code == "DISDIK").ParentId);
        Assert.Equal("Kepala Dinas", directory.Head!.PositionName);
        Assert.Equal(AsnKind.Pppk, directory.Pppk!.Kind);
        Assert.Null(directory.Pppk.Email);
        Assert.Equal(["Ratna Sari", "Yusuf Maulana"], directory.Team.Select(e => e.Name));

        // Everyone has a login named by their NIP, without a password until an administrator sets one.
        var logins = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<LearningUser>().AsNoTracking()
            .Where(u => u.EmployeeId != null).ToListAsync());
        Assert.Equal([Salatiga.Head, Salatiga.Coordinator, Salatiga.Teacher, Salatiga.PppkTeacher], logins.Select(u => u.UserName).Order());
        Assert.All(logins, u => Assert.Null(u.PasswordHash));
        Assert.Equal("Ratna Sari", logins.Single(u => u.UserName == Salatiga.Teacher).DisplayName);
        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = Salatiga.Teacher, password = "Belajar#2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);

        Assert.Equal([Roles.Learner, Roles.Supervisor], await Salatiga.RolesOf(app, Salatiga.Head));
        Assert.Equal([Roles.Learner], await Salatiga.RolesOf(app, Salatiga.Teacher));
        Assert.Equal([Roles.Administrator, Roles.Coordinator, Roles.Learner], await Salatiga.RolesOf(app, Salatiga.Coordinator));

        var rows = await Salatiga.Count(app);
        var again = await Salatiga.Import(app, Salatiga.Files());

        Assert.Empty(again.Errors);
        Assert.Equal(new OnboardingCounts(0, 0, 3), again.Units);
        Assert.Equal(new OnboardingCounts(0, 0, 3), again.Positions);
        Assert.Equal(new OnboardingCounts(0, 0, 4), again.Employees);
        Assert.Equal(rows, await Salatiga.Count(app));
    }

    [Fact]
    public async Task Should_update_names_and_supervisors_when_the_files_change()
    {
        await using var app = new LearningApp(demo: false);
        await Salatiga.Import(app, Salatiga.Files());

        var employees = Salatiga.Employees
            .Replace("Ratna Sari,", "Ratna Sari Dewi,")
            .Replace($"{Salatiga.PppkTeacher},Yusuf Maulana,,DISDIK,GURU,{Salatiga.Head},", $"{Salatiga.PppkTeacher},Yusuf Maulana,,DISDIK,GURU,{Salatiga.Teacher},")
            .Replace("Koordinator|admin", "Koordinator");
        var units = Salatiga.Units.Replace("Dinas Pendidikan dan Kebudayaan", "Dinas Pendidikan");
        var result = await Salatiga.Import(app, Salatiga.Files(units, Salatiga.Positions, employees));

        Assert.Empty(result.Errors);
        Assert.Equal(new OnboardingCounts(0, 1, 2), result.Units);
        Assert.Equal(new OnboardingCounts(0, 0, 3), result.Positions);
        Assert.Equal(new OnboardingCounts(0, 3, 1), result.Employees);

        var ratna = await Salatiga.Employee(app, Salatiga.Teacher);
        var yusuf = await Salatiga.Employee(app, Salatiga.PppkTeacher);
        Assert.Equal("Ratna Sari Dewi", ratna.Name);
        Assert.Equal(ratna.Id, yusuf.SupervisorId);
        var login = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<LearningUser>().AsNoTracking().SingleAsync(u => u.UserName == Salatiga.Teacher));
        Assert.Equal("Ratna Sari Dewi", login.DisplayName);
        Assert.Contains(Roles.Supervisor, await Salatiga.RolesOf(app, Salatiga.Teacher));
        Assert.Equal([Roles.Coordinator, Roles.Learner], await Salatiga.RolesOf(app, Salatiga.Coordinator));
        Assert.Equal("Dinas Pendidikan", (await app.WithScope(sp => sp.GetRequiredService<IOrganisationDirectory>().FindUnit("DISDIK")))!.Name);
    }

    [Fact]
    public async Task Should_read_excel_files_with_semicolons_and_a_byte_order_mark()
    {
        await using var app = new LearningApp(demo: false);
        static string Excel(string csv) => "\uFEFF" + csv.Replace(',', ';').Replace("\n", "\r\n");

        var result = await Salatiga.Import(app, Salatiga.Files(Excel(Salatiga.Units), Excel(Salatiga.Positions), Excel(Salatiga.Employees)));

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Employees.Added);
        Assert.Equal("Endang Wulandari", (await Salatiga.Employee(app, Salatiga.Coordinator)).Name);
    }

    [Fact]
    public async Task Should_add_employees_under_stored_units_and_supervisors_of_the_demo()
    {
        await using var app = new LearningApp(demo: true);
        const string newcomer = "199603032021021005", bambang = "197811202003121002";
        var employees = "nip,name,email,unit_code,position_code,supervisor_nip\n" +
                        $"{newcomer},Fajar Nugroho,,DISDUKCAPIL,PENGADM-DUK,{bambang}\n";

        var result = await Salatiga.Import(app, Salatiga.Files(null, null, employees));

        Assert.Empty(result.Errors);
        Assert.Equal(new OnboardingCounts(1, 0, 0), result.Employees);
        var team = await app.WithScope(async sp =>
        {
            var org = sp.GetRequiredService<IOrganisationDirectory>();
            return await org.Subordinates((await org.FindEmployeeByNip(bambang))!.Id, indirect: false);
        });
        Assert.Equal(["Agus Prasetyo", "Dewi Lestari", "Fajar Nugroho"], team.Select(e => e.Name));
    }

    [Fact]
    public async Task Should_refuse_a_supervisor_cycle_through_stored_employees_of_the_demo()
    {
        await using var app = new LearningApp(demo: true);
        const string bambang = "197811202003121002", agus = "199005172015031001";
        var before = await Salatiga.Count(app);
        // Agus already reports to Bambang; Bambang now reporting to Agus closes a circle.
        var employees = "nip,name,email,unit_code,position_code,supervisor_nip\n" +
                        $"{bambang},Bambang Setiawan,,DISDUKCAPIL,KABID-PIAK,{agus}\n";

        var result = await Salatiga.Import(app, Salatiga.Files(null, null, employees));

        var error = Assert.Single(result.Errors);
        Assert.Equal($"employees.csv:2: Rantai atasan berputar (pegawai menjadi atasan bagi atasannya sendiri): {bambang} → {agus} → {bambang}.", error.ToString());
        Assert.Equal(before, await Salatiga.Count(app));
        Assert.Null((await Salatiga.Employee(app, bambang)).SupervisorId);
    }
}

/// <summary>The same onboarding through the admin page, the API and the command line.</summary>
public sealed partial class OrganisationOnboardingTests
{
    private const string Admin = "admin", CoordinatorNip = "198203152006042001", LearnerNip = "199005172015031001";

    private static async Task<HttpResponseMessage> Upload(HttpClient client, params (string Field, string FileName, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync("/admin/organisation");
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "the page has no antiforgery token");
        var form = new MultipartFormDataContent { { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (field, fileName, content) in files)
            form.Add(new ByteArrayContent(content) { Headers = { ContentType = new("text/csv") } }, field, fileName);
        return await client.PostAsync("/admin/organisation", form);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A page client whose cookie outlives the harness clock (it starts in March 2026, the cookie jar reads the machine's date).</summary>
    private static Task<HttpClient> PagesAs(LearningApp app, string userName)
    {
        app.Clock.Set(DateTimeOffset.UtcNow);
        return app.PagesAs(userName);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task Should_import_through_the_admin_page_and_show_the_counts()
    {
        await using var app = new LearningApp(demo: true);
        var admin = await PagesAs(app, Admin);

        var response = await Upload(admin, ("units", "unit.csv", Utf8(Salatiga.Units)), ("positions", "jabatan.csv", Utf8(Salatiga.Positions)),
            ("employees", "pegawai.csv", Utf8(Salatiga.Employees)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Impor berhasil.", html);
        Assert.Matches(@"<th scope=""row"">Pegawai</th><td>4</td><td>0</td><td>0</td>", html);
        Assert.Contains("<strong id=\"employee-count\">9</strong>", html);
        Assert.Contains("Dinas Pendidikan dan Kebudayaan", html);
        Assert.Equal("Hadi Santoso", (await Salatiga.Employee(app, Salatiga.Head)).Name);

        var search = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/organisation?q=ratna"));
        Assert.Contains($"<td>{Salatiga.Teacher}</td>", search);
        Assert.Contains("Hadi Santoso", search);
        var byNip = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/organisation?q={Salatiga.PppkTeacher[..10]}"));
        Assert.Contains("<td>Yusuf Maulana</td>", byNip);
        Assert.DoesNotContain("<td>Ratna Sari</td>", byNip);
    }

    [Fact]
    public async Task Should_list_the_problems_on_the_admin_page_and_import_nothing()
    {
        await using var app = new LearningApp(demo: true);
        var admin = await PagesAs(app, Admin);
        var before = await Salatiga.Count(app);

        var response = await Upload(admin, ("units", "unit.csv", Utf8(Salatiga.Units + "DISDIK,Dinas,PEMKOT-SLG\n")),
            ("employees", "pegawai.csv", Utf8(Salatiga.Employees)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Tidak ada data yang diimpor.", html);
        Assert.Contains("unit.csv:5: Kode \"DISDIK\" sudah dipakai di baris 3 berkas ini.", html);
        Assert.Contains("pegawai.csv:2: Kode jabatan \"KADIS\" tidak ditemukan", html);
        Assert.DoesNotContain("Impor berhasil.", html);
        Assert.Equal(before, await Salatiga.Count(app));
    }

    [Fact]
    public async Task Should_refuse_a_file_over_5_mb_on_the_admin_page()
    {
        await using var app = new LearningApp(demo: true);
        var admin = await PagesAs(app, Admin);
        var before = await Salatiga.Count(app);
        var huge = Utf8("code,name\n" + string.Concat(Enumerable.Repeat("GURU-X,Guru\n", 5 * 1024 * 1024 / 12 + 10)));

        var response = await Upload(admin, ("positions", "besar.csv", huge), ("units", "unit.csv", Utf8(Salatiga.Units)));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Berkas besar.csv lebih besar dari 5 MB.", html);
        Assert.Equal(before, await Salatiga.Count(app));
    }

    [Fact]
    public async Task Should_keep_the_admin_page_from_everyone_but_administrators()
    {
        await using var app = new LearningApp(demo: true);

        var learner = await (await PagesAs(app, LearnerNip)).GetAsync("/admin/organisation");
        Assert.Equal(HttpStatusCode.Redirect, learner.StatusCode);
        Assert.StartsWith("/forbidden", learner.Headers.Location!.OriginalString);

        var coordinator = await (await PagesAs(app, CoordinatorNip)).GetAsync("/admin/organisation");
        Assert.Equal(HttpStatusCode.Redirect, coordinator.StatusCode);
        Assert.StartsWith("/forbidden", coordinator.Headers.Location!.OriginalString);

        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/admin/organisation");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_import_through_the_api_and_answer_problems_as_problem_json()
    {
        await using var app = new LearningApp(demo: true);
        var admin = await app.ApiAs(Admin);
        var before = await Salatiga.Count(app);

        var bad = await admin.PostAsync("/api/v1/organisation/import", new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8(Salatiga.Units)), "units", "units.csv" },
            { new ByteArrayContent(Utf8(Salatiga.Employees.Replace(",Koordinator|admin", ",kepala"))), "employees", "employees.csv" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("employees.csv:2: Kode jabatan \"KADIS\" tidak ditemukan, baik di berkas jabatan maupun di basis data.", errors);
        Assert.Contains(errors, e => e!.StartsWith("employees.csv:5: Peran \"kepala\" tidak dikenal."));
        // The same problems as {file, line, reason}, in the one shape of every import refusal.
        var lines = problem.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("file").GetString()}:{p.GetProperty("line").GetInt32()}: {p.GetProperty("reason").GetString()}").ToList();
        Assert.Equal<string?>(errors, lines);
        Assert.Equal(before, await Salatiga.Count(app));

        var good = await admin.PostAsync("/api/v1/organisation/import", new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8(Salatiga.Units)), "units", "units.csv" },
            { new ByteArrayContent(Utf8(Salatiga.Positions)), "positions", "positions.csv" },
            { new ByteArrayContent(Utf8(Salatiga.Employees)), "employees", "employees.csv" },
        });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var counts = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, counts.GetProperty("units").GetProperty("added").GetInt32());
        Assert.Equal(4, counts.GetProperty("employees").GetProperty("added").GetInt32());
        Assert.Equal(0, counts.GetProperty("employees").GetProperty("unchanged").GetInt32());

        var learner = await (await app.ApiAs(LearnerNip)).PostAsync("/api/v1/organisation/import", new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8(Salatiga.Units)), "units", "units.csv" },
        });
        Assert.Equal(HttpStatusCode.Forbidden, learner.StatusCode);
    }

    [Fact]
    public async Task Should_look_up_an_employee_by_nip_through_the_api()
    {
        await using var app = new LearningApp(demo: true);
        var coordinator = await app.ApiAs(CoordinatorNip);

        var found = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/organisation/employees/{LearnerNip}");
        Assert.Equal("Agus Prasetyo", found.GetProperty("name").GetString());
        Assert.Equal("pns", found.GetProperty("kind").GetString());
        Assert.Equal("DISDUKCAPIL", found.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal("PENGADM-DUK", found.GetProperty("position").GetProperty("code").GetString());
        Assert.Equal("197811202003121002", found.GetProperty("supervisor").GetProperty("nip").GetString());
        Assert.Equal("Bambang Setiawan", found.GetProperty("supervisor").GetProperty("name").GetString());

        var malformed = await coordinator.GetAsync("/api/v1/organisation/employees/19900517201503100");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var problem = await malformed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NIP harus 18 digit, bukan 17 digit.", problem.GetProperty("detail").GetString());

        var unknown = await coordinator.GetAsync("/api/v1/organisation/employees/196512121990031001");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var learner = await (await app.ApiAs(LearnerNip)).GetAsync($"/api/v1/organisation/employees/{CoordinatorNip}");
        Assert.Equal(HttpStatusCode.Forbidden, learner.StatusCode);
    }

    [Fact]
    public async Task Should_exit_2_from_the_command_line_on_a_bad_file_and_0_on_good_ones()
    {
        await using var app = new LearningApp(demo: false);
        var units = Path.Combine(app.DataRoot, "units.csv");
        var employees = Path.Combine(app.DataRoot, "employees.csv");
        await File.WriteAllTextAsync(units, Salatiga.Units);
        await File.WriteAllTextAsync(employees, Salatiga.Employees.Replace("hadi.santoso@example.salatiga.go.id", "hadi santoso"));
        var positions = Path.Combine(app.DataRoot, "positions.csv");
        await File.WriteAllTextAsync(positions, Salatiga.Positions);

        var (refused, _, errors) = await Cli(app, "--units", units, "--positions", positions, "--employees", employees);
        Assert.Equal(2, refused);
        Assert.Contains($"{employees}:2: Alamat e-mail \"hadi santoso\" tidak sah.", errors);
        Assert.Equal(new Salatiga.Rows(0, 0, 0, 0), await Salatiga.Count(app));

        await File.WriteAllTextAsync(employees, Salatiga.Employees);
        var (done, output, _) = await Cli(app, $"--units={units}", "--positions", positions, "--employees", employees);
        Assert.Equal(0, done);
        Assert.Contains("Pegawai: 4 baru, 0 diperbarui, 0 tidak berubah.", output);
        Assert.Equal(4, (await Salatiga.Count(app)).Employees);

        var (missing, _, notFound) = await Cli(app, "--units", Path.Combine(app.DataRoot, "tidak-ada.csv"));
        Assert.Equal(2, missing);
        Assert.Contains("tidak-ada.csv tidak ditemukan.", notFound);
    }

    private static async Task<(int Exit, string Output, string Errors)> Cli(LearningApp app, params string[] args)
    {
        _ = app.Services; // the host is built and the database migrated
        var (output, errors) = (new StringWriter(), new StringWriter());
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var exit = await Verbs.Run(app.Services, "import-organisation", args);
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
