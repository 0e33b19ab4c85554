using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Data;

namespace Platform.IntegrationTests.Attempts;

public abstract class RegistrationTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Fact]
    public async Task Register_WhenValid_CreatesTheContestantWithConsentAndSignsIn()
    {
        var quiz = await QuizAsync();
        var client = fixture.CreateClient();

        var response = await client.PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration(citizenId: "001090000001", phone: "+84 912 000 001"));
        var mine = await client.GetAsync($"{quiz.Base}/api/v1/me/attempts");

        var home = await client.GetStringAsync($"{quiz.Base}/");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("contestantId").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Đăng xuất", home, StringComparison.Ordinal); // the home page knows who is signed in
        Assert.DoesNotContain("001090000001", home, StringComparison.Ordinal); // and shows no citizen id
        await using var scope = fixture.Scope(quiz.Tenant);
        var contestant = await scope.ServiceProvider.GetRequiredService<QuizDbContext>().Contestants.SingleAsync();
        Assert.Equal("0912000001", contestant.Phone);
        Assert.Equal(Quiz.Contestants.Consent.Version, contestant.ConsentVersion);
        Assert.True(contestant.ConsentedAt > DateTime.UtcNow.AddMinutes(-1));
    }

    [Theory]
    [InlineData("0912000002")] // by phone
    [InlineData("001090000002")] // by citizen id
    public async Task Login_AfterRegistering_WorksWithPhoneOrCitizenId(string login)
    {
        var quiz = await QuizAsync();
        await quiz.RegisteredClientAsync(QuizData.Registration(citizenId: "001090000002", phone: "0912000002"));

        var response = await PlatformFixture.LoginAsync(fixture.CreateClient(), quiz.Base, login, QuizData.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("citizenId", "00109000000")] // 11 digits
    [InlineData("phone", "0209387000")] // a landline
    [InlineData("dateOfBirth", "17/05/1990")] // not yyyy-MM-dd
    [InlineData("consent", "false")] // no consent
    [InlineData("unitCode", "NO-SUCH-UNIT")] // not in the tree
    [InlineData("groupCode", "N9")] // no such group
    [InlineData("password", "short")] // too weak
    public async Task Register_WhenAFieldIsWrong_Returns400WithThatField(string field, string value)
    {
        var quiz = await QuizAsync();
        var body = JsonSerializer.SerializeToNode(QuizData.Registration())!.AsObject();
        body[field] = field == "consent" ? false : value;

        var response = await fixture.CreateClient().PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("validation", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData(true, false)] // same citizen id
    [InlineData(false, true)] // same phone
    public async Task Register_WhenCitizenIdOrPhoneAlreadyRegistered_Returns409DuplicateAccount(bool sameCitizenId, bool samePhone)
    {
        var quiz = await QuizAsync();
        await quiz.RegisteredClientAsync(QuizData.Registration(citizenId: "001090000003", phone: "0912000003"));

        var response = await fixture.CreateClient().PostAsJsonAsync($"{quiz.Base}/api/v1/account/register",
            QuizData.Registration(citizenId: sameCitizenId ? "001090000003" : "001090000004", phone: samePhone ? "0912000003" : "0912000004"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.EndsWith("duplicate-account", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WhenTooYoungForEveryContest_IsNotEligible()
    {
        var quiz = await QuizAsync();

        var response = await fixture.CreateClient().PostAsJsonAsync($"{quiz.Base}/api/v1/account/register", QuizData.Registration(dateOfBirth: "2015-01-01"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.EndsWith("not-eligible", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsAndContests_AreListedForTheRegistrationForm()
    {
        var quiz = await QuizAsync();

        var units = await fixture.CreateClient().GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/units");
        var contests = await fixture.CreateClient().GetFromJsonAsync<JsonElement>($"{quiz.Base}/api/v1/contests");

        Assert.Equal("BK-TP", units[0].GetProperty("code").GetString());
        Assert.Equal("BK-TP", units[1].GetProperty("parentCode").GetString());
        Assert.Equal("open", contests[0].GetProperty("state").GetString());
        Assert.Equal(2, contests[0].GetProperty("groups").GetArrayLength());
        Assert.EndsWith("+07:00", contests[0].GetProperty("opensAt").GetString(), StringComparison.Ordinal);
    }

    private async Task<QuizData> QuizAsync()
    {
        var quiz = new QuizData(fixture, await fixture.CreateTenantAsync());
        await quiz.AddUnitsAsync();
        await quiz.AddQuestionsAsync(10);
        await quiz.AddContestAsync();
        return quiz;
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteRegistrationTests(SqliteFixture fixture) : RegistrationTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresRegistrationTests(PostgresFixture fixture) : RegistrationTests<PostgresFixture>(fixture);
