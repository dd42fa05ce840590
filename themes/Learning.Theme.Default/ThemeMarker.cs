namespace Learning.Theme.Default;

/// <summary>Finds this theme's assembly (its texts and static assets).</summary>
public sealed class ThemeMarker;
