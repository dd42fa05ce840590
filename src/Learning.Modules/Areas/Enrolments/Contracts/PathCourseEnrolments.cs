namespace Learning.Enrolments.Contracts;

/// <summary>
/// A further course of a running path (blended training: a pre-course, then a post-course): the path engine asks for it when a
/// step that names the course begins. Implemented by Enrolments, in the caller's unit of work (the caller saves, so the
/// enrolment and the step that asked for it are written together or not at all).
/// </summary>
public interface IPathCourseEnrolments
{
    /// <summary>
    /// The person of <paramref name="firstEnrolmentId"/> (the path's first enrolment) on <paramref name="courseSlug"/>, run by the
    /// path instance <paramref name="pathInstanceId"/>, with the first enrolment's source, due date and path. An enrolment already
    /// in progress on the course is given back (one on the course's default path joins this path instead); null when there is
    /// no such published course or first enrolment.
    /// </summary>
    Task<PathCourseEnrolment?> Enrol(Guid firstEnrolmentId, string courseSlug, Guid pathInstanceId, CancellationToken ct = default);
}

/// <param name="Created">False: an enrolment in progress was given back.</param>
/// <param name="LeftPathInstanceId">The default path's instance the given-back enrolment ran on before it joined this path.</param>
/// <param name="LessonsDone">Lessons the given-back enrolment had done already.</param>
public sealed record PathCourseEnrolment(Guid EnrolmentId, bool Created, Guid? LeftPathInstanceId, IReadOnlyList<string> LessonsDone);
