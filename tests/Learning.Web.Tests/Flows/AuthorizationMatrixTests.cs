using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Xunit.Abstractions;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Every API route and every page handler the running app maps, called as each kind of person, against a rule that says
/// who may reach it. The list comes from the app's own EndpointDataSource: a new endpoint without a line in
/// <see cref="Rules"/> fails this test with its name. Route parameters are real ids of one demo learner (Agus), so "may
/// reach" and "may not" are about his records: another unit's learner must get 404 for them, and no refusal — nor anything
/// that learner or an anonymous client is shown — may carry Agus's name or NIP. With MATRIX_PRINT=1 the test also writes what
/// each endpoint answered as rule lines, to start a rule from (then decide whether that answer is right).
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    private const string Agus = "199005172015031001"; // the learner whose records the ids point at
    private const string AgusName = "Agus Prasetyo";
    private const string Rizky = "199501012020121004"; // a learner of another unit (Diskominfo)
    private const string Supervisor = "197811202003121002"; // Agus's supervisor
    private const string Coordinator = "198203152006042001";
    private const string Course = "spbe-dasar";
    private const string Path = "sertifikasi-pelayanan-publik";
    private const string ApprovalPath = "persetujuan-pelindungan-data";

    /// <summary>Columns of a rule, in this order.</summary>
    private enum Who { Anonymous, Learner, OtherUnitLearner, Supervisor, Coordinator, Admin }

    /// <summary>
    /// One line per endpoint (method and route pattern as the app maps it; a page handler adds <c>?handler=Name</c>).
    /// <c>Expect</c> has one letter per <see cref="Who"/>: <c>y</c> reaches it (any answer but 401/403/404 and the login or
    /// forbidden redirects: 2xx, 3xx elsewhere, or a 400/409 about the input); <c>a</c> must sign in first (401, or a redirect to
    /// /login); <c>f</c> forbidden (403, or a redirect to /forbidden); <c>h</c> the record is hidden (404, as if it did not exist).
    /// <c>Url</c> fills the route's parameters where a name alone cannot say which record (default: <see cref="Fixture.Fill"/>);
    /// <c>Body</c> is sent as JSON (API; HttpContent as it is) or as form fields with the antiforgery token (pages).
    /// </summary>
    private sealed record Rule(string Expect, Func<Fixture, string>? Url = null, Func<Fixture, object>? Body = null);

    private static readonly Dictionary<string, Rule> Rules = new()
    {
        //                                                          anon learner other supervisor coordinator admin
        // --- the host
        ["GET /health"] = new("y y y y y y"),
        ["GET /{**path:file}"] = new("y y y y y y", _ => "/_content/Learning.Theme.Default/site.css"), // the theme's files
        ["GET /openapi/{documentName}.json"] = new("y y y y y y", _ => "/openapi/v1.json"),

        // --- sign-in and one's own account
        ["POST /api/v1/auth/token"] = new("y y y y y y", Body: _ => new { }),
        ["GET /login"] = new("y y y y y y"),
        ["POST /login"] = new("y y y y y y"),
        ["GET /login/sso"] = new("h h h h h h"), // starts single sign-on; not there unless Authentication:Oidc is set
        ["GET /logout"] = new("y y y y y y"),
        ["POST /logout"] = new("a a a a a a"), // signing out ends on the login form
        ["GET /language"] = new("y y y y y y"),
        ["POST /language"] = new("y y y y y y", Body: _ => new { language = "en", returnUrl = "/" }),
        ["GET /forbidden"] = new("f f f f f f"), // the page saying so, answered 403
        ["GET /error/{code:int}"] = new("y y y y y y", _ => "/error/400"), // answers with the status it names
        ["GET /account/password"] = new("a y y y y y"),
        ["POST /account/password"] = new("a y y y y y"),
        // Open to anyone: answered the same for every address; a link's page checks the link, not who asks.
        ["GET /forgot-password"] = new("y y y y y y"),
        ["POST /forgot-password"] = new("y y y y y y", Body: _ => new { email = "nobody@example.go.id" }),
        ["GET /reset-password"] = new("y y y y y y"),
        ["POST /reset-password"] = new("y y y y y y"),
        ["POST /api/v1/auth/activate"] = new("y y y y y y", Body: _ => new { }), // anyone with a code; nothing sent: 400
        ["GET /activate"] = new("y y y y y y"),
        ["POST /activate"] = new("y y y y y y"),

        // --- class attendance: the class Agus is registered in, his supervisor its trainer (Arrange)
        ["GET /api/v1/classes/{id:guid}/sessions/{n:int}/check-in"] = new("a f f y y y", f => $"/api/v1/classes/{f["classNow"]}/sessions/1/check-in"),
        // No code sent: 400 for everyone with a login who is a person; the administrator is nobody's employee, so there is no attendance of theirs.
        ["POST /api/v1/classes/{id:guid}/attendance"] = new("a y y y y h", f => $"/api/v1/classes/{f["classNow"]}/attendance", _ => new { }),
        ["GET /classes/{id:guid}/check-in"] = new("a y y y y y", f => $"/classes/{f["classNow"]}/check-in"),
        ["POST /classes/{id:guid}/check-in"] = new("a y y y y h", f => $"/classes/{f["classNow"]}/check-in"),
        ["GET /classes/{id:guid}/sessions/{n:int}/check-in"] = new("a f f y y y", f => $"/classes/{f["classNow"]}/sessions/1/check-in"),
        ["GET /classes/{id:guid}/sessions/{n:int}/roll"] = new("a f f y y y", f => $"/classes/{f["classNow"]}/sessions/1/roll"),
        ["POST /classes/{id:guid}/sessions/{n:int}/roll"] = new("a f f y y y", f => $"/classes/{f["classNow"]}/sessions/1/roll"),

        // --- catalogue and courses
        ["GET /api/v1/courses"] = new("a y y y y y"),
        ["GET /api/v1/courses/{slug}"] = new("a y y y y y"),
        ["GET /api/v1/competencies"] = new("a y y y y y"),
        ["GET /api/v1/position-standards"] = new("a y y y y y"),
        ["GET /api/v1/paths"] = new("a y y y y y"),
        ["GET /"] = new("a y y y y y"),
        ["GET /courses"] = new("a y y y y y"),
        ["GET /courses/{slug}"] = new("a y y y y y"),
        ["POST /courses/{slug}"] = new("a y y y y f"),
        ["GET /media/{**name}"] = new("a y y y y y"), // a course's media is for people signed in

        // --- Agus's enrolments, lessons, attempts and paths: his, his supervisor's to see, hidden from others
        ["POST /api/v1/enrolments"] = new("a y y y y f", Body: _ => new { course = Course }),
        ["GET /api/v1/me/enrolments"] = new("a y y y y y"),
        ["GET /api/v1/enrolments/{id:guid}"] = new("a y h h h h", f => $"/api/v1/enrolments/{f["enrolment"]}"),
        ["GET /api/v1/enrolments/{id:guid}/lessons/{key}"] = new("a y h h h h", f => $"/api/v1/enrolments/{f["enrolment"]}/lessons/{f["lesson"]}"),
        ["POST /api/v1/enrolments/{id:guid}/lessons/{key}/complete"] = new("a y h h h h",
            f => $"/api/v1/enrolments/{f["enrolment"]}/lessons/{f["lesson"]}/complete", _ => new { seconds = 1 }),
        ["POST /api/v1/enrolments/{id:guid}/attempts"] = new("a y h h h h", f => $"/api/v1/enrolments/{f["enrolment"]}/attempts"),
        // Learning offline: the package is his alone; a sync names enrolments in its body, so others are answered "refused" item by item.
        ["GET /api/v1/enrolments/{id:guid}/offline"] = new("a y h h h h", f => $"/api/v1/enrolments/{f["enrolment"]}/offline"),
        ["POST /api/v1/sync/lesson-completions"] = new("a y y y y f", Body: f => new
        {
            items = new[] { new { id = Guid.NewGuid(), enrolmentId = f["enrolment"], lessonKey = f["lesson"], completedAt = "2026-01-05T08:00:00+07:00" } },
        }),
        ["GET /api/v1/attempts/{id:guid}"] = new("a y h h h h", f => $"/api/v1/attempts/{f["openAttempt"]}"),
        ["POST /api/v1/attempts/{id:guid}/submit"] = new("a y h h h h", f => $"/api/v1/attempts/{f["openAttempt"]}/submit", _ => new { answers = new { } }),
        ["GET /api/v1/path-instances/{id:guid}"] = new("a y h y y y", f => $"/api/v1/path-instances/{f["pathInstance"]}"),
        ["GET /api/v1/path-instances"] = new("a f f f f y"),
        ["POST /api/v1/path-instances/{id:guid}/retry"] = new("a f f f f y", f => $"/api/v1/path-instances/{f["pathInstance"]}/retry"),
        ["GET /learn/{enrolmentId:guid}/{key?}"] = new("a y h h h h"),
        ["GET /learn/offline"] = new("a y y y y y"), // the frame of the list; what is saved lives in the browser
        ["GET /offline"] = new("y y y y y y"), // the service worker's page for a page not saved
        ["GET /sw.js"] = new("y y y y y y"),
        ["GET /manifest.webmanifest"] = new("y y y y y y"),
        ["GET /icon.svg"] = new("y y y y y y"),
        ["GET /icon-192.png"] = new("y y y y y y"),
        ["GET /icon-512.png"] = new("y y y y y y"),
        ["POST /learn/{enrolmentId:guid}/{key?}"] = new("a y h h h h", f => $"/learn/{f["openEnrolment"]}/{f["openLesson"]}"),
        ["GET /assessment/{enrolmentId:guid}"] = new("a y h h h h"),
        ["POST /assessment/{enrolmentId:guid}"] = new("a y h h h h"),
        ["GET /attempts/{attemptId:guid}"] = new("a y h h h h"),
        ["POST /attempts/{attemptId:guid}"] = new("a y h h h h"),
        ["GET /attempts/{attemptId:guid}/result"] = new("a y h h h h"),
        ["GET /paths/instances/{id:guid}"] = new("a y h y y y", f => $"/paths/instances/{f["pathInstance"]}"),

        // --- approvals: the approver decides, nobody their own
        ["GET /api/v1/approvals"] = new("a y y y y y"),
        ["POST /api/v1/approvals/{id:guid}"] = new("a h h y h h", f => $"/api/v1/approvals/{f["approval"]}", _ => new { decision = "approve" }),
        ["GET /approvals"] = new("a y y y y y"),
        ["POST /approvals"] = new("a h h y h h", Body: f => new { id = f["approval"], decision = "approve" }),

        // --- certificates
        ["GET /api/v1/me/certificates"] = new("a y y y y y"),
        ["GET /api/v1/certificates/verify/{code}"] = new("y y y y y y"),
        ["GET /certificates/verify/{code}"] = new("y y y y y y"),
        ["GET /certificates/{key}/pdf"] = new("a y h h y y", f => $"/certificates/{f["certificateCode"]}/pdf"),
        ["POST /api/v1/certificates/{key}/revoke"] = new("a f f f y y", f => $"/api/v1/certificates/{f["certificateCode"]}/revoke", _ => new { reason = "" }),
        ["GET /certificates/revoke"] = new("a f f f y y"),
        ["POST /certificates/revoke"] = new("a f f f y y"),

        // --- career record
        ["GET /api/v1/me/career-record"] = new("a y y y y h"),
        ["POST /api/v1/me/career-record/trainings"] = new("a y y y y h", Body: _ => new { }),
        ["GET /career-record"] = new("a y y y y y"),
        ["POST /career-record"] = new("a y y y y h"),
        ["GET /career-record/csv"] = new("a y y y y h"),
        ["GET /career-records/trainings/{id:guid}/document"] = new("a y h h y y", f => $"/career-records/trainings/{f["training"]}/document"),
        ["GET /api/v1/career-records/trainings"] = new("a f f f y y"),
        ["POST /api/v1/career-records/trainings/{id:guid}/verify"] = new("a f f f y y", f => $"/api/v1/career-records/trainings/{f["training"]}/verify"),
        ["POST /api/v1/career-records/trainings/{id:guid}/reject"] = new("a f f f y y", f => $"/api/v1/career-records/trainings/{f["training"]}/reject", _ => new { reason = "" }),
        ["GET /api/v1/career-records/export"] = new("a f f f y y"),
        ["GET /api/v1/career-records/compliance"] = new("a f f f y y"),
        ["GET /career-records/verification"] = new("a f f f y y"),
        ["POST /career-records/verification"] = new("a f f f y y", Body: f => new { id = f["training"], decision = "reject", reason = "" }),
        ["GET /career-records/compliance"] = new("a f f f y y"),

        // --- competencies
        ["GET /api/v1/me/competency-gaps"] = new("a y y y y h"),
        ["GET /api/v1/me/competency-assessments"] = new("a y y y y h"),
        ["POST /api/v1/me/competency-assessments"] = new("a y y y y h", Body: _ => new { ratings = Array.Empty<object>() }),
        ["PUT /api/v1/me/competency-assessments/draft"] = new("a y y y y h", Body: _ => new { ratings = Array.Empty<object>() }),
        ["GET /api/v1/team/competency-assessments"] = new("a y y y y h"),
        ["GET /api/v1/competency-assessments/{id:guid}"] = new("a y h y h h", f => $"/api/v1/competency-assessments/{f["competencyAssessment"]}"),
        ["POST /api/v1/competency-assessments/{id:guid}/confirm"] = new("a f h y h h", // the learner: their own assessment, refused as such (403)
            f => $"/api/v1/competency-assessments/{f["competencyAssessment"]}/confirm", _ => new { ratings = Array.Empty<object>() }),
        ["GET /career-record/assessment"] = new("a y y y y y"),
        ["POST /career-record/assessment"] = new("a y y y y h"),
        ["POST /career-record/assessment?handler=Draft"] = new("a y y y y h"),
        ["GET /career-record/assessment/team"] = new("a y y y y y"),
        ["POST /career-record/assessment/team"] = new("a f h y h h", Body: f => new { id = f["competencyAssessment"] }),
        ["GET /competencies/assessment"] = new("a y y y y y"), // the old addresses, kept for notifications already sent: a redirect
        ["GET /competencies/assessment/team"] = new("a y y y y y"),
        ["GET /competencies/standards"] = new("a f f f y y"),
        ["POST /competencies/standards"] = new("a f f f y y"),
        ["POST /api/v1/position-standards"] = new("a f f f y y", Body: _ => NoFile()),

        // --- assignments and the team
        // --- classes: registering (oneself, or a supervisor their people), cancelling Agus's registration, supervisors' reserved places
        ["POST /api/v1/classes/{id:guid}/registrations"] = new("a y y y y f", f => $"/api/v1/classes/{f["registrationClass"]}/registrations", _ => new { }),
        ["DELETE /api/v1/classes/{id:guid}/registrations/{registrationId:guid}"] = new("a y h y y h",
            f => $"/api/v1/classes/{f["registrationClass"]}/registrations/{f["classRegistration"]}"),
        ["POST /api/v1/classes/{id:guid}/reservations"] = new("a f f y f f", f => $"/api/v1/classes/{f["registrationClass"]}/reservations", _ => new { places = 1 }),
        ["POST /api/v1/classes/{id:guid}/reservations/release"] = new("a h h y h h", f => $"/api/v1/classes/{f["registrationClass"]}/reservations/release", _ => new { places = 1 }),
        ["POST /api/v1/assignments"] = new("a f f y y y", Body: _ => new { course = "literasi-keamanan-digital", employees = new[] { Agus }, dueDate = "2030-01-31" }),
        ["GET /api/v1/me/assignments"] = new("a y y y y y"),
        ["POST /api/v1/me/assignments/{id:guid}/extension"] = new("a y h h h h",
            f => $"/api/v1/me/assignments/{f["assignment"]}/extension", _ => new { reason = "Dinas luar", dueDate = "2030-02-28" }),
        ["GET /api/v1/assignments/extensions"] = new("a f f y y y"),
        ["POST /api/v1/assignments/extensions/{id:guid}"] = new("a h h y y y", f => $"/api/v1/assignments/extensions/{f["extension"]}", _ => new { decision = "grant" }),
        ["GET /api/v1/team/compliance"] = new("a f f y y y"),
        ["GET /assignments/mine"] = new("a y y y y y"),
        ["POST /assignments/mine"] = new("a y h h h h", Body: f => new { id = f["assignment"], reason = "Dinas luar", dueDate = "2030-02-28" }),
        ["GET /assignments/new"] = new("a f f y y y"),
        ["POST /assignments/new"] = new("a f f y y y"),
        ["GET /team"] = new("a f f y y y"),
        ["POST /team?handler=Assign"] = new("a f f y y y", Body: _ => new { nip = Agus, course = "literasi-keamanan-digital" }),
        ["POST /team?handler=Decide"] = new("a f f y y y", Body: f => new { id = f["extension"], decision = "grant" }),

        // --- notifications
        ["GET /api/v1/notifications"] = new("a y y y y y"),
        ["POST /api/v1/notifications/{id:guid}/read"] = new("a y h h h h", f => $"/api/v1/notifications/{f["notification"]}/read"),
        ["POST /api/v1/notifications/read-all"] = new("a y y y y y"),
        ["GET /notifications"] = new("a y y y y y"),
        ["POST /notifications?handler=ReadAll"] = new("a y y y y y"),
        // Each person's own e-mail choices (no id: always the caller's).
        ["GET /notifications/settings"] = new("a y y y y y"),
        ["POST /notifications/settings"] = new("a y y y y y"),

        // --- the class calendar (a person without an employee record, the administrator, has no classes)
        ["GET /classes/calendar"] = new("a y y y y h"),
        ["POST /classes/calendar"] = new("a y y y y h"),
        // The feed's secret address is the key, on any client; it carries no name (Dewi's: no column renews it).
        ["GET /calendar/{token}.ics"] = new("y y y y y y", f => $"/calendar/{f["calendarToken"]}.ics"),
        ["GET /classes/{id:guid}/calendar.ics"] = new("a y h h h h", f => $"/classes/{f["demoClass"]}/calendar.ics"),
        ["GET /api/v1/me/notification-preferences"] = new("a y y y y y"),
        ["PUT /api/v1/me/notification-preferences"] = new("a y y y y y", Body: _ => new { reminders = "digest" }),
        ["GET /api/v1/push/key"] = new("a y y y y y"),
        ["POST /api/v1/push/subscriptions"] = new("a y y y y y", Body: _ => new { }), // one's own browser; nothing sent: 400
        ["DELETE /api/v1/push/subscriptions"] = new("a y h h h h", Body: f => new { endpoint = f["pushEndpoint"] }), // Agus's browser: only he removes it

        // --- authoring (on another course than Agus's, so a publish or archive does not move his records); "h" for staff where the
        //     form names no module, lesson or question of the course
        ["POST /api/v1/media"] = new("a f f f y y"),
        ["GET /authoring"] = new("a f f f y y"),
        ["POST /authoring?handler=Suggest"] = new("a f f f y y"),
        ["POST /authoring?handler=Create"] = new("a f f f y y"),
        ["POST /authoring?handler=Import"] = new("a f f f y y"),
        ["GET /authoring/{slug}"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["GET /authoring/{slug}?handler=Export"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=Settings"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=Publish"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=Unpublish"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=Archive"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=AddModule"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=RenameModule"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=MoveModule"] = new("a f f f y y", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=RemoveModule"] = new("a f f f h h", _ => "/authoring/adminduk-daring", _ => new { index = 99 }),
        ["POST /authoring/{slug}?handler=AddLesson"] = new("a f f f h h", _ => "/authoring/adminduk-daring", _ => new { index = 99 }),
        ["POST /authoring/{slug}?handler=MoveLesson"] = new("a f f f h h", _ => "/authoring/adminduk-daring"),
        ["POST /authoring/{slug}?handler=RemoveLesson"] = new("a f f f y y", _ => "/authoring/adminduk-daring", _ => new { key = "tidak-ada" }),
        ["GET /authoring/{slug}/lessons/{key}"] = new("a f f f y y", f => $"/authoring/adminduk-daring/lessons/{f["authoringLesson"]}"),
        ["POST /authoring/{slug}/lessons/{key}?handler=Preview"] = new("a f f f y y", f => $"/authoring/adminduk-daring/lessons/{f["authoringLesson"]}"),
        ["POST /authoring/{slug}/lessons/{key}?handler=Save"] = new("a f f f y y", f => $"/authoring/adminduk-daring/lessons/{f["authoringLesson"]}"),
        ["POST /authoring/{slug}/lessons/{key}?handler=Upload"] = new("a f f f y y", f => $"/authoring/adminduk-daring/lessons/{f["authoringLesson"]}"),
        ["GET /authoring/{slug}/questions"] = new("a f f f y y", _ => "/authoring/adminduk-daring/questions"),
        ["POST /authoring/{slug}/questions?handler=Save"] = new("a f f f y y", _ => "/authoring/adminduk-daring/questions"),
        ["POST /authoring/{slug}/questions?handler=Delete"] = new("a f f f h h", _ => "/authoring/adminduk-daring/questions", _ => new { id = "tidak-ada" }),
        ["POST /authoring/{slug}/questions?handler=Bank"] = new("a f f f y y", _ => "/authoring/adminduk-daring/questions"),
        ["POST /authoring/{slug}/questions?handler=Move"] = new("a f f f h h", _ => "/authoring/adminduk-daring/questions", _ => new { id = "tidak-ada", by = -1 }),
        ["GET /api/v1/paths/{key}"] = new("a f f f y y", _ => $"/api/v1/paths/{Path}"),
        ["GET /authoring/paths"] = new("a f f f y y"),
        ["POST /authoring/paths?handler=Retry"] = new("a f f f f y", Body: f => new { id = f["pathInstance"] }),
        ["GET /authoring/paths/{key}"] = new("a f f f y y", _ => $"/authoring/paths/{Path}"),
        ["POST /authoring/paths/{key}?handler=Save"] = new("a f f f y y", _ => $"/authoring/paths/{Path}"),
        ["POST /authoring/paths/{key}?handler=Publish"] = new("a f f f y y", _ => $"/authoring/paths/{Path}"),
        ["POST /authoring/paths/{key}?handler=Step"] = new("a f f f y y", _ => $"/authoring/paths/{Path}"),

        // --- classes: Agus's unit's class (Disdukcapil only), its registration already closed, so no button here registers anyone;
        //     forms sent empty or wrong are reached and refused (400), never changing the class
        ["GET /api/v1/classes"] = new("a y y y y y"),
        ["POST /api/v1/classes"] = new("a f f f y y", Body: _ => new { }),
        ["GET /api/v1/classes/{id:guid}"] = new("a y h y y y", f => $"/api/v1/classes/{f["class"]}"),
        ["GET /classes"] = new("a y y y y y"),
        ["GET /classes/{id:guid}"] = new("a y h y y y", f => $"/classes/{f["class"]}"),
        ["POST /classes/{id:guid}?handler=Register"] = new("a y h y y f", f => $"/classes/{f["class"]}"), // the administrator is nobody's employee
        ["POST /classes/{id:guid}?handler=Cancel"] = new("a y h y y f", f => $"/classes/{f["class"]}"),
        ["GET /authoring/classes"] = new("a f f f y y"),
        ["GET /authoring/classes/new"] = new("a f f f y y"),
        ["POST /authoring/classes/new"] = new("a f f f y y"),
        ["GET /authoring/classes/{id:guid}"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}"),
        ["GET /authoring/classes/{id:guid}/roster"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}/roster"),
        ["POST /authoring/classes/{id:guid}?handler=Details"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}"),
        ["POST /authoring/classes/{id:guid}?handler=AddSession"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}"),
        ["POST /authoring/classes/{id:guid}?handler=MoveSession"] = new("a f f f h h", f => $"/authoring/classes/{f["class"]}"), // no such session
        ["POST /authoring/classes/{id:guid}?handler=CancelSession"] = new("a f f f h h", f => $"/authoring/classes/{f["class"]}"),
        ["POST /authoring/classes/{id:guid}?handler=AddTrainer"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}"),
        ["POST /authoring/classes/{id:guid}?handler=RemoveTrainer"] = new("a f f f h h", f => $"/authoring/classes/{f["class"]}"), // no such trainer
        ["POST /authoring/classes/{id:guid}?handler=Audience"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}",
            _ => new Dictionary<string, string> { ["Form.Units"] = "TIDAK-ADA" }),
        ["POST /authoring/classes/{id:guid}?handler=CancelClass"] = new("a f f f y y", f => $"/authoring/classes/{f["class"]}",
            _ => new Dictionary<string, string> { ["Revision"] = "-1" }), // a stale form: 409, the class stays

        // --- reports
        ["GET /api/v1/reports/units"] = new("a f f f y y"),
        ["GET /api/v1/reports/courses"] = new("a f f f y y"),
        ["GET /api/v1/reports/items/{course}"] = new("a f f f y y"),
        ["GET /reports"] = new("a f f f y y"),

        // --- training evaluation: Agus takes part in a class the supervisor teaches (begun), and finished spbe-dasar
        ["GET /api/v1/classes/{id:guid}/evaluation"] = new("a y f f f f", f => $"/api/v1/classes/{f["evaluationClass"]}/evaluation"),
        ["POST /api/v1/classes/{id:guid}/evaluation"] = new("a y f f f f", f => $"/api/v1/classes/{f["evaluationClass"]}/evaluation", _ => new { answers = new { } }),
        ["GET /api/v1/courses/{slug}/evaluation"] = new("a y f f f f"),
        ["POST /api/v1/courses/{slug}/evaluation"] = new("a y f f f f", Body: _ => new { answers = new { } }),
        ["GET /classes/{id:guid}/evaluation"] = new("a y f f f f", f => $"/classes/{f["evaluationClass"]}/evaluation"),
        ["POST /classes/{id:guid}/evaluation"] = new("a y f f f f", f => $"/classes/{f["evaluationClass"]}/evaluation"),
        ["GET /courses/{slug}/evaluation"] = new("a y f f f f"),
        ["POST /courses/{slug}/evaluation"] = new("a y f f f f"),
        ["GET /authoring/evaluations/classes/{id:guid}"] = new("a f f f y y", f => $"/authoring/evaluations/classes/{f["evaluationClass"]}"),
        ["POST /authoring/evaluations/classes/{id:guid}?handler=Add"] = new("a f f f y y", f => $"/authoring/evaluations/classes/{f["evaluationClass"]}"),
        ["POST /authoring/evaluations/classes/{id:guid}?handler=Remove"] = new("a f f f h h", f => $"/authoring/evaluations/classes/{f["evaluationClass"]}",
            _ => new { question = Guid.NewGuid() }),
        ["GET /authoring/evaluations/courses/{slug}"] = new("a f f f y y"),
        ["POST /authoring/evaluations/courses/{slug}?handler=Add"] = new("a f f f y y"),
        ["POST /authoring/evaluations/courses/{slug}?handler=Remove"] = new("a f f f h h", Body: _ => new { question = Guid.NewGuid() }),
        ["GET /reports/evaluations"] = new("a y y y y y"), // a trainer's own classes; staff all
        ["GET /reports/evaluations/classes/{id:guid}"] = new("a f f y y y", f => $"/reports/evaluations/classes/{f["evaluationClass"]}"),
        ["GET /reports/evaluations/trainers/{nip}"] = new("a y f f y y"), // Agus's own report as a trainer
        ["GET /reports/evaluations/courses/{slug}"] = new("a f f f y y"),

        // --- administration
        ["GET /api/v1/organisation/employees/{nip}"] = new("a f f f y y"),
        ["POST /api/v1/organisation/import"] = new("a f f f f y", Body: _ => NoFile()),
        ["GET /admin"] = new("a f f f f y"),
        ["GET /admin/users"] = new("a f f f f y"),
        ["POST /admin/users?handler=Reset"] = new("a f f f f y"),
        ["GET /admin/activation-codes"] = new("a f f f f y"),
        ["POST /admin/activation-codes?handler=Sheet"] = new("a f f f f y"),
        ["POST /admin/activation-codes?handler=Csv"] = new("a f f f f y"),
        // Staff changes aimed at the administrator's own login: reached, and refused as their own (409), so nobody's access moves.
        ["POST /api/v1/admin/users/{nip}/deactivate"] = new("a f f f f y", _ => "/api/v1/admin/users/admin/deactivate"),
        ["POST /api/v1/admin/users/{nip}/reactivate"] = new("a f f f f y", _ => "/api/v1/admin/users/admin/reactivate"),
        ["GET /admin/users/{userName}"] = new("a f f f f y", _ => "/admin/users/admin"),
        ["POST /admin/users/{userName}?handler=Deactivate"] = new("a f f f f y", _ => "/admin/users/admin"),
        ["POST /admin/users/{userName}?handler=Reactivate"] = new("a f f f f y", _ => "/admin/users/admin"),
        ["POST /admin/users/{userName}?handler=Role"] = new("a f f f f y", _ => "/admin/users/admin",
            _ => new { role = "Administrator", held = "false" }),
        ["GET /admin/organisation"] = new("a f f f f y"),
        ["POST /admin/organisation"] = new("a f f f f y"),
        ["GET /admin/audit"] = new("a f f f f y"),
        ["GET /admin/tenants"] = new("a f f f f y"), // the platform's administrator (of the default city); TenantAdminPageTests: no other
        ["POST /admin/tenants"] = new("a f f f f y"),
        ["GET /admin/tenants/{key}"] = new("a f f f f y", _ => "/admin/tenants/semarang"),
        ["POST /admin/tenants/{key}"] = new("a f f f f y", _ => "/admin/tenants/semarang"),
        ["GET /admin/audit?handler=Csv"] = new("a f f f f y"),
        ["GET /admin/jobs"] = new("a f f f f y"),
        ["POST /admin/jobs"] = new("a f f f f y", Body: _ => new { job = "outbox-dispatch" }),
    };

    /// <summary>A well-formed multipart form without the file an import wants. (A multipart body with no part at all still answers
    /// 500: the form reader's InvalidDataException is not turned into a 400 — left to the input-limits work of issue 15.)</summary>
    private static MultipartFormDataContent NoFile() => new() { { new StringContent("x"), "note" } };

    /// <summary>Ids of Agus's records, made through the API before the matrix runs.</summary>
    private sealed class Fixture
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string this[string name] => Values.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"The fixture has no {name}.");

        /// <summary>Fills {name}, {name:constraint} and {name?} from the values of the same name.</summary>
        public string Fill(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\**([A-Za-z]+)[^}]*\}", m =>
            Values.TryGetValue(m.Groups[1].Value, out var v) ? v
                : throw new InvalidOperationException($"Rule for {pattern}: say which record {{{m.Groups[1].Value}}} is (Url)."));
    }

    [Fact]
    public async Task Should_answer_every_endpoint_as_its_rule_says_for_every_kind_of_person()
    {
        await using var app = new LearningApp(Db.Sqlite, settings: CertificationDriver.Settings());
        var endpoints = await Endpoints(app);

        var missing = endpoints.Where(e => !Rules.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var stale = Rules.Keys.Where(k => endpoints.All(e => e.Key != k)).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            (missing.Count == 0 ? "" : "Endpoints without a rule in AuthorizationMatrixTests.Rules (say who may reach them):\n  " + string.Join("\n  ", missing) + "\n")
            + (stale.Count == 0 ? "" : "Rules for endpoints the app no longer maps:\n  " + string.Join("\n  ", stale)));

        var fixture = await Arrange(app);
        var people = new Dictionary<Who, Person>
        {
            [Who.Anonymous] = await Person.Anonymous(app),
            [Who.Learner] = await Person.SignedIn(app, Agus),
            [Who.OtherUnitLearner] = await Person.SignedIn(app, Rizky),
            [Who.Supervisor] = await Person.SignedIn(app, Supervisor),
            [Who.Coordinator] = await Person.SignedIn(app, Coordinator),
            [Who.Admin] = await Person.SignedIn(app, "admin"),
        };

        // Reading first, then changing; signing out last of all. Those who may not reach an endpoint go first, so a refusal is
        // checked while the record is as the fixture left it.
        var order = endpoints.OrderBy(e => e.Key.Contains("/logout")).ThenBy(e => e.Method != "GET").ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        var failures = new List<string>();
        var observed = new List<string>();
        foreach (var endpoint in order)
        {
            var rule = Rules[endpoint.Key];
            var expect = rule.Expect.Replace(" ", "");
            Assert.True(expect.Length == 6, $"{endpoint.Key}: the rule needs six letters, one per {string.Join(", ", Enum.GetNames<Who>())}.");
            var url = rule.Url?.Invoke(fixture) ?? fixture.Fill(endpoint.Pattern);
            if (endpoint.Handler is { } handler) url += (url.Contains('?') ? "&" : "?") + "handler=" + handler;
            var letters = new char[6];
            foreach (var who in Enum.GetValues<Who>().OrderBy(w => expect[(int)w] == 'y'))
            {
                var (status, location, body) = await people[who].Call(endpoint, url, rule.Body?.Invoke(fixture));
                var got = Classify(status, location);
                letters[(int)who] = got;
                var wanted = expect[(int)who];
                if (got != wanted)
                    failures.Add($"{endpoint.Key} as {who}: expected {Describe(wanted)}, got {status}{(location is null ? "" : " → " + location)} ({Describe(got)}) for {url}");
                // Nobody but Agus, his supervisor and the city's staff is shown anything of his; refusals never are.
                var outsider = who is Who.Anonymous or Who.OtherUnitLearner || got != 'y';
                if (outsider && who != Who.Learner && !endpoint.Key.Contains("/verify/") && (body.Contains(Agus) || body.Contains(AgusName)))
                    failures.Add($"{endpoint.Key} as {who}: the answer ({status}) shows Agus's {(body.Contains(Agus) ? "NIP" : "name")}");
            }
            observed.Add($"[\"{endpoint.Key}\"] = new(\"{string.Join(' ', letters)}\"),");
        }
        if (Environment.GetEnvironmentVariable("MATRIX_PRINT") == "1") output.WriteLine(string.Join("\n", observed));
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from AuthorizationMatrixTests.Rules:\n" + string.Join("\n", failures));
    }

    private static char Classify(HttpStatusCode status, string? location)
    {
        var path = location is null ? null : new Uri(new Uri("http://localhost"), location).AbsolutePath;
        return (int)status switch
        {
            401 => 'a',
            403 => 'f',
            404 => 'h',
            >= 300 and < 400 when path == "/login" => 'a',
            >= 300 and < 400 when path == "/forbidden" => 'f',
            >= 500 => '!',
            _ => 'y',
        };
    }

    private static string Describe(char c) => c switch
    {
        'y' => "reached", 'a' => "sign in first", 'f' => "forbidden", 'h' => "not found", '!' => "a server error", _ => c.ToString(),
    };

    /// <summary>An API route (one line per method) or a page handler, as the app maps it.</summary>
    private sealed record Endpoint(string Method, string Pattern, string? Handler, bool IsPage)
    {
        public string Key => $"{Method} {Pattern}{(Handler is null ? "" : "?handler=" + Handler)}";
    }

    /// <summary>Every route the app maps, from its own endpoint data source; static files of the theme are not routes of ours.</summary>
    private static async Task<List<Endpoint>> Endpoints(LearningApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var list = new List<Endpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/'); // a group's "" route is "/api/v1/courses/"
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                list.Add(new("GET", pattern, null, IsPage: true)); // a page without OnGet still renders for GET
                foreach (var h in compiled.HandlerMethods)
                    list.Add(new(h.HttpMethod.ToUpperInvariant(), pattern, h.Name, IsPage: true));
                continue;
            }
            if (IsStaticAsset(endpoint)) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var m in methods.Where(m => m != HttpMethods.Head))
                list.Add(new(m, pattern, null, IsPage: false));
        }
        return list.DistinctBy(e => e.Key).ToList();
    }

    /// <summary>MapStaticAssets routes every file of wwwroot (the theme's CSS and scripts); they are public by design.</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    /// <summary>A client as one kind of person: a bearer token for the API, the login cookie for pages (as a browser).</summary>
    private sealed class Person
    {
        private HttpClient _api = null!;
        private HttpClient _pages = null!;
        private string _token = "";

        public static async Task<Person> Anonymous(LearningApp app)
        {
            var p = new Person
            {
                _api = app.CreateClient(new() { AllowAutoRedirect = false }),
                _pages = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }),
            };
            p._token = await Token(p._pages, "/login");
            return p;
        }

        public static async Task<Person> SignedIn(LearningApp app, string login)
        {
            var p = new Person { _api = await app.ApiAs(login), _pages = await app.PagesAs(login) };
            p._token = await Token(p._pages, "/account/password");
            return p;
        }

        private static async Task<string> Token(HttpClient client, string page)
        {
            var html = await client.GetStringAsync(page);
            var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
            return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {page}.");
        }

        public async Task<(HttpStatusCode Status, string? Location, string Body)> Call(Endpoint endpoint, string url, object? body)
        {
            var api = url.StartsWith("/api/", StringComparison.Ordinal);
            var client = api ? _api : _pages;
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
            if (endpoint.Method != "GET")
            {
                if (body is HttpContent content) request.Content = content;
                else if (api) request.Content = JsonContent.Create(body ?? new { });
                else
                {
                    var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = _token };
                    if (body is not null)
                        foreach (var p in JsonSerializer.SerializeToElement(body).EnumerateObject()) fields[p.Name] = p.Value.ToString();
                    request.Content = new FormUrlEncodedContent(fields);
                }
            }
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, response.Headers.Location?.ToString(), text);
        }
    }

    /// <summary>Agus's records: a finished course with its certificate, an open attempt, a path waiting on approval, an
    /// assignment with an extension asked for, an external training with its proof and a self-assessment.</summary>
    private static async Task<Fixture> Arrange(LearningApp app)
    {
        var f = new Fixture();
        var agus = await app.ApiAs(Agus);
        async Task<JsonElement> Json(HttpResponseMessage r)
        {
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.IsSuccessStatusCode, $"{r.RequestMessage!.RequestUri}: {(int)r.StatusCode} {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        // A finished course: enrolment, path instance, a submitted attempt and a certificate.
        var done = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }));
        f.Values["enrolment"] = done.GetProperty("id").GetString()!;
        f.Values["pathInstance"] = done.GetProperty("pathInstanceId").GetString()!;
        await AssignmentDriver.Complete(app, agus, f["enrolment"], Course);
        var attempts = await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Set<Learning.Assessments.Domain.Attempt>().Where(a => a.EnrolmentId == Guid.Parse(f["enrolment"])).Select(a => a.Id));
        });
        f.Values["submittedAttempt"] = Assert.Single(attempts).ToString();
        var certificate = (await Json(await agus.GetAsync("/api/v1/me/certificates"))).EnumerateArray().Single();
        f.Values["certificateCode"] = certificate.GetProperty("code").GetString()!;
        f.Values["certificateNumber"] = Uri.EscapeDataString(certificate.GetProperty("number").GetString()!);
        f.Values["lesson"] = (await Json(await agus.GetAsync($"/api/v1/courses/{Course}"))).GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("key").GetString()!;

        // A second course read to the end with an attempt open.
        const string second = "pengaduan-sp4n-lapor";
        var open = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = second }));
        f.Values["openEnrolment"] = open.GetProperty("id").GetString()!;
        foreach (var lesson in (await Json(await agus.GetAsync($"/api/v1/courses/{second}"))).GetProperty("modules").EnumerateArray()
                     .SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
            await Json(await agus.PostAsJsonAsync($"/api/v1/enrolments/{f["openEnrolment"]}/lessons/{lesson.GetProperty("key").GetString()}/complete", new { seconds = 60 }));
        f.Values["openLesson"] = (await Json(await agus.GetAsync($"/api/v1/courses/{second}"))).GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("key").GetString()!;
        f.Values["openAttempt"] = (await Json(await agus.PostAsync($"/api/v1/enrolments/{f["openEnrolment"]}/attempts", null))).GetProperty("id").GetString()!;

        // A path waiting for the supervisor's approval. On a course of its own: the demo registers Agus on the classroom class of
        // Path's course (standar-dan-maklumat-pelayanan), whose enrolment and class path he holds already.
        await app.WithScope(async sp =>
        {
            var library = sp.GetRequiredService<Learning.Paths.Definitions.PathLibrary>();
            var yaml = (await library.Published(Path, CancellationToken.None))!.Yaml
                .Replace($"key: {Path}", $"key: {ApprovalPath}").Replace("standar-dan-maklumat-pelayanan", "pelindungan-data-pribadi")
                .Replace("title: Sertifikasi Standar dan Maklumat Pelayanan Publik", "title: Sertifikasi Pelindungan Data Pribadi");
            var saved = await library.SaveDraft(null, yaml, null, CancellationToken.None);
            Assert.True(saved.Draft is not null, string.Join("; ", saved.Problems));
            return await library.Publish(ApprovalPath, CancellationToken.None);
        });
        var onPath = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { path = ApprovalPath }));
        f.Values["waitingInstance"] = onPath.GetProperty("pathInstanceId").GetString()!;
        var supervisor = await app.ApiAs(Supervisor);
        f.Values["approval"] = (await Json(await supervisor.GetAsync("/api/v1/approvals"))).EnumerateArray()
            .Single(a => a.GetProperty("pathInstanceId").GetString() == f["waitingInstance"]).GetProperty("id").GetString()!;

        // A class: Agus registered, his supervisor holding two places.
        var classId = await Classes.RegistrationDriver.AddClass(app, capacity: 20);
        f.Values["registrationClass"] = classId.ToString();
        f.Values["classRegistration"] = (await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }))).GetProperty("id").GetString()!;
        await Json(await supervisor.PostAsJsonAsync($"/api/v1/classes/{classId}/reservations", new { places = 2 }));

        // An assignment from the supervisor, and Agus asking for more time.
        var due = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(20);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = "literasi-keamanan-digital", employees = new[] { Agus }, dueDate = due }));
        f.Values["assignment"] = (await AssignmentDriver.Mine(agus, "literasi-keamanan-digital")).GetProperty("id").GetString()!;
        await Json(await agus.PostAsJsonAsync($"/api/v1/me/assignments/{f["assignment"]}/extension", new { reason = "Sedang dinas luar kota", dueDate = due.AddDays(14) }));
        f.Values["extension"] = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"))).EnumerateArray()
            .Single(e => e.GetProperty("nip").GetString() == Agus).GetProperty("id").GetString()!;

        // A training taken elsewhere, with its proof.
        var form = new MultipartFormDataContent
        {
            { new StringContent("Diklat Pelayanan Prima"), "title" }, { new StringContent("BPSDM Provinsi"), "organiser" },
            { new StringContent("Diklat Teknis"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent("2026-03-02"), "startOn" }, { new StringContent("2026-03-04"), "endOn" }, { new StringContent("6"), "jp" },
            { new StringContent("BPSDM/2026/77"), "certificateNumber" },
        };
        var proof = new ByteArrayContent("%PDF-1.4\n%bukti\n"u8.ToArray());
        proof.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(proof, "proof", "sertifikat.pdf");
        f.Values["training"] = (await Json(await agus.PostAsync("/api/v1/me/career-record/trainings", form))).GetProperty("id").GetString()!;

        // A self-assessment waiting for the supervisor.
        var sheet = await Json(await agus.GetAsync("/api/v1/me/competency-assessments"));
        var ratings = sheet.GetProperty("competencies").EnumerateArray().Select(c => new { code = c.GetProperty("code").GetString(), level = 2 }).ToArray();
        f.Values["competencyAssessment"] = (await Json(await agus.PostAsJsonAsync("/api/v1/me/competency-assessments", new { ratings }))).GetProperty("id").GetString()!;

        // The browser where he turned push on.
        using (var browser = new PushReceiver())
        {
            f.Values["pushEndpoint"] = "https://push.invalid/agus/" + Guid.NewGuid().ToString("N");
            await Json(await agus.PostAsJsonAsync("/api/v1/push/subscriptions", browser.Subscription(f["pushEndpoint"])));
        }

        // One of his notices (the assignment's).
        f.Values["notification"] = (await Json(await agus.GetAsync("/api/v1/notifications"))).GetProperty("items")[0].GetProperty("id").GetString()!;

        // A picture of his lesson, and a lesson of the course the authoring rules work on.
        var html = (await Json(await agus.GetAsync($"/api/v1/enrolments/{f["enrolment"]}/lessons/02-arsitektur-dan-domain-spbe"))).GetProperty("html").GetString()!;
        f.Values["name"] = System.Text.RegularExpressions.Regex.Match(html, "src=\"/media/([^\"]+)\"").Groups[1].Value;
        f.Values["authoringLesson"] = (await Json(await agus.GetAsync("/api/v1/courses/adminduk-daring"))).GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("key").GetString()!;

        // A class for Agus's unit only, its registration closed yesterday, taught by the coordinator.
        var coordinator = await app.ApiAs(Coordinator);
        var wib = TimeSpan.FromHours(7);
        string At(double days) => app.Clock.GetUtcNow().AddDays(days).ToOffset(wib).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        f.Values["class"] = (await Json(await coordinator.PostAsJsonAsync("/api/v1/classes", new
        {
            title = "Kelas Pelayanan Disdukcapil", jp = 6, capacity = 10, approval = "none", registrationCloses = At(-1),
            sessions = new[] { new { start = At(20), end = At(20.1), venue = "Aula Disdukcapil" } }, trainers = new[] { Coordinator },
            audience = new { units = new[] { "DISDUKCAPIL" } },
        }))).GetProperty("id").GetString()!;
        // A class running now with Agus registered; his supervisor teaches it.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        f.Values["classNow"] = (await app.WithScope(sp => Classes.ClassRows.Insert(sp, "Standar Pelayanan Publik (klasikal)",
            [(now.AddMinutes(-10), now.AddHours(2))], [Supervisor], [(Agus, Learning.Classes.Contracts.RegistrationStatuses.Registered)]))).ClassId.ToString();
        // The demo's classroom class, which Agus is registered in, and Dewi's calendar feed.
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            f.Values["demoClass"] = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<Learning.Classes.Class>(), c => c.CourseSlug == "standar-dan-maklumat-pelayanan")).Id.ToString();
            var dewi = await sp.GetRequiredService<Learning.Organisation.Contracts.IOrganisationDirectory>().FindEmployeeByNip("199208082019022003");
            f.Values["calendarToken"] = await sp.GetRequiredService<Learning.Classes.CalendarFeeds>().Renew(dewi!.Id, CancellationToken.None);
        });
        // A class Agus takes part in, begun an hour ago, taught by his supervisor (written straight into the Classes tables).
        f.Values["evaluationClass"] = (await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            var people = sp.GetRequiredService<Learning.Organisation.Contracts.IOrganisationDirectory>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var c = new Learning.Classes.Class(Course, "Diklat Evaluasi", 6, 20, "none", now.AddDays(-1), Guid.NewGuid(), now);
            db.Add(c);
            db.Add(new Learning.Classes.ClassSession(c.Id, 1, now.AddHours(-1), now.AddHours(6), "Aula", null, new byte[16]));
            db.Add(new Learning.Classes.ClassTrainer(c.Id, (await people.FindEmployeeByNip(Supervisor))!.Id));
            var r = new Learning.Classes.ClassRegistration(c.Id, (await people.FindEmployeeByNip(Agus))!.Id, null, now);
            r.Register(null, now);
            db.Add(r);
            await db.SaveChangesAsync();
            return c.Id;
        })).ToString();

        // Names that say which record they are.
        f.Values["slug"] = Course;
        f.Values["course"] = Course;
        f.Values["key"] = f["lesson"];
        f.Values["code"] = f["certificateCode"];
        f.Values["nip"] = Agus;
        f.Values["enrolmentId"] = f["enrolment"];
        f.Values["attemptId"] = f["submittedAttempt"];
        return f;
    }
}
