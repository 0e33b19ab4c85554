using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Quiz.Data;

namespace Platform.IntegrationTests.QuizAdmin;

/// <summary>A client signed in to a tenant's admin with one role, and what the quiz admin tests need around it.</summary>
public sealed partial class AdminClient(PlatformFixture fixture, TenantInfo tenant, HttpClient client)
{
    private const string Password = "matkhau2023";

    public HttpClient Http => client;

    public TenantInfo Tenant => tenant;

    public QuizData Data { get; } = new(fixture, tenant);

    public string Base => $"/{tenant.Prefix}";

    public static async Task<AdminClient> SignInAsync(PlatformFixture fixture, string role)
    {
        var tenant = await fixture.CreateTenantAsync();
        await fixture.CreateUserAsync(tenant, "nguoidung", role, Password);
        var client = fixture.CreateClient();
        var login = await PlatformFixture.LoginAsync(client, $"/{tenant.Prefix}", "nguoidung", Password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return new AdminClient(fixture, tenant, client);
    }

    public static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    public Task<string> GetStringAsync(string path) => client.GetStringAsync(Base + path);

    /// <summary>Posts the page's form (with its antiforgery token).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields) => Forms.PostAsync(client, Base + path, fields);

    /// <summary>Uploads a file to an import page as the browser does: multipart, with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string path, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync(Base + path);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(AntiforgeryToken(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "upload", fileName);
        return await client.PostAsync(Base + path, form);
    }

    /// <summary>Presses "Xác nhận nhập" on a preview page.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(string path, string previewHtml)
    {
        var confirm = ConfirmFormPattern().Match(previewHtml);
        Assert.True(confirm.Success, "the preview has no confirmation form");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(previewHtml),
            ["Token"] = WebUtility.HtmlDecode(confirm.Groups[1].Value),
            ["Name"] = WebUtility.HtmlDecode(confirm.Groups[2].Value),
        };
        return await client.PostAsync($"{Base}{path}?handler=Confirm", new FormUrlEncodedContent(fields));
    }

    /// <summary>Runs <paramref name="action"/> on the tenant's quiz tables.</summary>
    public async Task<T> InDatabaseAsync<T>(Func<QuizDbContext, Task<T>> action)
    {
        await using var scope = fixture.Scope(tenant);
        return await action(scope.ServiceProvider.GetRequiredService<QuizDbContext>());
    }

    /// <summary>Every question with all its versions, one line each: what a test compares before and after.</summary>
    public Task<List<string>> BankAsync() => InDatabaseAsync(async db =>
    {
        var rows = await (
            from q in db.Questions
            join v in db.QuestionVersions on q.Id equals v.QuestionId
            orderby q.Code, v.Number
            select new { q, v }).ToListAsync();
        return rows.Select(r => $"{r.q.Code}|{r.q.Topic}|{r.q.Difficulty}|{r.q.State}|current v{r.q.CurrentVersion}|v{r.v.Number}{(r.v.Id == r.q.CurrentVersionId ? "*" : "")}|{r.v.Text}|{string.Join(';', r.v.Options)}|{r.v.CorrectIndex}|{r.v.Source}|{r.v.Explanation}").ToList();
    });

    public static string AntiforgeryToken(string html)
    {
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, "no antiforgery token on the page");
        return token.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"Token\" value=\"([^\"]+)\">\\s*<input type=\"hidden\" name=\"Name\" value=\"([^\"]*)\">")]
    private static partial Regex ConfirmFormPattern();
}
