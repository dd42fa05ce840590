using System.Net;
using Learning.Accounts;

namespace Learning.Modules.Tests.Accounts;

public sealed class SignInThrottleTests
{
    [Fact]
    public void Should_count_a_login_by_what_was_typed_whatever_its_spacing_or_case()
    {
        Assert.Equal("199005172015031001", SignInThrottle.AccountKey(" 19900517 201503 1 001 "));
        Assert.Equal(SignInThrottle.AccountKey("Admin"), SignInThrottle.AccountKey("admin"));
        Assert.Equal(256, SignInThrottle.AccountKey(new string('a', 5000)).Length);
    }

    [Fact]
    public void Should_count_an_IPv6_client_by_its_64_bit_network_and_a_mapped_IPv4_as_IPv4()
    {
        Assert.Equal(SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2:aaaa::1")), SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.NotEqual(SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:2::1")), SignInThrottle.AddressKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("203.0.113.5", SignInThrottle.AddressKey(IPAddress.Parse("::ffff:203.0.113.5")));
        Assert.Equal("unknown", SignInThrottle.AddressKey(null));
    }

    [Fact]
    public void Should_double_the_wait_per_failure_past_the_limit_up_to_the_cap()
    {
        var rule = new ThrottleRule(5, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));
        Assert.Equal(TimeSpan.Zero, rule.DelayAfter(4));
        Assert.Equal(TimeSpan.FromSeconds(30), rule.DelayAfter(5));
        Assert.Equal(TimeSpan.FromSeconds(60), rule.DelayAfter(6));
        Assert.Equal(TimeSpan.FromSeconds(480), rule.DelayAfter(9));
        Assert.Equal(TimeSpan.FromMinutes(15), rule.DelayAfter(10));
        Assert.Equal(TimeSpan.FromMinutes(15), rule.DelayAfter(500));
    }
}
