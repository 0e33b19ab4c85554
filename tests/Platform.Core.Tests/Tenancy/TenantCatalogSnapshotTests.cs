using Microsoft.AspNetCore.Http;
using Platform.Core.Tenancy;

namespace Platform.Core.Tests.Tenancy;

public sealed class TenantCatalogSnapshotTests
{
    private static readonly TenantInfo[] Tenants =
    [
        Tenant("backan-2023", prefix: "backan-2023"),
        Tenant("hanoi", prefix: "hanoi", "thi.hanoi.gov.vn"),
        Tenant("danang", prefix: string.Empty, "contest.danang.vn"),
        Tenant("danang-beta", prefix: string.Empty, "contest.danang.vn:8443"),
    ];

    private static readonly TenantCatalogSnapshot Catalog = new(Tenants, version: 7);

    [Theory]
    // Prefix with a deeper path, no host header at all.
    [InlineData("", "/backan-2023/dang-nhap", ResolutionKind.Tenant, "backan-2023", "/backan-2023", "/dang-nhap")]
    // Prefix in upper case matches; PathBase uses the catalog's spelling, the rest keeps its case.
    [InlineData("localhost", "/BACKAN-2023/Bai-Thi", ResolutionKind.Tenant, "backan-2023", "/backan-2023", "/Bai-Thi")]
    // Prefix with a trailing slash: the rest is "/".
    [InlineData("localhost", "/backan-2023/", ResolutionKind.Tenant, "backan-2023", "/backan-2023", "/")]
    // Prefix only: the rest is "/".
    [InlineData("localhost", "/backan-2023", ResolutionKind.Tenant, "backan-2023", "/backan-2023", "/")]
    // Deep path under the prefix is kept whole.
    [InlineData("localhost", "/backan-2023/media/de-thi/anh.png", ResolutionKind.Tenant, "backan-2023", "/backan-2023", "/media/de-thi/anh.png")]
    // A reserved word after the prefix belongs to the tenant (its own admin).
    [InlineData("localhost", "/backan-2023/admin/users", ResolutionKind.Tenant, "backan-2023", "/backan-2023", "/admin/users")]
    // A segment that only starts with a prefix is not that prefix.
    [InlineData("localhost", "/backan-2023x/", ResolutionKind.Unknown, null, "", "/backan-2023x/")]
    // Unmapped host with a port falls back to the prefix.
    [InlineData("other.example:5000", "/hanoi/ket-qua", ResolutionKind.Tenant, "hanoi", "/hanoi", "/ket-qua")]
    // Mapped host: no prefix is stripped.
    [InlineData("thi.hanoi.gov.vn", "/", ResolutionKind.Tenant, "hanoi", "", "/")]
    // Host names are case-insensitive.
    [InlineData("THI.Hanoi.GOV.vn", "/ket-qua", ResolutionKind.Tenant, "hanoi", "", "/ket-qua")]
    // A trailing dot (fully qualified name) is ignored.
    [InlineData("thi.hanoi.gov.vn.", "/ket-qua", ResolutionKind.Tenant, "hanoi", "", "/ket-qua")]
    // A trailing dot before a port is ignored too.
    [InlineData("thi.hanoi.gov.vn.:8080", "/", ResolutionKind.Tenant, "hanoi", "", "/")]
    // A port without a port-specific mapping falls back to the bare host.
    [InlineData("thi.hanoi.gov.vn:8080", "/x", ResolutionKind.Tenant, "hanoi", "", "/x")]
    // An exact host:port mapping wins over the bare host.
    [InlineData("contest.danang.vn:8443", "/", ResolutionKind.Tenant, "danang-beta", "", "/")]
    // The bare host goes to its own tenant.
    [InlineData("contest.danang.vn", "/", ResolutionKind.Tenant, "danang", "", "/")]
    // Another port on the same host goes to the bare host's tenant.
    [InlineData("contest.danang.vn:9000", "/", ResolutionKind.Tenant, "danang", "", "/")]
    // Host wins over another tenant's prefix, and the path is left alone.
    [InlineData("thi.hanoi.gov.vn", "/backan-2023/x", ResolutionKind.Tenant, "hanoi", "", "/backan-2023/x")]
    // Host wins over reserved words: the tenant's own admin.
    [InlineData("thi.hanoi.gov.vn", "/admin/users", ResolutionKind.Tenant, "hanoi", "", "/admin/users")]
    // Reserved: host admin.
    [InlineData("localhost", "/admin", ResolutionKind.Host, null, "", "/admin")]
    // Reserved in upper case.
    [InlineData("localhost", "/ADMIN/tenants", ResolutionKind.Host, null, "", "/ADMIN/tenants")]
    // Reserved: API with a deeper path.
    [InlineData("localhost", "/api/v1/x", ResolutionKind.Host, null, "", "/api/v1/x")]
    // Reserved: health checks.
    [InlineData("localhost", "/health/ready", ResolutionKind.Host, null, "", "/health/ready")]
    // Reserved: theme assets.
    [InlineData("localhost", "/themes/Default/site.css", ResolutionKind.Host, null, "", "/themes/Default/site.css")]
    // Reserved: a file name segment.
    [InlineData("localhost", "/favicon.ico", ResolutionKind.Host, null, "", "/favicon.ico")]
    // Root is the host scope.
    [InlineData("localhost", "/", ResolutionKind.Host, null, "", "/")]
    // Empty path is the host scope.
    [InlineData("localhost", "", ResolutionKind.Host, null, "", "")]
    // Unknown first segment.
    [InlineData("localhost", "/khong-co/trang", ResolutionKind.Unknown, null, "", "/khong-co/trang")]
    // Unknown first segment, nothing after it.
    [InlineData("other.example:5000", "/khong-co", ResolutionKind.Unknown, null, "", "/khong-co")]
    public void Resolve_WhenHostAndPathGiven_ReturnsExpectedResolution(
        string host, string path, ResolutionKind kind, string? tenant, string pathBase, string rest)
    {
        // Arrange
        var hostString = new HostString(host);
        var pathString = new PathString(path);

        // Act
        var resolution = Catalog.Resolve(hostString, pathString);

        // Assert
        Assert.Equal(kind, resolution.Kind);
        Assert.Equal(tenant, resolution.Tenant?.Name);
        Assert.Equal(pathBase, resolution.PathBase.Value ?? string.Empty);
        Assert.Equal(rest, resolution.Path.Value ?? string.Empty);
    }

