using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.QuizAdmin;

/// <summary>The units' admin page: the tree, the import (preview, confirm) and the export.</summary>
public abstract class UnitAdminPagesTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string Header = "Code,Name,ParentCode,Block,Headcount";

    [Fact]
    public async Task Units_ShowTheTreeAndImportACsvOnConfirm()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        await admin.Data.AddUnitsAsync(); // BK-TP, and BK-TP-DX under it
        var file = AdminClient.Csv(Header, "BK-NR,Huyện Na Rì,,\"Huyện, thành phố\",250", "BK-NR-YL,Thị trấn Yến Lạc,BK-NR,\"Xã, phường, thị trấn\",40", "BK-TP-DX,Phường Đức Xuân,BK-TP,\"Xã, phường, thị trấn\",35");

        var before = await admin.GetStringAsync("/admin/units");
        var preview = await admin.UploadAsync("/admin/units/import", "don-vi.csv", file);
        var html = await preview.Content.ReadAsStringAsync();
        var unitsAfterPreview = await CountAsync(admin);
        var confirmed = await admin.ConfirmAsync("/admin/units/import", html);
        var after = await admin.GetStringAsync("/admin/units");

        Assert.Matches("<tr data-depth=\"0\">\\s*<td[^>]*><strong>Thành phố Bắc Kạn</strong></td>", before);
        Assert.Matches("<tr data-depth=\"1\">\\s*<td[^>]*><span class=\"hint\" aria-hidden=\"true\">└ </span>Phường Đức Xuân</td>", before);
        Assert.Contains("<strong data-count=\"new\">2</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-count=\"updated\">1</strong>", html, StringComparison.Ordinal);
        Assert.Equal(2, unitsAfterPreview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("Đã nhập tệp &#x27;don-vi.csv&#x27;: 2 đơn vị mới, 1 đơn vị cập nhật, 0 đơn vị không đổi.", after, StringComparison.Ordinal);
        Assert.Matches("<tr data-depth=\"1\">\\s*<td[^>]*><span class=\"hint\" aria-hidden=\"true\">└ </span>Thị trấn Yến Lạc</td>\\s*<td>BK-NR-YL</td>\\s*<td>Xã, phường, thị trấn</td>\\s*<td[^>]*>40</td>", after);
        Assert.Equal(4, await CountAsync(admin));
    }

    [Fact]
    public async Task UnitImport_WhenAParentIsMissing_ShowsTheErrorAndImportsNothing()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        await admin.Data.AddUnitsAsync();

        var preview = await admin.UploadAsync("/admin/units/import", "don-vi.csv", AdminClient.Csv(Header, "BK-X,Xã mới,BK-KHONGCO,,"));
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Matches("<td>2</td>\\s*<td>C \\(ParentCode\\)</td>\\s*<td>Không tìm thấy đơn vị cha &#x27;BK-KHONGCO&#x27;", html);
        Assert.DoesNotContain("Xác nhận nhập", html, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(admin));
    }

    [Fact]
    public async Task UnitImport_WhenTheDataChangedSincePreview_ChecksAgainAndImportsNothing()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        await admin.Data.AddUnitsAsync();
        var preview = await admin.UploadAsync("/admin/units/import", "don-vi.csv", AdminClient.Csv(Header, "BK-X,Xã mới,BK-TP-DX,,", "BK-Y,Xã mới khác,BK-TP,,"));
        var html = await preview.Content.ReadAsStringAsync();
        await admin.InDatabaseAsync(db => db.Units.Where(u => u.Code == "BK-TP-DX").ExecuteDeleteAsync());

        var confirmed = await admin.ConfirmAsync("/admin/units/import", html);
        var result = await confirmed.Content.ReadAsStringAsync();

        Assert.Contains("<strong data-count=\"new\">2</strong>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Không tìm thấy đơn vị cha &#x27;BK-TP-DX&#x27;", result, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(admin));
    }

    [Fact]
    public async Task UnitExport_DownloadsAnXlsxThatImportsBackUnchanged()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.TenantAdmin);
        var imported = await admin.UploadAsync("/admin/units/import", "don-vi.csv", AdminClient.Csv(
            Header, "BK-TP,Thành phố Bắc Kạn,,\"Huyện, thành phố\",120", "BK-TP-DX,Phường Đức Xuân,BK-TP,\"Xã, phường, thị trấn\",", "BK-TP-SC,Phường Sông Cầu,BK-TP,,30"));
        await admin.ConfirmAsync("/admin/units/import", await imported.Content.ReadAsStringAsync());

        var export = await admin.Http.GetAsync($"{admin.Base}/admin/units?handler=Export");
        var preview = await admin.UploadAsync("/admin/units/import", "don-vi.xlsx", await export.Content.ReadAsByteArrayAsync());
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, await CountAsync(admin));
        Assert.Contains("<strong data-count=\"unchanged\">3</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Xác nhận nhập", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitPages_WhenQuestionAuthor_AreDenied()
    {
        var admin = await AdminClient.SignInAsync(fixture, PlatformRoles.QuestionAuthor);

        var response = await admin.Http.GetAsync($"{admin.Base}/admin/units/import");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{admin.Base}/admin/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static Task<int> CountAsync(AdminClient admin) => admin.InDatabaseAsync(db => db.Units.CountAsync());
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteUnitAdminPagesTests(SqliteFixture fixture) : UnitAdminPagesTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresUnitAdminPagesTests(PostgresFixture fixture) : UnitAdminPagesTests<PostgresFixture>(fixture);
