namespace Learning.Kernel.Text;

/// <summary>
/// The one problem type of every import (content files, path definitions, onboarding and standards CSV): the file as the
/// person named it, the 1-based line, and why in the reader's language. The CLI prints <see cref="ToString"/> (one
/// <c>file:line: reason</c> line each), pages list the same text, and the API answers <see cref="Problems.Refused"/>.
/// </summary>
public sealed record SourceProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
