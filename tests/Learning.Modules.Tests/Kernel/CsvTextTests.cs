using Learning.Kernel.Text;

namespace Learning.Modules.Tests.Kernel;

/// <summary>What a spreadsheet opening an export sees: text that starts like a formula stays text.</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://jahat.example/\",\"Klik\")", "\"'=HYPERLINK(\"\"http://jahat.example/\"\",\"\"Klik\"\")\"")]
    [InlineData("+62 24 1234", "'+62 24 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("Dinas Kependudukan; Catatan Sipil", "\"Dinas Kependudukan; Catatan Sipil\"")]
    [InlineData("Biasa saja", "Biasa saja")]
    public void Should_keep_text_that_starts_like_a_formula_as_text(string value, string cell) =>
        Assert.Equal(cell, CsvText.Cell(value));

    [Fact]
    public void Should_write_numbers_and_dates_the_same_in_any_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("id-ID");
        try
        {
            Assert.Equal("a,b\n-0.667,2026-03-04\n", CsvText.Write(["a", "b"], [[-0.667m, new DateOnly(2026, 3, 4)]]));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
