using Learning.Kernel;
using Learning.Organisation.Contracts;

namespace Learning.Modules.Tests.Organisation;

public sealed class NipTests
{
    [Theory]
    [InlineData("", NipFault.Empty, "")]
    [InlineData("  . ", NipFault.Empty, "")]
    [InlineData("19820315200604200", NipFault.Length, "17")]
    [InlineData("1982031520060420011", NipFault.Length, "19")]
    [InlineData("19820315200604200O", NipFault.NonDigits, "O")]
    [InlineData("1982-0315-2006042001", NipFault.NonDigits, "-")]
    [InlineData("198202302006042001", NipFault.BirthDate, "19820230")]
    [InlineData("193512012006042001", NipFault.BirthDate, "19351201")]
    [InlineData("198203152006132001", NipFault.AppointmentMonth, "13")]
    [InlineData("198203152006002001", NipFault.AppointmentMonth, "00")]
    [InlineData("198203151990042001", NipFault.AppointmentDate, "1990")]
    [InlineData("198203152050042001", NipFault.AppointmentDate, "2050")]
    [InlineData("198203152006043001", NipFault.Gender, "3")]
    [InlineData("199005172023210005", NipFault.Gender, "0")]
    [InlineData("198203152006042000", NipFault.Sequence, "000")]
    public void Should_reject_a_malformed_nip_with_its_reason(string input, NipFault fault, string detail)
    {
        Assert.False(Nip.TryParse(input, out _, out var error));
        Assert.Equal(fault, error!.Fault);
        Assert.Equal(detail, error.Detail);
        Assert.Throws<FormatException>(() => Nip.Parse(input));
    }

    [Fact]
    public void Should_have_a_reason_text_for_every_fault_in_both_languages()
    {
        var texts = new Texts([typeof(Nip).Assembly]);
        foreach (var language in Texts.Languages)
        foreach (var fault in Enum.GetValues<NipFault>())
            Assert.False(string.IsNullOrWhiteSpace(texts.For(language).GetValueOrDefault($"Organisation.Nip.{fault}")), $"{language}: {fault}");
    }

    [Fact]
    public void Should_read_a_pns_nip()
    {
        var nip = Nip.Parse("198203152006042001");
        Assert.Equal(AsnKind.Pns, nip.Kind);
        Assert.Equal(new DateOnly(1982, 3, 15), nip.BirthDate);
        Assert.Equal(2006, nip.AppointmentYear);
        Assert.True(nip.IsFemale);

        var male = Nip.Parse("197811202003121002");
        Assert.Equal(AsnKind.Pns, male.Kind);
        Assert.Equal(new DateOnly(1978, 11, 20), male.BirthDate);
        Assert.False(male.IsFemale);
    }

    [Fact]
    public void Should_read_a_pppk_nip()
    {
        // Birth date, appointment year 2023, the digit 2, frequency 1, gender 2, sequence 005.
        var nip = Nip.Parse("199005172023212005");
        Assert.Equal(AsnKind.Pppk, nip.Kind);
        Assert.Equal(new DateOnly(1990, 5, 17), nip.BirthDate);
        Assert.Equal(2023, nip.AppointmentYear);
        Assert.True(nip.IsFemale);

        var male = Nip.Parse("198512012022211014");
        Assert.Equal(AsnKind.Pppk, male.Kind);
        Assert.False(male.IsFemale);
    }

    [Theory]
    [InlineData("198203152006042001")]
    [InlineData("197811202003121002")]
    [InlineData("199005172015031001")]
    [InlineData("199208082019022003")]
    [InlineData("199501012020121004")]
    public void Should_accept_the_demo_nips(string input)
    {
        Assert.True(Nip.TryParse(input, out var nip, out var error), error?.Fault.ToString());
        Assert.Equal(input, nip.Value);
        Assert.Equal(AsnKind.Pns, nip.Kind);
    }

    [Theory]
    [InlineData("19820315 200604 2 001")]
    [InlineData("19820315.200604.2.001")]
    [InlineData(" 198203152006042001\t")]
    public void Should_ignore_spaces_and_dots_people_type(string input)
    {
        Assert.True(Nip.TryParse(input, out var nip, out _));
        Assert.Equal("198203152006042001", nip.Value);
        Assert.Equal("198203152006042001", nip.ToString());
    }
}
