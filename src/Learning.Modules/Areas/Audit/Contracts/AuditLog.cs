namespace Learning.Audit.Contracts;

/// <summary>
/// The append-only record of privileged actions. <see cref="Record"/> adds the row to the caller's unit of work, so it is
/// written by the caller's next save, in the same transaction as the action, or not at all. Who acted and from where are
/// taken from the request (or the command line); the caller says what and to whom.
/// </summary>
public interface IAuditLog
{
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="subject">Whom or what it was done to, by name ("Dewi Lestari (199208082019022003)", a course's title).</param>
    /// <param name="detail">Anything that says more: a reason, a new date, counts.</param>
    void Record(string action, string subject, string? detail = null);
}

/// <summary>The kinds of privileged action; each has a label in the audit module's strings (Audit.Action.&lt;kind&gt;).</summary>
public static class AuditActions
{
    public const string PasswordReset = "password-reset";
    public const string RoleGranted = "role-granted";
    public const string RoleWithdrawn = "role-withdrawn";
    public const string ApprovalDecided = "approval-decided";
    public const string ExtensionDecided = "extension-decided";
    public const string TrainingReviewed = "training-reviewed";
    public const string SelfAssessmentConfirmed = "self-assessment-confirmed";
    public const string CertificateRevoked = "certificate-revoked";
    public const string ContentImported = "content-imported";
    public const string OrganisationImported = "organisation-imported";
    public const string StandardsImported = "standards-imported";
    public const string CoursePublished = "course-published";
    public const string PathPublished = "path-published";
    public const string JobRun = "job-run";
    public const string ActivationCodesIssued = "activation-codes-issued";
    public const string AccountDeactivated = "account-deactivated";
    public const string AccountReactivated = "account-reactivated";
    public const string AttendanceCorrected = "attendance-corrected";

    public static readonly IReadOnlyList<string> All =
    [
        PasswordReset, RoleGranted, RoleWithdrawn, ApprovalDecided, ExtensionDecided, TrainingReviewed, SelfAssessmentConfirmed,
        CertificateRevoked, ContentImported, OrganisationImported, StandardsImported, CoursePublished, PathPublished, JobRun,
        ActivationCodesIssued,
        AccountDeactivated, AccountReactivated,
        AttendanceCorrected,
    ];
}
