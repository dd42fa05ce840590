using Learning.Kernel;

namespace Learning.Evaluations;

/// <summary>
/// Training evaluation: the reaction form (Kirkpatrick level 1) of classes and self-paced courses, the pre-test/post-test gain
/// (level 2), and reports per class, trainer and course.
/// </summary>
public sealed class EvaluationsModule : LearningModule
{
    public override string Id => "Evaluations";
}
