using Platform.Core.Tenancy;
using Quiz.Contestants;

namespace Quiz.Tests.Contestants;

public sealed class RegistrationRulesTests
{
    [Theory]
    // Twelve digits.
    [InlineData("001090123456", true)]
    // Eleven digits.
    [InlineData("00109012345", false)]
    // Thirteen digits.
    [InlineData("0010901234567", false)]
    // A letter inside.
    [InlineData("00109012345A", false)]
    // Spaces are not digits.
    [InlineData("001 090 1234", false)]
    // Nothing.
    [InlineData(null, false)]
    public void IsCitizenId(string? value, bool expected) => Assert.Equal(expected, RegistrationRules.IsCitizenId(value));

    [Theory]
    // Viettel 09x.
    [InlineData("0912345678", "0912345678")]
    // International form with spaces.
    [InlineData("+84 388 123 456", "0388123456")]
    // 84 without plus.
    [InlineData("84912345678", "0912345678")]
    // Landline of Bắc Kạn (0209): not a mobile.
    [InlineData("0209387000", null)]
    // Old 11-digit mobile numbers were converted in 2018.
    [InlineData("01689123456", null)]
    // Too short.
    [InlineData("091234567", null)]
    public void NormalizeMobile(string value, string? expected) => Assert.Equal(expected, RegistrationRules.NormalizeMobile(value));

    [Theory]
    // The day before the 15th birthday: 14.
    [InlineData("2008-09-11", "2023-09-10", 14)]
    // On the 15th birthday: 15.
    [InlineData("2008-09-10", "2023-09-10", 15)]
    // Born on 29 February: in a common year the year of age ends on the last day of February.
    [InlineData("2008-02-29", "2023-02-28", 15)]
    // Born on 29 February, the day before that.
    [InlineData("2008-02-29", "2023-02-27", 14)]
    public void AgeOn_CountsCompletedYears(string birth, string day, int expected) =>
        Assert.Equal(expected, TenantTime.AgeOn(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    // ISO date.
    [InlineData("1990-05-17", true)]
    // Vietnamese order is refused: the API takes yyyy-MM-dd only.
    [InlineData("17/05/1990", false)]
    // No such day.
    [InlineData("2023-02-29", false)]
    public void ParseDate_IsStrict(string value, bool ok) => Assert.Equal(ok, RegistrationRules.ParseDate(value) is not null);
}