    [Theory]
    // Same spelling.
    [InlineData("hanoi", "hanoi")]
    // Upper case.
    [InlineData("HANOI", "hanoi")]
    // Mixed case with a dash.
    [InlineData("BacKan-2023", "backan-2023")]
    // Not in the catalog.
    [InlineData("hue", null)]
    public void FindByName_WhenNameGiven_MatchesCaseInsensitively(string name, string? expected)
    {
        // Act
        var tenant = Catalog.FindByName(name);

        // Assert
        Assert.Equal(expected, tenant?.Name);
    }

    [Fact]
    public void Constructor_WhenTenantsGiven_KeepsCatalogOrderAndVersion()
    {
        // Assert
        Assert.Equal(["backan-2023", "hanoi", "danang", "danang-beta"], Catalog.Tenants.Select(t => t.Name));
        Assert.Equal(7, Catalog.Version);
    }

    [Fact]
    public void Resolve_WhenCatalogIsEmpty_ReturnsUnknownForAnySegment()
    {
        // Act
        var resolution = TenantCatalogSnapshot.Empty.Resolve(new HostString("thi.hanoi.gov.vn"), new PathString("/hanoi"));

        // Assert
        Assert.Equal(ResolutionKind.Unknown, resolution.Kind);
        Assert.Null(resolution.Tenant);
    }

    private static TenantInfo Tenant(string name, string prefix, params string[] hosts) =>
        new(Guid.NewGuid().ToString("N"), name, name, TenantState.Running, prefix, hosts, "vi-VN", "Asia/Ho_Chi_Minh", "Default", null, null);
}
