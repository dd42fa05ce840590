using Learning.Kernel;

namespace Learning.Learning;

/// <summary>The learner's side: my learning (home), catalog, enrolment, lesson progress.</summary>
public sealed class MyLearningModule : LearningModule
{
    public override string Id => "Learning";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Accounts"];
}
