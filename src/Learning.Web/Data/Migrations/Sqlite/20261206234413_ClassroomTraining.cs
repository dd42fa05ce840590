using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassroomTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Classes",
                table: "Notifications_EmailPreferences",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Classes_Attendance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordedByEmployeeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Attendance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_AttendanceCorrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Present = table.Column<bool>(type: "INTEGER", nullable: false),
                    ByEmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_AttendanceCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    SealedToken = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_CalendarFeeds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_Classes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Jp = table.Column<decimal>(type: "TEXT", nullable: false),
                    Competencies = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Approval = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegistrationOpensAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RegistrationClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AttendanceShare = table.Column<decimal>(type: "TEXT", nullable: false),
                    PostTest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Evaluation = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PlacesTaken = table.Column<int>(type: "INTEGER", nullable: false),
                    NextQueueNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Classes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_Registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QueueNumber = table.Column<long>(type: "INTEGER", nullable: true),
                    ReservationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RegisteredByEmployeeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PathInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Registrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_Reservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupervisorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Places = table.Column<int>(type: "INTEGER", nullable: false),
                    Named = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Reservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Classes_SessionReminders",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_SessionReminders", x => new { x.SessionId, x.EmployeeId });
                });

            migrationBuilder.CreateTable(
                name: "Evaluations_Questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedByEmployeeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations_Questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations_Responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations_Responses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths_Enrolments",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_Enrolments", x => new { x.InstanceId, x.CourseSlug });
                });

            migrationBuilder.CreateTable(
                name: "Classes_Audience",
                columns: table => new
                {
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Audience", x => new { x.ClassId, x.Kind, x.Code });
                    table.ForeignKey(
                        name: "FK_Classes_Audience_Classes_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes_Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Classes_Sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OnlineUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckInSecret = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Classes_Sessions_Classes_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes_Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Classes_Trainers",
                columns: table => new
                {
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Classes_Trainers", x => new { x.ClassId, x.EmployeeId });
                    table.ForeignKey(
                        name: "FK_Classes_Trainers_Classes_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes_Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations_Answers",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TenantKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations_Answers", x => new { x.ResponseId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_Evaluations_Answers_Evaluations_Responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "Evaluations_Responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Attendance_ClassId_EmployeeId",
                table: "Classes_Attendance",
                columns: new[] { "ClassId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Attendance_SessionId_EmployeeId",
                table: "Classes_Attendance",
                columns: new[] { "TenantKey", "SessionId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_AttendanceCorrections_ClassId",
                table: "Classes_AttendanceCorrections",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Classes_CalendarFeeds_EmployeeId",
                table: "Classes_CalendarFeeds",
                columns: new[] { "TenantKey", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_CalendarFeeds_TokenHash",
                table: "Classes_CalendarFeeds",
                columns: new[] { "TenantKey", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Classes_Status_RegistrationClosesAt",
                table: "Classes_Classes",
                columns: new[] { "Status", "RegistrationClosesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Registrations_ClassId_Status_QueueNumber",
                table: "Classes_Registrations",
                columns: new[] { "ClassId", "Status", "QueueNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Registrations_EmployeeId",
                table: "Classes_Registrations",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Registrations_EnrolmentId",
                table: "Classes_Registrations",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Registrations_OneOpen",
                table: "Classes_Registrations",
                columns: new[] { "TenantKey", "ClassId", "EmployeeId" },
                unique: true,
                filter: "\"Status\" IN ('registered', 'waitlisted', 'pending-approval')");

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Reservations_ClassId_SupervisorId",
                table: "Classes_Reservations",
                columns: new[] { "TenantKey", "ClassId", "SupervisorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Sessions_ClassId",
                table: "Classes_Sessions",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Sessions_ClassId_Number",
                table: "Classes_Sessions",
                columns: new[] { "TenantKey", "ClassId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Sessions_StartsAt",
                table: "Classes_Sessions",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_Classes_Trainers_EmployeeId",
                table: "Classes_Trainers",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_Answers_QuestionId",
                table: "Evaluations_Answers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_Questions_SubjectKind_SubjectId",
                table: "Evaluations_Questions",
                columns: new[] { "SubjectKind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_Responses_EmployeeId",
                table: "Evaluations_Responses",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_Responses_SubjectKind_SubjectId_EmployeeId",
                table: "Evaluations_Responses",
                columns: new[] { "TenantKey", "SubjectKind", "SubjectId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Enrolments_EnrolmentId",
                table: "Paths_Enrolments",
                column: "EnrolmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Classes_Attendance");

            migrationBuilder.DropTable(
                name: "Classes_AttendanceCorrections");

            migrationBuilder.DropTable(
                name: "Classes_Audience");

            migrationBuilder.DropTable(
                name: "Classes_CalendarFeeds");

            migrationBuilder.DropTable(
                name: "Classes_Registrations");

            migrationBuilder.DropTable(
                name: "Classes_Reservations");

            migrationBuilder.DropTable(
                name: "Classes_SessionReminders");

            migrationBuilder.DropTable(
                name: "Classes_Sessions");

            migrationBuilder.DropTable(
                name: "Classes_Trainers");

            migrationBuilder.DropTable(
                name: "Evaluations_Answers");

            migrationBuilder.DropTable(
                name: "Evaluations_Questions");

            migrationBuilder.DropTable(
                name: "Paths_Enrolments");

            migrationBuilder.DropTable(
                name: "Classes_Classes");

            migrationBuilder.DropTable(
                name: "Evaluations_Responses");

            migrationBuilder.DropColumn(
                name: "Classes",
                table: "Notifications_EmailPreferences");
        }
    }
}
