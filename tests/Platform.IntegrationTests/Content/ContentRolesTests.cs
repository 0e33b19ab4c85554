using System.Net;
using Platform.Core.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.QuizAdmin;

namespace Platform.IntegrationTests.Content;

/// <summary>Editors edit the site and nothing else of the admin.</summary>
public abstract class ContentRolesTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    [Theory]
    [InlineData("/admin/content/pages")]
    [InlineData("/admin/content/news")]
    public async Task Editor_OpensTheContentAdmin(string path)
    {
        var editor = await AdminClient.SignInAsync(fixture, PlatformRoles.Editor);

        var response = await editor.Http.GetAsync(editor.Base + path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/questions")]
    [InlineData("/admin/results")]
    public async Task Editor_IsDeniedTheRestOfTheAdmin(string path)
    {
        var editor = await AdminClient.SignInAsync(fixture, PlatformRoles.Editor);

        var response = await editor.Http.GetAsync(editor.Base + path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{editor.Base}/admin/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlatformRoles.Contestant)]
    [InlineData(PlatformRoles.QuestionAuthor)]
    [InlineData(PlatformRoles.Secretary)]
    public async Task OtherRoles_AreDeniedTheContentAdmin(string role)
    {
        var user = await AdminClient.SignInAsync(fixture, role);

        var response = await user.Http.GetAsync(user.Base + "/admin/content/pages");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{user.Base}/admin/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignInFromTheContentAdmin()
    {
        var tenant = await fixture.CreateTenantAsync();

        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/admin/content/pages");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteContentRolesTests(SqliteFixture fixture) : ContentRolesTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresContentRolesTests(PostgresFixture fixture) : ContentRolesTests<PostgresFixture>(fixture);
