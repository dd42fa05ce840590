namespace Learning.Design;

internal static class DesignEntry
{
    private static int Main() => 0;
}
