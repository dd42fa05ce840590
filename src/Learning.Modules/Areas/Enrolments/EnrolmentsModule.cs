using Learning.Kernel;

namespace Learning.Enrolments;

/// <summary>The learner's side: enrolment, catalog, lesson progress, my learning (home).</summary>
public sealed class EnrolmentsModule : LearningModule
{
    public override string Id => "Enrolments";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Accounts"];
}
