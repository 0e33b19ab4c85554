using Platform.Core.Tenancy;

namespace Platform.Core.Tests.Tenancy;

public sealed class TenantNameRulesTests
{
    private const string Vn = "vi-VN";
    private const string Hcm = "Asia/Ho_Chi_Minh";

    private static readonly TenantInfo[] Others =
    [
        Tenant("backan-2023", "backan-2023", "thi.backan.gov.vn"),

        // Stored with upper case on purpose, to show comparisons ignore case.
        Tenant("Quang-Ninh", "Quang-Ninh", "THI.QUANGNINH.VN"),
    ];

    [Theory]
    // Valid: prefix only.
    [InlineData("lamdong-2024", "lamdong-2024", "", Vn, Hcm, "")]
    // Valid: host only.
    [InlineData("lamdong", "", "thi.lamdong.vn", Vn, Hcm, "")]
    // Valid: host with a port, and a prefix.
    [InlineData("lamdong", "lamdong", "thi.lamdong.vn:8443", Vn, Hcm, "")]
    // Valid: single-label host with a port, several hosts.
    [InlineData("lamdong", "", "localhost:5001,thi.lamdong.vn", Vn, Hcm, "")]
    // Valid: English culture and a UTC zone.
    [InlineData("lamdong", "lamdong", "", "en-US", "Etc/UTC", "")]
    // Valid: 2 characters is the shortest slug.
    [InlineData("ld", "ld", "", Vn, Hcm, "")]
    // Valid: 63 characters is the longest slug.
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "lamdong", "", Vn, Hcm, "")]
    // Bad slug: upper case.
    [InlineData("LamDong", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: leading dash.
    [InlineData("-lamdong", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: trailing dash.
    [InlineData("lamdong-", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: 1 character.
    [InlineData("a", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: 64 characters.
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: underscore.
    [InlineData("lam_dong", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: Vietnamese letters.
    [InlineData("lâm-đồng", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: empty.
    [InlineData("", "lamdong", "", Vn, Hcm, "name")]
    // Bad slug: a trailing line feed must not slip through the end anchor.
    [InlineData("lamdong\n", "lamdong", "", Vn, Hcm, "name")]
    // Reserved name.
    [InlineData("admin", "lamdong", "", Vn, Hcm, "name")]
    // Reserved name, another word.
    [InlineData("health", "lamdong", "", Vn, Hcm, "name")]
    // Bad prefix slug.
    [InlineData("lamdong", "Lam_Dong", "", Vn, Hcm, "prefix")]
    // Bad prefix: a trailing line feed.
    [InlineData("lamdong", "lamdong\n", "", Vn, Hcm, "prefix")]
    // Reserved prefix.
    [InlineData("lamdong", "api", "", Vn, Hcm, "prefix")]
    // Reserved prefix, another word.
    [InlineData("lamdong", "themes", "", Vn, Hcm, "prefix")]
    // Duplicate name.
    [InlineData("backan-2023", "backan-moi", "", Vn, Hcm, "name")]
    // Duplicate name, other stored in another case.
    [InlineData("quang-ninh", "qn-2024", "", Vn, Hcm, "name")]
    // Duplicate prefix.
    [InlineData("backan-moi", "backan-2023", "", Vn, Hcm, "prefix")]
    // Duplicate prefix, other stored in another case.
    [InlineData("qn-2024", "quang-ninh", "", Vn, Hcm, "prefix")]
    // Duplicate host.
    [InlineData("lamdong", "", "thi.backan.gov.vn", Vn, Hcm, "hosts")]
    // Duplicate host, other stored in another case.
    [InlineData("lamdong", "", "thi.quangninh.vn", Vn, Hcm, "hosts")]
    // Same host as another tenant but with a port is a different mapping.
    [InlineData("lamdong", "", "thi.backan.gov.vn:8443", Vn, Hcm, "")]
    // Duplicate host within the draft.
    [InlineData("lamdong", "", "thi.lamdong.vn,thi.lamdong.vn", Vn, Hcm, "hosts")]
    // Neither prefix nor host.
    [InlineData("lamdong", "", "", Vn, Hcm, "prefix")]
    // Unknown culture.
    [InlineData("lamdong", "lamdong", "", "xx-YY", Hcm, "culture")]
    // Empty culture (the invariant culture is not a language).
    [InlineData("lamdong", "lamdong", "", "", Hcm, "culture")]
    // Unknown time zone.
    [InlineData("lamdong", "lamdong", "", Vn, "Mars/Olympus_Mons", "timeZone")]
    // Empty time zone.
    [InlineData("lamdong", "lamdong", "", Vn, "", "timeZone")]
    // Invalid host: a space.
    [InlineData("lamdong", "", "thi lamdong.vn", Vn, Hcm, "hosts")]
    // Invalid host: a URL, not a host.
    [InlineData("lamdong", "", "https://thi.lamdong.vn", Vn, Hcm, "hosts")]
    // Invalid host: label starting with a dash.
    [InlineData("lamdong", "", "-thi.lamdong.vn", Vn, Hcm, "hosts")]
    // Invalid host: empty label.
    [InlineData("lamdong", "", "thi..lamdong.vn", Vn, Hcm, "hosts")]
    // Invalid host: colon without a port.
    [InlineData("lamdong", "", "thi.lamdong.vn:", Vn, Hcm, "hosts")]
    // Invalid host: not normalized (upper case).
    [InlineData("lamdong", "", "Thi.LamDong.vn", Vn, Hcm, "hosts")]
    // Invalid host: a trailing line feed must not slip through the end anchor.
    [InlineData("lamdong", "", "thi.lamdong.vn\n", Vn, Hcm, "hosts")]
    // Invalid host: port out of the 0-65535 range.
    [InlineData("lamdong", "", "thi.lamdong.vn:99999", Vn, Hcm, "hosts")]
    // Several fields wrong at once: every one is reported.
    [InlineData("Lam_Dong", "admin", "", "xx-YY", "Nowhere/City", "name,prefix,culture,timeZone")]
    public void Validate_WhenDraftGiven_ReportsExpectedFields(
        string name, string prefix, string hosts, string culture, string timeZone, string expectedFields)
    {
        // Arrange
        var draft = new TenantDraft
        {
            Name = name,
            Prefix = prefix,
            Hosts = Split(hosts),
            Culture = culture,
            TimeZone = timeZone,
        };

        // Act
        var errors = TenantNameRules.Validate(draft, Others);

        // Assert
        Assert.Equal(Split(expectedFields).Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void Validate_WhenUpdatingTenantWithItsOwnPrefixAndHosts_ReportsNothing()
    {
        // Arrange
        var draft = new TenantDraft { Name = "backan-2023", Prefix = "backan-2023", Hosts = ["thi.backan.gov.vn"], IsUpdate = true };

        // Act
        var errors = TenantNameRules.Validate(draft, Others);

        // Assert
        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_WhenUpdatingTenantToAnotherTenantsPrefix_ReportsPrefix()
    {
        // Arrange
        var draft = new TenantDraft { Name = "backan-2023", Prefix = "quang-ninh", IsUpdate = true };

        // Act
        var errors = TenantNameRules.Validate(draft, Others);

        // Assert
        Assert.Equal(["prefix"], errors.Keys);
    }

    [Fact]
    public void Validate_WhenDuplicateNameGiven_MessageNamesTheName()
    {
        // Arrange
        var draft = new TenantDraft { Name = "backan-2023", Prefix = "backan-moi" };

        // Act
        var errors = TenantNameRules.Validate(draft, Others);

        // Assert
        Assert.Contains("backan-2023", errors["name"], StringComparison.Ordinal);
    }

    [Theory]
    // Upper case, surrounding spaces and a trailing dot.
    [InlineData(" Thi.BacKan.Gov.VN. ", "thi.backan.gov.vn")]
    // Port is kept.
    [InlineData("Contest.Example.com:8080", "contest.example.com:8080")]
    // Already normalized.
    [InlineData("thi.hanoi.gov.vn", "thi.hanoi.gov.vn")]
    // Empty stays empty.
    [InlineData("", "")]
    public void NormalizeHost_WhenHostGiven_ReturnsLowerCaseWithoutTrailingDot(string host, string expected)
    {
        // Act
        var normalized = TenantNameRules.NormalizeHost(host);

        // Assert
        Assert.Equal(expected, normalized);
    }

    [Theory]
    // Reserved word.
    [InlineData("admin", true)]
    // Reserved word in upper case.
    [InlineData("API", true)]
    // Reserved file name.
    [InlineData("robots.txt", true)]
    // Reserved host scope id.
    [InlineData("__host", true)]
    // A tenant prefix.
    [InlineData("backan-2023", false)]
    // Only starts with a reserved word.
    [InlineData("administrator", false)]
    public void IsReserved_WhenSegmentGiven_ReturnsExpected(string segment, bool expected)
    {
        // Act
        var reserved = TenantNameRules.IsReserved(segment);

        // Assert
        Assert.Equal(expected, reserved);
    }

    private static string[] Split(string list) =>
        list.Length == 0 ? [] : list.Split(',');

    private static TenantInfo Tenant(string name, string prefix, params string[] hosts) =>
        new(Guid.NewGuid().ToString("N"), name, name, TenantState.Running, prefix, hosts, "vi-VN", "Asia/Ho_Chi_Minh", "Default", null, null);
}
