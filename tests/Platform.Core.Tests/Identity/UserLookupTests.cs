using Platform.Core.Identity;

namespace Platform.Core.Tests.Identity;

public sealed class UserLookupTests
{
    [Theory]
    // Already in the stored form.
    [InlineData("0912345678", "0912345678")]
    // International form with a plus.
    [InlineData("+84912345678", "0912345678")]
    // International form without the plus.
    [InlineData("84912345678", "0912345678")]
    // Spaces between groups.
    [InlineData("0912 345 678", "0912345678")]
    // Dashes and dots between groups.
    [InlineData("091-234.5678", "0912345678")]
    // International form with brackets and spaces.
    [InlineData("(+84) 912 345 678", "0912345678")]
    // International form without the plus, with spaces.
    [InlineData("84 912 345 678", "0912345678")]
    // Surrounding whitespace.
    [InlineData("  0387654321 ", "0387654321")]
    // A local number whose own digits start with 84 is left alone.
    [InlineData("0841234567", "0841234567")]
    // Too short.
    [InlineData("091234567", null)]
    // Too long.
    [InlineData("09123456789", null)]
    // Nine digits without the leading zero.
    [InlineData("912345678", null)]
    // Ten digits starting with 84 are not the 84 form.
    [InlineData("8412345678", null)]
    // Another country's code.
    [InlineData("+1 912 345 6789", null)]
    // A plus in the middle.
    [InlineData("0912+345678", null)]
    // Not a number.
    [InlineData("nguyenvana", null)]
    // Empty.
    [InlineData("", null)]
    // Non-ASCII (full-width) digits.
    [InlineData("０９１２３４５６７８", null)]
    public void NormalizePhone_WhenValueGiven_ReturnsStoredFormOrNull(string value, string? expected)
    {
        // Act
        var phone = UserLookup.NormalizePhone(value);

        // Assert
        Assert.Equal(expected, phone);
    }

    [Fact]
    public void NormalizePhone_WhenValueIsNull_Throws()
    {
        // Act & Assert
        Assert.Throws<ArgumentNullException>(() => UserLookup.NormalizePhone(null!));
    }
}
