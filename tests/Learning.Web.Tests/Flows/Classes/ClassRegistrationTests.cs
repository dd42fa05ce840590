using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Classes.Contracts;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.Classes.RegistrationDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>Who holds a place: capacity, the waitlist in order, cancelling, reservations and supervisors registering their people.</summary>
public sealed class ClassRegistrationTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_give_the_last_places_to_exactly_as_many_as_there_are_and_queue_the_rest_in_order(Db db)
    {
        await using var app = new LearningApp(db);
        var people = await AddPeople(app, 12);
        var classId = await AddClass(app, capacity: 3);

        var results = await Task.WhenAll(people.Select(p => Task.Run(() => Register(app, classId, p))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Problem));
        Assert.Equal(3, results.Count(r => r.Status == RegistrationStatuses.Registered));
        Assert.Equal(9, results.Count(r => r.Status == RegistrationStatuses.Waitlisted));
        var rows = await Registrations(app, classId);
        Assert.Equal(Enumerable.Range(1, 9).Select(n => (long?)n), rows.Where(r => r.Status == RegistrationStatuses.Waitlisted).Select(r => r.QueueNumber).Order());
        Assert.Equal(3, (await Read(app, classId)).PlacesTaken);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_move_up_exactly_as_many_as_cancel_at_once_in_queue_order(Db db)
    {
        await using var app = new LearningApp(db);
        var people = await AddPeople(app, 12);
        var classId = await AddClass(app, capacity: 5);
        var registered = new List<(Guid Person, Guid Registration)>();
        foreach (var person in people) registered.Add((person, (await Register(app, classId, person)).Id!.Value));
        var queue = registered.Skip(5).ToList(); // queue numbers 1..7 in this order

        var cancels = await Task.WhenAll(registered.Take(3).Select(r => Task.Run(() => Cancel(app, r.Registration, r.Person))));

        Assert.All(cancels, c => Assert.True(c.Succeeded, c.Problem));
        var rows = (await Registrations(app, classId)).ToDictionary(r => r.Id);
        Assert.All(queue.Take(3), q => Assert.Equal(RegistrationStatuses.Registered, rows[q.Registration].Status));
        Assert.All(queue.Skip(3), q => Assert.Equal(RegistrationStatuses.Waitlisted, rows[q.Registration].Status));
        Assert.Equal(5, rows.Values.Count(r => r.Status == RegistrationStatuses.Registered));
        Assert.Equal(5, (await Read(app, classId)).PlacesTaken);
    }

    [Fact]
    public async Task Should_register_once_move_the_first_waiting_up_on_cancel_and_tell_them()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 1);
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        var rizky = await app.ApiAs(Rizky);

        var first = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("registered", first.GetProperty("status").GetString());
        await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Conflict, "sudah terdaftar");
        var second = await Json(await dewi.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("waitlisted", second.GetProperty("status").GetString());
        var third = await Json(await rizky.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("waitlisted", third.GetProperty("status").GetString());

        // Someone else's registration is not found, nor one under another class's address.
        Assert.Equal(HttpStatusCode.NotFound, (await rizky.DeleteAsync($"/api/v1/classes/{classId}/registrations/{first.GetProperty("id").GetString()}")).StatusCode);
        var other = await AddClass(app, capacity: 5);
        Assert.Equal(HttpStatusCode.NotFound, (await agus.DeleteAsync($"/api/v1/classes/{other}/registrations/{first.GetProperty("id").GetString()}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await agus.DeleteAsync($"/api/v1/classes/{classId}/registrations/{first.GetProperty("id").GetString()}")).StatusCode);
        var rows = (await Registrations(app, classId)).ToDictionary(r => r.Id.ToString());
        Assert.Equal(RegistrationStatuses.Registered, rows[second.GetProperty("id").GetString()!].Status);
        Assert.Equal(RegistrationStatuses.Waitlisted, rows[third.GetProperty("id").GetString()!].Status);
        var inbox = await dewi.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("title").GetString()!.StartsWith("Anda mendapat tempat di kelas Pelatihan Standar Pelayanan Publik"));
        Assert.DoesNotContain((await rizky.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("title").GetString()!.StartsWith("Anda mendapat tempat"));
        // Cancelled once is cancelled: again is a clear conflict.
        await Problem(await agus.DeleteAsync($"/api/v1/classes/{classId}/registrations/{first.GetProperty("id").GetString()}"), HttpStatusCode.Conflict, "sudah dibatalkan");
    }

    [Fact]
    public async Task Should_refuse_cancelling_after_registration_closed_and_registering_outside_the_audience()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 5, units: ["DISDUKCAPIL"], closesIn: TimeSpan.FromMinutes(30));
        var agus = await app.ApiAs(Agus);
        var rizky = await app.ApiAs(Rizky);

        await Problem(await rizky.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Forbidden, "tidak terbuka untuk Rizky Hidayat");
        var mine = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await Problem(await agus.DeleteAsync($"/api/v1/classes/{classId}/registrations/{mine.GetProperty("id").GetString()}"), HttpStatusCode.Conflict, "sudah ditutup");
        await Problem(await (await app.ApiAs(Dewi)).PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.BadRequest, "tidak dibuka");
        Assert.Equal(RegistrationStatuses.Registered, (await Registrations(app, classId)).Single().Status);
    }

    [Fact]
    public async Task Should_hold_reserved_places_for_the_team_and_let_the_supervisor_name_only_their_own_people()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 3);
        var boss = await app.ApiAs(Supervisor);
        var rizky = await app.ApiAs(Rizky);

        var reserved = await Json(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/reservations", new { places = 2 }), HttpStatusCode.Created);
        Assert.Equal(2, reserved.GetProperty("places").GetInt32());
        await Problem(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/reservations", new { places = 2 }), HttpStatusCode.Conflict, "tersisa hanya 1");
        // Someone with no team cannot reserve.
        await Problem(await rizky.PostAsJsonAsync($"/api/v1/classes/{classId}/reservations", new { places = 1 }), HttpStatusCode.Forbidden, "atasan");
        // The one free place goes to the first who asks; then the queue.
        Assert.Equal("registered", (await Json(await rizky.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created)).GetProperty("status").GetString());
        var outsider = (await AddPeople(app, 1, supervisorNip: Coordinator))[0];
        Assert.Equal(RegistrationStatuses.Waitlisted, (await Register(app, classId, outsider)).Status);

        // Not his people: refused, and nobody of the batch is registered.
        await Problem(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { employees = new[] { Agus, Rizky } }), HttpStatusCode.Forbidden, "bukan anggota tim Anda");
        Assert.Equal(2, (await Registrations(app, classId)).Count);

        var named = await Json(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { employees = new[] { Agus, Dewi } }), HttpStatusCode.Created);
        Assert.Equal(new[] { "registered", "registered" }, named.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray());
        Assert.Equal(3, (await Read(app, classId)).PlacesTaken);
        await Problem(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/reservations/release", new { places = 1 }), HttpStatusCode.Conflict, "Hanya 0");

        // Agus cancels: his place goes back to his supervisor's reservation, unnamed; released, it goes to the queue.
        var agusRegistration = named.GetProperty("registrations")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await boss.DeleteAsync($"/api/v1/classes/{classId}/registrations/{agusRegistration}")).StatusCode);
        Assert.Equal(RegistrationStatuses.Waitlisted, (await Registrations(app, classId)).Single(r => r.EmployeeId == outsider).Status);
        var released = await Json(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/reservations/release", new { places = 1 }), HttpStatusCode.OK);
        Assert.Equal((1, 1), (released.GetProperty("places").GetInt32(), released.GetProperty("named").GetInt32()));
        Assert.Equal(RegistrationStatuses.Registered, (await Registrations(app, classId)).Single(r => r.EmployeeId == outsider).Status);
        Assert.Equal(3, (await Read(app, classId)).PlacesTaken);
    }
}
