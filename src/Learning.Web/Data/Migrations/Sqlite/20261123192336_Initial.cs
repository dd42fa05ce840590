using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Accounts_Roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_Roles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_Users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    MustChangePassword = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assessments_Attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CourseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    NumberInRound = table.Column<int>(type: "INTEGER", nullable: false),
                    PassMark = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeadlineAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DrawJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    WrongJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments_Attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assignments_Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PathKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TargetCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AssignedByEmployeeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments_Assignments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assignments_ExtensionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WantedDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GrantedDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments_ExtensionRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CareerRecords_CompetencyAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupervisorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConfirmedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareerRecords_CompetencyAssessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CareerRecords_CompetencyRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompetencyCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareerRecords_CompetencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CareerRecords_Trainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nip = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Institution = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    JenisDiklat = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    JenisKursus = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Jp = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CertificateCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DocumentBlobName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DocumentContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReviewedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareerRecords_Trainings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Certification_Certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HolderNip = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CourseTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CourseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Jp = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CompetenciesJson = table.Column<string>(type: "TEXT", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecertificationWindowDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ReassessmentOpensOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastRenewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PdfBlobName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VerificationUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certification_Certificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Certification_Counters",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certification_Counters", x => new { x.UnitCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "Certification_Renewals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RenewedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PreviousValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certification_Renewals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Competencies_Competencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Levels = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Competencies_Competencies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Competencies_PositionStandards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CompetencyCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Competencies_PositionStandards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Courses_Courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Jp = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ValidityMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    RecertificationWindowDays = table.Column<int>(type: "INTEGER", nullable: true),
                    RenewFrom = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RenewFixedDate = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_Courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Courses_MediaFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    BlobName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_MediaFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Enrolments_Enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CourseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastLessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SecondsSpent = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessmentPassedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    PathKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PathInstanceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments_Enrolments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Kernel_DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Kernel_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Kernel_OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Kernel_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications_Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TextKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ArgsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organisation_Employees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Nip = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PositionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupervisorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation_Employees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organisation_Positions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation_Positions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organisation_Units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation_Units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths_Approvals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LearnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApproverId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApproverRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Escalations = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_Approvals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths_Definitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Yaml = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Builtin = table.Column<bool>(type: "INTEGER", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_Definitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths_History",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_History", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths_Instances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PathKey = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CurrentStep = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    FaultReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FactsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReassessmentRound = table.Column<int>(type: "INTEGER", nullable: false),
                    ReassessmentOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_Instances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Paths_ProcessedEvents",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_ProcessedEvents", x => new { x.InstanceId, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "Paths_Timers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApprovalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Paths_Timers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Scheduling_JobRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Job = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Node = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scheduling_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_RoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_RoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Accounts_RoleClaims_Accounts_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "Accounts_Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_UserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_UserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Accounts_UserClaims_Accounts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Accounts_Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_UserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_UserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_Accounts_UserLogins_Accounts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Accounts_Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_UserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_UserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_Accounts_UserRoles_Accounts_Roles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "Accounts_Roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Accounts_UserRoles_Accounts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Accounts_Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Accounts_UserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts_UserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_Accounts_UserTokens_Accounts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Accounts_Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assignments_Items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PathKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PathInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Started = table.Column<bool>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OverdueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EscalatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments_Items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assignments_Items_Assignments_Assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "Assignments_Assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CareerRecords_AssessmentRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompetencyCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequiredLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AgreedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareerRecords_AssessmentRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareerRecords_AssessmentRatings_CareerRecords_CompetencyAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "CareerRecords_CompetencyAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Courses_Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PassMark = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxAttempts = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeLimitMinutes = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Courses_Assessments_Courses_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses_Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Courses_CourseCompetencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_CourseCompetencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Courses_CourseCompetencies_Courses_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses_Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Courses_Modules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_Modules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Courses_Modules_Courses_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses_Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Enrolments_LessonProgress",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnrolmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SecondsSpent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments_LessonProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enrolments_LessonProgress_Enrolments_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments_Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Courses_Questions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", nullable: false),
                    TrueFalse = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_Questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Courses_Questions_Courses_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Courses_Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Courses_Lessons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ModuleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Markdown = table.Column<string>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses_Lessons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Courses_Lessons_Courses_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses_Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Courses_Lessons_Courses_Modules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "Courses_Modules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_RoleClaims_RoleId",
                table: "Accounts_RoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "Accounts_Roles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_UserClaims_UserId",
                table: "Accounts_UserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_UserLogins_UserId",
                table: "Accounts_UserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_UserRoles_RoleId",
                table: "Accounts_UserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "Accounts_Users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Users_EmployeeId",
                table: "Accounts_Users",
                column: "EmployeeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "Accounts_Users",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Attempts_EmployeeId",
                table: "Assessments_Attempts",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Attempts_EnrolmentId_Number",
                table: "Assessments_Attempts",
                columns: new[] { "EnrolmentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Attempts_OneOpen",
                table: "Assessments_Attempts",
                column: "EnrolmentId",
                unique: true,
                filter: "\"Status\" = 'open'");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ExtensionRequests_ItemId_Status",
                table: "Assignments_ExtensionRequests",
                columns: new[] { "ItemId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ExtensionRequests_Status",
                table: "Assignments_ExtensionRequests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_AssignmentId",
                table: "Assignments_Items",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_EmployeeId",
                table: "Assignments_Items",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_EnrolmentId",
                table: "Assignments_Items",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_Status_DueOn",
                table: "Assignments_Items",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_AssessmentRatings_AssessmentId",
                table: "CareerRecords_AssessmentRatings",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyAssessments_EmployeeId_Status",
                table: "CareerRecords_CompetencyAssessments",
                columns: new[] { "EmployeeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyAssessments_SupervisorId_Status",
                table: "CareerRecords_CompetencyAssessments",
                columns: new[] { "SupervisorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyRecords_CertificateId_CompetencyCode",
                table: "CareerRecords_CompetencyRecords",
                columns: new[] { "CertificateId", "CompetencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyRecords_EmployeeId",
                table: "CareerRecords_CompetencyRecords",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_Trainings_CertificateId",
                table: "CareerRecords_Trainings",
                column: "CertificateId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_Trainings_EmployeeId_Year",
                table: "CareerRecords_Trainings",
                columns: new[] { "EmployeeId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_Trainings_Status_Year",
                table: "CareerRecords_Trainings",
                columns: new[] { "Status", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Code",
                table: "Certification_Certificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_EmployeeId",
                table: "Certification_Certificates",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_EnrolmentId",
                table: "Certification_Certificates",
                column: "EnrolmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Number",
                table: "Certification_Certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Status_ReassessmentOpensOn",
                table: "Certification_Certificates",
                columns: new[] { "Status", "ReassessmentOpensOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Status_ValidUntil",
                table: "Certification_Certificates",
                columns: new[] { "Status", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Renewals_CertificateId",
                table: "Certification_Renewals",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_Competencies_Competencies_Code",
                table: "Competencies_Competencies",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Competencies_PositionStandards_PositionCode_CompetencyCode",
                table: "Competencies_PositionStandards",
                columns: new[] { "PositionCode", "CompetencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Assessments_CourseId",
                table: "Courses_Assessments",
                column: "CourseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_CourseCompetencies_Code",
                table: "Courses_CourseCompetencies",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_CourseCompetencies_CourseId_Code",
                table: "Courses_CourseCompetencies",
                columns: new[] { "CourseId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Courses_Slug",
                table: "Courses_Courses",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Courses_Status",
                table: "Courses_Courses",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Lessons_CourseId_Key",
                table: "Courses_Lessons",
                columns: new[] { "CourseId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Lessons_ModuleId",
                table: "Courses_Lessons",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_MediaFiles_Path",
                table: "Courses_MediaFiles",
                column: "Path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Modules_CourseId",
                table: "Courses_Modules",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Questions_AssessmentId_Key",
                table: "Courses_Questions",
                columns: new[] { "AssessmentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Enrolments_EmployeeId_CourseSlug",
                table: "Enrolments_Enrolments",
                columns: new[] { "EmployeeId", "CourseSlug" },
                unique: true,
                filter: "\"Status\" = 'in-progress'");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Enrolments_EmployeeId_Status",
                table: "Enrolments_Enrolments",
                columns: new[] { "EmployeeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId_LessonKey",
                table: "Enrolments_LessonProgress",
                columns: new[] { "EnrolmentId", "LessonKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Kernel_OutboxMessages_ProcessedAt_OccurredAt",
                table: "Kernel_OutboxMessages",
                columns: new[] { "ProcessedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Notifications_RecipientUserId_DedupeKey",
                table: "Notifications_Notifications",
                columns: new[] { "RecipientUserId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Notifications_RecipientUserId_ReadAt_CreatedAt",
                table: "Notifications_Notifications",
                columns: new[] { "RecipientUserId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Employees_Nip",
                table: "Organisation_Employees",
                column: "Nip",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Employees_PositionId",
                table: "Organisation_Employees",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Employees_SupervisorId",
                table: "Organisation_Employees",
                column: "SupervisorId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Employees_UnitId",
                table: "Organisation_Employees",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Positions_Code",
                table: "Organisation_Positions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Units_Code",
                table: "Organisation_Units",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Units_ParentId",
                table: "Organisation_Units",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Approvals_ApproverId_Status",
                table: "Paths_Approvals",
                columns: new[] { "ApproverId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Approvals_ApproverRole_Status",
                table: "Paths_Approvals",
                columns: new[] { "ApproverRole", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Approvals_InstanceId",
                table: "Paths_Approvals",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Definitions_Key_Status",
                table: "Paths_Definitions",
                columns: new[] { "Key", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Definitions_Key_Version",
                table: "Paths_Definitions",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Paths_History_InstanceId_At",
                table: "Paths_History",
                columns: new[] { "InstanceId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Instances_DefinitionId_CurrentStep",
                table: "Paths_Instances",
                columns: new[] { "DefinitionId", "CurrentStep" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Instances_EmployeeId_Status",
                table: "Paths_Instances",
                columns: new[] { "EmployeeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Instances_EnrolmentId",
                table: "Paths_Instances",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Instances_Status",
                table: "Paths_Instances",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Timers_FiredAt_DueAt",
                table: "Paths_Timers",
                columns: new[] { "FiredAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Scheduling_JobRuns_Job_StartedAt",
                table: "Scheduling_JobRuns",
                columns: new[] { "Job", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Accounts_RoleClaims");

            migrationBuilder.DropTable(
                name: "Accounts_UserClaims");

            migrationBuilder.DropTable(
                name: "Accounts_UserLogins");

            migrationBuilder.DropTable(
                name: "Accounts_UserRoles");

            migrationBuilder.DropTable(
                name: "Accounts_UserTokens");

            migrationBuilder.DropTable(
                name: "Assessments_Attempts");

            migrationBuilder.DropTable(
                name: "Assignments_ExtensionRequests");

            migrationBuilder.DropTable(
                name: "Assignments_Items");

            migrationBuilder.DropTable(
                name: "CareerRecords_AssessmentRatings");

            migrationBuilder.DropTable(
                name: "CareerRecords_CompetencyRecords");

            migrationBuilder.DropTable(
                name: "CareerRecords_Trainings");

            migrationBuilder.DropTable(
                name: "Certification_Certificates");

            migrationBuilder.DropTable(
                name: "Certification_Counters");

            migrationBuilder.DropTable(
                name: "Certification_Renewals");

            migrationBuilder.DropTable(
                name: "Competencies_Competencies");

            migrationBuilder.DropTable(
                name: "Competencies_PositionStandards");

            migrationBuilder.DropTable(
                name: "Courses_CourseCompetencies");

            migrationBuilder.DropTable(
                name: "Courses_Lessons");

            migrationBuilder.DropTable(
                name: "Courses_MediaFiles");

            migrationBuilder.DropTable(
                name: "Courses_Questions");

            migrationBuilder.DropTable(
                name: "Enrolments_LessonProgress");

            migrationBuilder.DropTable(
                name: "Kernel_DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Kernel_OutboxMessages");

            migrationBuilder.DropTable(
                name: "Notifications_Notifications");

            migrationBuilder.DropTable(
                name: "Organisation_Employees");

            migrationBuilder.DropTable(
                name: "Organisation_Positions");

            migrationBuilder.DropTable(
                name: "Organisation_Units");

            migrationBuilder.DropTable(
                name: "Paths_Approvals");

            migrationBuilder.DropTable(
                name: "Paths_Definitions");

            migrationBuilder.DropTable(
                name: "Paths_History");

            migrationBuilder.DropTable(
                name: "Paths_Instances");

            migrationBuilder.DropTable(
                name: "Paths_ProcessedEvents");

            migrationBuilder.DropTable(
                name: "Paths_Timers");

            migrationBuilder.DropTable(
                name: "Scheduling_JobRuns");

            migrationBuilder.DropTable(
                name: "Accounts_Roles");

            migrationBuilder.DropTable(
                name: "Accounts_Users");

            migrationBuilder.DropTable(
                name: "Assignments_Assignments");

            migrationBuilder.DropTable(
                name: "CareerRecords_CompetencyAssessments");

            migrationBuilder.DropTable(
                name: "Courses_Modules");

            migrationBuilder.DropTable(
                name: "Courses_Assessments");

            migrationBuilder.DropTable(
                name: "Enrolments_Enrolments");

            migrationBuilder.DropTable(
                name: "Courses_Courses");
        }
    }
}
