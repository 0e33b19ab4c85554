using System.Net;
using System.Text.RegularExpressions;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Admin;

public abstract partial class AdminPagesTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string Password = "matkhau2023";

    [Fact]
    public async Task TenantAdmin_WhenSignedIn_SeesTheMenuTheModulesContribute()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.TenantAdmin);

        var html = await client.GetStringAsync($"/{tenant.Prefix}/admin");

        Assert.Contains($"href=\"/{tenant.Prefix}/admin/users\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{tenant.Prefix}/admin/settings\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_WhenSignedIn_SeesNeitherAccountsNorSettingsAndIsDeniedThem()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.Editor);

        var html = await client.GetStringAsync($"/{tenant.Prefix}/admin");
        var users = await client.GetAsync($"/{tenant.Prefix}/admin/users");

        Assert.DoesNotContain("/admin/users", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/settings", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.StartsWith($"/{tenant.Prefix}/admin/denied", users.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contestant_WhenSignedIn_IsDeniedTheAdmin()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.Contestant);

        var admin = await client.GetAsync($"/{tenant.Prefix}/admin");

        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith($"/{tenant.Prefix}/admin/denied", admin.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_WhenPasswordRight_SignsInAndGoesToTheAdmin()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bantochuc", PlatformRoles.TenantAdmin, Password);
        var client = fixture.CreateClient();

        var response = await Forms.PostAsync(client, $"/{tenant.Prefix}/admin/login", new Dictionary<string, string> { ["Login"] = "bantochuc", ["Password"] = Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/{tenant.Prefix}/admin", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant.Prefix}/admin")).StatusCode);
    }

    [Fact]
    public async Task LoginPage_WhenReturnUrlIsAnotherSite_StaysOnThisSite()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bantochuc", PlatformRoles.TenantAdmin, Password);

        var response = await Forms.PostAsync(fixture.CreateClient(), $"/{tenant.Prefix}/admin/login", new Dictionary<string, string>
        {
            ["Login"] = "bantochuc", ["Password"] = Password, ["ReturnUrl"] = "https://evil.example/phish",
        });

        Assert.Equal($"/{tenant.Prefix}/admin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SettingsPage_WhenSaved_ChangesTheThemeAndNameOfThePublicSite()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.TenantAdmin);

        var saved = await Forms.PostAsync(client, $"/{tenant.Prefix}/admin/settings", new Dictionary<string, string>
        {
            ["DisplayName"] = "Cuộc thi thử nghiệm", ["Culture"] = "vi-VN", ["TimeZone"] = "Asia/Ho_Chi_Minh", ["Theme"] = "Default",
            ["Values"] = "organiser=Sở Thông tin và Truyền thông",
        });
        var home = await fixture.CreateClient().GetStringAsync($"/{tenant.Prefix}/");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Cuộc thi thử nghiệm", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/themes/BacKan/", home, StringComparison.Ordinal);
        Assert.Contains("Cơ quan tổ chức: Sở Thông tin và Truyền thông", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPage_WhenAccountAdded_ShowsAPasswordOnceThatSignsIn()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.TenantAdmin);

        await Forms.PostAsync(client, $"/{tenant.Prefix}/admin/users", new Dictionary<string, string>
        {
            ["NewUserName"] = "thuky1", ["NewDisplayName"] = "Tổ thư ký", ["NewRole"] = PlatformRoles.Secretary,
        });
        var page = await client.GetStringAsync($"/{tenant.Prefix}/admin/users");
        var password = PasswordPattern().Match(page).Groups[1].Value;
        var again = await client.GetStringAsync($"/{tenant.Prefix}/admin/users");
        var login = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{tenant.Prefix}", "thuky1", password);

        Assert.NotEmpty(password);
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task HostAdmin_CreatesATenantFromARecipeAndDisablesIt()
    {
        var client = fixture.CreateClient();
        await PlatformFixture.LoginAsync(client, string.Empty, "admin", PlatformFixture.HostAdminPassword);
        var form = await client.GetStringAsync("/admin/tenants/create");
        var recipe = WebUtility.HtmlDecode(RecipeOptionPattern().Match(form).Groups[1].Value);
        var name = PlatformFixture.UniqueName();

        var created = await Forms.PostAsync(client, "/admin/tenants/create", new Dictionary<string, string>
        {
            ["Recipe"] = recipe, ["Name"] = name, ["Prefix"] = string.Empty, ["Hosts"] = string.Empty, ["Database"] = string.Empty,
        });
        var servedAfterCreate = await client.GetAsync($"/{name}/");
        var list = await client.GetStringAsync("/admin");
        var disabled = await Forms.PostAsync(client, "/admin", new Dictionary<string, string> { ["name"] = name }, handler: "Disable");
        var servedAfterDisable = await client.GetAsync($"/{name}/");

        Assert.EndsWith("backan-2023", recipe, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, servedAfterCreate.StatusCode);
        Assert.Contains($">{name}</a>", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, servedAfterDisable.StatusCode);
    }

    [Fact]
    public async Task HostAdmin_WhenNameTaken_ShowsTheErrorOnTheForm()
    {
        var existing = await fixture.CreateTenantAsync();
        var client = fixture.CreateClient();
        await PlatformFixture.LoginAsync(client, string.Empty, "admin", PlatformFixture.HostAdminPassword);
        var form = await client.GetStringAsync("/admin/tenants/create");
        var recipe = WebUtility.HtmlDecode(RecipeOptionPattern().Match(form).Groups[1].Value);

        var response = await Forms.PostAsync(client, "/admin/tenants/create", new Dictionary<string, string> { ["Recipe"] = recipe, ["Name"] = existing.Name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Đã có tenant tên &#x27;{existing.Name}&#x27;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostAdminPages_WhenSignedInAsTenantAdmin_AreNotReachable()
    {
        var (_, client) = await SignedInAsync(PlatformRoles.TenantAdmin);

        var hostAdmin = await client.GetAsync("/admin/tenants/create");

        Assert.Equal(HttpStatusCode.Redirect, hostAdmin.StatusCode);
        Assert.StartsWith("/admin/login", hostAdmin.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContestPages_CreateAContestInTheTenantsTimeZone_ThatTheApiLists()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.TenantAdmin);

        var created = await Forms.PostAsync(client, $"/{tenant.Prefix}/admin/contests/edit", new Dictionary<string, string>
        {
            ["Form.Slug"] = "chuyen-doi-so-2023", ["Form.Title"] = "Tìm hiểu về chuyển đổi số tỉnh Bắc Kạn năm 2023",
            ["Form.OpensAt"] = "2023-09-10T00:00", ["Form.ClosesAt"] = "2023-10-01T00:00",
            ["Form.Groups"] = "N1 | Nhóm 1\nN2 | Nhóm 2", ["Form.QuestionsPerAttempt"] = "20", ["Form.TimeLimitSeconds"] = "1200",
            ["Form.GraceSeconds"] = "30", ["Form.AttemptsAllowed"] = "3", ["Form.AttemptsPer"] = "Contest", ["Form.Counts"] = "Best",
            ["Form.MinimumAge"] = "15", ["Form.ShuffleQuestions"] = "true", ["Form.ShuffleOptions"] = "true", ["Form.PointsPerAnswer"] = "1",
            ["Form.PredictionPrompt"] = "Có bao nhiêu bài thi đúng tất cả các câu?", ["Form.Predicts"] = "AllCorrectEntries", ["Form.ShowAnswers"] = "AfterClose",
            ["Form.Prizes"] = "N1 | Nhất | 1 | 2000000", ["Form.UnitPrizeCount"] = "2", ["Form.UnitPrizeMetric"] = "participationRate",
        });
        var list = await client.GetStringAsync($"/{tenant.Prefix}/admin/contests");
        var api = await fixture.CreateClient().GetStringAsync($"/{tenant.Prefix}/api/v1/contests");
        var wrong = await Forms.PostAsync(client, $"/{tenant.Prefix}/admin/contests/edit", new Dictionary<string, string>
        {
            ["Form.Slug"] = "sai", ["Form.Title"] = "Sai", ["Form.OpensAt"] = "2023-10-01T00:00", ["Form.ClosesAt"] = "2023-09-10T00:00",
            ["Form.Groups"] = "N1 | Nhóm 1", ["Form.QuestionsPerAttempt"] = "20", ["Form.TimeLimitSeconds"] = "1200", ["Form.AttemptsAllowed"] = "1", ["Form.PointsPerAnswer"] = "1",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("10/09/2023 00:00 – 01/10/2023 00:00", list, StringComparison.Ordinal);
        Assert.Contains("\"opensAt\":\"2023-09-10T00:00:00+07:00\"", api, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("closesAt", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContestPages_WhenEditor_AreDenied()
    {
        var (tenant, client) = await SignedInAsync(PlatformRoles.Editor);

        var response = await client.GetAsync($"/{tenant.Prefix}/admin/contests");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/{tenant.Prefix}/admin/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<(Platform.Core.Tenancy.TenantInfo Tenant, HttpClient Client)> SignedInAsync(string role)
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "nguoidung", role, Password);
        var client = fixture.CreateClient();
        var login = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "nguoidung", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (tenant, client);
    }

    [GeneratedRegex("Mật khẩu \\(chỉ hiện một lần\\): ([A-Za-z0-9]+)")]
    private static partial Regex PasswordPattern();

    [GeneratedRegex("<option value=\"([^\"]*backan-2023)\"")]
    private static partial Regex RecipeOptionPattern();
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteAdminPagesTests(SqliteFixture fixture) : AdminPagesTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresAdminPagesTests(PostgresFixture fixture) : AdminPagesTests<PostgresFixture>(fixture);
