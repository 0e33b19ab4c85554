using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

public abstract class AccountApiTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string Password = "matkhau2023";

    [Fact]
    public async Task Login_WhenUserNameAndPasswordRight_SignsInWithRoles()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bientap", PlatformRoles.Editor, Password);
        var client = fixture.CreateClient();

        var response = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "bientap", Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bientap", body.GetProperty("userName").GetString());
        Assert.Equal(PlatformRoles.Editor, body.GetProperty("roles")[0].GetString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".platform.auth.", StringComparison.Ordinal));
        Assert.Contains($"path=/{tenant.Prefix}", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/{tenant.Prefix}/admin")).StatusCode);
    }

    [Fact]
    public async Task ASignedInClientsRequests_DecryptItsCookieOncePerNode()
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddContestAsync();
        var client = await quiz.RegisteredClientAsync();
        var tickets = Assert.IsType<CachedTicketFormat>(fixture.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).TicketDataFormat);
        (await client.GetAsync($"{quiz.Base}/api/v1/me/attempts")).EnsureSuccessStatusCode();

        var before = tickets.Decrypted;
        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync($"{quiz.Base}/api/v1/me/attempts")).EnsureSuccessStatusCode();
        }

        Assert.Equal(before, tickets.Decrypted);
    }

    [Theory]
    [InlineData("0912345678")] // as stored
    [InlineData("+84 912 345 678")] // international form with spaces
    public async Task Login_WhenPhoneGiven_FindsTheAccount(string login)
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "thuky", PlatformRoles.Secretary, Password, phone: "0912345678");

        var response = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{tenant.Prefix}", login, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_WhenPasswordWrong_Returns401ProblemWithCode()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bientap", PlatformRoles.Editor, Password);

        var response = await PlatformFixture.LoginAsync(fixture.CreateClient(), $"/{tenant.Prefix}", "bientap", "sai-mat-khau1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("invalid-credentials", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WhenFieldsMissing_Returns400WithErrorsByField()
    {
        var tenant = await fixture.CreateTenantAsync();

        var response = await fixture.CreateClient().PostAsJsonAsync($"/{tenant.Prefix}/api/v1/account/login", new { login = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("validation", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("login", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Login_WhenFiveFailures_LocksTheAccountEvenForTheRightPassword()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bientap", PlatformRoles.Editor, Password);
        var client = fixture.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "bientap", "sai-mat-khau1");
        }

        var response = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "bientap", Password);

        Assert.Equal((HttpStatusCode)423, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("locked-out", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WhenSignedIn_EndsTheSession()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bientap", PlatformRoles.Editor, Password);
        var client = fixture.CreateClient();
        await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "bientap", Password);

        var logout = await client.PostAsJsonAsync($"/{tenant.Prefix}/api/v1/account/logout", new { });
        var admin = await client.GetAsync($"/{tenant.Prefix}/admin");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
    }

    [Fact]
    public async Task Login_WhenBodyIsAForm_IsRefused()
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "bientap", PlatformRoles.Editor, Password);

        // A cross-site HTML form can only send form encodings; the API takes JSON only.
        var response = await fixture.CreateClient().PostAsync(
            $"/{tenant.Prefix}/api/v1/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = "bientap", ["password"] = Password }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HostAdmin_WhenSignedInOnHost_CanOpenHostAdmin()
    {
        var client = fixture.CreateClient();

        var login = await PlatformFixture.LoginAsync(client, string.Empty, "admin", PlatformFixture.HostAdminPassword);
        var admin = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("Các tenant", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteAccountApiTests(SqliteFixture fixture) : AccountApiTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresAccountApiTests(PostgresFixture fixture) : AccountApiTests<PostgresFixture>(fixture);
