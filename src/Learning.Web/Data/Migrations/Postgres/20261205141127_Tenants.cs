using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Learning.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Paths_Definitions_Key_Version",
                table: "Paths_Definitions");

            migrationBuilder.DropIndex(
                name: "IX_Organisation_Units_Code",
                table: "Organisation_Units");

            migrationBuilder.DropIndex(
                name: "IX_Organisation_Positions_Code",
                table: "Organisation_Positions");

            migrationBuilder.DropIndex(
                name: "IX_Organisation_Employees_Nip",
                table: "Organisation_Employees");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Notifications_RecipientUserId_DedupeKey",
                table: "Notifications_Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId_LessonKey",
                table: "Enrolments_LessonProgress");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_Enrolments_EmployeeId_CourseSlug",
                table: "Enrolments_Enrolments");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Questions_AssessmentId_Key",
                table: "Courses_Questions");

            migrationBuilder.DropIndex(
                name: "IX_Courses_MediaFiles_Path",
                table: "Courses_MediaFiles");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Lessons_CourseId_Key",
                table: "Courses_Lessons");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Courses_Slug",
                table: "Courses_Courses");

            migrationBuilder.DropIndex(
                name: "IX_Courses_CourseCompetencies_CourseId_Code",
                table: "Courses_CourseCompetencies");

            migrationBuilder.DropIndex(
                name: "IX_Competencies_PositionStandards_PositionCode_CompetencyCode",
                table: "Competencies_PositionStandards");

            migrationBuilder.DropIndex(
                name: "IX_Competencies_Competencies_Code",
                table: "Competencies_Competencies");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Certification_Counters",
                table: "Certification_Counters");

            migrationBuilder.DropIndex(
                name: "IX_Certification_Certificates_Code",
                table: "Certification_Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certification_Certificates_EnrolmentId",
                table: "Certification_Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certification_Certificates_Number",
                table: "Certification_Certificates");

            migrationBuilder.DropIndex(
                name: "IX_CareerRecords_Trainings_CertificateId",
                table: "CareerRecords_Trainings");

            migrationBuilder.DropIndex(
                name: "IX_CareerRecords_CompetencyRecords_CertificateId_CompetencyCode",
                table: "CareerRecords_CompetencyRecords");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_Items_OneOpenCourse",
                table: "Assignments_Items");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_Items_OneOpenPath",
                table: "Assignments_Items");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Attempts_EnrolmentId_Number",
                table: "Assessments_Attempts");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Attempts_OneOpen",
                table: "Assessments_Attempts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Users_EmployeeId",
                table: "Accounts_Users");

            migrationBuilder.DropIndex(
                name: "UserNameIndex",
                table: "Accounts_Users");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Accounts_UserLogins",
                table: "Accounts_UserLogins");

            migrationBuilder.RenameIndex(
                name: "IX_Courses_Assessments_CourseId",
                table: "Courses_Assessments",
                newName: "IX_Courses_Assessments_CourseId1");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Scheduling_JobRuns",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Paths_Timers",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Paths_ProcessedEvents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Paths_Instances",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Paths_History",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Paths_Definitions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Paths_Approvals",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Organisation_Units",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Organisation_Positions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Organisation_Employees",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Notifications_Notifications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Kernel_OutboxMessages",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Enrolments_LessonProgress",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Enrolments_Enrolments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_Questions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_Modules",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_MediaFiles",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_Lessons",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_Courses",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_CourseCompetencies",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Courses_Assessments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Competencies_PositionStandards",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Competencies_Competencies",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Certification_Renewals",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Certification_Counters",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Certification_Certificates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "CareerRecords_Trainings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "CareerRecords_CompetencyRecords",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "CareerRecords_CompetencyAssessments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "CareerRecords_AssessmentRatings",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Audit_Entries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Assignments_Items",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Assignments_ExtensionRequests",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Assignments_Assignments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Assessments_Attempts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_UserTokens",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_Users",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_UserRoles",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_UserLogins",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_UserClaims",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_SignInFailures",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddColumn<string>(
                name: "TenantKey",
                table: "Accounts_Sessions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "semarang");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Certification_Counters",
                table: "Certification_Counters",
                columns: new[] { "TenantKey", "UnitCode", "Year" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Accounts_UserLogins",
                table: "Accounts_UserLogins",
                columns: new[] { "TenantKey", "LoginProvider", "ProviderKey" });

            migrationBuilder.CreateTable(
                name: "Tenants_Tenants",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Hosts = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Institution = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OfficialName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OfficialTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublicUrl = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    MailFrom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MailFromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Theme = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Logo = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Colour = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    JpPerYear = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    SubscribesToCatalogue = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants_Tenants", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Definitions_Key_Version",
                table: "Paths_Definitions",
                columns: new[] { "TenantKey", "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Units_Code",
                table: "Organisation_Units",
                columns: new[] { "TenantKey", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Positions_Code",
                table: "Organisation_Positions",
                columns: new[] { "TenantKey", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Employees_Nip",
                table: "Organisation_Employees",
                columns: new[] { "TenantKey", "Nip" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Notifications_RecipientUserId_DedupeKey",
                table: "Notifications_Notifications",
                columns: new[] { "TenantKey", "RecipientUserId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId",
                table: "Enrolments_LessonProgress",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId_LessonKey",
                table: "Enrolments_LessonProgress",
                columns: new[] { "TenantKey", "EnrolmentId", "LessonKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Enrolments_EmployeeId_CourseSlug",
                table: "Enrolments_Enrolments",
                columns: new[] { "TenantKey", "EmployeeId", "CourseSlug" },
                unique: true,
                filter: "\"Status\" = 'in-progress'");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Questions_AssessmentId",
                table: "Courses_Questions",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Questions_AssessmentId_Key",
                table: "Courses_Questions",
                columns: new[] { "TenantKey", "AssessmentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_MediaFiles_Path",
                table: "Courses_MediaFiles",
                columns: new[] { "TenantKey", "Path" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Lessons_CourseId",
                table: "Courses_Lessons",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Lessons_CourseId_Key",
                table: "Courses_Lessons",
                columns: new[] { "TenantKey", "CourseId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Courses_Slug",
                table: "Courses_Courses",
                columns: new[] { "TenantKey", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_CourseCompetencies_CourseId",
                table: "Courses_CourseCompetencies",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_CourseCompetencies_CourseId_Code",
                table: "Courses_CourseCompetencies",
                columns: new[] { "TenantKey", "CourseId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Assessments_CourseId",
                table: "Courses_Assessments",
                columns: new[] { "TenantKey", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Competencies_PositionStandards_PositionCode_CompetencyCode",
                table: "Competencies_PositionStandards",
                columns: new[] { "TenantKey", "PositionCode", "CompetencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Competencies_Competencies_Code",
                table: "Competencies_Competencies",
                columns: new[] { "TenantKey", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Code",
                table: "Certification_Certificates",
                columns: new[] { "TenantKey", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_EnrolmentId",
                table: "Certification_Certificates",
                columns: new[] { "TenantKey", "EnrolmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Number",
                table: "Certification_Certificates",
                columns: new[] { "TenantKey", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_Trainings_CertificateId",
                table: "CareerRecords_Trainings",
                columns: new[] { "TenantKey", "CertificateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyRecords_CertificateId_CompetencyCode",
                table: "CareerRecords_CompetencyRecords",
                columns: new[] { "TenantKey", "CertificateId", "CompetencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_OneOpenCourse",
                table: "Assignments_Items",
                columns: new[] { "TenantKey", "EmployeeId", "CourseSlug" },
                unique: true,
                filter: "\"Status\" <> 'completed' AND \"CourseSlug\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_OneOpenPath",
                table: "Assignments_Items",
                columns: new[] { "TenantKey", "EmployeeId", "PathKey" },
                unique: true,
                filter: "\"Status\" <> 'completed' AND \"PathKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Attempts_EnrolmentId_Number",
                table: "Assessments_Attempts",
                columns: new[] { "TenantKey", "EnrolmentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Attempts_OneOpen",
                table: "Assessments_Attempts",
                columns: new[] { "TenantKey", "EnrolmentId" },
                unique: true,
                filter: "\"Status\" = 'open'");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Users_EmployeeId",
                table: "Accounts_Users",
                columns: new[] { "TenantKey", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "Accounts_Users",
                columns: new[] { "TenantKey", "NormalizedUserName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Tenants_Tenants");

            migrationBuilder.DropIndex(
                name: "IX_Paths_Definitions_Key_Version",
                table: "Paths_Definitions");

            migrationBuilder.DropIndex(
                name: "IX_Organisation_Units_Code",
                table: "Organisation_Units");

            migrationBuilder.DropIndex(
                name: "IX_Organisation_Positions_Code",
                table: "Organisation_Positions");

            migrationBuilder.DropIndex(
                name: "IX_Organisation_Employees_Nip",
                table: "Organisation_Employees");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Notifications_RecipientUserId_DedupeKey",
                table: "Notifications_Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId",
                table: "Enrolments_LessonProgress");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId_LessonKey",
                table: "Enrolments_LessonProgress");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_Enrolments_EmployeeId_CourseSlug",
                table: "Enrolments_Enrolments");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Questions_AssessmentId",
                table: "Courses_Questions");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Questions_AssessmentId_Key",
                table: "Courses_Questions");

            migrationBuilder.DropIndex(
                name: "IX_Courses_MediaFiles_Path",
                table: "Courses_MediaFiles");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Lessons_CourseId",
                table: "Courses_Lessons");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Lessons_CourseId_Key",
                table: "Courses_Lessons");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Courses_Slug",
                table: "Courses_Courses");

            migrationBuilder.DropIndex(
                name: "IX_Courses_CourseCompetencies_CourseId",
                table: "Courses_CourseCompetencies");

            migrationBuilder.DropIndex(
                name: "IX_Courses_CourseCompetencies_CourseId_Code",
                table: "Courses_CourseCompetencies");

            migrationBuilder.DropIndex(
                name: "IX_Courses_Assessments_CourseId",
                table: "Courses_Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Competencies_PositionStandards_PositionCode_CompetencyCode",
                table: "Competencies_PositionStandards");

            migrationBuilder.DropIndex(
                name: "IX_Competencies_Competencies_Code",
                table: "Competencies_Competencies");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Certification_Counters",
                table: "Certification_Counters");

            migrationBuilder.DropIndex(
                name: "IX_Certification_Certificates_Code",
                table: "Certification_Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certification_Certificates_EnrolmentId",
                table: "Certification_Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certification_Certificates_Number",
                table: "Certification_Certificates");

            migrationBuilder.DropIndex(
                name: "IX_CareerRecords_Trainings_CertificateId",
                table: "CareerRecords_Trainings");

            migrationBuilder.DropIndex(
                name: "IX_CareerRecords_CompetencyRecords_CertificateId_CompetencyCode",
                table: "CareerRecords_CompetencyRecords");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_Items_OneOpenCourse",
                table: "Assignments_Items");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_Items_OneOpenPath",
                table: "Assignments_Items");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Attempts_EnrolmentId_Number",
                table: "Assessments_Attempts");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_Attempts_OneOpen",
                table: "Assessments_Attempts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_Users_EmployeeId",
                table: "Accounts_Users");

            migrationBuilder.DropIndex(
                name: "UserNameIndex",
                table: "Accounts_Users");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Accounts_UserLogins",
                table: "Accounts_UserLogins");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Scheduling_JobRuns");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Paths_Timers");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Paths_ProcessedEvents");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Paths_Instances");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Paths_History");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Paths_Definitions");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Paths_Approvals");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Organisation_Units");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Organisation_Positions");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Organisation_Employees");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Notifications_Notifications");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Kernel_OutboxMessages");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Enrolments_LessonProgress");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Enrolments_Enrolments");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_Questions");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_Modules");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_MediaFiles");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_Lessons");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_Courses");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_CourseCompetencies");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Courses_Assessments");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Competencies_PositionStandards");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Competencies_Competencies");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Certification_Renewals");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Certification_Counters");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Certification_Certificates");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "CareerRecords_Trainings");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "CareerRecords_CompetencyRecords");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "CareerRecords_CompetencyAssessments");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "CareerRecords_AssessmentRatings");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Audit_Entries");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Assignments_Items");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Assignments_ExtensionRequests");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Assignments_Assignments");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Assessments_Attempts");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_UserTokens");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_Users");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_UserRoles");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_UserLogins");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_UserClaims");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_SignInFailures");

            migrationBuilder.DropColumn(
                name: "TenantKey",
                table: "Accounts_Sessions");

            migrationBuilder.RenameIndex(
                name: "IX_Courses_Assessments_CourseId1",
                table: "Courses_Assessments",
                newName: "IX_Courses_Assessments_CourseId");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Certification_Counters",
                table: "Certification_Counters",
                columns: new[] { "UnitCode", "Year" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Accounts_UserLogins",
                table: "Accounts_UserLogins",
                columns: new[] { "LoginProvider", "ProviderKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Paths_Definitions_Key_Version",
                table: "Paths_Definitions",
                columns: new[] { "Key", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Units_Code",
                table: "Organisation_Units",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Positions_Code",
                table: "Organisation_Positions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Employees_Nip",
                table: "Organisation_Employees",
                column: "Nip",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Notifications_RecipientUserId_DedupeKey",
                table: "Notifications_Notifications",
                columns: new[] { "RecipientUserId", "DedupeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_LessonProgress_EnrolmentId_LessonKey",
                table: "Enrolments_LessonProgress",
                columns: new[] { "EnrolmentId", "LessonKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Enrolments_EmployeeId_CourseSlug",
                table: "Enrolments_Enrolments",
                columns: new[] { "EmployeeId", "CourseSlug" },
                unique: true,
                filter: "\"Status\" = 'in-progress'");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Questions_AssessmentId_Key",
                table: "Courses_Questions",
                columns: new[] { "AssessmentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_MediaFiles_Path",
                table: "Courses_MediaFiles",
                column: "Path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Lessons_CourseId_Key",
                table: "Courses_Lessons",
                columns: new[] { "CourseId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Courses_Slug",
                table: "Courses_Courses",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_CourseCompetencies_CourseId_Code",
                table: "Courses_CourseCompetencies",
                columns: new[] { "CourseId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Competencies_PositionStandards_PositionCode_CompetencyCode",
                table: "Competencies_PositionStandards",
                columns: new[] { "PositionCode", "CompetencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Competencies_Competencies_Code",
                table: "Competencies_Competencies",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certification_Certificates_Code",
                table: "Certification_Certificates",
                column: "Code",
                unique: true);

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
                name: "IX_CareerRecords_Trainings_CertificateId",
                table: "CareerRecords_Trainings",
                column: "CertificateId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareerRecords_CompetencyRecords_CertificateId_CompetencyCode",
                table: "CareerRecords_CompetencyRecords",
                columns: new[] { "CertificateId", "CompetencyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_OneOpenCourse",
                table: "Assignments_Items",
                columns: new[] { "EmployeeId", "CourseSlug" },
                unique: true,
                filter: "\"Status\" <> 'completed' AND \"CourseSlug\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Items_OneOpenPath",
                table: "Assignments_Items",
                columns: new[] { "EmployeeId", "PathKey" },
                unique: true,
                filter: "\"Status\" <> 'completed' AND \"PathKey\" IS NOT NULL");

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
                name: "IX_Accounts_Users_EmployeeId",
                table: "Accounts_Users",
                column: "EmployeeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "Accounts_Users",
                column: "NormalizedUserName",
                unique: true);
        }
    }
}
