using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Identity;

public abstract partial class PasswordResetTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task ResetByEmail_SendsALinkWhoseTokenSetsANewPasswordOnce()
    {
        var mail = new CapturingMailSender();
        using var node = fixture.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailSender>(mail)));
        var quiz = await QuizAsync();
        var client = node.CreateClient(new() { AllowAutoRedirect = false });
        await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration(citizenId: "001090777001", phone: "0912777001"));

        var request = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/password-reset", new { login = "0912777001" });
        var message = Assert.Single(mail.Sent);
        var link = LinkPattern().Match(message.Body);
        var (userId, token) = (Uri.UnescapeDataString(link.Groups[1].Value), Uri.UnescapeDataString(link.Groups[2].Value));
        var page = await client.GetAsync($"{quiz.Base}/dat-lai-mat-khau?u={link.Groups[1].Value}&t={link.Groups[2].Value}");
        var confirm = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/password-reset/confirm", new { userId, token, password = "matkhaumoi2024" });
        var again = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/password-reset/confirm", new { userId, token, password = "matkhaukhac2024" });
        var login = await PlatformFixture.LoginAsync(node.CreateClient(), quiz.Base, "001090777001", "matkhaumoi2024");

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        Assert.Equal("an@example.vn", message.To);
        Assert.True(link.Success, message.Body);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // used once
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task ResetRequest_ForAnUnknownLogin_AnswersTheSameAndSendsNothing()
    {
        var mail = new CapturingMailSender();
        using var node = fixture.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMailSender>(mail)));
        var quiz = await QuizAsync();

        var response = await node.CreateClient().PostAsJsonAsync($"{quiz.Base}/api/v1/account/password-reset", new { login = "0999999999" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(mail.Sent);
    }

    [Fact]
    public async Task ResetRequest_WithoutSmtp_DropsTheMailAsAFileUnderTheDataPath()
    {
        var quiz = await QuizAsync();
        await quiz.RegisteredClientAsync(QuizData.Registration(citizenId: "001090777002", phone: "0912777002"));
        var folder = Path.Combine(fixture.DataPath, "mail");
        var before = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Length : 0;

        var response = await fixture.CreateClient().PostAsJsonAsync($"{quiz.Base}/api/v1/account/password-reset", new { login = "001090777002" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(before + 1, Directory.GetFiles(folder, "*.eml").Length);
    }

    [Fact]
    public async Task TenantAdmin_ResetsAContestantsPassword_ShownOnceAndWorking()
    {
        var quiz = await QuizAsync();
        await quiz.RegisteredClientAsync(QuizData.Registration(citizenId: "001090777003", phone: "0912777003"));
        await fixture.CreateUserAsync(quiz.Tenant, "bantochuc", PlatformRoles.TenantAdmin, "matkhau2023");
        var admin = fixture.CreateClient();
        await PlatformFixture.LoginAsync(admin, quiz.Base, "bantochuc", "matkhau2023");

        await Forms.PostAsync(admin, $"{quiz.Base}/admin/users", new Dictionary<string, string> { ["ResetLogin"] = "0912777003" }, handler: "Reset");
        var page = await admin.GetStringAsync($"{quiz.Base}/admin/users");
        var password = PasswordPattern().Match(page).Groups[1].Value;
        var login = await PlatformFixture.LoginAsync(fixture.CreateClient(), quiz.Base, "0912777003", password);

        Assert.NotEmpty(password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task AfterAReset_TheContestantsOtherSessions_AreSignedOutAtTheirNextStampCheck()
    {
        // Checked at every request here (the default is every 30 minutes of a cookie's life).
        using var node = fixture.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var quiz = await QuizAsync();
        var phone = $"0912{Random.Shared.Next(100000, 999999)}";
        var session = node.CreateClient();
        await session.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration(citizenId: $"001090{phone[4..]}", phone: phone));
        var before = await session.GetAsync($"{quiz.Base}/api/v1/me/attempts");
        await using (var scope = fixture.Scope(quiz.Tenant))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
            var user = users.Users.Single(u => u.PhoneNumber == phone);
            Assert.True((await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "matkhaumoi2024")).Succeeded);
        }

        var after = await session.GetAsync($"{quiz.Base}/api/v1/me/attempts");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private async Task<QuizData> QuizAsync()
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddContestAsync();
        return quiz;
    }

    [GeneratedRegex(@"/dat-lai-mat-khau\?u=([^&\s]+)&t=(\S+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("Mật khẩu mới \\(chỉ hiện một lần\\): ([A-Za-z0-9]+)")]
    private static partial Regex PasswordPattern();

    private sealed class CapturingMailSender : IMailSender
    {
        public List<MailMessageData> Sent { get; } = [];

        public Task SendAsync(MailMessageData message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqlitePasswordResetTests(SqliteFixture fixture) : PasswordResetTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresPasswordResetTests(PostgresFixture fixture) : PasswordResetTests<PostgresFixture>(fixture);
